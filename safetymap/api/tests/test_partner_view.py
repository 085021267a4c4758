"""The API reads a partner professional makes return only what is shared with them, as the
pages do: whose record it is, the shared map items, and 404 for people and saved versions."""

from __future__ import annotations

from typing import Any

import pytest

from safetymap.accounts.models import Role
from safetymap.api.tests.helpers import World, signed_in
from safetymap.audit.models import AccessEvent
from safetymap.cases import services as case_services
from safetymap.cases.models import SharedKind
from tests.factories import MapItemFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(world: World) -> Any:
    partner: Any = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
    share = case_services.case_share_add(actor=world.worker, case=world.case, partner=partner)
    case_services.shared_items_choose(
        actor=world.worker,
        share=share,
        chosen={
            (SharedKind.DANGER_STATEMENT, world.statement.uuid),
            (SharedKind.NEXT_STEP, world.step.uuid),
        },
        expected_version=share.version,
    )
    return partner


def test_the_map_holds_only_shared_items(world, partner):
    MapItemFactory(case=world.case, text="Grandma has the children on Fridays.")
    body = signed_in(partner).get(world.url("/map")).json()
    assert [row["uuid"] for row in body["danger_statements"]] == [str(world.statement.uuid)]
    assert [row["uuid"] for row in body["next_steps"]] == [str(world.step.uuid)]
    assert body["items"] == [] and body["goals"] == [] and body["ratings"] == []
    assert body["last_changed_by"] is None
    assert AccessEvent.objects.filter(actor=partner, what="API: map").get().basis == "shared"


def test_staff_read_the_whole_map(world, partner, as_worker):
    body = as_worker.get(world.url("/map")).json()
    assert len(body["items"]) == 1 and len(body["ratings"]) == 1 and len(body["goals"]) == 1


def test_the_case_says_whose_record_it_is_and_no_more(world, partner):
    body = signed_in(partner).get(world.url()).json()
    assert body["child"]["first_name"] == "Kayden" and body["reference"] == "SM-204817"
    assert body["child"]["address"] == "" and body["summary"] == ""
    assert body["members"] == [] and body["service_level_history"] == []
    assert [worker["name"] for worker in body["workers"]] == [world.worker.display_name]
    assert body["can_edit"] is False


def test_people_and_versions_are_not_shared(world, partner):
    client = signed_in(partner)
    for path in ("/people", "/map/versions", "/map/versions/1"):
        assert client.get(world.url(path)).status_code == 404, path
    assert not AccessEvent.objects.filter(actor=partner, what__startswith="API: map version")
