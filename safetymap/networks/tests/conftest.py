import pytest
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.cases.models import Relationship
from safetymap.mapping import services as map_services
from safetymap.networks import services
from tests.factories import AllocationFactory, CaseFactory, CaseMemberFactory, UserFactory


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
def add_statement(worker):
    def add(case, behaviour="Dad shouts at Mum and has pushed her when he drinks"):
        return map_services.danger_statement_add(
            actor=worker,
            case=case,
            values={
                "who_is_worried": "The school",
                "adult_behaviour": behaviour,
                "feared_for_child": "Kian will be hurt",
            },
        )

    return add


@pytest.fixture
def save_version(worker):
    def save(case):
        return map_services.map_version_save(
            actor=worker, case=case, occasion="visit", note="", saved_on=timezone.localdate()
        )

    return save


@pytest.fixture
def add_member(worker):
    """A person on the case added to the network (a grandmother unless told otherwise)."""

    def add(case, *, knowledge="everything", roles=(), first_name="Maureen", **kwargs):
        person = CaseMemberFactory(
            case=case,
            relationship=kwargs.pop("relationship", Relationship.GRANDPARENT),
            person__first_name=first_name,
            lives_with_child=False,
            parental_responsibility=False,
        )
        return services.network_member_add(
            actor=worker,
            case=case,
            case_member=person,
            values={"knowledge": knowledge, "availability": "", "contact_details": ""},
            roles=roles,
            **kwargs,
        )

    return add
