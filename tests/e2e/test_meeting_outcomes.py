"""An initial child protection conference in Debian's Chromium: the minute taker enters two
attendees' scales and a colleague enters their own; nobody sees them until the chair shows
them all as a spread by role; the chair records the decision (a plan, with Mum's dissent)
and the case steps up to child protection. Every new page passes axe-core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from safetymap.accounts.models import Role
from safetymap.cases.models import Case, ServiceLevel
from safetymap.meetings.models import Meeting, MeetingStatus, MeetingType, RoleGroup
from tests.e2e.test_map_journey import sign_in
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    DangerStatementFactory,
    MeetingAttendeeFactory,
    MeetingFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

MUM = "I have not had a drink since the strategy meeting and Kian is at school every day"
HEALTH = "Kian has missed two hearing appointments and I could not get in on my last visit"
OWN = "The network is only Nan so far and has not been tested at a weekend"
DISSENT = "I have done everything you asked. A plan will only frighten Kian."


def conference() -> tuple[Case, Meeting]:
    case = cast(
        Case,
        CaseFactory(
            child=PersonFactory(first_name="Kian", last_name="Doyle", known_as=""),
            service_level=ServiceLevel.CHILD_IN_NEED,
        ),
    )
    worker = UserFactory(team=case.team, username="sam.minutes", first_name="Sam")
    AllocationFactory(case=case, worker=worker)
    chair = UserFactory(team=case.team, username="ruth.chair", role=Role.TEAM_MANAGER)
    colleague = UserFactory(team=case.team, username="tomasz.sw", first_name="Tomasz")
    DangerStatementFactory(case=case)
    meeting = cast(
        Meeting,
        MeetingFactory(
            case=case,
            kind=MeetingType.INITIAL_CONFERENCE,
            chair=chair,
            minute_taker=worker,
            status=MeetingStatus.IN_PROGRESS,
        ),
    )
    MeetingAttendeeFactory(
        meeting=meeting, name="Dawn Doyle", role="Mum", role_group=RoleGroup.FAMILY, agency=""
    )
    MeetingAttendeeFactory(meeting=meeting, name="Grace Okafor")
    MeetingAttendeeFactory(
        meeting=meeting,
        name="Tomasz Nowak",
        role="Social worker",
        role_group=RoleGroup.SOCIAL_CARE,
        user=colleague,
    )
    return case, meeting


def as_user(page: Page, username: str, url: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username)
    page.goto(url)


def enter_scale(page: Page, link: str, overall: str, reason: str, on_statement: str = "") -> None:
    page.get_by_role("link", name=link).click()
    page.get_by_label("Overall, how safe is the child? (0 to 10)").fill(overall)
    page.get_by_label("Reason for the overall scale").fill(reason)
    if on_statement:
        page.get_by_label("Danger statement 1: scale (0 to 10)").fill(on_statement)
        page.get_by_label("Danger statement 1: reason").fill(reason)
    page.get_by_role("button", name="Save the scale").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("stays hidden")


def test_scales_stay_hidden_until_the_chair_shows_them_then_a_plan_with_dissent(
    page: Page, assert_accessible: Callable[..., Any]
) -> None:
    case, meeting = conference()
    kwargs = {"case_uuid": case.uuid, "meeting_uuid": meeting.uuid}
    scales_url = reverse("meeting_outcomes:scales", kwargs=kwargs)

    # The minute taker enters Mum's and the health visitor's scales, each in private.
    as_user(page, "sam.minutes", scales_url)
    expect(page.get_by_text("0 of 3")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Enter scale for Dawn Doyle").click()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()
    enter_scale(page, "Enter scale for Dawn Doyle", "7", MUM, on_statement="6")
    enter_scale(page, "Enter scale for Grace Okafor", "2", HEALTH)

    # The colleague gives their own, and sees only their own.
    as_user(page, "tomasz.sw", scales_url)
    enter_scale(page, "Give your scale", "4", OWN)
    expect(page.locator("main")).to_contain_text(OWN)
    expect(page.locator("main")).not_to_contain_text(MUM)

    # The chair sees whose are in, but no numbers or reasons, until they show them.
    as_user(page, "ruth.chair", scales_url)
    expect(page.get_by_text("3 of 3")).to_be_visible()
    for reason in (MUM, HEALTH, OWN):
        expect(page.locator("main")).not_to_contain_text(reason)
    page.get_by_role("link", name="Show everyone’s scales").click()
    assert_accessible(page)
    page.get_by_role("button", name="Show everyone’s scales").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("now shown")
    spread = page.locator("svg.app-meeting-spread").first
    expect(spread.locator("desc")).to_contain_text(
        "lowest 2 (Grace Okafor), highest 7 (Dawn Doyle)"
    )
    for reason in (MUM, HEALTH, OWN):
        expect(page.locator("main")).to_contain_text(reason)
    assert_accessible(page)

    # The chair records the decision: a plan under neglect; Mum disagrees, in her words.
    page.get_by_role("link", name="The meeting’s decision").click()
    assert_accessible(page)
    page.get_by_role("group", name="Does the child need a child protection plan?").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("Neglect").check()
    page.get_by_label("Reasons for the decision").fill(
        "Kian is often left without food; the network is too new to keep him safe yet"
    )
    page.get_by_role("group", name="Dawn Doyle, Mum").get_by_label("Disagrees").check()
    page.get_by_label("What Dawn Doyle said").fill(DISSENT)
    page.get_by_role("group", name="Grace Okafor, Health visitor").get_by_label(
        "Agrees", exact=True
    ).check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("decision is recorded")
    expect(page.locator("main")).to_contain_text("Child protection plan: yes, under neglect")
    expect(page.locator("main")).to_contain_text(DISSENT)
    assert_accessible(page)

    # The case is now at child protection, and its first core group is due.
    page.goto(reverse("cases:case", kwargs={"case_uuid": case.uuid}))
    expect(page.locator(".app-case-header")).to_contain_text("Child protection")
    expect(page.locator("main")).to_contain_text("Meetings due")
    expect(page.locator("main")).to_contain_text("Core group meeting")
    assert_accessible(page)
