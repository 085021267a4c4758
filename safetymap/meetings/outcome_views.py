"""A meeting's scales and decision: the pages the chair and minute taker use.

Every page goes through `@meeting_page`, the case door that also lets the meeting's chair and
minute taker change it (unrelated users 404, other read-only users 403 on any change,
every request an access event). Before the chair reveals the scales, no page shows anyone's
numbers or reasons except an attendee's own: only how many are in, and whose.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from safetymap.cases.access import render_case
from safetymap.cases.models import Case
from safetymap.meetings import outcomes
from safetymap.meetings.models import Meeting
from safetymap.meetings.outcome_forms import DecisionForm, ScaleForm
from safetymap.meetings.outcome_spread import build_plot
from safetymap.meetings.policies import can_run_meeting
from safetymap.meetings.views import meeting_page

TAB = "meetings"


def _kwargs(meeting: Meeting) -> dict[str, Any]:
    return {"case_uuid": meeting.case.uuid, "meeting_uuid": meeting.uuid}


def scales_url(meeting: Meeting) -> str:
    return reverse("meeting_outcomes:scales", kwargs=_kwargs(meeting))


def decision_url(meeting: Meeting) -> str:
    return reverse("meeting_outcomes:decision", kwargs=_kwargs(meeting))


def _render(
    request: HttpRequest,
    case: Case,
    meeting: Meeting,
    template: str,
    context: dict[str, Any],
    form: Any = None,
) -> HttpResponse:
    status = 400 if form is not None and form.errors else 200
    return render_case(
        request,
        case,
        template,
        {"meeting": meeting, "form": form, **context},
        tab=TAB,
        status=status,
    )


def _refusal_on_form(form: Any, error: ValidationError) -> None:
    """A service's refusal on the form, on the named fields when it names them."""
    if hasattr(error, "error_dict"):
        for name, field_messages in error.message_dict.items():
            for message in field_messages:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- Scales ----------------------------------------------------------------------------------


@meeting_page("Meeting scales")
def scales(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = outcomes.get_meeting(case, meeting_uuid)
    user: Any = request.user
    state = outcomes.scaling_state(meeting, user)
    can_edit = _may_run(request, meeting)
    plots = [(line, build_plot(line)) for line in state.lines]
    return _render(
        request,
        case,
        meeting,
        "meetings/outcomes/scales.html",
        {
            "state": state,
            "plots": plots,
            "may_run": _may_run(request, meeting),
            "may_reveal": outcomes.may_reveal_scales(user, meeting, can_edit=can_edit) and can_edit,
        },
    )


@meeting_page("Meeting scale entered")
def scale_enter(
    request: HttpRequest, case: Case, meeting_uuid: uuid.UUID, attendee_uuid: uuid.UUID
) -> HttpResponse:
    meeting = outcomes.get_meeting(case, meeting_uuid)
    attendee = outcomes.get_attendee(meeting, attendee_uuid)
    user: Any = request.user
    if not outcomes.may_enter_scale(user, attendee, can_edit=_may_run(request, meeting)):
        raise PermissionDenied(
            "Only the person themselves or whoever runs the meeting may do this."
        )
    statements = outcomes.meeting_statements(meeting)
    state = outcomes.scaling_state(meeting, user)
    own = attendee.user_id == user.pk
    # Before the reveal only the attendee may see their own numbers again.
    prefill = own or state.revealed
    initial = _scale_initial(attendee, state) if prefill else {}
    form = ScaleForm(request.POST or None, statements=statements, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            outcomes.scales_enter(actor=user, attendee=attendee, entries=form.entries())
        except ValidationError as error:
            _refusal_on_form(form, error)
        else:
            who = "Your scale" if own else f"The scale for {attendee.name}"
            hidden = "" if state.revealed else " It stays hidden until the chair shows everyone’s."
            messages.success(request, f"{who} is saved.{hidden}")
            return redirect(scales_url(meeting))
    already_in = attendee.pk in state.scaled
    return _render(
        request,
        case,
        meeting,
        "meetings/outcomes/scale_form.html",
        {
            "attendee": attendee,
            "own": own,
            "already_in": already_in,
            "revealed": state.revealed,
            "prefilled": prefill and already_in,
        },
        form,
    )


def _scale_initial(attendee: Any, state: outcomes.ScalingState) -> dict[str, Any]:
    scales = [d.scale for line in state.lines for d in line.dots if d.attendee.pk == attendee.pk]
    scales = scales or [s for s in state.own if s.attendee_id == attendee.pk]
    initial: dict[str, Any] = {}
    for scale in scales:
        key = "overall" if scale.danger_statement is None else str(scale.danger_statement.uuid)
        initial[f"score_{key}"] = scale.score
        initial[f"reason_{key}"] = scale.reason
    return initial


@meeting_page("Meeting scales shown", edit=True)
def scales_reveal(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = outcomes.get_meeting(case, meeting_uuid)
    user: Any = request.user
    if not outcomes.may_reveal_scales(user, meeting, can_edit=True):
        raise PermissionDenied("Only the chair shows everyone’s scales.")
    state = outcomes.scaling_state(meeting, user)
    error = ""
    if request.method == "POST":
        try:
            outcomes.scales_reveal(actor=user, meeting=meeting)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, "Everyone’s scales are now shown.")
            return redirect(scales_url(meeting))
    return render_case(
        request,
        case,
        "meetings/outcomes/reveal.html",
        {"meeting": meeting, "state": state, "error": error},
        tab=TAB,
        status=400 if error else 200,
    )


# --- Decisions -------------------------------------------------------------------------------


@meeting_page("Meeting decision")
def decision(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    """The decision that stands, with the views and any dissent, and what it replaced; or,
    when none is recorded yet, the form to record it."""
    meeting = outcomes.get_meeting(case, meeting_uuid)
    standing = outcomes.current_decision(meeting)
    if standing is None:
        return _decision_form(request, case, meeting, replaces=None)
    return _render(
        request,
        case,
        meeting,
        "meetings/outcomes/decision.html",
        {
            "decision": standing,
            "summary": outcomes.decision_summary(standing),
            "earlier": [
                (d, outcomes.decision_summary(d)) for d in outcomes.replaced_decisions(meeting)
            ],
            "may_run": _may_run(request, meeting),
        },
    )


@meeting_page("Meeting decision corrected", edit=True)
def decision_correct(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = outcomes.get_meeting(case, meeting_uuid)
    standing = outcomes.current_decision(meeting)
    if standing is None:
        return redirect(decision_url(meeting))
    return _decision_form(request, case, meeting, replaces=standing)


def _may_run(request: HttpRequest, meeting: Meeting) -> bool:
    """The chair, the minute taker, or anyone who may change the case (meetings.policies)."""
    basis = getattr(request, "case_access_basis", None)
    return can_run_meeting(request.user, meeting, basis=basis)  # type: ignore[arg-type]


def _decision_form(
    request: HttpRequest, case: Case, meeting: Meeting, *, replaces: Any
) -> HttpResponse:
    user: Any = request.user
    may_run = _may_run(request, meeting)
    if request.method == "POST" and not may_run:
        raise PermissionDenied("Only whoever runs the meeting records its decision.")
    kind = outcomes.decision_kind_for(meeting)
    form = None
    if may_run:
        form = DecisionForm(
            request.POST or None,
            kind=kind,
            case=case,
            attendees=outcomes.expected_attendees(meeting),
            held_on=meeting.held_on,
            correcting=replaces is not None,
        )
        if request.method == "POST" and form.is_valid():
            try:
                outcomes.decision_record(
                    actor=user,
                    meeting=meeting,
                    given=form.given(),
                    replaces=replaces,
                    correction_reason=form.cleaned_data.get("correction_reason", ""),
                )
            except ValidationError as error:
                _refusal_on_form(form, error)
            else:
                messages.success(request, "The decision is recorded.")
                return redirect(decision_url(meeting))
    return _render(
        request,
        case,
        meeting,
        "meetings/outcomes/decision_form.html",
        {"kind": kind, "replaces": replaces, "may_run": may_run},
        form,
    )
