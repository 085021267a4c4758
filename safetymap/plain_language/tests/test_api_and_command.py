"""POST /api/v1/plain-language/check and `manage.py check_plain_language`: the same check,
the same JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from safetymap.accounts.models import Role
from safetymap.plain_language.checker import MAX_TEXT_LENGTH
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/plain-language/check"
TEXT = "We are worried about neglect. The MASH called."


def api(user=None, **client_kwargs):
    client = Client(**client_kwargs)
    if user is not None:
        client.force_login(user)
    return client


def post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def command(text, *args):
    out = io.StringIO()
    call_command("check_plain_language", *args, stdin=io.StringIO(text), stdout=out)
    return json.loads(out.getvalue())


def test_the_api_returns_each_finding_with_its_span_and_the_readability(worker):
    response = post(api(worker), {"text": TEXT, "audience": "parent"})
    assert response.status_code == 200
    answer = response.json()
    assert [
        {key: f[key] for key in ("term", "start", "end", "kind", "suggestion")}
        for f in answer["findings"]
    ] == [
        {
            "term": "neglect",
            "start": 21,
            "end": 28,
            "kind": "label",
            "suggestion": answer["findings"][0]["suggestion"],
        },
        {
            "term": "MASH",
            "start": 34,
            "end": 38,
            "kind": "acronym",
            "suggestion": answer["findings"][1]["suggestion"],
        },
    ]
    assert answer["findings"][0]["message"].startswith("'neglect' is a label.")
    assert answer["findings"][1]["suggestion"].startswith("multi-agency safeguarding hub")
    assert answer["acronyms"] == [
        {
            "acronym": "MASH",
            "count": 1,
            "explained": False,
            "suggestion": answer["findings"][1]["suggestion"],
        }
    ]
    assert answer["target"] == {"audience": "parent", "reading_age": 11, "sentence_words": 20}
    assert answer["readability"]["words"] == 8
    assert answer["readability"]["sentences"] == 2
    assert answer["readability"]["reading_age"] is None  # under 10 words


def test_the_audience_defaults_to_parents_and_changes_what_is_found(worker):
    client = api(worker)
    text = "The placement has lasted a year."
    assert [f["kind"] for f in post(client, {"text": text}).json()["findings"]] == ["jargon"]
    answer = post(client, {"text": text, "audience": "professional"}).json()
    assert answer["findings"] == []
    assert answer["target"]["reading_age"] == 16


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({}, "text"),
        ({"text": "x", "audience": "judge"}, "audience"),
        ({"text": "x" * (MAX_TEXT_LENGTH + 1)}, "text"),
        ({"text": 7}, "text"),
        ({"text": "x", "case": "SM-1"}, "case"),
    ],
)
def test_bad_requests_are_422_with_the_projects_error_shape(worker, body, where):
    response = post(api(worker), body)
    assert response.status_code == 422
    answer = response.json()
    assert set(answer) == {"detail", "errors"}
    assert answer["detail"].startswith(where)
    assert answer["errors"][0]["loc"][-1] == where


def test_signed_out_is_401():
    response = post(api(), {"text": TEXT})
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.parametrize("role", [Role.BUSINESS_SUPPORT, Role.COUNCIL_ADMINISTRATOR])
def test_any_signed_in_user_may_check_but_must_send_the_csrf_token(role):
    client = api(UserFactory(role=role), enforce_csrf_checks=True)
    assert post(client, {"text": TEXT}).status_code == 403
    token = get_token(RequestFactory().get("/"))
    client.cookies["csrftoken"] = token
    accepted = client.post(
        URL, json.dumps({"text": TEXT}), content_type="application/json",
        headers={"X-CSRFToken": token},
    )  # fmt: skip
    assert accepted.status_code == 200


def test_the_openapi_document_describes_the_check(db):
    doc = Client().get("/api/v1/openapi.json").json()
    operation = doc["paths"][URL]["post"]
    assert operation["operationId"] == "check_plain_language"
    assert operation["tags"] == ["Plain language"]
    assert set(operation["responses"]) == {"200", "400", "401", "403", "415", "422"}
    schemas = doc["components"]["schemas"]
    request = schemas["PlainLanguageCheckIn"]
    assert request["properties"]["text"]["maxLength"] == MAX_TEXT_LENGTH
    assert request["required"] == ["text"]
    finding = schemas["FindingOut"]["properties"]
    assert {"term", "start", "end", "kind", "suggestion", "message"} <= set(finding)
    assert {"reading_age", "words_per_sentence", "above_target"} <= set(
        schemas["ReadabilityOut"]["properties"]
    )


def test_the_command_prints_the_same_json_as_the_api(worker):
    text = "Contact with Dad is at the family centre. The LADO knows.\n"
    for audience in ("parent", "child", "professional"):
        from_api = post(api(worker), {"text": text, "audience": audience}).json()
        assert command(text, "--audience", audience) == from_api
    assert command(text)["audience"] == "parent"


def test_the_command_refuses_text_that_is_too_long():
    with pytest.raises(CommandError, match="characters or fewer"):
        command("a" * (MAX_TEXT_LENGTH + 1))
