"""The safety network in the case chronology: each network meeting (one query)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from safetymap.cases.models import Case
from safetymap.cases.registry import ChronologyEvent
from safetymap.networks.models import NetworkMeeting


def meeting_events(case: Case) -> Iterable[ChronologyEvent]:
    url = reverse("networks:meetings", kwargs={"case_uuid": case.uuid})
    for meeting in NetworkMeeting.objects.filter(case=case, removed_at__isnull=True):
        yield ChronologyEvent(
            happened_on=meeting.held_on,
            kind="network_meetings",
            summary="Safety network meeting",
            url=url,
            detail=f"Agreed: {meeting.agreed}" if meeting.agreed else "",
        )
