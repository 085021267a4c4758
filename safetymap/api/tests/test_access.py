"""Who may call what: the same rules as the pages, on every case endpoint.

Signed out is 401; no relationship to the case is 404 (never 403, so the API does not
confirm a child's case exists); read-only is 403 on every write; refused calls write
nothing at all, not even an access event.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from safetymap.api.tests.helpers import (
    API,
    KIND_CASES,
    World,
    send,
    signed_in,
    statement_on_another_case,
    today,
)
from safetymap.audit.models import AccessEvent, AuditEvent
from tests.factories import (
    TeamFactory,
    UserFactory,
)

Call = tuple[str, str, Any]
Endpoint = tuple[str, Callable[[World], Call]]

READS: list[Endpoint] = [
    ("case", lambda w: ("get", w.url(), None)),
    ("people", lambda w: ("get", w.url("/people"), None)),
    ("map", lambda w: ("get", w.url("/map"), None)),
    ("versions", lambda w: ("get", w.url("/map/versions"), None)),
    ("version", lambda w: ("get", w.url(f"/map/versions/{w.version.number}"), None)),
]

WRITES: list[Endpoint] = [
    (
        "service-level",
        lambda w: (
            "post",
            w.url("/service-level"),
            {
                "to_level": "child_in_need",
                "changed_on": today().isoformat(),
                "reason": "Review conference agreed the plan is working.",
                "version": w.case.version,
            },
        ),
    ),
    (
        "add person",
        lambda w: ("post", w.url("/people"), {"first_name": "Marcus", "relationship": "father"}),
    ),
    (
        "edit person",
        lambda w: (
            "patch",
            w.url(f"/people/{w.member.uuid}"),
            {"notes": "Works nights.", "version": w.member.version},
        ),
    ),
    (
        "remove person",
        lambda w: ("delete", w.url(f"/people/{w.member.uuid}?version={w.member.version}"), None),
    ),
    ("save version", lambda w: ("post", w.url("/map/versions"), {"occasion": "meeting"})),
]


def _kind_writes(slug: str, attr: str, create: Any, edit: dict[str, Any]) -> list[Endpoint]:
    def row(w: World) -> Any:
        return getattr(w, attr)

    return [
        (f"add {slug}", lambda w: ("post", w.url(f"/map/{slug}"), create(w))),
        (
            f"change {slug}",
            lambda w: (
                "patch",
                w.url(f"/map/{slug}/{row(w).uuid}"),
                {**edit, "version": row(w).version},
            ),
        ),
        (
            f"remove {slug}",
            lambda w: (
                "delete",
                w.url(f"/map/{slug}/{row(w).uuid}?version={row(w).version}"),
                None,
            ),
        ),
    ]


for _case in KIND_CASES:
    WRITES += _kind_writes(_case.slug, _case.attr, _case.create, _case.edit)

ENDPOINTS = READS + WRITES


def by_name(endpoints: list[Endpoint]) -> Any:
    return pytest.mark.parametrize("call", [c for _, c in endpoints], ids=[n for n, _ in endpoints])


def event_counts() -> tuple[int, int]:
    return AuditEvent.objects.count(), AccessEvent.objects.count()


@by_name([("case list", lambda w: ("get", f"{API}/cases", None)), *ENDPOINTS])
def test_signed_out_is_401(world: World, call: Callable[[World], Call]) -> None:
    response = send(Client(), *call(world))
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


@by_name(ENDPOINTS)
def test_no_relationship_is_404_and_changes_nothing(
    world: World, as_stranger: Client, call: Callable[[World], Call]
) -> None:
    before = event_counts()
    response = send(as_stranger, *call(world))
    assert response.status_code == 404
    assert event_counts() == before


@by_name(ENDPOINTS)
def test_a_case_that_does_not_exist_is_404(
    world: World, as_worker: Client, call: Callable[[World], Call]
) -> None:
    method, url, body = call(world)
    response = send(as_worker, method, url.replace(str(world.case.uuid), str(uuid.uuid4())), body)
    assert response.status_code == 404


@by_name(WRITES)
def test_read_only_user_is_403_on_every_write_and_changes_nothing(
    world: World, as_reader: Client, call: Callable[[World], Call]
) -> None:
    before = event_counts()
    response = send(as_reader, *call(world))
    assert response.status_code == 403
    assert response.json() == {"detail": "You can read this case but not change it."}
    assert event_counts() == before


@by_name(READS)
def test_read_only_user_can_read(
    world: World, as_reader: Client, call: Callable[[World], Call]
) -> None:
    assert send(as_reader, *call(world)).status_code == 200


@by_name(WRITES)
def test_closed_case_cannot_be_changed(
    world: World, as_worker: Client, call: Callable[[World], Call]
) -> None:
    world.case.closed_on = today()
    world.case.save()
    response = send(as_worker, *call(world))
    assert response.status_code == 403
    assert response.json() == {"detail": "This case is closed, so it cannot be changed."}


def test_team_manager_of_a_parent_team_can_change_the_case(world: World) -> None:
    parent: Any = TeamFactory(name="Children's Social Care North")
    world.case.team.parent = parent
    world.case.team.save()
    manager: Any = UserFactory(team=parent, role="team_manager")
    response = send(signed_in(manager), "post", world.url("/map/versions"), {"occasion": "other"})
    assert response.status_code == 201
    event = AccessEvent.objects.filter(actor=manager).first()
    assert event is None  # writes are audited, not recorded as views
    assert AuditEvent.objects.filter(actor=manager, action="create").exists()


def test_unknown_record_on_a_visible_case_is_404(world: World, as_worker: Client) -> None:
    # A danger statement on another case the worker can also see is not on this map.
    other = statement_on_another_case(world)
    response = send(
        as_worker,
        "patch",
        world.url(f"/map/danger-statements/{other.uuid}"),
        {"dispute": "x", "version": other.version},
    )
    assert response.status_code == 404


def test_writes_need_the_csrf_token(world: World) -> None:
    client = signed_in(world.worker, enforce_csrf_checks=True)
    url = world.url("/map/versions")
    refused = send(client, "post", url, {"occasion": "visit"})
    assert refused.status_code == 403

    token = get_token(RequestFactory().get("/"))
    client.cookies["csrftoken"] = token
    accepted = client.post(
        url, {"occasion": "visit"}, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 201
