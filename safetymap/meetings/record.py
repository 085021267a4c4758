"""The meeting record for attendees: the same template for the printable page and the PDF.

It holds the details, who came, the child's views, the map as the meeting left it (the
version it saved, or the map now while the meeting is still open), the actions and the
next date. When family members attend, the words they will read go through the
plain-language checker first; what it finds is advice, and never stops the PDF.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from safetymap.cases.pack_registry import FAMILY
from safetymap.mapping.picture import Picture
from safetymap.mapping.selectors import labels_for, live_picture, version_picture
from safetymap.meetings import selectors
from safetymap.meetings.invitations import meeting_place
from safetymap.meetings.models import Meeting
from safetymap.meetings.services import family_attends
from safetymap.packs.plain_check import SectionCheck, check_draft

STYLESHEET = "meetings/record.css"


def stylesheet() -> str:
    return render_to_string(STYLESHEET, {"brand_colour": settings.SAFETYMAP_BRAND_COLOUR})


def _picture(meeting: Meeting) -> Picture:
    if meeting.saved_map_version is not None:
        return version_picture(meeting.saved_map_version)
    if meeting.status == "finished" and meeting.opened_map_version is not None:
        return version_picture(meeting.opened_map_version)  # the map did not change
    return live_picture(meeting.case)


def record_context(meeting: Meeting, *, for_pdf: bool) -> dict[str, Any]:
    attendees = selectors.attendees_of(meeting)
    return {
        "meeting": meeting,
        "case": meeting.case,
        "child": meeting.case.child,
        "place": meeting_place(meeting),
        "attendees": attendees,
        "actions": selectors.actions_of(meeting),
        "picture": _picture(meeting),
        "labels": labels_for(meeting.case.service_level),
        "council": settings.SAFETYMAP_COUNCIL_NAME,
        "contact": settings.SAFETYMAP_COUNCIL_CONTACT,
        "family_attends": family_attends(attendees),
        "for_pdf": for_pdf,
    }


def _family_sections(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The words a family member reads in the record, section by section."""
    picture: Picture = context["picture"]
    labels = context["labels"]
    return [
        {"title": "The child's views", "data": context["meeting"].childs_views},
        {"title": labels["harm"], "data": [row["text"] for row in picture.harm]},
        {
            "title": labels["danger_statements"],
            "data": [row["statement"] for row in picture.statements],
        },
        {"title": labels["complicating"], "data": [row["text"] for row in picture.complicating]},
        {"title": labels["strengths"], "data": [row["text"] for row in picture.strengths]},
        {"title": labels["safety"], "data": [row["text"] for row in picture.safety]},
        {"title": labels["goals"], "data": [row["statement"] for row in picture.goals]},
        {
            "title": "Actions from this meeting",
            "data": [action.next_step.action for action in context["actions"]],
        },
    ]


def family_text_checks(context: dict[str, Any]) -> list[SectionCheck]:
    """What the plain-language checker finds in the words a parent will read."""
    return check_draft({"sections": _family_sections(context)}, FAMILY)
