"""Links from the front door to pages other apps own, which may not be installed."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from safetymap.cases.models import Case


def plan_strategy_discussion_url(case: Case) -> str | None:
    """Where to plan the strategy discussion for this case (the meetings app's planning
    page), or None where meeting planning is not available."""
    try:
        url = reverse("meetings:plan", kwargs={"case_uuid": case.uuid})
    except NoReverseMatch:
        return None
    return f"{url}?kind=strategy_discussion"
