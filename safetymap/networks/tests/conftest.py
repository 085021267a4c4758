import pytest
from django.utils import timezone

from safetymap.cases.models import Relationship
from safetymap.mapping import services as map_services
from safetymap.mapping.tests import conftest as map_fixtures
from safetymap.networks import services
from tests.factories import CaseMemberFactory

# The same case and people as the map's tests: an allocated worker, a reader, a stranger.
case = map_fixtures.case
worker = map_fixtures.worker
reader = map_fixtures.reader
stranger = map_fixtures.stranger


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
