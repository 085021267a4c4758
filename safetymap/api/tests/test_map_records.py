"""Adding, changing and removing every kind of map record, with the same guarantees."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from safetymap.api.maps import KINDS
from safetymap.api.tests.helpers import (
    KIND_CASES,
    KindCase,
    World,
    send,
    statement_on_another_case,
)
from safetymap.audit.models import AuditEvent
from safetymap.core.versioning import STALE_MESSAGE
from safetymap.mapping.models import DangerStatement, MapItem, Part, SafetyGoal
from tests.factories import DangerStatementFactory

kinds = pytest.mark.parametrize("kind", KIND_CASES, ids=[k.slug for k in KIND_CASES])


def test_every_kind_is_tested() -> None:
    assert [k.slug for k in KINDS] == [k.slug for k in KIND_CASES]


def current(row: Any) -> Any:
    return type(row).objects.get(pk=row.pk)


@kinds
def test_add_change_remove_round_trip(world: World, as_worker: Client, kind: KindCase) -> None:
    existing = getattr(world, kind.attr)
    model = type(existing)

    added = send(as_worker, "post", world.url(f"/map/{kind.slug}"), kind.create(world))
    assert added.status_code == 201, added.json()
    body = added.json()
    row = model.objects.get(uuid=body["uuid"])
    assert row.case == world.case and row.version == 1 == body["version"]
    assert AuditEvent.objects.filter(
        object_uuid=row.uuid, action="create", actor=world.worker, case_uuid=world.case.uuid
    ).exists()
    on_map = as_worker.get(world.url("/map")).json()
    collection = {"items": "items", "scales": "ratings"}.get(kind.slug, kind.slug.replace("-", "_"))
    assert body in on_map[collection]

    changed = send(
        as_worker,
        "patch",
        world.url(f"/map/{kind.slug}/{row.uuid}"),
        {**kind.edit, "version": 1},
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["version"] == 2
    field, value = kind.changed
    assert getattr(current(row), field) == value
    update = AuditEvent.objects.get(object_uuid=row.uuid, action="update")
    assert list(update.changes) == [field] and update.actor == world.worker

    removed = as_worker.delete(world.url(f"/map/{kind.slug}/{row.uuid}?version=2"))
    assert removed.status_code == 204
    assert current(row).removed_at is not None
    assert AuditEvent.objects.filter(object_uuid=row.uuid, action="remove").exists()
    on_map = as_worker.get(world.url("/map")).json()
    assert row.uuid not in {r["uuid"] for r in on_map[collection]}
    again = send(as_worker, "patch", world.url(f"/map/{kind.slug}/{row.uuid}"), {"version": 3})
    assert again.status_code == 404


@kinds
def test_stale_change_and_remove_are_409_and_change_nothing(
    world: World, as_worker: Client, kind: KindCase
) -> None:
    row = getattr(world, kind.attr)
    if kind.slug == "danger-statements":  # a statement with goals cannot be removed at all
        SafetyGoal.objects.filter(pk=world.goal.pk).update(removed_at=timezone.now())
    type(row).objects.filter(pk=row.pk).update(version=row.version + 1)
    before = current(row)
    audits = AuditEvent.objects.count()

    stale = send(
        as_worker,
        "patch",
        world.url(f"/map/{kind.slug}/{row.uuid}"),
        {**kind.edit, "version": row.version},
    )
    assert stale.status_code == 409
    assert stale.json() == {"detail": STALE_MESSAGE}
    stale_remove = as_worker.delete(world.url(f"/map/{kind.slug}/{row.uuid}?version=1"))
    assert stale_remove.status_code == 409

    after = current(row)
    field, _ = kind.changed
    assert getattr(after, field) == getattr(before, field)
    assert after.removed_at is None and after.version == before.version
    assert AuditEvent.objects.count() == audits


@kinds
def test_invalid_request_is_422_and_adds_nothing(
    world: World, as_worker: Client, kind: KindCase
) -> None:
    model = type(getattr(world, kind.attr))
    rows, audits = model.objects.count(), AuditEvent.objects.count()
    response = send(as_worker, "post", world.url(f"/map/{kind.slug}"), kind.invalid)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert response.json()["errors"]
    assert (model.objects.count(), AuditEvent.objects.count()) == (rows, audits)


@kinds
@pytest.mark.parametrize(
    "field", ["case", "uuid", "id", "version", "removed_at", "created_at", "case_id"]
)
def test_privileged_fields_are_refused(
    world: World, as_worker: Client, kind: KindCase, field: str
) -> None:
    model = type(getattr(world, kind.attr))
    rows = model.objects.count()
    body = {**kind.create(world), field: str(world.case.uuid)}
    response = send(as_worker, "post", world.url(f"/map/{kind.slug}"), body)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "loc": ["body", "payload", field],
            "msg": "This field cannot be set",
            "type": "extra_forbidden",
        }
    ]
    assert model.objects.count() == rows


@kinds
@pytest.mark.parametrize("field", ["case", "uuid", "removed_at", "updated_at", "nonsense"])
def test_unknown_or_privileged_fields_in_a_change_are_refused(
    world: World, as_worker: Client, kind: KindCase, field: str
) -> None:
    row = getattr(world, kind.attr)
    body = {**kind.edit, "version": row.version, field: None}
    response = send(as_worker, "patch", world.url(f"/map/{kind.slug}/{row.uuid}"), body)
    assert response.status_code == 422
    assert current(row).version == row.version


def test_items_cannot_change_part_directly(world: World, as_worker: Client) -> None:
    response = send(
        as_worker,
        "patch",
        world.url(f"/map/items/{world.item.uuid}"),
        {"part": "strength", "version": world.item.version},
    )
    assert response.status_code == 422
    assert current(world.item).part == Part.HARM


def test_null_is_refused_where_the_record_cannot_be_empty(world: World, as_worker: Client) -> None:
    response = send(
        as_worker,
        "patch",
        world.url(f"/map/items/{world.item.uuid}"),
        {"text": None, "version": world.item.version},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "text: Input should be a valid string"


def test_protection_without_the_danger_is_filed_as_a_strength(
    world: World, as_worker: Client
) -> None:
    body = {"part": "safety", "text": "Grandma stayed over last weekend.", "danger_present": False}
    response = send(as_worker, "post", world.url("/map/items"), body)
    assert response.status_code == 201
    assert response.json()["part"] == "strength"


def test_danger_statement_hard_limit_is_422_with_the_services_message(
    world: World, as_worker: Client
) -> None:
    for _ in range(3):
        DangerStatementFactory(case=world.case)
    body = next(k for k in KIND_CASES if k.slug == "danger-statements").create(world)
    response = send(as_worker, "post", world.url("/map/danger-statements"), body)
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "This map already has 4 danger statements, the most allowed. "
        "Combine or remove one before adding another."
    )
    assert DangerStatement.objects.filter(case=world.case).count() == 4


@pytest.mark.parametrize("slug", ["danger-statements", "goals"])
def test_a_change_that_leaves_out_the_statement_keeps_it(
    world: World, as_worker: Client, slug: str
) -> None:
    row = world.statement if slug == "danger-statements" else world.goal
    wording = row.statement
    edit = next(k for k in KIND_CASES if k.slug == slug).edit
    response = send(
        as_worker, "patch", world.url(f"/map/{slug}/{row.uuid}"), {**edit, "version": 1}
    )
    assert response.status_code == 200
    assert response.json()["statement"] == wording
    assert current(row).statement == wording


def test_danger_statement_is_composed_when_left_blank(world: World, as_worker: Client) -> None:
    body = next(k for k in KIND_CASES if k.slug == "danger-statements").create(world)
    added = send(as_worker, "post", world.url("/map/danger-statements"), body).json()
    assert added["statement"].startswith("The school and the social worker are worried that")

    # A blank statement in a change is written again from the parts, sent or stored.
    changed = send(
        as_worker,
        "patch",
        world.url(f"/map/danger-statements/{added['uuid']}"),
        {"statement": "", "who_is_worried": "Grandma", "version": 1},
    )
    assert changed.status_code == 200
    assert changed.json()["statement"].startswith("Grandma is worried that Mum's partner")
    assert "If nothing changes" in changed.json()["statement"]


def test_statement_with_goals_cannot_be_removed(world: World, as_worker: Client) -> None:
    response = as_worker.delete(
        world.url(f"/map/danger-statements/{world.statement.uuid}?version=1")
    )
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Remove or move the goals paired with this statement first."
    )
    assert current(world.statement).removed_at is None


@pytest.mark.parametrize("slug", ["goals", "scales"])
def test_danger_statement_must_be_on_the_same_map(
    world: World, as_worker: Client, slug: str
) -> None:
    body = next(k for k in KIND_CASES if k.slug == slug).create(world)
    body["danger_statement"] = str(statement_on_another_case(world).uuid)
    audits = AuditEvent.objects.count()
    response = send(as_worker, "post", world.url(f"/map/{slug}"), body)
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "danger_statement: There is no danger statement like that on this map."
    )
    assert AuditEvent.objects.count() == audits


def test_goal_can_move_to_another_statement_on_the_map(world: World, as_worker: Client) -> None:
    second: Any = DangerStatementFactory(case=world.case)
    response = send(
        as_worker,
        "patch",
        world.url(f"/map/goals/{world.goal.uuid}"),
        {"danger_statement": str(second.uuid), "version": world.goal.version},
    )
    assert response.status_code == 200
    assert response.json()["danger_statement"] == str(second.uuid)
    assert SafetyGoal.objects.get(pk=world.goal.pk).danger_statement == second


def test_next_step_goal_can_be_cleared_and_must_be_on_the_map(
    world: World, as_worker: Client
) -> None:
    url = world.url(f"/map/next-steps/{world.step.uuid}")
    linked = send(as_worker, "patch", url, {"goal": str(world.goal.uuid), "version": 1})
    assert linked.json()["goal"] == str(world.goal.uuid)
    cleared = send(as_worker, "patch", url, {"goal": None, "version": 2})
    assert cleared.status_code == 200 and cleared.json()["goal"] is None
    unknown = send(as_worker, "patch", url, {"goal": str(world.statement.uuid), "version": 3})
    assert unknown.status_code == 422


def test_scale_must_be_a_whole_number_unless_the_council_uses_half_points(
    world: World, as_worker: Client
) -> None:
    body = {**next(k for k in KIND_CASES if k.slug == "scales").create(world), "score": 6.5}
    refused = send(as_worker, "post", world.url("/map/scales"), body)
    assert refused.status_code == 422
    assert refused.json()["detail"] == "Use a whole number from 0 to 10."
    with override_settings(SAFETYMAP_SCALE_HALF_POINTS=True):
        accepted = send(as_worker, "post", world.url("/map/scales"), body)
    assert accepted.status_code == 201
    assert accepted.json()["score"] == 6.5
    assert accepted.json()["danger_statement"] == str(world.statement.uuid)
    too_fine = send(as_worker, "post", world.url("/map/scales"), {**body, "score": 6.25})
    assert too_fine.status_code == 422


def test_unchanged_save_keeps_the_version(world: World, as_worker: Client) -> None:
    item: MapItem = world.item
    response = send(
        as_worker,
        "patch",
        world.url(f"/map/items/{item.uuid}"),
        {"text": item.text, "version": item.version},
    )
    assert response.status_code == 200
    assert response.json()["version"] == item.version
    assert not AuditEvent.objects.filter(object_uuid=item.uuid, action="update").exists()


def test_score_is_a_number(world: World, as_worker: Client) -> None:
    rating = as_worker.get(world.url("/map")).json()["ratings"][0]
    assert rating["score"] == float(Decimal(world.rating.score))
