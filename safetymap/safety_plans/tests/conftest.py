import datetime

import pytest

from safetymap.accounts.models import Role
from safetymap.cases import services as case_services
from safetymap.safety_plans import services
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    DangerStatementFactory,
    UserFactory,
)

TODAY = datetime.date.today()


@pytest.fixture
def case(db):
    return CaseFactory()


@pytest.fixture
def worker(case):
    """The allocated practitioner: may read and change the case."""
    return AllocationFactory(case=case, worker__team=case.team).worker


@pytest.fixture
def reader(case):
    """Business support in the case's team: may read, may not change."""
    return UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def partner(case, worker):
    """A partner professional the case is shared with (the overview and the map only)."""
    partner = UserFactory(team=None, role=Role.PARTNER_PROFESSIONAL)
    case_services.case_share_add(actor=worker, case=case, partner=partner, reason="School")
    return partner


@pytest.fixture
def statement(case):
    return DangerStatementFactory(case=case)


@pytest.fixture
def gran(case):
    return CaseMemberFactory(case=case, relationship="grandparent")


def rule_values(statement, *people, **changes):
    return {
        "adult_words": "Dad will not come to the house after he has been drinking.",
        "child_words": "Daddy only comes round when he hasn't had beer.",
        "danger_statement": statement,
        "responsible_members": list(people),
        "responsible_staff": [],
        "how_checked": "Gran rings Mum at 7pm and asks if Dad has been round.",
        "how_often": "Every evening",
        **changes,
    }


@pytest.fixture
def draft(case, worker, statement, gran):
    version = services.safety_plan_create(
        actor=worker, case=case, kind="immediate", title="Plan for when Dad comes home"
    )
    services.plan_line_add(
        actor=worker, plan_version=version, kind="rules", values=rule_values(statement, gran)
    )
    version.refresh_from_db()
    return version


@pytest.fixture
def testing(draft, worker, gran):
    services.plan_agree(
        actor=worker,
        plan_version=draft,
        expected_version=draft.version,
        agreers=[services.Agreer(member=gran), services.Agreer(staff=worker)],
        agreed_on=TODAY,
    )
    draft.refresh_from_db()
    return services.plan_start_testing(
        actor=worker,
        plan_version=draft,
        expected_version=draft.version,
        started_on=TODAY,
        testing_until=TODAY + datetime.timedelta(weeks=6),
    )
