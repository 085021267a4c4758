"""Hostile text in every free-text field of the map is escaped on every page that shows it,
and the API hands it back exactly as it was typed.

The same case is opened in Chromium by tests/e2e/test_xss.py; this module checks the HTML
the server sends, which is quicker and says exactly which field and page went wrong.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

import pytest
from django.test import Client

from tests.security.xss_corpus import XssCase, build_xss_case, text_fields
from tests.security.xss_payloads import PAYLOADS

MARKUP = re.compile(r"[<>\"']")
API = "/api/v1"


def test_the_corpus_keeps_its_rules() -> None:
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS), "payloads are all different"
    for payload in PAYLOADS:
        assert payload == payload.strip(), payload
        assert "\n" not in payload and "\r" not in payload and "\x00" not in payload, payload
        if re.search(r"<[A-Za-z!/?]", payload):
            assert "xss" in payload.lower(), f"a tag payload must say xss: {payload}"


@pytest.fixture
def xss_case(db: Any) -> XssCase:
    return build_xss_case()


@pytest.fixture
def client(xss_case: XssCase) -> Client:
    client = Client()
    client.force_login(xss_case.worker)
    return client


def test_every_payload_is_stored_in_some_field(xss_case: XssCase) -> None:
    assert set(PAYLOADS) <= xss_case.payloads
    kinds = {record.what for record in xss_case.records}
    assert {"harm", "statements", "goals", "next-steps", "scales", "member", "child"} <= kinds
    # Every text field of every form has a payload in it.
    for record in xss_case.records:
        assert record.texts, record.what
        assert all(value in PAYLOADS for value in record.texts.values())


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _assert_escaped(html: str, url: str) -> None:
    """No payload with markup in it reaches the page as it was typed."""
    raw = [payload for payload in PAYLOADS if MARKUP.search(payload) and payload in html]
    assert not raw, f"{url} has unescaped payloads: {raw[:5]}"


def test_edit_forms_show_every_field_escaped(client: Client, xss_case: XssCase) -> None:
    for record in xss_case.records:
        html = _get(client, record.edit_url)
        _assert_escaped(html, record.edit_url)
        for name, value in record.texts.items():
            assert escape(value) in html, f"{record.what}.{name} not shown on {record.edit_url}"


def test_case_pages_show_every_payload_escaped(client: Client, xss_case: XssCase) -> None:
    shown = ""
    for url in xss_case.page_urls().values():
        html = _get(client, url)
        _assert_escaped(html, url)
        shown += html
    # Text the case pages show (the edit forms show the rest, above).
    for record in xss_case.records:
        if record.what in ("statements", "goals"):
            assert escape(record.texts["statement"]) in shown
        elif record.what == "child":
            assert escape(record.texts["first_name"]) in shown
        else:
            first = next(iter(record.texts.values()))
            assert escape(first) in shown, f"{record.what}: {first}"
    for replaced in xss_case.replaced:
        assert escape(replaced) in shown, f"old text missing from version or comparison: {replaced}"
    assert escape(xss_case.version.note) in shown


def test_remove_pages_show_the_record_escaped(client: Client, xss_case: XssCase) -> None:
    for record in xss_case.records:
        if "/map/" not in record.edit_url:
            continue
        url = record.edit_url.replace("/edit/", "/remove/")
        _assert_escaped(_get(client, url), url)


def test_stale_edit_page_shows_both_texts_escaped(client: Client, xss_case: XssCase) -> None:
    """The refusal page shows what is saved now beside what was typed."""
    record = next(record for record in xss_case.records if record.what == "statements")
    typed = "<img src=x onerror=window.__xss=1 id=xss-typed>"
    response = client.post(
        record.edit_url,
        {
            **record.texts,
            "statement": typed,
            "family_view": "agrees",
            "version": record.row.version - 1 if record.row.version > 1 else 999,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Someone else changed this" in html
    assert typed not in html and escape(typed) in html
    assert escape(record.texts["statement"]) in html
    _assert_escaped(html, record.edit_url)


def _map_records(live_map: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every record in the API's picture of the map, by uuid."""
    found: dict[str, dict[str, Any]] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "uuid" in value and "version" in value:
                found[str(value["uuid"])] = value
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(live_map)
    return found


def test_api_returns_every_payload_unchanged(client: Client, xss_case: XssCase) -> None:
    case_url = f"{API}/cases/{xss_case.case.uuid}"
    responses = {
        "map": client.get(f"{case_url}/map"),
        "case": client.get(case_url),
        "people": client.get(f"{case_url}/people"),
        "version": client.get(f"{case_url}/map/versions/{xss_case.version.number}"),
    }
    for name, response in responses.items():
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("application/json"), name

    on_map = _map_records(responses["map"].json())
    people = {member["uuid"]: member for member in responses["people"].json()}
    child = responses["case"].json()["child"]
    for record in xss_case.records:
        uuid = str(record.row.uuid)
        if record.what == "child":
            got = child
        elif record.what == "member":
            got = people[uuid]
        else:
            got = on_map[uuid]
        for name, value in record.texts.items():
            assert got[name] == value, f"{record.what}.{name}"

    version = responses["version"].json()
    assert version["note"] == xss_case.version.note
    in_version = _map_records(version["snapshot"])
    snapshot_texts = {
        value for row in in_version.values() for value in row.values() if isinstance(value, str)
    }
    assert set(xss_case.replaced) <= snapshot_texts


def test_text_fields_are_found_from_the_forms() -> None:
    from safetymap.mapping.forms import DangerStatementForm

    fields = dict(text_fields(DangerStatementForm(case=None)))  # type: ignore[arg-type]
    assert fields.keys() == {
        "who_is_worried",
        "adult_behaviour",
        "feared_for_child",
        "statement",
        "family_words",
        "dispute",
    }
    assert fields["who_is_worried"] == 300
