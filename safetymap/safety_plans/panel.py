"""The safety plan section of the case overview."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from safetymap.cases.models import Case
from safetymap.cases.policies import Basis
from safetymap.safety_plans import selectors


def panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """Each plan's status, rules, last check, review and prompts; left out for partner
    professionals, whose share does not cover the plan."""
    if getattr(request, "case_access_basis", None) == Basis.SHARED:
        return None
    summaries = selectors.plan_summaries(case)
    return {
        "case": case,
        "summaries": summaries,
        "prompt": selectors.NETWORK_MEETING_PROMPT,
        "can_edit": getattr(request, "can_edit", False),
    }
