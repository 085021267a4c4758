"""The map's danger statement and goal forms check family-facing wording as the worker types
(plain_language.widgets), show the findings without JavaScript, and never block a save."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from safetymap.mapping.models import DangerStatement
from tests.factories import DangerStatementFactory

pytestmark = pytest.mark.django_db

LIVE = reverse("plain_language:live")


@pytest.fixture(autouse=True)
def starter_glossary(db):
    from safetymap.plain_language.tests.conftest import load_starter_glossary

    load_starter_glossary()


def signed_in(client, user):
    client.force_login(user)
    return client


def page_text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def case_worker(case, worker):
    return case, worker


def record_url(case, kind, row=None):
    if row is None:
        return reverse("mapping:record_add", kwargs={"case_uuid": case.uuid, "kind": kind})
    return reverse(
        "mapping:record_edit", kwargs={"case_uuid": case.uuid, "kind": kind, "row_uuid": row.uuid}
    )


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("statements", ("adult_behaviour", "feared_for_child", "statement")),
        ("goals", ("adults_will", "child_will_experience", "statement")),
    ],
)
def test_the_map_forms_check_family_facing_wording_as_the_worker_types(
    client, case_worker, kind, fields
):
    case, worker = case_worker
    DangerStatementFactory(case=case)
    body = signed_in(client, worker).get(record_url(case, kind)).content.decode()
    for name in fields:
        assert f'id="id_{name}"' in body
        assert f'id="id_{name}-plain-language"' in body
        assert f'id="id_{name}-plain-language-status" aria-live="polite"' in body
    assert body.count(f'hx-post="{LIVE}"') == len(fields)
    assert 'hx-trigger="keyup changed delay:600ms, change"' in body
    assert "&quot;audience&quot;: &quot;parent&quot;" in body
    assert "<script>" not in body.split("<main")[1]  # no inline scripts


def test_a_saved_statement_shows_its_findings_without_javascript_and_saving_is_not_blocked(
    client, case_worker
):
    case, worker = case_worker
    signed_in(client, worker)
    response = client.post(
        record_url(case, "statements"),
        {
            "who_is_worried": "Nursery",
            "adult_behaviour": "Neglect of Amy",
            "feared_for_child": "Amy will go hungry",
            "statement": "Nursery are worried about neglect.",
            "family_view": "not_asked",
        },
    )
    assert response.status_code == 302  # saved despite the label
    statement = DangerStatement.objects.get(case=case)
    body = page_text(client.get(record_url(case, "statements", statement)))
    assert "'Neglect' is a label. Say what happened instead" in body
    assert "'neglect' is a label. Say what happened instead" in body
    assert "Check wording on its own page (opens in new tab)" in body
