"""A practitioner drafts a safety plan with a rule, records who agreed it, starts testing it
and records a check, in Debian's Chromium, without JavaScript doing any of the work; every
safety plan page passes axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safetymap.accounts.models import User
from safetymap.cases.models import Case
from safetymap.safety_plans.models import MonitoringCheck, PlanStatus, PlanVersion
from tests.e2e.test_map_journey import fill_date, sign_in
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    DangerStatementFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_practitioner_drafts_agrees_and_checks_a_plan(
    page: Page, axe_violations: Callable[..., list[dict[str, Any]]]
) -> None:
    case = cast(Case, CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle")))
    worker = cast(User, UserFactory(team=case.team, username="sam.practitioner"))
    AllocationFactory(case=case, worker=worker)
    DangerStatementFactory(
        case=case,
        statement="Nursery is worried that when Mum drinks she falls asleep and Kian, who is "
        "three, is left on his own.",
    )
    CaseMemberFactory(
        case=case,
        person=PersonFactory(first_name="Pat", last_name="Doyle"),
        relationship="grandparent",
    )
    today = timezone.localdate()

    def accessible(name: str) -> None:
        assert axe_violations(page) == [], name

    sign_in(page, "sam.practitioner")
    page.goto(f"/cases/{case.uuid}/")
    page.get_by_role("link", name="Safety plan", exact=True).click()
    accessible("plans list")

    page.get_by_role("button", name="Start a safety plan").click()
    accessible("start a plan")
    page.get_by_label("Long-term family safety plan").check()
    page.get_by_label("Name of the plan").fill("Kian's family safety plan")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", name="Kian's family safety plan")).to_be_visible()
    accessible("draft")

    page.get_by_role("link", name="Add a rule").click()
    accessible("add a rule")
    page.get_by_label("The rule, in the adults' words").fill(
        "Mum will not drink when Kian is at home. If she has, Kian goes to Gran's."
    )
    page.get_by_label("The rule, in words the child will understand").fill(
        "Mummy won't have any wine when I'm home. If she does, I go to Nana Pat's."
    )
    page.get_by_label(re.compile("Nursery is worried")).check()
    page.get_by_label("Pat Doyle (Grandparent)").check()
    page.get_by_label("How will it be checked?").fill("Gran rings Mum at 7pm every evening.")
    page.get_by_label("How often will it be checked?").fill("Every evening")
    page.get_by_role("button", name="Add the rule").click()
    expect(page.locator("#rules").locator("xpath=following-sibling::*[1]")).to_contain_text(
        "Mum will not drink"
    )

    page.get_by_role("link", name="Add a warning sign").click()
    page.get_by_label("The warning sign").fill("Mum not answering the 7pm call")
    page.get_by_label("What will people do if they see it?").fill("Gran goes round straight away")
    page.get_by_role("button", name="Add the warning sign").click()

    page.get_by_role("link", name="Add a person to call").click()
    page.get_by_label("Who to call").fill("Nana Pat")
    page.get_by_label("Phone number").fill("07700 900461")
    page.get_by_label("When to call them").fill("If Mum has been drinking")
    page.get_by_role("button", name="Add the person to call").click()

    page.get_by_label("How will everyone know the plan is working?").fill(
        "Gran's calls are answered and Kian says evenings are calm."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Plan saved")

    page.get_by_role("link", name="Remove warning sign 1").click()
    accessible("remove a line")
    page.get_by_role("link", name="Cancel").click()

    page.get_by_role("button", name="Record who agreed it").first.click()
    accessible("agree")
    page.get_by_label("Pat Doyle (Grandparent)").check()
    page.get_by_label(re.compile(worker.get_full_name())).check()
    fill_date(page, "agreed_on", today)
    page.get_by_role("button", name="Record agreement").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Agreement recorded")
    expect(page.get_by_text("Agreed", exact=True)).to_be_visible()
    accessible("version")

    page.get_by_role("button", name="Start testing").click()
    expect(page.locator('input[name="started_on_day"]')).to_be_visible()
    accessible("start testing")
    fill_date(page, "started_on", today)
    page.get_by_role("button", name="Start testing").click()
    expect(page.get_by_text("Being tested", exact=True)).to_be_visible()

    page.get_by_role("button", name="Record a check").click()
    accessible("record a check")
    page.get_by_label(re.compile("^Mum will not drink")).check()
    fill_date(page, "checked_on", today)
    page.get_by_label("Who checked?").select_option(label="Pat Doyle (Grandparent)")
    page.get_by_label("Not followed").check()
    page.get_by_label("Notes").fill("Mum did not answer at 7pm; Gran found her asleep.")
    page.get_by_role("button", name="Record the check").click()
    expect(page.locator("#rules").locator("xpath=following-sibling::*[1]")).to_contain_text(
        "Gran found her asleep"
    )
    check = MonitoringCheck.objects.get()
    assert check.outcome == "not_followed" and check.member is not None
    assert check.member.person.first_name == "Pat"

    # Changing the agreed plan starts version 2; the two can be compared.
    page.get_by_role("button", name="Change the plan (start a new version)").click()
    expect(page.get_by_text("Version 2", exact=False).first).to_be_visible()
    page.get_by_role("link", name="Change rule 1").click()
    page.get_by_label("How often will it be checked?").fill("Every evening and one surprise visit")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="See the draft as it will read").click()
    page.get_by_role("button", name="Compare versions").click()
    expect(page.get_by_role("cell", name="Every evening and one surprise visit")).to_be_visible()
    accessible("compare")

    page.goto(f"/cases/{case.uuid}/")
    expect(page.locator("#safety-plan-panel-heading")).to_be_visible()
    accessible("case overview")

    versions = PlanVersion.objects.order_by("number")
    assert [v.status for v in versions] == [PlanStatus.TESTING, PlanStatus.DRAFT]
    page.goto(f"/cases/{case.uuid}/safety-plans/{versions[0].plan.uuid}/versions/1/complete/")
    accessible("complete")
