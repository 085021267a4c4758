"""In Debian's Chromium: one administrator puts a legal hold on a record and lists what is due;
a second approves the list by name and destroys it; the destruction record is there. Every
retention page passes axe-core. A browser test, so it lives in tests/e2e."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from safetymap.accounts.models import Role
from safetymap.cases.models import Case
from safetymap.retention.models import DestructionRecord
from safetymap.retention.tests.conftest import (  # noqa: F401  (default_schedule: autouse)
    closed_case,
    default_schedule,
    fill_case,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def check_accessible(page: Page, axe_violations: Callable[..., list[dict[str, Any]]]) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {[v['id'] for v in violations]}"


def test_hold_propose_approve_and_destroy_in_the_browser(
    page: Page, axe_violations: Callable[..., list[dict[str, Any]]]
) -> None:
    UserFactory(username="ana.admin", role=Role.COUNCIL_ADMINISTRATOR, team=None,
                first_name="Ana", last_name="Admin")  # fmt: skip
    UserFactory(username="ben.admin", role=Role.COUNCIL_ADMINISTRATOR, team=None,
                first_name="Ben", last_name="Approver")  # fmt: skip
    due = closed_case(closed_years_ago=40, levels=("child_protection", "early_help"))
    fill_case(due)
    held = closed_case(closed_years_ago=40, levels=("child_protection",))

    sign_in(page, "ana.admin")
    page.goto("/retention/")
    expect(page.get_by_role("heading", name="Retention", exact=True)).to_be_visible()
    check_accessible(page, axe_violations)

    page.get_by_role("link", name="Retention schedule").click()
    expect(page.get_by_text("Kept 35 years after the case closed", exact=True)).to_be_visible()
    check_accessible(page, axe_violations)
    page.get_by_role("link", name="Change the rule for child protection case").click()
    check_accessible(page, axe_violations)
    page.get_by_label("Number of years").fill("0")
    page.get_by_role("button", name="Save rule").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be 1 or more")
    check_accessible(page, axe_violations)
    page.get_by_label("Number of years").fill("35")
    page.get_by_role("button", name="Save rule").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("saved")

    page.goto("/retention/holds/")
    page.get_by_label("Case reference").fill(held.reference)
    page.get_by_label("Why must the record be kept?").fill("Claim for damages, legal team")
    page.get_by_role("button", name="Place legal hold").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Legal hold placed on {held.reference}"
    )
    check_accessible(page, axe_violations)

    page.goto("/retention/due/")
    expect(page.locator("table")).to_contain_text(due.reference)
    expect(page.locator("table")).to_contain_text(due.child.full_name)
    expect(page.locator("table")).not_to_contain_text(held.reference)
    check_accessible(page, axe_violations)
    page.get_by_role("button", name="Put these on a list for approval").click()
    expect(
        page.get_by_text("You proposed this list, so someone else must approve it.")
    ).to_be_visible()
    list_url = page.url

    sign_in(page, "ben.admin")
    page.goto(list_url)
    check_accessible(page, axe_violations)
    page.get_by_role("button", name="Approve destruction").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm that you have checked")
    page.get_by_label("I have checked this list").check()
    page.get_by_role("button", name="Approve destruction").click()
    success = page.locator(".govuk-notification-banner--success")
    expect(success).to_contain_text("Destruction approved")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Ben Approver")
    check_accessible(page, axe_violations)
    page.get_by_label("I understand the records will be destroyed").check()
    page.get_by_role("button", name="Destroy these records now").click()
    expect(success).to_contain_text("1 case record destroyed")

    assert not Case.objects.filter(pk=due.pk).exists()
    assert Case.objects.filter(pk=held.pk).exists()
    assert DestructionRecord.objects.get().approver_name == "Ben Approver"

    page.goto("/retention/destroyed/")
    expect(page.locator("table")).to_contain_text(due.reference)
    expect(page.locator("table")).to_contain_text("Ben Approver")
    check_accessible(page, axe_violations)
