"""The demo council's Words and Pictures: given stories, drafts and deliberate gaps on the
children on a plan, written in plain words, with drawings kept as documents."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from safetymap.cases.models import Case
from safetymap.demo.tests.test_seed_demo import JARGON
from safetymap.documents.inspection import assert_no_metadata
from safetymap.words_pictures.models import StoryKind, StoryPanel, StoryVersion, VersionStatus
from safetymap.words_pictures.selectors import cases_missing_words_and_pictures, expected_levels

pytestmark = pytest.mark.xdist_group("demo_council")


@pytest.mark.django_db
def test_demo_children_on_a_plan_have_stories_drafts_and_gaps(demo_council: str) -> None:
    on_a_plan = Case.objects.filter(service_level__in=expected_levels(), closed_on=None)
    assert on_a_plan.count() >= 5

    versions = StoryVersion.objects.filter(story__case__in=on_a_plan)
    assert versions.filter(status=VersionStatus.GIVEN).exists()
    assert versions.filter(status=VersionStatus.DRAFT).exists()
    missing = set(cases_missing_words_and_pictures(Case.objects.all()))
    assert missing and missing < set(on_a_plan)
    assert versions.filter(story__kind=StoryKind.SAFETY_PLAN).exists()

    for version in versions.filter(given_on__isnull=False):
        case = version.story.case
        assert version.given_on is not None and case.opened_on <= version.given_on
        assert version.child_reaction and version.reaction_words
        assert version.given_by_member_id or version.given_by_staff_id

    panels = StoryPanel.objects.filter(version__in=versions)
    for panel in panels:
        assert panel.text and "{" not in panel.text, panel.heading
        assert not JARGON.search(panel.text), panel.text
    pictures = panels.exclude(picture=None).select_related("picture")
    assert pictures.exists()
    for panel in pictures[:5]:
        document = panel.picture
        assert document is not None and panel.picture_description
        assert document.content_type == "image/png"
        assert_no_metadata(document.file.read())

    # The demo practitioner's caseload shows both: a story to read, and a gap.
    given = versions.filter(given_on__isnull=False).select_related("story__case").first()
    assert given is not None
    case = given.story.case
    client = Client()
    client.force_login(case.allocations.get(ended_on=None).worker)
    book = client.get(
        reverse(
            "words_pictures:book",
            kwargs={"case_uuid": case.uuid, "story_uuid": given.story.uuid, "number": 1},
        )
    )
    assert book.status_code == 200 and "app-story-book__words" in book.content.decode()
    gap = next(iter(missing))
    client.force_login(gap.allocations.get(ended_on=None).worker)
    overview = client.get(reverse("cases:case", kwargs={"case_uuid": gap.uuid}))
    assert "has not been given a Words and Pictures story yet" in overview.content.decode()
