"""Invitations: a calendar file (.ics, RFC 5545) per meeting and the email that carries it.

The calendar file is written here (it is a small text format): lines end CRLF and are
folded at 75 octets, text is escaped, times are UTC, and the UID is the meeting's own, so
a changed or cancelled meeting replaces the entry already in someone's calendar. It names
no attendee: everyone gets the same file, so nobody learns anyone else's details from it.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from safetymap.meetings.models import Meeting, MeetingAttendee, MeetingStatus

# A meeting's length when only its start is known, for the calendar entry's end.
DEFAULT_LENGTH = datetime.timedelta(minutes=90)
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and new lines (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, each continuation starting
    with a space, never cutting a character in two."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(meeting: Meeting) -> list[str]:
    """DTSTART and DTEND: UTC times when the start time is known, else the whole day."""
    if meeting.starts_at is None:
        day = meeting.held_on
        return [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
        ]
    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(meeting.held_on, meeting.starts_at, tzinfo=local)
    return [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(start + DEFAULT_LENGTH)}"]


def meeting_title(meeting: Meeting) -> str:
    return f"{meeting.get_kind_display()} for {meeting.case.child.name_used}"


def meeting_place(meeting: Meeting) -> str:
    if meeting.online and meeting.place:
        return f"{meeting.place} (or online)"
    return meeting.place or "Online"


def _description(meeting: Meeting) -> str:
    contact = settings.SAFETYMAP_COUNCIL_CONTACT
    chair = f"Chaired by {meeting.chair.display_name}. " if meeting.chair else ""
    return (
        f"{chair}If you cannot come, or need help to take part, contact "
        f"{settings.SAFETYMAP_COUNCIL_NAME}: {contact.get('phone', '')} "
        f"{contact.get('email', '')}".strip()
    )


def meeting_ics(meeting: Meeting) -> str:
    """The calendar file for a meeting."""
    status = "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape_text(settings.SAFETYMAP_COUNCIL_NAME)}//SafetyMap meetings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{meeting.uuid}@safetymap",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"SEQUENCE:{meeting.version}",
        *_when(meeting),
        f"SUMMARY:{escape_text(meeting_title(meeting))}",
        f"LOCATION:{escape_text(meeting_place(meeting))}",
        f"DESCRIPTION:{escape_text(_description(meeting))}",
        f"STATUS:{status}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def ics_filename(meeting: Meeting) -> str:
    return f"meeting-{meeting.held_on:%Y-%m-%d}-{meeting.case.reference}.ics"


def invitation_email(meeting: Meeting, attendee: MeetingAttendee) -> EmailMessage:
    """One attendee's invitation: addressed to them alone, with the calendar file."""
    context = {
        "meeting": meeting,
        "attendee": attendee,
        "title": meeting_title(meeting),
        "place": meeting_place(meeting),
        "council": settings.SAFETYMAP_COUNCIL_NAME,
        "contact": settings.SAFETYMAP_COUNCIL_CONTACT,
    }
    message = EmailMessage(
        subject=f"Invitation: {meeting_title(meeting)} on {meeting.held_on:%-d %B %Y}",
        body=render_to_string("meetings/invitation_email.txt", context),
        to=[attendee.email],
    )
    message.attach(ics_filename(meeting), meeting_ics(meeting), ICS_CONTENT_TYPE)
    return message
