"""Request bodies that are not JSON get a clear, documented answer and change nothing:
415 for another content type (a form, plain text), 400 for a body that is not valid JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from safetymap.api.api import api
from safetymap.api.errors import BAD_JSON, NOT_JSON, is_json_content_type
from safetymap.api.tests.helpers import World
from safetymap.audit.models import AuditEvent
from safetymap.mapping.models import MapItem

ITEM = '{"part": "strength", "text": "Grandma collects Kayden from school"}'


def add_item(client: Client, world: World, body: Any, content_type: str) -> Any:
    return client.post(world.url("/map/items"), body, content_type=content_type)


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml", "text/json"],
)
def test_a_body_in_another_content_type_is_415_and_adds_nothing(
    world: World, as_worker: Client, content_type: str
) -> None:
    items, events = MapItem.objects.count(), AuditEvent.objects.count()
    response = add_item(as_worker, world, ITEM, content_type)
    assert response.status_code == 415
    assert response.json() == {"detail": NOT_JSON}
    assert (MapItem.objects.count(), AuditEvent.objects.count()) == (items, events)


def test_a_multipart_form_is_415(world: World, as_worker: Client) -> None:
    response = as_worker.post(world.url("/map/items"), {"part": "strength", "text": "x"})
    assert response.status_code == 415
    assert response.json() == {"detail": NOT_JSON}


@pytest.mark.parametrize("body", ['{"part": "strength",', "not json", b"\xff\xfe{}"])
def test_a_body_that_is_not_valid_json_is_400(world: World, as_worker: Client, body: Any) -> None:
    items = MapItem.objects.count()
    response = add_item(as_worker, world, body, "application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": BAD_JSON}
    assert MapItem.objects.count() == items


def test_json_with_a_charset_is_read(world: World, as_worker: Client) -> None:
    response = add_item(as_worker, world, ITEM, "application/json; charset=utf-8")
    assert response.status_code == 201, response.content


def test_signed_out_is_still_401_whatever_the_body(world: World) -> None:
    assert add_item(Client(), world, "not json", "text/plain").status_code == 401


def test_every_operation_with_a_body_documents_400_and_415() -> None:
    schema = json.loads(json.dumps(api.get_openapi_schema()))  # as served: string keys
    operations = [op for methods in schema["paths"].values() for op in methods.values()]
    with_body = [op for op in operations if "requestBody" in op]
    assert with_body
    for operation in with_body:
        assert {"400", "415"} <= set(operation["responses"]), operation["operationId"]
    for operation in operations:
        if "requestBody" not in operation:
            assert "415" not in operation["responses"], operation["operationId"]


@pytest.mark.parametrize(
    ("content_type", "is_json"),
    [
        ("application/json", True),
        ("Application/JSON; charset=utf-8", True),
        ("application/merge-patch+json", True),
        ("text/json", False),
        ("multipart/form-data; boundary=x", False),
        ("", False),
    ],
)
def test_which_content_types_are_json(content_type: str, is_json: bool) -> None:
    assert is_json_content_type(content_type) is is_json
