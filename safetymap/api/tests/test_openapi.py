"""The published OpenAPI document and the docs page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from safetymap.api.tests.helpers import API

PATHS = {
    "/cases": {"get"},
    "/cases/{case_uuid}": {"get"},
    "/cases/{case_uuid}/service-level": {"post"},
    "/cases/{case_uuid}/people": {"get", "post"},
    "/cases/{case_uuid}/people/{member_uuid}": {"patch", "delete"},
    "/cases/{case_uuid}/map": {"get"},
    "/cases/{case_uuid}/map/versions": {"get", "post"},
    "/cases/{case_uuid}/map/versions/{number}": {"get"},
    "/cases/{case_uuid}/network": {"get"},
    "/cases/{case_uuid}/network/meetings": {"get"},
    "/cases/{case_uuid}/words-and-pictures": {"get"},
    "/cases/{case_uuid}/words-and-pictures/{story_uuid}/versions/{number}": {"get"},
    "/cases/{case_uuid}/safety-plans": {"get"},
    "/cases/{case_uuid}/safety-plans/current": {"get"},
    "/cases/{case_uuid}/safety-plans/{number}": {"get"},
    "/plain-language/check": {"post"},
    "/cases/{case_uuid}/child-voice/sessions": {"get"},
    "/cases/{case_uuid}/child-voice/sessions/{session_uuid}": {"get"},
    **{
        path: methods
        for slug in ("items", "danger-statements", "goals", "next-steps", "scales")
        for path, methods in (
            (f"/cases/{{case_uuid}}/map/{slug}", {"post"}),
            (f"/cases/{{case_uuid}}/map/{slug}/{{record_uuid}}", {"patch", "delete"}),
        )
    },
}


def test_openapi_document_lists_every_path(db: object) -> None:
    response = Client().get(f"{API}/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["info"] == {
        "title": "SafetyMap API",
        "version": "1",
        "description": doc["info"]["description"],
    }
    assert {path: set(ops) for path, ops in doc["paths"].items()} == {
        f"{API}{path}": methods for path, methods in PATHS.items()
    }
    operation_ids = [op["operationId"] for ops in doc["paths"].values() for op in ops.values()]
    assert len(operation_ids) == len(set(operation_ids))
    assert "add_danger_statement" in operation_ids
    assert "list_cases" in operation_ids


def test_openapi_documents_errors_and_request_rules(db: object) -> None:
    doc = Client().get(f"{API}/openapi.json").json()
    patch = doc["paths"][f"{API}/cases/{{case_uuid}}/map/goals/{{record_uuid}}"]["patch"]
    assert set(patch["responses"]) == {"200", "400", "401", "403", "404", "409", "415", "422"}
    schemas = doc["components"]["schemas"]
    assert schemas["GoalEdit"]["required"] == ["version"]
    assert schemas["GoalEdit"]["additionalProperties"] is False
    assert schemas["GoalIn"]["additionalProperties"] is False
    for name in ("MapItemIn", "MemberIn", "ScaleRatingIn", "ServiceLevelChangeIn"):
        assert not {"case", "uuid", "team", "id"} & set(schemas[name]["properties"]), name
    assert "LiveMapOut" in schemas and "MapLabels" in schemas
    assert patch["security"] == [{"SessionAuth": []}]


def test_docs_page_loads(db: object) -> None:
    assert reverse("api:openapi-json") == f"{API}/openapi.json"
    response = Client().get(f"{API}/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
