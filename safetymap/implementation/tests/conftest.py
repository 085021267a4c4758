import datetime

import pytest
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.implementation import services
from tests.factories import AllocationFactory, CaseFactory, TeamFactory, UserFactory


@pytest.fixture
def case(db):
    return CaseFactory(team=TeamFactory(name="Assessment team 2"))


@pytest.fixture
def worker(case):
    return AllocationFactory(
        case=case, worker__team=case.team, worker__first_name="Priya", worker__last_name="Shah"
    ).worker


@pytest.fixture
def manager(case):
    return UserFactory(team=case.team, role=Role.TEAM_MANAGER, first_name="Dawn")


@pytest.fixture
def lead(db):
    return UserFactory(team=TeamFactory(name="Practice development"), role=Role.PRACTICE_LEAD)


@pytest.fixture
def other_lead(lead):
    return UserFactory(team=lead.team, role=Role.PRACTICE_LEAD)


@pytest.fixture
def stranger(db):
    return UserFactory(team=TeamFactory())


@pytest.fixture
def record_group(worker, manager):
    """Record group supervision of a case, held `days_ago`, with `advisor` advising."""

    def record(case, *, advisor=None, days_ago=0, participants=()):
        return services.group_supervision_record(
            actor=worker,
            case=case,
            held_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            presenting_worker=worker,
            facilitator=manager,
            advisor=advisor,
            participants=list(participants),
            question="How to help Dad see what Leah sees when he has been drinking",
        )

    return record


@pytest.fixture
def group(case, lead, record_group):
    return record_group(case, advisor=lead)
