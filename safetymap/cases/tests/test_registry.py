"""Case overview panels registered by higher apps: order, placement, and leaving one out."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from safetymap.cases import registry
from safetymap.cases.registry import CasePanel
from safetymap.cases.views import _panels


@pytest.fixture
def panels(monkeypatch):
    """A clean registry for the test, restored afterwards."""
    monkeypatch.setattr(registry, "_panels", [])
    return registry


def test_panels_come_in_order_within_their_placement(panels):
    panels.register_case_panel(CasePanel("b", "b.html", lambda r, c: {"n": 2}, order=20))
    panels.register_case_panel(CasePanel("a", "a.html", lambda r, c: {"n": 1}, order=10))
    panels.register_case_panel(
        CasePanel("words", "w.html", lambda r, c: {}, order=5, placement="lead")
    )
    request = RequestFactory().get("/")
    assert [p["key"] for p in _panels(request, None, "main")] == ["a", "b"]  # type: ignore[arg-type]
    assert [p["context"] for p in _panels(request, None, "main")] == [{"n": 1}, {"n": 2}]  # type: ignore[arg-type]
    assert [p["key"] for p in _panels(request, None, "lead")] == ["words"]  # type: ignore[arg-type]


def test_a_panel_whose_context_is_none_is_left_out(panels):
    panels.register_case_panel(CasePanel("hidden", "h.html", lambda r, c: None, order=10))
    assert _panels(RequestFactory().get("/"), None, "main") == []  # type: ignore[arg-type]


def test_registering_the_same_key_twice_keeps_one(panels):
    panel = CasePanel("once", "o.html", lambda r, c: {}, order=10)
    panels.register_case_panel(panel)
    panels.register_case_panel(panel)
    assert len(registry.case_panels("main")) == 1
