"""The authorization matrix: every URL and API operation that takes a child's record, tried
by every relationship to that record, reading and writing, against the expected table in
tests/authz/expected.json. A URL that takes an object and is missing from the table fails.

After a deliberate change of the rules, regenerate the table and review the diff:
    AUTHZ_WRITE_EXPECTED=1 .venv/bin/python -m pytest tests/authz -n 0
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz.world import SCENARIOS, World, build_world
from tests.built_once import built_once_per_module, fresh

EXPECTED_FILE = Path(__file__).with_name("expected.json")
WRITING_EXPECTED = os.environ.get("AUTHZ_WRITE_EXPECTED") == "1"

# URLs that take an object other than a child's record; each has its own permission tests.
OTHER_OBJECT_URLS = {
    "accounts:sso_link": "safetymap/accounts/tests/test_sso_links.py",
    "cases:break_glass_review": "safetymap/cases/tests/test_break_glass.py",
    "mapping:label_set_edit": "safetymap/mapping/tests/test_views_labels.py",
    "notifications:open": "safetymap/notifications/tests",
    "notifications:read": "safetymap/notifications/tests",
    "governance:subject_access_person": "safetymap/governance/tests",
    "evaluation:dashboard": "safetymap/evaluation/tests/test_views.py",
    "evaluation:figure": "safetymap/evaluation/tests/test_views.py",
    "retention:rule_edit": "safetymap/retention/tests/test_views.py",
    "retention:hold_lift": "safetymap/retention/tests/test_views.py",
    "retention:batch": "safetymap/retention/tests/test_views.py",
    "retention:batch_approve": "safetymap/retention/tests/test_views.py",
    "retention:batch_destroy": "safetymap/retention/tests/test_views.py",
    "retention:batch_cancel": "safetymap/retention/tests/test_views.py",
    **{
        f"referrals:{name}": "safetymap/referrals/tests/test_views.py"
        for name in ("referral", "find_child", "decide")
    },
    **{
        f"plain_language:{name}": "safetymap/plain_language/tests/test_views.py"
        for name in ("term_edit", "term_retire", "term_restore")
    },
}
NEVER_ALLOWED = (
    "other_team",
    "partner_without_share",
    "restricted_not_on_list",
    "break_glass_before",
    "practice_lead_other",
)
# Information governance may read access logs by case, never the record itself.
GOVERNANCE_PAGES = ("governance:access_log", "governance:access_log_export")
# Where a URL's row is not the map item the other record URLs use.
ROW_FOR = {"mapping:step_done": "step_uuid"}
NEVER_WRITES = (
    "read_only_team",
    "partner_with_share",
    "partner_with_other_items_shared",
    "break_glass_after",
    "practice_lead_supervision",
    # The chair reads the case; running their conference is a door the meetings pages open
    # (OPEN_DOORS), not a right to change the rest of the record.
    "conference_chair",
)
# The door for people with no relationship: asking for emergency access shows only the form
# (no record data), and ending one's own emergency access is the duty worker's to do.
OPEN_DOORS = {
    "cases:break_glass_request": (
        "other_team",
        "partner_without_share",
        "break_glass_before",
        "break_glass_after",
    ),
    "cases:break_glass_finish": ("break_glass_after",),
    # A team manager or council administrator manages a restriction without being on its
    # list (they never see the record itself there: only its name, reference, reason and list).
    **{
        name: ("restricted_not_on_list", "information_governance")
        for name in (
            "cases:restriction",
            "cases:restriction_change",
            "cases:restriction_lift",
            "cases:restriction_allow_add",
            "cases:restriction_allow_remove",
        )
    },
}


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, prefix + str(pattern.pattern)


def page_urls_taking_objects() -> dict[str, str]:
    return {
        name: route
        for name, route in _walk(get_resolver().url_patterns)
        if "<" in route and not name.startswith(("admin:", "api:"))
    }


def api_operations() -> list[tuple[str, str]]:
    from safetymap.api.api import api

    schema = api.get_openapi_schema()
    return sorted(
        (method.upper(), path)
        for path, methods in schema["paths"].items()
        if "{case_uuid}" in path
        for method in methods
    )


CASE_PAGES = sorted(
    name for name, route in page_urls_taking_objects().items() if "<uuid:case_uuid>" in route
)


def outcome(response: Any) -> str:
    status = response.status_code
    if status == 401 or (
        status in (301, 302) and reverse("accounts:login") in response["Location"]
    ):
        return "sign-in"
    if status in (403, 404, 405):  # 405: that method is not served at all, to anyone
        return str(status)
    return "allowed"


def undone(request: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Make a request, then roll back whatever it wrote, so every scenario meets the same
    record (an allowed delete must not turn the next person's answer into "not found")."""
    savepoint = transaction.savepoint()
    try:
        return request(*args, **kwargs)
    finally:
        transaction.savepoint_rollback(savepoint)


def _client(world: World, scenario: str) -> Client:
    client = Client()
    user = world.users[scenario]
    if user is not None:
        client.force_login(user)
    return client


def page_row(world: World, name: str) -> dict[str, dict[str, str]]:
    route = page_urls_taking_objects()[name]
    row: dict[str, dict[str, str]] = {"read": {}, "write": {}}
    for scenario in SCENARIOS:
        values = world.kwargs[str(world.case_for(scenario).uuid)]
        kwargs = {key: values[key] for key in re.findall(r"<\w+:(\w+)>", route)}
        if name in ROW_FOR:
            kwargs["row_uuid"] = values[ROW_FOR[name]]
        url = reverse(name, kwargs=kwargs)
        client = _client(world, scenario)
        row["read"][scenario] = outcome(undone(client.get, url))
        row["write"][scenario] = outcome(undone(client.post, url, {}))
    return row


def api_body(method: str, path: str, values: dict[str, Any]) -> dict[str, Any]:
    """A valid request, so that what decides the answer is who asks, not what they send."""
    today = str(datetime.date.today())
    if method == "PATCH":
        return {"version": 1}
    if method != "POST":
        return {}
    kind = path.rstrip("/").rsplit("/", 1)[-1]
    bodies: dict[str, dict[str, Any]] = {
        "service-level": {
            "to_level": "child_in_need", "changed_on": today, "reason": "Matrix", "version": 1
        },
        "people": {"first_name": "Pat", "relationship": "grandparent"},
        "items": {"part": "strength", "text": "Grandma visits on Sundays"},
        "danger-statements": {
            "who_is_worried": "School", "adult_behaviour": "x", "feared_for_child": "y"
        },
        "goals": {
            "danger_statement": str(values["api_records"]["danger-statements"]),
            "adults_will": "a", "child_will_experience": "b", "who_will_see": "c", "how_long": "d",
        },
        "next-steps": {"action": "Visit", "owner": "Sam", "due_on": today},
        "scales": {"rater_name": "Mum", "rater_role": "parent", "score": 5, "reason": "Calmer"},
        "versions": {"occasion": "visit"},
    }  # fmt: skip
    return bodies[kind]


def api_row(world: World, method: str, path: str) -> dict[str, str]:
    row = {}
    for scenario in SCENARIOS:
        values = world.kwargs[str(world.case_for(scenario).uuid)]
        kind = path.split("/map/")[1].split("/")[0] if "/map/" in path else ""
        url = path.format(
            case_uuid=values["case_uuid"],
            member_uuid=values["member_uuid"],
            record_uuid=values["api_records"].get(kind, ""),
            number=values["number"],
            story_uuid=values["story_uuid"],
            session_uuid=values["session_uuid"],
        )
        if method == "DELETE":
            url += "?version=1"
        client = _client(world, scenario)
        body = json.dumps(api_body(method, path, values))
        response = undone(client.generic, method, url, data=body, content_type="application/json")
        row[scenario] = outcome(response)
    return row


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    if WRITING_EXPECTED or not EXPECTED_FILE.exists():
        return {"pages": {}, "api": {}}
    return json.loads(EXPECTED_FILE.read_text())


@pytest.fixture(scope="module")
def observed(expected: dict[str, Any]) -> Iterator[dict[str, Any]]:
    found: dict[str, Any] = {"pages": {}, "api": {}}
    yield found
    if WRITING_EXPECTED:
        EXPECTED_FILE.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")


def doors_for_governance(label: str) -> list[str]:
    return [label] if "information_governance" in OPEN_DOORS.get(label, ()) else []


def check_invariants(label: str, read: dict[str, str], write: dict[str, str] | None) -> None:
    """Rules that hold for every URL whatever the table says."""
    doors = OPEN_DOORS.get(label, ())
    for scenario, result in read.items():
        if scenario == "signed_out":
            assert result == "sign-in", (label, scenario, result)
        if scenario in NEVER_ALLOWED and scenario not in doors:
            assert result != "allowed", (label, scenario, result)
        if scenario == "information_governance" and label not in GOVERNANCE_PAGES + tuple(
            doors_for_governance(label)
        ):
            assert result != "allowed", (label, scenario, result)
    for scenario, result in (write or {}).items():
        if scenario in NEVER_ALLOWED + NEVER_WRITES and scenario not in doors:
            assert result != "allowed", (label, "write", scenario, result)


def test_every_url_taking_an_object_is_in_the_matrix(expected: dict[str, Any]) -> None:
    names = set(page_urls_taking_objects())
    covered = set(CASE_PAGES) | set(OTHER_OBJECT_URLS)
    assert names <= covered, f"URLs not in the authorization matrix: {sorted(names - covered)}"
    if not WRITING_EXPECTED:
        assert set(expected["pages"]) == set(CASE_PAGES), "regenerate tests/authz/expected.json"
        operations = {f"{method} {path}" for method, path in api_operations()}
        assert set(expected["api"]) == operations, "regenerate tests/authz/expected.json"


shared_world = built_once_per_module(build_world)
# The tests sharing it run together on one worker.
pytestmark = pytest.mark.xdist_group("authz_world")


@pytest.fixture
def world(shared_world: World, db: Any) -> World:
    return fresh(shared_world)


@pytest.mark.parametrize("name", CASE_PAGES)
def test_page(name: str, world: World, expected: dict[str, Any], observed: dict[str, Any]) -> None:
    row = page_row(world, name)
    observed["pages"][name] = row
    check_invariants(name, row["read"], row["write"])
    if not WRITING_EXPECTED:
        assert row == expected["pages"][name]


@pytest.mark.parametrize(("method", "path"), api_operations())
def test_api_operation(
    method: str, path: str, world: World, expected: dict[str, Any], observed: dict[str, Any]
) -> None:
    key = f"{method} {path}"
    row = api_row(world, method, path)
    observed["api"][key] = row
    if method == "GET":
        check_invariants(key, row, None)
    else:
        check_invariants(key, {"signed_out": row["signed_out"]}, row)
    if not WRITING_EXPECTED:
        assert row == expected["api"][key]
