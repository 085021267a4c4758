"""Cases: the list, one case, and stepping a case up or down."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from safetymap.api.tests.helpers import API, World, send, signed_in, today
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases.models import Case, ServiceLevelChange
from safetymap.cases.policies import Basis
from safetymap.core.versioning import STALE_MESSAGE
from tests.factories import AllocationFactory, CaseFactory, PersonFactory


def test_case_list_shows_visible_open_cases_and_records_each_child(
    world: World, as_worker: Client
) -> None:
    other_team_case: Any = CaseFactory()  # not the worker's
    closed: Any = CaseFactory(team=world.case.team, closed_on=today(-3))
    response = as_worker.get(f"{API}/cases")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [row] = body["items"]
    assert row == {
        "uuid": str(world.case.uuid),
        "reference": "SM-204817",
        "version": world.case.version,
        "child_name": "Kayden Whitlock",
        "child_known_as": "",
        "service_level": "child_protection",
        "service_level_label": "Child protection",
        "team": {"uuid": str(world.case.team.uuid), "name": "Northfield Child Protection"},
        "opened_on": world.case.opened_on.isoformat(),
        "closed_on": None,
    }
    events = AccessEvent.objects.filter(actor=world.worker)
    assert [(e.case_uuid, e.what, e.basis) for e in events] == [
        (world.case.uuid, "API: case list", Basis.ALLOCATED)
    ]

    with_closed = as_worker.get(f"{API}/cases?include_closed=true").json()
    listed = {row["uuid"] for row in with_closed["items"]}
    assert listed == {str(world.case.uuid), str(closed.uuid)}
    assert str(other_team_case.uuid) not in listed


def test_case_list_is_paginated_in_a_fixed_number_of_queries(world: World) -> None:
    client = signed_in(world.reader)  # sees the team's cases, allocated to none

    def list_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}/cases").status_code == 200
        return len(queries)

    small = list_queries()
    for number in range(60):
        CaseFactory(
            team=world.case.team,
            child=PersonFactory(last_name=f"Zed{number:02d}"),
        )
    assert list_queries() == small

    first = client.get(f"{API}/cases").json()
    assert first["count"] == 61
    assert len(first["items"]) == 50
    second = client.get(f"{API}/cases?page=2").json()
    assert len(second["items"]) == 11
    bigger = client.get(f"{API}/cases?page_size=500").json()
    assert len(bigger["items"]) == 61  # at most 100 a page
    # One access event per child shown, each on the reader's own basis.
    assert set(AccessEvent.objects.filter(actor=world.reader).values_list("basis", flat=True)) == {
        Basis.TEAM
    }


def test_list_access_events_carry_each_basis(world: World) -> None:
    other: Any = CaseFactory(team=world.case.team)
    AllocationFactory(case=other, worker=world.reader)
    signed_in(world.reader).get(f"{API}/cases")
    bases = dict(AccessEvent.objects.filter(actor=world.reader).values_list("case_uuid", "basis"))
    assert bases == {world.case.uuid: Basis.TEAM, other.uuid: Basis.ALLOCATED}


def test_case_detail(world: World, as_worker: Client) -> None:
    response = as_worker.get(world.url())
    assert response.status_code == 200
    body = response.json()
    assert body["child"]["first_name"] == "Kayden"
    assert body["can_edit"] is True
    assert body["workers"] == [{"uuid": str(world.worker.uuid), "name": "Priya Chaudhry"}]
    assert [m["first_name"] for m in body["members"]] == ["Dionne"]
    assert body["members"][0]["group"] == "parents_and_carers"
    [opened] = body["service_level_history"]
    assert opened["direction"] == "opened"
    assert opened["from_level"] == ""
    event = AccessEvent.objects.get(actor=world.worker)
    assert (event.case_uuid, event.what, event.basis) == (
        world.case.uuid,
        "API: case",
        Basis.ALLOCATED,
    )


def test_case_detail_tells_a_reader_they_cannot_edit(world: World, as_reader: Client) -> None:
    assert as_reader.get(world.url()).json()["can_edit"] is False


def test_case_detail_queries_do_not_grow_with_the_case(world: World, as_worker: Client) -> None:
    def detail_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert as_worker.get(world.url()).status_code == 200
        return len(queries)

    small = detail_queries()
    from tests.factories import CaseMemberFactory

    for _ in range(12):
        CaseMemberFactory(case=world.case)
    assert detail_queries() == small


def change_level(client: Client, world: World, **overrides: object):  # type: ignore[no-untyped-def]
    body = {
        "to_level": "child_in_need",
        "changed_on": today().isoformat(),
        "reason": "Review conference agreed the plan is keeping the children safe.",
        "version": world.case.version,
        **overrides,
    }
    return send(client, "post", world.url("/service-level"), body)


def test_stepping_down_a_case(world: World, as_worker: Client) -> None:
    audits = AuditEvent.objects.count()
    response = change_level(as_worker, world)
    assert response.status_code == 200, response.json()
    assert response.json()["service_level"] == "child_in_need"
    assert response.json()["version"] == world.case.version + 1
    world.case.refresh_from_db()
    assert world.case.service_level == "child_in_need"
    change = ServiceLevelChange.objects.filter(case=world.case).last()
    assert change is not None and change.changed_by == world.worker
    new = AuditEvent.objects.order_by("id")[audits:]
    assert [(e.action, e.object_type) for e in new] == [
        ("create", "cases.servicelevelchange"),
        ("update", "cases.case"),
    ]
    assert new[1].changes == {"service_level": {"old": "child_protection", "new": "child_in_need"}}


def test_stale_service_level_change_is_409_and_changes_nothing(
    world: World, as_worker: Client
) -> None:
    Case.objects.filter(pk=world.case.pk).update(version=world.case.version + 1)
    before = AuditEvent.objects.count()
    response = change_level(as_worker, world)
    assert response.status_code == 409
    assert response.json() == {"detail": STALE_MESSAGE}
    world.case.refresh_from_db()
    assert world.case.service_level == "child_protection"
    assert AuditEvent.objects.count() == before


def test_same_service_level_is_422_with_the_services_message(
    world: World, as_worker: Client
) -> None:
    before = AuditEvent.objects.count()
    response = change_level(as_worker, world, to_level="child_protection")
    assert response.status_code == 422
    message = "The case is already at that service level. Choose a different one."
    assert response.json()["detail"] == message
    assert response.json()["errors"] == [{"loc": [], "msg": message, "type": "invalid"}]
    assert ServiceLevelChange.objects.filter(case=world.case).count() == 1
    assert AuditEvent.objects.count() == before


def test_service_level_request_is_checked(world: World, as_worker: Client) -> None:
    response = change_level(as_worker, world, to_level="adopted", reason=" ")
    assert response.status_code == 422
    problems = {".".join(e["loc"][2:]): e["type"] for e in response.json()["errors"]}
    assert problems == {"to_level": "enum", "reason": "string_too_short"}
    assert "to_level:" in response.json()["detail"]


def test_service_level_change_cannot_set_anything_else(world: World, as_worker: Client) -> None:
    elsewhere: Any = world.stranger.team
    response = change_level(as_worker, world, team=str(elsewhere.uuid))
    assert response.status_code == 422
    assert response.json()["errors"][0]["msg"] == "This field cannot be set"
    assert response.json()["detail"] == "team: This field cannot be set"
    world.case.refresh_from_db()
    assert world.case.service_level == "child_protection"
