import datetime
from unittest import mock

import pytest
from django.utils import timezone

from safetymap.accounts import sessions
from safetymap.accounts.models import Role
from safetymap.accounts.reauth import REAUTH_SESSION_KEY
from safetymap.audit.models import AccessEvent
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, UserFactory


@pytest.fixture
def case(db):
    return CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle"))


@pytest.fixture
def worker(case):
    """The allocated practitioner: can see the case, may not read its access log."""
    return AllocationFactory(
        case=case,
        worker__team=case.team,
        worker__first_name="Priya",
        worker__last_name="Shah",
        worker__job_title="Social worker",
    ).worker


@pytest.fixture
def manager(case):
    """The team manager of the case's team."""
    return UserFactory(
        role=Role.TEAM_MANAGER, team=case.team, first_name="Morag", last_name="Ellis"
    )


@pytest.fixture
def governance(db):
    """Information governance: a council administrator, with no relationship to any case."""
    return UserFactory(
        role=Role.COUNCIL_ADMINISTRATOR, team=None, first_name="Iris", last_name="Gale"
    )


@pytest.fixture
def stranger(db):
    """A team manager of another team: no relationship to the case."""
    return UserFactory(role=Role.TEAM_MANAGER)


def add_event(case, actor, *, what="Case overview", basis="allocated worker", days_ago=0):
    """An access event written `days_ago` days ago (audit rows can never be changed after
    they are written, so the clock is set back while it is written)."""
    when = timezone.now() - datetime.timedelta(days=days_ago)
    with mock.patch("django.utils.timezone.now", return_value=when):
        return AccessEvent.objects.create(actor=actor, case_uuid=case.uuid, what=what, basis=basis)


def confirm_its_me(client):
    """As if the signed-in user had just passed "Confirm it's you" (exports need it)."""
    session = client.session
    session[REAUTH_SESSION_KEY] = sessions.now()
    session.save()
