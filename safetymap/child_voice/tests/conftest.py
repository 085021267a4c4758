"""Fixtures for the child's voice tests: a case with its allocated worker, a read-only
colleague, a stranger, and a Three Houses session with words in it."""

from __future__ import annotations

import pytest

from safetymap.accounts.models import Role
from safetymap.child_voice import services
from safetymap.child_voice.models import House, SessionKind
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Stored drawings go to this test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def case(db):
    return CaseFactory(child=PersonFactory(first_name="Kian", known_as=""))


@pytest.fixture
def worker(case):
    return AllocationFactory(case=case, worker__team=case.team).worker


@pytest.fixture
def reader(case):
    return UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def session(worker, case):
    return services.session_record(
        actor=worker,
        case=case,
        kind=SessionKind.THREE_HOUSES,
        values={"place": "At school", "parent_told": "Mum", "name_worries": "Sad house"},
    )


def _say(worker, session, house, words, written_by):
    values = {"house": house, "words": words, "written_by": written_by}
    return services.entry_add(actor=worker, session=session, values=values)


@pytest.fixture
def worry(worker, session):
    return _say(
        worker, session, House.WORRIES, "when dad shouts at mum i hide under my bed", "child"
    )


@pytest.fixture
def good_thing(worker, session):
    return _say(worker, session, House.GOOD, "Nan makes pancakes on Saturday", "worker")


@pytest.fixture
def dream(worker, session):
    return _say(worker, session, House.DREAMS, "everyone is kind at home", "child")
