"""Words and Pictures in the case chronology: each version given to the child (one query)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from safetymap.cases.models import Case
from safetymap.cases.registry import ChronologyEvent
from safetymap.words_pictures.models import StoryVersion


def given_events(case: Case) -> Iterable[ChronologyEvent]:
    versions = StoryVersion.objects.filter(story__case=case, given_on__isnull=False).select_related(
        "story", "given_by_member__person", "given_by_staff"
    )
    for version in versions:
        assert version.given_on is not None
        by = version.given_by_name
        yield ChronologyEvent(
            happened_on=version.given_on,
            kind="words_pictures",
            summary=(
                f"Words and Pictures given to the child: {version.story.get_kind_display().lower()}"
                f", version {version.number}"
            ),
            url=reverse(
                "words_pictures:version",
                kwargs={
                    "case_uuid": case.uuid,
                    "story_uuid": version.story.uuid,
                    "number": version.number,
                },
            ),
            by=f"Given by {by}" if by else "",
            detail=version.child_reaction,
        )
