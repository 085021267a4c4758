"""The map page, and the small helpers its forms use."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from safetymap.cases.access import case_page, partner_view_of, render_case
from safetymap.cases.models import Case, SharedKind
from safetymap.core.forms import VersionedForm
from safetymap.core.versioning import StaleEditError
from safetymap.mapping import selectors, services
from safetymap.mapping.registry import attach_sources
from safetymap.mapping.wording import compose_danger_statement, compose_goal

# Positions of 0..10 on the small scale strips (an SVG 240 wide, 20 units a point).
SCALE_TICKS = [{"value": value, "x": 20 + value * 20} for value in range(11)]


@case_page("The map")
def map_page(request: HttpRequest, case: Case) -> HttpResponse:
    shared = partner_view_of(request)
    picture = selectors.live_picture(case, shared)
    attach_sources(request, case, picture.records)
    versions = list(selectors.map_versions(case)[:1])
    state = selectors.map_state(case)
    latest_version = versions[0] if versions else None
    unsaved = state is not None and (
        latest_version is None or state.last_changed_at > latest_version.created_at
    )
    soft, hard = services.danger_statement_limits()
    return render_case(
        request,
        case,
        "mapping/map.html",
        {
            "picture": picture,
            "labels": picture.labels,
            "map_state": state,
            "latest_version": latest_version,
            "unsaved_changes": unsaved,
            "statements_at_hard_limit": len(picture.statements) >= hard,
            "statements_over_soft_limit": len(picture.statements) > soft,
            "ticks": SCALE_TICKS,
            "show_scales": shared is None or SharedKind.SCALES in shared.kinds,
        },
        tab="map",
    )


@case_page("The map: next step done", edit=True)
def step_done(request: HttpRequest, case: Case, row_uuid: uuid.UUID) -> HttpResponse:
    """Tick a next step as done today, or (with done=0) mark it as not done after all."""
    step = selectors.get_next_step(case, row_uuid)
    form = VersionedForm(request.POST)
    done = request.POST.get("done", "1") == "1"
    if form.is_valid():
        try:
            services.next_step_set_done(
                actor=request.user,  # type: ignore[arg-type]
                step=step,
                expected_version=form.expected_version,
                done_on=timezone.localdate() if done else None,
            )
        except StaleEditError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, "Next step marked as done." if done else "Next step marked as not done."
            )
    return redirect(reverse("mapping:map", kwargs={"case_uuid": case.uuid}) + "#next-steps")


def _text(request: HttpRequest, name: str) -> str:
    return request.POST.get(name, "")[:2000]


@login_required
@require_POST
def compose_statement(request: HttpRequest) -> HttpResponse:
    """The danger statement sentence for the three parts typed so far (no case data read)."""
    return HttpResponse(
        compose_danger_statement(
            who_is_worried=_text(request, "who_is_worried"),
            adult_behaviour=_text(request, "adult_behaviour"),
            feared_for_child=_text(request, "feared_for_child"),
        ),
        content_type="text/plain; charset=utf-8",
    )


@login_required
@require_POST
def compose_goal_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        compose_goal(
            adults_will=_text(request, "adults_will"),
            child_will_experience=_text(request, "child_will_experience"),
            who_will_see=_text(request, "who_will_see"),
            how_long=_text(request, "how_long"),
        ),
        content_type="text/plain; charset=utf-8",
    )
