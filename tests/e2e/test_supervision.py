"""A team manager records group supervision in Debian's Chromium: the group's map, a scale,
the group's ideas and the manager's decision kept apart, and the summary that goes on the
child's chronology; then case supervision with an action for the map. Every supervision
page passes axe-core."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import cast

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case
from safetymap.implementation.models import CaseSupervision, GroupDecision, GroupSupervision
from tests.e2e.test_map_journey import fill_date, sign_in
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_records_group_supervision_and_its_summary_reaches_the_chronology(
    page: Page, assert_accessible: Callable[[Page], None]
) -> None:
    case = cast(Case, CaseFactory(child=PersonFactory(first_name="Leah", last_name="Turner")))
    worker = cast(User, UserFactory(team=case.team, first_name="Priya", last_name="Shah"))
    AllocationFactory(case=case, worker=worker)
    manager = cast(
        User,
        UserFactory(
            team=case.team, role=Role.TEAM_MANAGER, username="dawn.manager", first_name="Dawn"
        ),
    )
    lead = cast(User, UserFactory(role=Role.PRACTICE_LEAD, first_name="Helen", team=None))

    sign_in(page, "dawn.manager")
    page.goto(reverse("cases:case", kwargs={"case_uuid": case.uuid}))
    page.get_by_role("link", name="Supervision", exact=True).click()
    expect(page.get_by_role("heading", name="Supervision", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record group supervision").click()
    assert_accessible(page)
    page.get_by_label("Presenting worker", exact=True).select_option(str(worker.uuid))
    page.get_by_label("Facilitator", exact=True).select_option(str(manager.uuid))
    page.get_by_label("Advisor (practice lead)").select_option(str(lead.uuid))
    page.get_by_label(re.compile("What does the presenting worker want")).fill(
        "How to help Dad see what Leah sees when he has been drinking"
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Now add the group")
    assert_accessible(page)

    # The group's own map, column by column.
    page.get_by_label("What is the group worried about?").fill(
        "Dad drove with Leah in the car after drinking on a Sunday in October"
    )
    page.locator("#worry").get_by_role("button", name="Add").click()
    page.get_by_label("What does the group see working well?").fill(
        "Nan has collected Leah every Friday since September"
    )
    page.locator("#working-well").get_by_role("button", name="Add").click()
    page.get_by_label("The group’s idea").fill("Ask the school what Leah says at breakfast club")
    page.get_by_role("button", name="Add the idea").click()
    page.get_by_label("Whose number is this?").select_option(str(lead.uuid))
    page.locator('input[name="score"][value="4"]').check()
    page.get_by_label("Why this number and not a lower one?").fill("Fridays are safe now")
    page.get_by_role("button", name="Add the scale").click()

    # The manager's decision, with an action carried to the map.
    page.get_by_label("Your decision").fill("Invite Nan to the next core group")
    page.get_by_label("Action to add to the map (optional)").fill("Invite Nan to core group")
    page.get_by_label("Who will do it").fill("Priya")
    fill_date(page, "due_on", timezone.localdate() + datetime.timedelta(days=7))
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#decisions ~ ul").first).to_contain_text("Invite Nan to the next core")

    page.get_by_label("Summary for the child’s chronology").fill(
        "Brought to group supervision about weekends with Dad. Manager decided to invite Nan."
    )
    page.get_by_role("button", name="Save the summary").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("chronology")

    # Ideas and decisions are in separate sections; the group's map is not the case's.
    ideas = page.locator("#ideas ~ ul").first
    expect(ideas).to_contain_text("breakfast club")
    expect(ideas).not_to_contain_text("Invite Nan")
    assert_accessible(page)
    group = GroupSupervision.objects.get()
    assert GroupDecision.objects.get().group_supervision == group
    assert not case.map_items.exists()

    # The chronology source shows the summary, never the group's discussion.
    page.get_by_role("link", name="Back to supervision").click()
    chronology = page.locator("#chronology ~ ul").first
    expect(chronology).to_contain_text("Manager decided to invite Nan")
    expect(chronology).not_to_contain_text("drove with Leah")

    # Case supervision, with an action that becomes a next step on the map.
    page.get_by_role("link", name="Record case supervision").click()
    assert_accessible(page)
    page.get_by_label("Worker", exact=True).select_option(str(worker.uuid))
    page.get_by_label("Supervisor", exact=True).select_option(str(manager.uuid))
    page.get_by_label("What was discussed?").fill("Weekends with Dad; Nan on Fridays")
    page.get_by_label("Action 1 (optional)", exact=True).fill("Ring Nan about Fridays")
    page.get_by_label("Who will do action 1").fill("Priya")
    fill_date(page, "due_1", timezone.localdate() + datetime.timedelta(days=3))
    page.get_by_role("button", name="Save the supervision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("supervision has been")
    page.get_by_role("link", name=timezone.localdate().strftime("%-d %B %Y")).last.click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Ring Nan about Fridays")
    assert_accessible(page)
    assert CaseSupervision.objects.get().actions.get().case == case


def test_the_practice_lead_finds_the_case_and_reads_it_without_forms(
    page: Page, assert_accessible: Callable[[Page], None]
) -> None:
    from safetymap.implementation import services

    case = cast(Case, CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle")))
    worker = cast(User, UserFactory(team=case.team))
    AllocationFactory(case=case, worker=worker)
    manager = cast(User, UserFactory(team=case.team, role=Role.TEAM_MANAGER))
    lead = cast(User, UserFactory(role=Role.PRACTICE_LEAD, username="helen.lead", team=None))
    group = services.group_supervision_record(
        actor=worker, case=case, held_on=timezone.localdate(), presenting_worker=worker,
        facilitator=manager, advisor=lead, participants=[], question="Evenings with Mum",
    )  # fmt: skip
    services.group_entry_add(
        actor=worker, group_supervision=group, kind="idea", text="Ask Nan about bedtimes"
    )

    sign_in(page, "helen.lead")
    page.get_by_role("link", name="Group supervision").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Kian Doyle").click()
    expect(page.locator("#ideas ~ ul").first).to_contain_text("Ask Nan about bedtimes")
    expect(page.locator("main form[method=post]")).to_have_count(0)
    assert_accessible(page)
