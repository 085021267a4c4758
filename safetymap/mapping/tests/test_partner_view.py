"""What a partner professional sees of the map: only the items shared with them, each saying
who shared it and when; the scales only if shared; never the saved versions."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.cases import services as case_services
from safetymap.cases.models import SharedKind
from safetymap.cases.selectors import partner_view
from safetymap.mapping import services
from safetymap.mapping.models import Part
from safetymap.mapping.selectors import shared_snapshot
from safetymap.mapping.snapshot import build_snapshot
from tests.factories import (
    DangerStatementFactory,
    MapItemFactory,
    NextStepFactory,
    SafetyGoalFactory,
    ScaleRatingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HARM = "Kayden came to school with a cut lip and said Dad's friend hit him."
STRENGTH = "Kayden's aunt Shona picks him up from school every day."


class Map:
    partner: Any

    def __init__(self, case: Any, worker: Any) -> None:
        self.case, self.worker = case, worker
        self.harm = MapItemFactory(case=case, part=Part.HARM, text=HARM)
        self.strength = MapItemFactory(case=case, part=Part.STRENGTH, text=STRENGTH)
        self.shared_statement = DangerStatementFactory(
            case=case, statement="The school is worried Kayden is left with adults who hit him."
        )
        self.other_statement = DangerStatementFactory(
            case=case, statement="Children's services worry Mum will go back to Lee."
        )
        self.paired_goal = SafetyGoalFactory(
            danger_statement=self.other_statement, statement="Mum keeps Lee away from home."
        )
        self.step = NextStepFactory(case=case, action="Shona to meet the school nurse")
        self.hidden_step = NextStepFactory(case=case, action="Police check on Lee")
        self.overall = ScaleRatingFactory(case=case, rater_name="Ms Bell", score=3)
        self.statement_rating = ScaleRatingFactory(
            case=case, danger_statement=self.other_statement, rater_name="Mr Cole", score=2
        )
        self.partner = UserFactory(
            role=Role.PARTNER_PROFESSIONAL, team=None, first_name="Ana", last_name="Bell"
        )
        self.share = case_services.case_share_add(actor=worker, case=case, partner=self.partner)

    def share_only(self, *pairs: tuple[str, Any]) -> Client:
        self.share.refresh_from_db()
        case_services.shared_items_choose(
            actor=self.worker,
            share=self.share,
            chosen={(kind, row.uuid) for kind, row in pairs},
            expected_version=self.share.version,
        )
        client = Client()
        client.force_login(self.partner)
        return client

    def url(self, name: str, **kwargs: Any) -> str:
        return reverse(name, kwargs={"case_uuid": self.case.uuid, **kwargs})


@pytest.fixture
def the_map(case, worker) -> Map:
    return Map(case, worker)


def test_the_map_shows_only_what_is_shared(the_map):
    client = the_map.share_only(
        (SharedKind.MAP_ITEM, the_map.strength),
        (SharedKind.DANGER_STATEMENT, the_map.shared_statement),
        (SharedKind.SAFETY_GOAL, the_map.paired_goal),  # without its statement
        (SharedKind.NEXT_STEP, the_map.step),
    )
    response = client.get(the_map.url("mapping:map"))
    html = response.content.decode()
    assert response.status_code == 200
    for shown in (
        "aunt Shona picks him up",
        "left with adults who hit him",
        "Mum keeps Lee away from home.",
        "Shona to meet the school nurse",
        f"Shared with you by {the_map.worker.display_name} on",
    ):
        assert shown in html, shown
    for hidden in ("cut lip", "go back to Lee", "Police check on Lee", "Ms Bell", "version"):
        assert hidden not in html, hidden
    assert "Nothing here has been shared with you." in html  # harm, complicating, ...
    assert 'id="scales"' not in html and "Change" not in html


def test_staff_see_the_whole_map_and_no_shared_notes(the_map, worker):
    the_map.share_only((SharedKind.MAP_ITEM, the_map.strength))
    client = Client()
    client.force_login(worker)
    html = client.get(the_map.url("mapping:map")).content.decode()
    assert "cut lip" in html and "Police check on Lee" in html
    assert "Shared with you" not in html


def test_scales_only_when_shared_and_only_for_shared_statements(the_map):
    client = the_map.share_only((SharedKind.DANGER_STATEMENT, the_map.shared_statement))
    assert client.get(the_map.url("mapping:scales")).status_code == 404
    client = the_map.share_only(
        (SharedKind.DANGER_STATEMENT, the_map.shared_statement), (SharedKind.SCALES, the_map.case)
    )
    html = client.get(the_map.url("mapping:scales")).content.decode()
    assert "Ms Bell" in html and "Mr Cole" not in html
    assert 'id="scales"' in client.get(the_map.url("mapping:map")).content.decode()


def test_saved_versions_are_never_shared(the_map):
    services.map_version_save(
        actor=the_map.worker,
        case=the_map.case,
        occasion="visit",
        note="",
        saved_on=the_map.case.opened_on,
    )
    client = the_map.share_only((SharedKind.MAP_ITEM, the_map.strength))
    for url in (
        the_map.url("mapping:versions"),
        the_map.url("mapping:version", number=1),
        the_map.url("mapping:version_compare"),
    ):
        assert client.get(url).status_code == 404, url


def test_shared_snapshot_cuts_every_collection(the_map):
    the_map.share_only(
        (SharedKind.MAP_ITEM, the_map.harm),
        (SharedKind.DANGER_STATEMENT, the_map.shared_statement),
        (SharedKind.SCALES, the_map.case),
    )
    shared = partner_view(the_map.partner, the_map.case)
    assert shared is not None
    cut = shared_snapshot(build_snapshot(the_map.case), shared)
    assert [row["uuid"] for row in cut["items"]] == [str(the_map.harm.uuid)]
    assert [row["uuid"] for row in cut["danger_statements"]] == [str(the_map.shared_statement.uuid)]
    assert cut["goals"] == [] and cut["next_steps"] == []
    assert [row["uuid"] for row in cut["ratings"]] == [str(the_map.overall.uuid)]
    assert "shared_item" not in cut["items"][0]


def test_the_partner_map_costs_the_same_however_much_is_shared(the_map):
    client = the_map.share_only((SharedKind.MAP_ITEM, the_map.strength))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(the_map.url("mapping:map")).status_code == 200
        return len(captured)

    small = queries()
    more = [MapItemFactory(case=the_map.case, text=f"Strength {n}") for n in range(12)]
    the_map.share_only(*[(SharedKind.MAP_ITEM, item) for item in more])
    assert queries() == small
