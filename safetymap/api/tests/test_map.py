"""The live map and its saved versions."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from safetymap.api.schemas import SNAPSHOT_SHAPES
from safetymap.api.tests.helpers import World, send, today
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases.policies import Basis
from safetymap.mapping.models import MapLabelSet, MapVersion, Part
from safetymap.mapping.snapshot import build_snapshot
from tests.factories import (
    DangerStatementFactory,
    MapItemFactory,
    NextStepFactory,
    SafetyGoalFactory,
    ScaleRatingFactory,
)


def test_live_map_is_the_snapshot_with_labels(world: World, as_reader: Client) -> None:
    MapLabelSet.objects.create(
        service_level="child_protection", labels={"danger_statement": "Worry statement"}
    )
    response = as_reader.get(world.url("/map"))
    assert response.status_code == 200
    body = response.json()
    snapshot = build_snapshot(world.case)
    for collection in ("items", "danger_statements", "goals", "next_steps", "ratings"):
        assert [row["uuid"] for row in body[collection]] == [
            row["uuid"] for row in snapshot[collection]
        ]
    assert body["goals"][0]["danger_statement"] == str(world.statement.uuid)
    assert body["labels"]["danger_statement"] == "Worry statement"
    assert body["labels"]["harm"] == "Harm"
    assert body["service_level"] == "child_protection"
    event = AccessEvent.objects.get(actor=world.reader)
    assert (event.case_uuid, event.what, event.basis) == (world.case.uuid, "API: map", Basis.TEAM)


def test_map_changes_are_shown_with_who_made_them(world: World, as_worker: Client) -> None:
    assert as_worker.get(world.url("/map")).json()["last_changed_by"] is None
    send(
        as_worker,
        "patch",
        world.url(f"/map/items/{world.item.uuid}"),
        {"text": "New", "version": 1},
    )
    body = as_worker.get(world.url("/map")).json()
    assert body["last_changed_by"] == {"uuid": str(world.worker.uuid), "name": "Priya Chaudhry"}
    assert body["last_changed_at"]


def test_record_schemas_match_the_snapshot() -> None:
    for schema, keys in SNAPSHOT_SHAPES.values():
        assert list(schema.model_fields) == ["uuid", "version", *keys]


def test_map_reads_a_fixed_number_of_queries(world: World, as_worker: Client) -> None:
    def map_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert as_worker.get(world.url("/map")).status_code == 200
        return len(queries)

    small = map_queries()
    for _ in range(3):
        statement = DangerStatementFactory(case=world.case)
        for _ in range(3):
            goal = SafetyGoalFactory(danger_statement=statement)
            NextStepFactory(case=world.case, goal=goal)
            ScaleRatingFactory(case=world.case, danger_statement=statement)
    for part in Part.values:
        for _ in range(5):
            MapItemFactory(case=world.case, part=part)
    large = map_queries()
    assert large == small
    assert len(as_worker.get(world.url("/map")).json()["items"]) == 31


def test_versions_list_and_one_version(world: World, as_worker: Client) -> None:
    listed = as_worker.get(world.url("/map/versions"))
    assert listed.status_code == 200
    assert listed.json()["count"] == 1
    [version] = listed.json()["items"]
    assert version["number"] == 1
    assert version["saved_by"]["name"] == "Priya Chaudhry"
    assert version["occasion"] == "visit"

    one = as_worker.get(world.url("/map/versions/1"))
    assert one.status_code == 200
    assert one.json()["snapshot"]["items"][0]["text"] == "Police were called to the home."
    assert one.json()["labels"]["goal"] == "Safety goal"
    assert as_worker.get(world.url("/map/versions/2")).status_code == 404
    whats = set(AccessEvent.objects.filter(actor=world.worker).values_list("what", flat=True))
    assert {"API: map versions", "API: map version 1"} <= whats


def test_saving_a_version_freezes_the_map(world: World, as_worker: Client) -> None:
    response = send(
        as_worker,
        "post",
        world.url("/map/versions"),
        {"occasion": "meeting", "note": "After the core group.", "saved_on": today().isoformat()},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == 2
    assert body["snapshot"]["danger_statements"][0]["uuid"] == str(world.statement.uuid)
    version = MapVersion.objects.get(uuid=body["uuid"])
    assert version.saved_by == world.worker
    assert AuditEvent.objects.filter(object_uuid=version.uuid, action="create").exists()

    # A later change to the live map leaves the saved version as it was.
    send(
        as_worker,
        "patch",
        world.url(f"/map/items/{world.item.uuid}"),
        {"text": "New", "version": 1},
    )
    saved = as_worker.get(world.url("/map/versions/2")).json()
    assert saved["snapshot"]["items"][0]["text"] == "Police were called to the home."


def test_a_version_cannot_be_given_a_number(world: World, as_worker: Client) -> None:
    response = send(
        as_worker, "post", world.url("/map/versions"), {"occasion": "visit", "number": 7}
    )
    assert response.status_code == 422
    assert MapVersion.objects.filter(case=world.case).count() == 1
