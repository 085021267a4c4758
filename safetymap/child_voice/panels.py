"""What the child's voice adds to other apps' pages: the lead panel of the case overview and
the note under a map record that came from the child's words."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from safetymap.cases.models import Case
from safetymap.child_voice import selectors
from safetymap.child_voice.models import Entry, Session, SessionKind
from safetymap.child_voice.policies import can_view_voice_pages
from safetymap.mapping.registry import Source

# How many of the latest session's entries the case overview quotes.
LEAD_ENTRIES = 6


def _may_see(request: HttpRequest) -> bool:
    return can_view_voice_pages(getattr(request, "case_access_basis", None))


def lead_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """The child's own words at the top of the case: the latest session, or a plain note
    that the child has not been heard recently (or at all)."""
    if not _may_see(request):
        return None
    latest = selectors.latest_session(case)
    quiet_since = selectors.months_before(timezone.localdate(), selectors.QUIET_AFTER_MONTHS)
    context: dict[str, Any] = {
        "case": case,
        "session": latest,
        "quiet_months": selectors.QUIET_AFTER_MONTHS,
        "is_quiet": latest is None or latest.held_on < quiet_since,
        "entries": [],
        "drawing": None,
        "can_edit": getattr(request, "can_edit", False),
    }
    if latest is not None:
        entries = list(selectors.session_entries(latest)[: LEAD_ENTRIES + 1])
        context["entries"] = [
            {"entry": entry, "house": latest.house_name(entry.house)}
            for entry in entries[:LEAD_ENTRIES]
        ]
        context["more"] = len(entries) > LEAD_ENTRIES
        context["drawing"] = selectors.session_drawings(latest).first()
    return context


def source_text(session: Session, entry: Entry) -> str:
    child = session.case.child.name_used
    where = session.house_name(entry.house)
    if session.kind != SessionKind.THREE_HOUSES:
        where = f"{session.get_kind_display()} ({where})"
    return f"From {child}’s {where}, {session.held_on:%-d %B %Y}"


def map_sources(request: HttpRequest, case: Case, uuids: Collection[str]) -> dict[str, Source]:
    """The map records carried from the child's words, each linking back to the session."""
    if not _may_see(request):
        return {}
    found = {}
    for entry in selectors.entries_on_map(case, uuids).select_related("session__case__child"):
        record = entry.map_record
        if record is None:
            continue
        session = entry.session
        url = reverse(
            "child_voice:session", kwargs={"case_uuid": case.uuid, "session_uuid": session.uuid}
        )
        found[str(record.uuid)] = Source(
            text=source_text(session, entry), url=f"{url}#entry-{entry.uuid}"
        )
    return found
