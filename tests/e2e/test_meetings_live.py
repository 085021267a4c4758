"""A chair runs an initial child protection conference in Debian's Chromium: plans it, adds
who is coming, starts it and adds a danger statement through the map pages, while a second
browser on the live view sees the new statement appear without reloading. Every new
meetings page passes axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from safetymap.accounts.models import User
from safetymap.cases.models import Case, Relationship
from safetymap.meetings.models import Meeting
from tests.e2e.test_map_journey import fill_date, sign_in
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_screen_follows_the_map_during_a_conference(
    page: Page, browser: Browser, live_server: Any, assert_accessible: Callable[[Page], None]
) -> None:
    case = cast(Case, CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle")))
    chair = cast(User, UserFactory(team=case.team, username="sam.practitioner"))
    AllocationFactory(case=case, worker=chair)
    UserFactory(team=case.team, username="jo.colleague")
    CaseMemberFactory(
        case=case,
        relationship=Relationship.MOTHER,
        person__first_name="Leanne",
        person__last_name="Doyle",
    )

    sign_in(page, "sam.practitioner")
    page.goto(f"/cases/{case.uuid}/meetings/")
    assert_accessible(page)

    # Plan the conference.
    page.get_by_role("link", name="Plan a meeting").click()
    assert_accessible(page)
    page.get_by_label("Initial child protection conference").check()
    fill_date(page, "held_on", timezone.localdate())
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Where is it?").fill("Eastbrook Civic Centre")
    page.get_by_label("Chair").select_option(label=chair.display_name)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("planned")
    assert_accessible(page)
    meeting = Meeting.objects.get(case=case)

    # Who is coming: Mum from the case, and the school by name.
    page.get_by_role("link", name="Add someone to this meeting").click()
    assert_accessible(page)
    page.get_by_label(re.compile("Leanne Doyle")).check()
    page.get_by_label("Role", exact=True).fill("Mum")
    page.get_by_label("Family", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add someone to this meeting").click()
    page.get_by_label(re.compile("Someone else")).check()
    page.get_by_label("Name (optional)").fill("Mr Daniel Price")
    page.get_by_label("Role", exact=True).fill("Designated safeguarding lead")
    page.get_by_label("School or nursery").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#attendees ~ table")).to_contain_text("Mr Daniel Price")

    # Start it.
    page.get_by_role("button", name="Start the meeting").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Meeting started")

    # A second screen, another signed-in colleague, opens the live view.
    screen_context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London"
    )
    screen = screen_context.new_page()
    sign_in(screen, "jo.colleague")
    screen.goto(f"/cases/{case.uuid}/meetings/{meeting.uuid}/live/")
    expect(screen.locator("#live-worried")).to_be_visible()
    expect(screen.locator(".app-live__status")).to_contain_text("going on now")
    assert_accessible(screen)
    loaded = screen.evaluate("() => performance.timeOrigin")

    # The chair adds a danger statement through the map pages and comes back.
    page.get_by_role("link", name="Add a danger statement").click()
    assert_accessible(page)
    page.get_by_label(re.compile("Who is worried")).fill("The school and the social worker")
    page.get_by_label(re.compile("What is the adult doing")).fill(
        "Dad has hit Mum when he has been drinking, twice in front of Kian"
    )
    page.get_by_label(re.compile("What do they think")).fill(
        "Kian will be hurt trying to protect his mum"
    )
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(rf"/meetings/{meeting.uuid}/#the-map$"))

    # The live screen shows it without being reloaded.
    expect(screen.locator("#live-board")).to_contain_text("Dad has hit Mum")
    assert screen.evaluate("() => performance.timeOrigin") == loaded
    screen_context.close()

    # The record for attendees, and finishing the meeting.
    page.get_by_role("link", name=re.compile("Meeting record for attendees")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Initial child protection")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the meeting").click()
    page.get_by_role("link", name="Finish the meeting").click()
    assert_accessible(page)
    page.get_by_role("button", name="Finish the meeting").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Meeting finished")
    meeting.refresh_from_db()
    assert meeting.saved_map_version is not None
