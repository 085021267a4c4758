"""A conference chair runs an initial child protection conference in Debian's Chromium, from
attendees to decision: the allocated worker plans it and takes the minutes; the chair (a
conference chair with no other tie to the child) adds who is coming and starts it; the
minute taker adds a danger statement through the map pages while a second screen on the
live view sees it appear without reloading; the chair enters the attendees' scales, shows
them, and records a plan with Mum's dissent; the case steps up to child protection. Every
page passes axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case, Relationship, ServiceLevel
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


DISSENT = "Kian has never been hurt. A plan will only frighten him."


def new_screen(browser: Browser, live_server: Any, username: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London"
    )
    screen = context.new_page()
    sign_in(screen, username)
    return context, screen


def add_attendees(chair: Page, assert_accessible: Callable[[Page], None]) -> None:
    """Mum from the case, and the school by name."""
    chair.get_by_role("link", name="Add someone to this meeting").click()
    assert_accessible(chair)
    chair.get_by_label(re.compile("Leanne Doyle")).check()
    chair.get_by_label("Role", exact=True).fill("Mum")
    chair.get_by_label("Family", exact=True).check()
    chair.get_by_role("button", name="Save").click()
    chair.get_by_role("link", name="Add someone to this meeting").click()
    chair.get_by_label(re.compile("Someone else")).check()
    chair.get_by_label("Name (optional)").fill("Mr Daniel Price")
    chair.get_by_label("Role", exact=True).fill("Designated safeguarding lead")
    chair.get_by_label("School or nursery").check()
    chair.get_by_role("button", name="Save").click()
    expect(chair.locator("#attendees ~ table")).to_contain_text("Mr Daniel Price")


def enter_scale(chair: Page, who: str, overall: str, reason: str) -> None:
    chair.get_by_role("link", name=f"Enter scale for {who}").click()
    chair.get_by_label("Overall, how safe is the child? (0 to 10)").fill(overall)
    chair.get_by_label("Reason for the overall scale").fill(reason)
    chair.get_by_role("button", name="Save the scale").click()
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("stays hidden")


def test_a_conference_chair_runs_an_initial_conference_from_attendees_to_decision(
    page: Page, browser: Browser, live_server: Any, assert_accessible: Callable[[Page], None]
) -> None:
    case = cast(
        Case,
        CaseFactory(
            child=PersonFactory(first_name="Kian", last_name="Doyle"),
            service_level=ServiceLevel.CHILD_IN_NEED,
        ),
    )
    worker = cast(User, UserFactory(team=case.team, username="sam.practitioner"))
    AllocationFactory(case=case, worker=worker)
    chair_user = cast(
        User,
        UserFactory(
            team=None,
            username="ruth.chair",
            role=Role.CONFERENCE_CHAIR,
            first_name="Ruth",
            last_name="Adeyemi",
        ),
    )
    UserFactory(team=case.team, username="jo.colleague")
    CaseMemberFactory(
        case=case,
        relationship=Relationship.MOTHER,
        person__first_name="Leanne",
        person__last_name="Doyle",
    )

    # The allocated worker plans the conference, with the chair, and takes the minutes.
    sign_in(page, "sam.practitioner")
    page.goto(f"/cases/{case.uuid}/meetings/")
    assert_accessible(page)
    page.get_by_role("link", name="Plan a meeting").click()
    assert_accessible(page)
    page.get_by_label("Initial child protection conference").check()
    fill_date(page, "held_on", timezone.localdate())
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Where is it?").fill("Eastbrook Civic Centre")
    page.get_by_label("Chair").select_option(label=chair_user.display_name)
    page.get_by_label("Minute taker").select_option(label=worker.display_name)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("planned")
    meeting = Meeting.objects.get(case=case)
    meeting_url = f"/cases/{case.uuid}/meetings/{meeting.uuid}/"

    # The chair opens the child's record only because they chair the conference.
    chair_context, chair = new_screen(browser, live_server, "ruth.chair")
    chair.goto(meeting_url)
    assert_accessible(chair)
    add_attendees(chair, assert_accessible)
    chair.get_by_role("button", name="Start the meeting").click()
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("Meeting started")

    # A shared screen, another signed-in colleague, opens the live view.
    screen_context, screen = new_screen(browser, live_server, "jo.colleague")
    screen.goto(f"{meeting_url}live/")
    expect(screen.locator("#live-worried")).to_be_visible()
    expect(screen.locator(".app-live__status")).to_contain_text("going on now")
    assert_accessible(screen)
    loaded = screen.evaluate("() => performance.timeOrigin")

    # The minute taker adds a danger statement through the map pages and comes back.
    page.goto(meeting_url)
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

    # The chair enters each attendee's scale in private, then shows them all.
    chair.goto(f"{meeting_url}scales/")
    assert_accessible(chair)
    enter_scale(chair, "Leanne Doyle", "7", "He has stopped drinking and Kian is happy at home")
    enter_scale(chair, "Mr Daniel Price", "3", "Kian told his teacher he hides when Dad shouts")
    chair.get_by_role("link", name="Show everyone’s scales").click()
    chair.get_by_role("button", name="Show everyone’s scales").click()
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("now shown")
    expect(chair.locator("main")).to_contain_text("Kian told his teacher he hides")
    assert_accessible(chair)

    # The decision: a plan, under emotional abuse; Mum disagrees, in her words.
    chair.get_by_role("link", name="The meeting’s decision").click()
    assert_accessible(chair)
    chair.get_by_role("group", name="Does the child need a child protection plan?").get_by_label(
        "Yes"
    ).check()
    chair.get_by_label("Emotional abuse").check()
    chair.get_by_label("Reasons for the decision").fill(
        "Kian has seen Dad hit Mum twice and hides when he shouts; the plan is new"
    )
    chair.get_by_role("group", name="Leanne Doyle, Mum").get_by_label("Disagrees").check()
    chair.get_by_label("What Leanne Doyle said").fill(DISSENT)
    chair.get_by_role("button", name="Record the decision").click()
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("decision is recorded")
    expect(chair.locator("main")).to_contain_text(DISSENT)
    assert_accessible(chair)

    # The chair finishes the meeting: the changed map is saved as a version linked to it.
    chair.goto(meeting_url)
    chair.get_by_role("link", name=re.compile("Meeting record for attendees")).click()
    expect(chair.get_by_role("heading", level=1)).to_contain_text("Initial child protection")
    assert_accessible(chair)
    chair.get_by_role("link", name="Back to the meeting").click()
    chair.get_by_role("link", name="Finish the meeting").click()
    assert_accessible(chair)
    chair.get_by_role("button", name="Finish the meeting").click()
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("Meeting finished")
    chair_context.close()
    meeting.refresh_from_db()
    assert meeting.saved_map_version is not None

    # The case has stepped up to child protection.
    page.goto(f"/cases/{case.uuid}/")
    expect(page.locator(".app-case-header")).to_contain_text("Child protection")
