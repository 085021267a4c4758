"""A worker writes a Words and Pictures story with the child's mum, puts the child's drawing
on the first panel, reads it as a book, records the parents' view and that it was given to
the child — in Debian's Chromium, with axe-core on every Words and Pictures page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safetymap.accounts.models import User
from safetymap.cases.models import Case, Relationship
from safetymap.words_pictures.models import StoryVersion, VersionStatus
from safetymap.words_pictures.tests.conftest import drawing_png
from tests.e2e.test_map_journey import fill_date, sign_in
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_worker_writes_a_story_with_a_picture_and_records_it_given(
    page: Page, assert_accessible: Callable[..., None]
) -> None:
    case = cast(Case, CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle")))
    worker = cast(User, UserFactory(team=case.team, username="sam.practitioner", first_name="Sam"))
    AllocationFactory(case=case, worker=worker)
    CaseMemberFactory(
        case=case,
        person=PersonFactory(first_name="Leanne", last_name="Doyle"),
        relationship=Relationship.MOTHER,
    )

    sign_in(page, "sam.practitioner")
    page.get_by_role("link", name=re.compile("Kian Doyle")).click()
    # The gap shows on the overview of a child on a plan without a story.
    expect(page.locator("#words-and-pictures")).to_contain_text("has not been given")
    assert_accessible(page)

    page.get_by_role("link", name="Words and Pictures", exact=True).click()
    expect(page.get_by_role("heading", name="Words and Pictures", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Start a new story").click()
    assert_accessible(page)
    page.get_by_label("Explanation story").check()
    page.get_by_role("button", name="Start the story").click()

    expect(page.get_by_role("heading", name="Write the story")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("1. Title").fill("Why Sam comes to see us")
    page.get_by_label("2. Who is worried?").fill("Your teacher Mrs Patel and Sam.")
    page.get_by_label("3. What are they worried about?").fill(
        "Sometimes Mum drinks too much and falls asleep, and nobody is awake to look after you."
    )
    page.get_by_label("4. What happened?").fill("One night the police came. You were brave.")
    page.get_by_label("5. What is everyone doing about it?").fill(
        "Mum sees a worker every week. Nana comes to stay if Mum has been drinking."
    )
    page.get_by_label("Leanne Doyle (mother)").check()
    # Adding a picture saves what was typed first, then asks for the picture.
    page.get_by_role("button", name=re.compile("Add a picture for ‘Title’")).click()
    expect(page.get_by_role("heading", name="Add a picture for ‘Title’")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Upload a picture").set_input_files(
        {"name": "house.jpg", "mimeType": "image/jpeg", "buffer": drawing_png(exif=True)}
    )
    page.get_by_label("What does the picture show?").fill("Kian's drawing of his house")
    page.get_by_label("A drawing (or a scan of one)").check()
    page.get_by_role("button", name="Save the picture").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Picture saved")
    picture = page.get_by_role("img", name="Kian's drawing of his house")
    expect(picture).to_be_visible()
    assert picture.evaluate("image => image.naturalWidth") > 0
    expect(page.get_by_label("1. Title")).to_have_value("Why Sam comes to see us")
    page.get_by_role("button", name="Save", exact=True).click()

    # The version as a record, then as the book Kian is given.
    expect(page.get_by_role("heading", name=re.compile("Version 1"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Read it as a story").click()
    expect(page.get_by_role("heading", name="Why Sam comes to see us")).to_be_visible()
    expect(page.get_by_role("img", name="Kian's drawing of his house")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="About version 1").click()

    page.get_by_role("link", name="Record the parents’ view").click()
    assert_accessible(page)
    page.get_by_label("Yes").check()
    page.get_by_label("What did the parents say?").fill("It's right. It says it how it is.")
    fill_date(page, "asked_on", timezone.localdate())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Agreed with parents")).to_be_visible()

    page.get_by_role("link", name="Record giving it to Kian").click()
    assert_accessible(page)
    page.get_by_label("Who gave it to the child?").select_option(label="Leanne Doyle (mother)")
    page.get_by_label("How did the child react?").fill("Can I keep it under my pillow?")
    page.get_by_label("The child's own words").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("was given version 1")
    expect(page.get_by_text("Given to the child")).to_be_visible()

    version = StoryVersion.objects.get(story__case=case)
    assert version.status == VersionStatus.GIVEN
    assert version.given_by_member is not None
    assert version.given_by_member.person.first_name == "Leanne"

    # A second version starts from the first; the two can be compared side by side.
    page.get_by_role("link", name="All versions of this story").click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a new version").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start version 2").click()
    expect(page.get_by_label("1. Title")).to_have_value("Why Sam comes to see us")
    page.get_by_label("5. What is everyone doing about it?").fill(
        "Mum has stopped drinking. Nana still comes on Fridays."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("link", name="All versions of this story").click()
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_text("Mum has stopped drinking.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Overview").click()
    expect(page.locator("#words-and-pictures")).to_contain_text("was given")
