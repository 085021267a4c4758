"""The child's voice in the case chronology: each session held with the child (one query).
Only that a session was held, and where: what the child said stays on the session's page,
where the child's own decisions about who may see it apply."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from safetymap.cases.models import Case
from safetymap.cases.registry import ChronologyEvent
from safetymap.child_voice.models import Session


def session_events(case: Case) -> Iterable[ChronologyEvent]:
    sessions = Session.objects.filter(case=case, removed_at__isnull=True).select_related("worker")
    for session in sessions:
        yield ChronologyEvent(
            happened_on=session.held_on,
            kind="child_voice",
            summary=f"Child's voice session: {session.get_kind_display()}",
            url=reverse(
                "child_voice:session",
                kwargs={"case_uuid": case.uuid, "session_uuid": session.uuid},
            ),
            by=session.worker.display_name,
            detail=f"Held {session.place}." if session.place else "",
        )
