"""{% meeting_outcomes meeting request as outcomes %}: what a meeting page shows of its
scales and decision, for the person looking (numbers only once the chair has shown them)."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

from safetymap.meetings import outcomes as meeting_outcomes_module
from safetymap.meetings.models import Meeting

register = template.Library()


@register.simple_tag
def meeting_outcomes(meeting: Meeting, request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    can_edit = bool(getattr(request, "can_edit", False))
    decision = meeting_outcomes_module.current_decision(meeting)
    return {
        "state": meeting_outcomes_module.scaling_state(meeting, user),
        "decision": decision,
        "summary": meeting_outcomes_module.decision_summary(decision) if decision else "",
        "may_run": can_edit
        and meeting_outcomes_module.may_run_meeting(user, meeting, can_edit=can_edit),
    }
