"""The "Meetings" tab: the case's meetings, planning one, the meeting page (details,
attendees, the child's views, the map in three columns, actions), running it (start,
finish), the record as a page and a PDF, the calendar file and invitations, and the live
view for a shared screen."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from safetymap.accounts.models import User
from safetymap.cases.access import case_page, render_case
from safetymap.cases.models import Case
from safetymap.cases.policies import Basis, access_basis
from safetymap.cases.selectors import current_workers, get_visible_case
from safetymap.core.forms import VersionedForm, save_through
from safetymap.core.pdf import html_to_pdf
from safetymap.core.versioning import STALE_MESSAGE
from safetymap.mapping.selectors import labels_for, live_picture
from safetymap.meetings import selectors, services
from safetymap.meetings.forms import (
    ActionForm,
    AttendeeForm,
    CancelForm,
    ChildsViewsForm,
    FinishForm,
    MeetingForm,
    StartForm,
)
from safetymap.meetings.invitations import ICS_CONTENT_TYPE, ics_filename, meeting_ics
from safetymap.meetings.models import Meeting, MeetingType
from safetymap.meetings.policies import can_run_meeting
from safetymap.meetings.record import family_text_checks, record_context, stylesheet

TAB = "meetings"


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _basis(request: HttpRequest) -> str:
    return str(request.case_access_basis)  # type: ignore[attr-defined]


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _meeting(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> Meeting:
    """The meeting in the URL, read once per request (the door may have read it already)."""
    cached: Meeting | None = getattr(request, "meeting", None)
    if cached is None or cached.uuid != meeting_uuid:
        cached = selectors.get_meeting(case, meeting_uuid)
        request.meeting = cached  # type: ignore[attr-defined]
    return cached


def _runs_meeting(request: HttpRequest, case: Case, url: dict[str, Any]) -> bool:
    """The chair and the minute taker may run their meeting without an editing role."""
    meeting = _meeting(request, case, url["meeting_uuid"])
    return can_run_meeting(_actor(request), meeting, basis=_basis(request))


def _meeting_url(meeting: Meeting, name: str = "meetings:meeting", **extra: Any) -> str:
    return reverse(
        name, kwargs={"case_uuid": meeting.case.uuid, "meeting_uuid": meeting.uuid, **extra}
    )


def meeting_page(what: str, *, edit: bool = False) -> Callable[..., Any]:
    """A page about one meeting: the case door, letting the meeting's chair and minute
    taker make changes to it too."""
    return case_page(what, edit=edit, may_change=_runs_meeting)


# --- The list and planning ----------------------------------------------------------------


@case_page("Meetings")
def meeting_list(request: HttpRequest, case: Case) -> HttpResponse:
    past = Paginator(selectors.past_meetings(case), selectors.MEETINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render_case(
        request,
        case,
        "meetings/list.html",
        {"upcoming": list(selectors.upcoming_meetings(case)), "page_obj": past},
        tab=TAB,
    )


@case_page("Meetings: plan a meeting", edit=True)
def meeting_plan(request: HttpRequest, case: Case) -> HttpResponse:
    kind = request.GET.get("kind")
    initial = {"kind": kind} if kind in MeetingType.values else {}
    form = MeetingForm(_posted(request), initial=initial, versioned=False)
    planned: list[Meeting] = []
    if (
        request.method == "POST"
        and form.is_valid()
        and save_through(
            form,
            lambda: planned.append(
                services.meeting_plan(
                    actor=_actor(request), case=case, values=form.service_values()
                )
            ),
        )
    ):
        messages.success(request, f"{planned[0]} planned. Now add who is invited.")
        return redirect(_meeting_url(planned[0]))
    return _form_page(request, case, form, title="Plan a meeting", back=None)


def _form_page(
    request: HttpRequest,
    case: Case,
    form: Any,
    *,
    title: str,
    back: str | None,
    meeting: Meeting | None = None,
    **extra: Any,
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render_case(
        request,
        case,
        "meetings/form.html",
        {
            "form": form,
            "title": title,
            "meeting": meeting,
            "back_url": back or reverse("meetings:list", kwargs={"case_uuid": case.uuid}),
            **extra,
        },
        tab=TAB,
        status=status,
    )


# --- The meeting page ----------------------------------------------------------------------


@meeting_page("Meeting")
def meeting_detail(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    here = _meeting_url(meeting)
    return render_case(
        request,
        case,
        "meetings/meeting.html",
        {
            "meeting": meeting,
            "attendees": selectors.attendees_of(meeting),
            "actions": selectors.actions_of(meeting),
            "invitations": selectors.invitations_of(meeting),
            "picture": live_picture(case),
            "can_run": can_run_meeting(_actor(request), meeting, basis=_basis(request)),
            "here": here,
            "start_form": StartForm(initial={"version": meeting.version}),
        },
        tab=TAB,
    )


def _versioned_change(
    request: HttpRequest,
    case: Case,
    meeting: Meeting,
    make: Callable[..., VersionedForm],
    change: Callable[[VersionedForm], Any],
    *,
    title: str,
    done: str,
    initial: dict[str, Any] | None = None,
    **extra: Any,
) -> HttpResponse:
    """A form that changes the meeting at the version the person saw: saved, it goes back
    to the meeting; refused as stale, it is offered again at the version now saved."""
    form = make(_posted(request), initial={"version": meeting.version, **(initial or {})})
    if request.method == "POST" and form.is_valid():
        if save_through(form, lambda: change(form)):
            messages.success(request, done)
            return redirect(_meeting_url(meeting))
        if getattr(form, "stale", False):
            fresh = Meeting.objects.get(pk=meeting.pk)
            form = form.at_version(fresh.version, STALE_MESSAGE, make)
    return _form_page(
        request, case, form, title=title, back=_meeting_url(meeting), meeting=meeting, **extra
    )


def _meeting_initial(meeting: Meeting) -> dict[str, Any]:
    values = {name: getattr(meeting, name) for name in services.MEETING_FIELDS}
    values["chair"] = meeting.chair.uuid if meeting.chair else None
    values["minute_taker"] = meeting.minute_taker.uuid if meeting.minute_taker else None
    return values


@meeting_page("Meeting: change the details", edit=True)
def meeting_edit(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    return _versioned_change(
        request,
        case,
        meeting,
        MeetingForm,
        lambda form: services.meeting_update(
            actor=_actor(request),
            meeting=meeting,
            expected_version=form.expected_version,
            values=form.service_values(),
        ),
        title="Change the meeting's details",
        done="Meeting details saved.",
        initial=_meeting_initial(meeting),
    )


@meeting_page("Meeting: cancel", edit=True)
def meeting_cancel(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    return _versioned_change(
        request,
        case,
        meeting,
        CancelForm,
        lambda form: services.meeting_cancel(
            actor=_actor(request),
            meeting=meeting,
            expected_version=form.expected_version,
            reason=form.cleaned_data["reason"],
        ),
        title="Cancel the meeting",
        done="Meeting cancelled.",
        submit="Cancel the meeting",
    )


@meeting_page("Meeting: the child's views", edit=True)
def childs_views(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    return _versioned_change(
        request,
        case,
        meeting,
        ChildsViewsForm,
        lambda form: services.childs_views_record(
            actor=_actor(request),
            meeting=meeting,
            expected_version=form.expected_version,
            views=form.cleaned_data["childs_views"],
        ),
        title="The child's views",
        done="The child's views saved.",
        initial={"childs_views": meeting.childs_views},
    )


@meeting_page("Meeting: start", edit=True)
def meeting_start(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    return _versioned_change(
        request,
        case,
        meeting,
        StartForm,
        lambda form: services.meeting_start(
            actor=_actor(request), meeting=meeting, expected_version=form.expected_version
        ),
        title="Start the meeting",
        done="Meeting started. The map is open as it stands now.",
        submit="Start the meeting",
        explain="Starting the meeting opens the case's map as it stands now. "
        "Changes made to the map during the meeting are saved as a new version when it finishes.",
    )


def _next_date_form(
    request: HttpRequest,
    case: Case,
    meeting: Meeting,
    save: Callable[[int | None, Any], Any],
    **page: Any,
) -> HttpResponse:
    """A form asking only for the next meeting's date: finishing, or setting it later."""
    return _versioned_change(
        request,
        case,
        meeting,
        FinishForm,
        lambda form: save(form.expected_version, form.cleaned_data["next_meeting_on"]),
        initial={"next_meeting_on": meeting.next_meeting_on},
        **page,
    )


@meeting_page("Meeting: finish", edit=True)
def meeting_finish(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    return _next_date_form(
        request,
        case,
        meeting,
        lambda version, next_on: services.meeting_finish(
            actor=_actor(request),
            meeting=meeting,
            expected_version=version,
            next_meeting_on=next_on,
        ),
        title="Finish the meeting",
        done="Meeting finished.",
        submit="Finish the meeting",
        explain="If the map changed during the meeting, it is saved as a new version "
        "linked to this meeting.",
    )


@meeting_page("Meeting: next meeting date", edit=True)
def next_date(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    return _next_date_form(
        request,
        case,
        meeting,
        lambda version, next_on: services.meeting_next_date_set(
            actor=_actor(request), meeting=meeting, expected_version=version, next_on=next_on
        ),
        title="Date of the next meeting",
        done="Next meeting date saved.",
    )


# --- Attendees ----------------------------------------------------------------------------


def _attendee_choices(case: Case, meeting: Meeting) -> dict[str, Any]:
    staff = {user.pk: user for user in current_workers(case)}
    for user in (meeting.chair, meeting.minute_taker):
        if user is not None:
            staff.setdefault(user.pk, user)
    return {"members": selectors.people_on_case(case), "staff": list(staff.values())}


@meeting_page("Meeting: add an attendee", edit=True)
def attendee_add(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    form = AttendeeForm(_posted(request), versioned=False, **_attendee_choices(case, meeting))
    if (
        request.method == "POST"
        and form.is_valid()
        and save_through(
            form,
            lambda: services.attendee_add(
                actor=_actor(request), meeting=meeting, values=form.service_values()
            ),
        )
    ):
        messages.success(request, "Attendee added.")
        return redirect(_meeting_url(meeting) + "#attendees")
    return _form_page(
        request, case, form, title="Add an attendee", back=_meeting_url(meeting), meeting=meeting
    )


def _attendee_initial(attendee: Any) -> dict[str, Any]:
    values = {name: getattr(attendee, name) for name in services.ATTENDEE_FIELDS}
    return {**values, "version": attendee.version}


@meeting_page("Meeting: change an attendee", edit=True)
def attendee_edit(
    request: HttpRequest, case: Case, meeting_uuid: uuid.UUID, attendee_uuid: uuid.UUID
) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    attendee = selectors.get_attendee(meeting, attendee_uuid)
    form: VersionedForm = AttendeeForm(_posted(request), initial=_attendee_initial(attendee))
    if request.method == "POST" and form.is_valid():
        if save_through(
            form,
            lambda: services.attendee_update(
                actor=_actor(request),
                attendee=attendee,
                expected_version=form.expected_version,
                values=form.service_values(),
            ),
        ):
            messages.success(request, f"{attendee.name}'s details saved.")
            return redirect(_meeting_url(meeting) + "#attendees")
        if getattr(form, "stale", False):
            attendee.refresh_from_db()
            form = form.at_version(attendee.version, STALE_MESSAGE)
    return _form_page(
        request,
        case,
        form,
        title=f"Change {attendee.name}'s details",
        back=_meeting_url(meeting),
        meeting=meeting,
    )


@meeting_page("Meeting: take an attendee off the list", edit=True)
def attendee_remove(
    request: HttpRequest, case: Case, meeting_uuid: uuid.UUID, attendee_uuid: uuid.UUID
) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    attendee = selectors.get_attendee(meeting, attendee_uuid)
    form = VersionedForm(_posted(request), initial={"version": attendee.version})
    if (
        request.method == "POST"
        and form.is_valid()
        and save_through(
            form,
            lambda: services.attendee_remove(
                actor=_actor(request), attendee=attendee, expected_version=form.expected_version
            ),
        )
    ):
        messages.success(request, f"{attendee.name} taken off the list.")
        return redirect(_meeting_url(meeting) + "#attendees")
    return _form_page(
        request,
        case,
        form,
        title=f"Take {attendee.name} off the list?",
        back=_meeting_url(meeting),
        meeting=meeting,
        submit="Take them off the list",
        explain="They stay in the meeting's history, but are no longer listed or invited.",
    )


# --- Actions -----------------------------------------------------------------------------------


@meeting_page("Meeting: add an action", edit=True)
def action_add(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    form = ActionForm(_posted(request), case=case)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_through(
            form,
            lambda: services.meeting_action_add(
                actor=_actor(request), meeting=meeting, values=form.service_values()
            ),
        )
    ):
        messages.success(request, "Action added to the map as a next step.")
        return redirect(_meeting_url(meeting) + "#actions")
    return _form_page(
        request, case, form, title="Add an action", back=_meeting_url(meeting), meeting=meeting
    )


# --- Invitations ---------------------------------------------------------------------------


@meeting_page("Meeting: calendar file")
def meeting_calendar(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    response = HttpResponse(meeting_ics(meeting), content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(meeting)}"'
    return response


@meeting_page("Meeting: send invitations", edit=True)
def meeting_invite(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    form = VersionedForm(_posted(request), initial={"version": meeting.version})
    attendees = selectors.attendees_of(meeting)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.meeting_invitations_send(actor=_actor(request), meeting=meeting)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, f"Invitations sent to {len(sent)} people.")
            return redirect(_meeting_url(meeting) + "#invitations")
    return _form_page(
        request,
        case,
        form,
        title="Send invitations",
        back=_meeting_url(meeting),
        meeting=meeting,
        submit="Send invitations",
        with_email=[a for a in attendees if a.email],
        without_email=[a for a in attendees if not a.email],
    )


# --- The record: a page and a PDF from one template -------------------------------------------


@meeting_page("Meeting record")
def meeting_record(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    context = record_context(meeting, for_pdf=False)
    context["plain_language"] = family_text_checks(context) if context["family_attends"] else []
    context["pdf_url"] = _meeting_url(meeting, "meetings:pdf")
    context["back_url"] = _meeting_url(meeting)
    return render(request, "meetings/record.html", context)


@meeting_page("Meeting record: PDF")
def meeting_pdf(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    meeting = _meeting(request, case, meeting_uuid)
    html = render_to_string("meetings/record.html", record_context(meeting, for_pdf=True))
    pdf = html_to_pdf(html, stylesheet())
    services.meeting_pdf_record(actor=_actor(request), meeting=meeting, basis=_basis(request))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"meeting-record-{meeting.held_on:%Y-%m-%d}-{case.reference}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def record_stylesheet(request: HttpRequest) -> HttpResponse:
    """The record's stylesheet for the printable page (the PDF is given the same one)."""
    return HttpResponse(stylesheet(), content_type="text/css")


# --- The live view for a shared screen --------------------------------------------------------


def _live_context(case: Case, meeting: Meeting) -> dict[str, Any]:
    return {
        "case": case,
        "meeting": meeting,
        "picture": live_picture(case),
        "labels": labels_for(case.service_level),
        "fingerprint": selectors.map_fingerprint(case, meeting),
        "fragment_url": _meeting_url(meeting, "meetings:live_fragment"),
    }


@meeting_page("Meeting: live view")
def meeting_live(request: HttpRequest, case: Case, meeting_uuid: uuid.UUID) -> HttpResponse:
    """The live view, opened: the door records this one access event; the refreshes that
    follow (live_fragment) record none."""
    meeting = _meeting(request, case, meeting_uuid)
    return render(request, "meetings/live.html", _live_context(case, meeting))


@login_required
@require_GET
def live_fragment(
    request: HttpRequest, case_uuid: uuid.UUID, meeting_uuid: uuid.UUID
) -> HttpResponse:
    """What a live screen asks every second: 204 when nothing has changed since the
    fingerprint it shows (`?seen=`), else the map drawn again. Checked like every case page
    (404 for no relationship, and for partners, whose shares do not open meetings) but not
    recorded: the opening of the live view was."""
    user = _actor(request)
    case = get_visible_case(user, case_uuid)
    basis = access_basis(user, case)
    if basis is None or basis == Basis.SHARED:
        raise Http404("No meeting found")
    meeting = selectors.live_meeting(case, meeting_uuid)
    if request.GET.get("seen") == selectors.map_fingerprint(case, meeting):
        return HttpResponse(status=204)
    return render(request, "meetings/partials/live_board.html", _live_context(case, meeting))
