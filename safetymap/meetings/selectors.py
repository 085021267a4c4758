"""Every read of meetings. Callers have already fetched the case through
`cases.selectors.get_visible_case` (the @case_page door), so reads here are per case."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case, CaseMember
from safetymap.cases.registry import ChronologyEvent
from safetymap.mapping.models import CaseMap
from safetymap.meetings.models import (
    Meeting,
    MeetingAction,
    MeetingAttendee,
    MeetingInvitation,
    MeetingStatus,
)

MEETINGS_PER_PAGE = 20
OPEN_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS)


def _meetings(case: Case) -> QuerySet[Meeting]:
    return case.meetings.select_related("chair", "minute_taker", "progress")


def upcoming_meetings(case: Case) -> QuerySet[Meeting]:
    """Meetings still to happen or happening now, soonest first."""
    return _meetings(case).filter(status__in=OPEN_STATUSES).order_by("held_on", "starts_at", "id")


def past_meetings(case: Case) -> QuerySet[Meeting]:
    """Meetings held or cancelled, latest first."""
    return _meetings(case).exclude(status__in=OPEN_STATUSES).order_by("-held_on", "-id")


def get_meeting(case: Case, meeting_uuid: uuid.UUID) -> Meeting:
    meeting = (
        _meetings(case)
        .select_related("opened_map_version", "saved_map_version", "case__child")
        .filter(uuid=meeting_uuid)
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting on this case")
    return meeting


def attendees_of(meeting: Meeting) -> list[MeetingAttendee]:
    return list(meeting.attendees.filter(removed_at__isnull=True).select_related("person", "user"))


def get_attendee(meeting: Meeting, attendee_uuid: uuid.UUID) -> MeetingAttendee:
    attendee = meeting.attendees.filter(uuid=attendee_uuid, removed_at__isnull=True).first()
    if attendee is None:
        raise Http404("No such attendee at this meeting")
    attendee.meeting = meeting
    return attendee


def actions_of(meeting: Meeting) -> list[MeetingAction]:
    """Actions agreed at the meeting, as they stand on the map now (a removed next step is
    still listed, marked as removed)."""
    return list(meeting.actions.select_related("next_step").order_by("created_at", "id"))


def invitations_of(meeting: Meeting) -> list[MeetingInvitation]:
    return list(meeting.invitations.select_related("attendee", "sent_by"))


def staff_choices() -> QuerySet[User]:
    """Council staff who may chair, take minutes or attend: everyone but partners."""
    return (
        User.objects.filter(is_active=True)
        .exclude(role=Role.PARTNER_PROFESSIONAL)
        .order_by("first_name", "last_name", "id")
    )


def people_on_case(case: Case) -> list[CaseMember]:
    return list(
        case.members.filter(removed_at__isnull=True)
        .select_related("person")
        .order_by("created_at", "id")
    )


def map_fingerprint(case: Case, meeting: Meeting) -> str:
    """A short fingerprint of what the live view shows: it changes when the map or the
    meeting changes, so a screen that is up to date is answered without drawing anything
    (one query)."""
    changed = CaseMap.objects.filter(case=case).values_list("last_changed_at", flat=True).first()
    seen = f"{changed.isoformat() if changed else ''}|{meeting.version}|{meeting.status}"
    return hashlib.sha256(seen.encode()).hexdigest()[:16]


def live_meeting(case: Case, meeting_uuid: uuid.UUID) -> Meeting:
    """The meeting a live screen follows, read without its related rows (polled often)."""
    meeting = case.meetings.filter(uuid=meeting_uuid).first()
    if meeting is None:
        raise Http404("No such meeting on this case")
    return meeting


# --- The chronology ------------------------------------------------------------------------


def _chronology_event(case: Case, meeting: Meeting) -> ChronologyEvent:
    cancelled = meeting.status == MeetingStatus.CANCELLED
    progress = getattr(meeting, "progress", None)
    next_on = meeting.next_meeting_on
    if cancelled:
        detail = progress.cancelled_reason if progress else ""
    else:
        detail = f"Next meeting: {next_on:%-d %B %Y}" if next_on else ""
    return ChronologyEvent(
        happened_on=meeting.held_on,
        kind="meetings",
        summary=f"{meeting.get_kind_display()} {'cancelled' if cancelled else 'held'}",
        url=reverse(
            "meetings:meeting", kwargs={"case_uuid": case.uuid, "meeting_uuid": meeting.uuid}
        ),
        by=meeting.chair.display_name if meeting.chair else "",
        detail=detail,
    )


def chronology_events(case: Case) -> Iterable[ChronologyEvent]:
    """Meetings held and cancelled, for the case's chronology (one query)."""
    meetings = (
        case.meetings.filter(status__in=(MeetingStatus.FINISHED, MeetingStatus.CANCELLED))
        .select_related("chair", "progress")
        .order_by("held_on", "id")
    )
    return [_chronology_event(case, meeting) for meeting in meetings]
