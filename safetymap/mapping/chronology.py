"""The map's events in the case chronology: each saved version of the map (one query)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from safetymap.cases.models import Case
from safetymap.cases.registry import ChronologyEvent
from safetymap.mapping.models import MapVersion


def map_version_events(case: Case) -> Iterable[ChronologyEvent]:
    versions = MapVersion.objects.filter(case=case).select_related("saved_by").defer("snapshot")
    for version in versions:
        yield ChronologyEvent(
            happened_on=version.saved_on,
            kind="map_versions",
            summary=f"Map version {version.number} saved: {version.get_occasion_display()}",
            url=reverse(
                "mapping:version", kwargs={"case_uuid": case.uuid, "number": version.number}
            ),
            by=version.saved_by.display_name if version.saved_by else "",
            detail=version.note,
        )
