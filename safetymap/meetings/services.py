"""Every write to a meeting record. Each records an audit event in the same transaction and
checks the version the user saw.

A meeting opens the case's current map (saving a version first if the map has changed
since the last one) and, if the map changed while it was running, saves what it changed as
a new version linked back to it. Actions agreed in the meeting go on the map as next steps.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.services import (
    access_record,
    audit_record,
    audited_create,
    audited_remove,
    audited_update,
)
from safetymap.cases.models import Case
from safetymap.mapping import services as map_services
from safetymap.mapping.models import CaseMap, MapVersion, Occasion
from safetymap.meetings.invitations import invitation_email
from safetymap.meetings.models import (
    Meeting,
    MeetingAction,
    MeetingAttendee,
    MeetingInvitation,
    MeetingProgress,
    MeetingStatus,
    RoleGroup,
)
from safetymap.meetings.timescales import meeting_reminders_refresh

MEETING_FIELDS = (
    "kind",
    "held_on",
    "starts_at",
    "place",
    "online",
    "chair",
    "minute_taker",
    "next_meeting_on",
)
ATTENDEE_FIELDS = (
    "person",
    "user",
    "name",
    "role",
    "role_group",
    "agency",
    "email",
    "attendance",
    "report_received",
)
ACTION_FIELDS = ("action", "owner", "due_on", "goal")
# What the access log says when a meeting record leaves the system, or is put on a screen.
PDF_WHAT = "Meeting record: PDF made (export)"
LIVE_WHAT = "Meeting: live view opened on a shared screen"


def _only(values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    """Keep only the fields a service accepts, so no caller can set anything else."""
    return {name: value for name, value in values.items() if name in allowed}


def _summary(meeting: Meeting, what: str) -> str:
    return f"{meeting.get_kind_display()} on {meeting.held_on:%d %B %Y}: {what}"


def _require_status(meeting: Meeting, *allowed: str, doing: str) -> None:
    if meeting.status not in allowed:
        raise ValidationError(
            f"This meeting is {meeting.get_status_display().lower()}, so you cannot {doing}."
        )


def _check_meeting_fields(fields: dict[str, Any], current: Meeting | None = None) -> dict[str, Any]:
    """Refuse a meeting with nowhere to be, or a next meeting before this one. Fields not
    being changed are taken from the saved meeting."""
    merged = {name: getattr(current, name, None) for name in MEETING_FIELDS} | fields
    if not merged["online"] and not str(merged["place"] or "").strip():
        raise ValidationError("Enter where the meeting is, or say it is online.")
    if merged["next_meeting_on"] and merged["next_meeting_on"] <= merged["held_on"]:
        raise ValidationError("The next meeting must be after this one.")
    return fields


def _update(
    *,
    actor: User,
    meeting: Meeting,
    expected_version: int | None,
    changes: dict[str, Any],
    what: str,
) -> Meeting:
    return audited_update(
        actor=actor,
        instance=meeting,
        expected_version=expected_version,
        changes=changes,
        case_uuid=meeting.case.uuid,
        summary=_summary(meeting, what),
    )


# --- Planning ---------------------------------------------------------------------------------


@transaction.atomic
def meeting_plan(*, actor: User, case: Case, values: dict[str, Any]) -> Meeting:
    """Plan a meeting: its kind, date and time, where (or online), chair and minute taker."""
    if case.closed_on is not None:
        raise ValidationError("This case is closed. Reopen it before planning a meeting.")
    fields = _check_meeting_fields(_only(values, MEETING_FIELDS))
    meeting = audited_create(
        actor=actor,
        model=Meeting,
        case_uuid=case.uuid,
        summary="Meeting planned",
        fields={"case": case, "created_by": actor, "status": MeetingStatus.PLANNED, **fields},
    )
    MeetingProgress.objects.create(meeting=meeting)
    meeting_reminders_refresh(actor=actor, case=case)
    return meeting


@transaction.atomic
def meeting_update(
    *, actor: User, meeting: Meeting, expected_version: int | None, values: dict[str, Any]
) -> Meeting:
    _require_status(
        meeting, MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS, doing="change its details"
    )
    fields = _check_meeting_fields(_only(values, MEETING_FIELDS), meeting)
    updated = _update(
        actor=actor,
        meeting=meeting,
        expected_version=expected_version,
        changes=fields,
        what="details changed",
    )
    meeting_reminders_refresh(actor=actor, case=updated.case)  # the date may have moved
    return updated


@transaction.atomic
def meeting_next_date_set(
    *, actor: User, meeting: Meeting, expected_version: int | None, next_on: datetime.date | None
) -> Meeting:
    """The date agreed for the next meeting (it can be set after the meeting has finished)."""
    if next_on is not None and next_on <= meeting.held_on:
        raise ValidationError("The next meeting must be after this one.")
    return _update(
        actor=actor,
        meeting=meeting,
        expected_version=expected_version,
        changes={"next_meeting_on": next_on},
        what="next meeting date set",
    )


def _progress(meeting: Meeting) -> MeetingProgress:
    progress, _ = MeetingProgress.objects.select_for_update().get_or_create(meeting=meeting)
    return progress


@transaction.atomic
def meeting_cancel(
    *, actor: User, meeting: Meeting, expected_version: int | None, reason: str
) -> Meeting:
    _require_status(meeting, MeetingStatus.PLANNED, doing="cancel it")
    if not reason.strip():
        raise ValidationError("Say why the meeting is cancelled.")
    cancelled = _update(
        actor=actor,
        meeting=meeting,
        expected_version=expected_version,
        changes={"status": MeetingStatus.CANCELLED},
        what=f"cancelled ({reason.strip()})",
    )
    progress = _progress(cancelled)
    progress.cancelled_at = timezone.now()
    progress.cancelled_reason = reason.strip()
    progress.save()
    meeting_reminders_refresh(actor=actor, case=cancelled.case)
    return cancelled


# --- Attendees ----------------------------------------------------------------------------------


def _attendee_fields(meeting: Meeting, values: dict[str, Any]) -> dict[str, Any]:
    fields = _only(values, ATTENDEE_FIELDS)
    person, user = fields.get("person"), fields.get("user")
    if (
        person is not None
        and not meeting.case.members.filter(person=person, removed_at__isnull=True).exists()
        and person.pk != meeting.case.child_id
    ):
        raise ValidationError("Only people on this child's case can be chosen.")
    if person is not None and not str(fields.get("name", "")).strip():
        fields["name"] = person.full_name
    if user is not None and not str(fields.get("name", "")).strip():
        fields["name"] = user.display_name
    if "name" in fields and not str(fields["name"]).strip():
        raise ValidationError("Enter the attendee's name.")
    if "role" in fields and not str(fields["role"]).strip():
        raise ValidationError("Enter the attendee's role, for example: mum, class teacher.")
    return fields


@transaction.atomic
def attendee_add(*, actor: User, meeting: Meeting, values: dict[str, Any]) -> MeetingAttendee:
    """Someone invited: a person on the case, a member of staff, or someone from another
    agency known by name."""
    _require_status(
        meeting, MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS, doing="add attendees"
    )
    fields = _attendee_fields(meeting, values)
    return audited_create(
        actor=actor,
        model=MeetingAttendee,
        case_uuid=meeting.case.uuid,
        summary=_summary(meeting, f"{fields.get('name', '')} invited"),
        fields={"meeting": meeting, **fields},
    )


@transaction.atomic
def attendee_update(
    *,
    actor: User,
    attendee: MeetingAttendee,
    expected_version: int | None,
    values: dict[str, Any],
) -> MeetingAttendee:
    """Change an attendee's details, their attendance or whether their report came in."""
    meeting = attendee.meeting
    return audited_update(
        actor=actor,
        instance=attendee,
        expected_version=expected_version,
        changes=_attendee_fields(meeting, values),
        case_uuid=meeting.case.uuid,
        summary=_summary(meeting, f"{attendee.name}'s details changed"),
    )


def attendee_remove(
    *, actor: User, attendee: MeetingAttendee, expected_version: int | None
) -> None:
    meeting = attendee.meeting
    audited_remove(
        actor=actor,
        instance=attendee,
        expected_version=expected_version,
        case_uuid=meeting.case.uuid,
        summary=_summary(meeting, f"{attendee.name} taken off the list"),
    )


# --- The meeting itself -------------------------------------------------------------------------


@transaction.atomic
def childs_views_record(
    *, actor: User, meeting: Meeting, expected_version: int | None, views: str
) -> Meeting:
    """What the child wants the meeting to know, in their own words where possible."""
    _require_status(
        meeting, MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS, doing="change the child's views"
    )
    return _update(
        actor=actor,
        meeting=meeting,
        expected_version=expected_version,
        changes={"childs_views": views.strip()},
        what="child's views recorded",
    )


def _last_version(case: Case) -> MapVersion | None:
    return case.map_versions.order_by("-number").first()


def _map_changed_since(case: Case, moment: datetime.datetime | None) -> bool:
    changed = CaseMap.objects.filter(case=case).values_list("last_changed_at", flat=True).first()
    return changed is not None and (moment is None or changed > moment)


def _meeting_version(*, actor: User, meeting: Meeting, note: str) -> MapVersion:
    # A meeting written up after the day is dated on the day it was held, but never before
    # the version already saved last (versions stay in date order).
    day = min(meeting.held_on, timezone.localdate())
    last = _last_version(meeting.case)
    return map_services.map_version_save(
        actor=actor,
        case=meeting.case,
        occasion=Occasion.MEETING,
        note=note,
        saved_on=max(day, last.saved_on) if last else day,
    )


@transaction.atomic
def meeting_start(*, actor: User, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Open the case's current map: the last saved version, or a new one if the map has
    changed since (or has never been saved)."""
    _require_status(meeting, MeetingStatus.PLANNED, doing="start it")
    last = _last_version(meeting.case)
    if last is None or _map_changed_since(meeting.case, last.created_at):
        last = _meeting_version(
            actor=actor, meeting=meeting, note=f"The map as it stood when the {meeting} began"
        )
    started = _update(
        actor=actor,
        meeting=meeting,
        expected_version=expected_version,
        changes={"status": MeetingStatus.IN_PROGRESS, "opened_map_version": last},
        what="started",
    )
    progress = _progress(started)
    progress.started_at = timezone.now()
    progress.save()
    meeting_reminders_refresh(actor=actor, case=started.case)  # a meeting held is no longer due
    return started


@transaction.atomic
def meeting_finish(
    *,
    actor: User,
    meeting: Meeting,
    expected_version: int | None,
    next_meeting_on: datetime.date | None = None,
) -> Meeting:
    """Close the meeting. If the map changed while it ran, what it changed is saved as a new
    version of the map, named after the meeting and linked to it."""
    _require_status(meeting, MeetingStatus.IN_PROGRESS, doing="finish it")
    opened = meeting.opened_map_version
    changes: dict[str, Any] = {"status": MeetingStatus.FINISHED}
    if _map_changed_since(meeting.case, opened.created_at if opened else None):
        changes["saved_map_version"] = _meeting_version(
            actor=actor, meeting=meeting, note=f"Changed in the {meeting}"
        )
    if next_meeting_on is not None:
        if next_meeting_on <= meeting.held_on:
            raise ValidationError("The next meeting must be after this one.")
        changes["next_meeting_on"] = next_meeting_on
    finished = _update(
        actor=actor,
        meeting=meeting,
        expected_version=expected_version,
        changes=changes,
        what="finished",
    )
    progress = _progress(finished)
    progress.finished_at = timezone.now()
    progress.save()
    return finished


# --- Actions ------------------------------------------------------------------------------------


@transaction.atomic
def meeting_action_add(*, actor: User, meeting: Meeting, values: dict[str, Any]) -> MeetingAction:
    """An action agreed in the meeting, put on the map as a next step with its owner and date."""
    _require_status(meeting, MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS, doing="add actions")
    fields = _only(values, ACTION_FIELDS)
    if not str(fields.get("action", "")).strip():
        raise ValidationError("Enter what needs to happen.")
    step = map_services.next_step_add(actor=actor, case=meeting.case, values=fields)
    return audited_create(
        actor=actor,
        model=MeetingAction,
        case_uuid=meeting.case.uuid,
        summary=_summary(meeting, "action agreed"),
        fields={"meeting": meeting, "next_step": step},
    )


# --- Leaving the system: the PDF, the live screen, invitations ----------------------------------


def meeting_pdf_record(*, actor: User, meeting: Meeting, basis: str) -> None:
    """A PDF of the meeting record was made: an access event and an audit event."""
    access_record(actor=actor, case_uuid=meeting.case.uuid, what=PDF_WHAT, basis=basis)
    audit_record(
        actor=actor,
        action="download",
        target=meeting,
        changes={},
        case_uuid=meeting.case.uuid,
        summary=_summary(meeting, "record made as a PDF"),
    )


def meeting_live_opened(*, actor: User, meeting: Meeting, basis: str) -> None:
    """The live view was put up on a screen: once per opening, not on every refresh."""
    access_record(actor=actor, case_uuid=meeting.case.uuid, what=LIVE_WHAT, basis=basis)


def family_attends(attendees: list[MeetingAttendee]) -> bool:
    return any(a.role_group in (RoleGroup.FAMILY, RoleGroup.CHILD) for a in attendees)


@transaction.atomic
def meeting_invitations_send(*, actor: User, meeting: Meeting) -> list[MeetingInvitation]:
    """Send each attendee with an email address their own invitation, with the calendar
    file, and record who was sent what, when. One email per person, so nobody's address
    is shown to anyone else."""
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS):
        raise ValidationError("Invitations can only be sent for a meeting still to happen.")
    recipients = [a for a in meeting.attendees.filter(removed_at__isnull=True) if a.email]
    if not recipients:
        raise ValidationError("Nobody on the list has an email address.")
    sent = []
    for attendee in recipients:
        invitation_email(meeting, attendee).send()
        sent.append(
            audited_create(
                actor=actor,
                model=MeetingInvitation,
                case_uuid=meeting.case.uuid,
                summary=_summary(meeting, f"invitation emailed to {attendee.name}"),
                fields={
                    "meeting": meeting,
                    "attendee": attendee,
                    "sent_to": attendee.email,
                    "sent_by": actor,
                    "meeting_version": meeting.version,
                },
            )
        )
    return sent
