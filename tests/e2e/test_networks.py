"""A worker builds a child's safety network in Debian's Chromium: adds the grandmother,
records that she saw the danger statements, her agreement, a check and a network meeting;
every network page passes axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safetymap.accounts.models import User
from safetymap.cases.models import Case, Relationship
from safetymap.mapping import services as map_services
from safetymap.networks.models import NetworkCheck, NetworkMeeting, NetworkMember
from tests.e2e.test_map_journey import fill_date, sign_in
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_worker_adds_a_network_member_who_sees_the_danger_statements(
    page: Page, assert_accessible: Callable[[Page], None]
) -> None:
    case = cast(Case, CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle")))
    worker = cast(User, UserFactory(team=case.team, username="sam.practitioner"))
    AllocationFactory(case=case, worker=worker)
    CaseMemberFactory(
        case=case,
        relationship=Relationship.GRANDPARENT,
        relationship_detail="Maternal grandmother",
        person__first_name="Maureen",
        person__last_name="Doyle",
        lives_with_child=False,
        parental_responsibility=False,
    )
    map_services.danger_statement_add(
        actor=worker,
        case=case,
        values={
            "who_is_worried": "Nursery and the social worker",
            "adult_behaviour": "Mum has been too drunk to collect Kian from nursery three times",
            "feared_for_child": "Kian will be hurt or left with no one to look after him",
        },
    )
    today = timezone.localdate()

    sign_in(page, "sam.practitioner")
    page.get_by_role("link", name=re.compile("Kian Doyle")).click()
    expect(page.locator("#network")).to_contain_text("No safety network recorded yet")
    page.get_by_role("link", name="Safety network").first.click()
    expect(page.get_by_role("heading", name="Safety network", exact=True)).to_be_visible()
    assert_accessible(page)

    # Add Gran from the people already on the case.
    page.get_by_role("link", name="Add someone to the network").click()
    assert_accessible(page)
    page.get_by_label(re.compile("Maureen Doyle")).check()
    page.get_by_label("Knows everything").check()
    page.get_by_label("Safe adult for the child").check()
    page.get_by_label("Supervises family time").check()
    page.get_by_label("When are they available?").fill("Weekday evenings after 5pm")
    page.get_by_label("How to contact them").fill("Mobile 07700 900123")
    page.get_by_role("button", name="Add to the network").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("added to the safety")

    # The glance: she has not seen the danger statements; her DBS check is not done.
    expect(page.locator(".app-network-glance")).to_contain_text("Maureen Doyle (never shown them)")
    expect(page.locator(".app-network-glance")).to_contain_text("DBS check")
    expect(page.locator("svg.app-circles__svg title")).to_have_text("Safety circles around Kian")
    expect(page.locator(".app-circles")).to_contain_text("Maureen, maternal grandmother")
    assert_accessible(page)

    # She saw the danger statements today: "as they are now" is the default.
    page.get_by_role("link", name="Record seen danger statements for Maureen Doyle").click()
    assert_accessible(page)
    expect(page.get_by_label(re.compile("as they are now"))).to_be_checked()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".app-network-glance")).to_contain_text(
        "Everyone in the network has seen them as they are now"
    )
    member = NetworkMember.objects.get()
    assert member.statements_seen_version is not None
    assert member.statements_seen_on == today

    # Her agreement, and the DBS check.
    page.get_by_role("link", name="Record agreement for Maureen Doyle").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record a check on Maureen Doyle").click()
    assert_accessible(page)
    page.get_by_label("DBS check").check()
    fill_date(page, "checked_on", today)
    page.get_by_label("Waiting for the result").check()
    page.get_by_label("Who made the check?").fill("Eastbrook DBS team")
    page.get_by_role("button", name="Save the check").click()
    expect(page.locator(".app-network-glance")).to_contain_text("None missing")

    # A network meeting.
    page.get_by_role("link", name="Record a network meeting").first.click()
    assert_accessible(page)
    page.get_by_label(re.compile("Maureen Doyle")).check()
    page.get_by_label("What was agreed?").fill(
        "Maureen will collect Kian from nursery on the days Mum cannot."
    )
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("heading", name="Network meetings")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Maureen will collect Kian from nursery")
    assert_accessible(page)

    # The page to take someone out of the network (not used here: Gran stays).
    page.get_by_role("link", name="Back to the safety network").click()
    page.get_by_role("link", name="Take out Maureen Doyle from the network").click()
    expect(page.get_by_role("heading", name=re.compile("Take Maureen Doyle out"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()

    member.refresh_from_db()
    assert member.removed_at is None
    assert member.agreed_on == today
    assert NetworkCheck.objects.get().outcome == "waiting"
    assert list(NetworkMeeting.objects.get().attendees.all()) == [member]
