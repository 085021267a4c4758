"""The case journey in Debian's Chromium: a worker adds a chronology entry, corrects it,
filters the chronology and downloads it; a team manager closes the case and reopens it.
Every page passes axe-core."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case, CaseClosure, ChronologyEntry
from tests.e2e.test_map_journey import fill_date, sign_in
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = timezone.localdate()


@pytest.fixture
def case() -> Case:
    case = cast(
        Case,
        CaseFactory(
            child=PersonFactory(first_name="Kian", last_name="Doyle"),
            opened_on=TODAY - datetime.timedelta(days=120),
        ),
    )
    worker = UserFactory(team=case.team, username="sam.practitioner", first_name="Sam")
    AllocationFactory(case=case, worker=worker, started_on=case.opened_on)
    UserFactory(team=case.team, username="dan.manager", role=Role.TEAM_MANAGER)
    return case


def test_a_worker_adds_corrects_filters_and_exports_the_chronology(
    page: Page, case: Case, assert_accessible: Callable[[Page], None]
) -> None:
    sign_in(page, "sam.practitioner")
    page.get_by_role("link", name=re.compile("Kian Doyle")).click()
    page.get_by_role("link", name="Chronology").click()
    expect(page.get_by_role("heading", name="Chronology", exact=True)).to_be_visible()
    expect(page.get_by_text("Nothing has been recorded yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add an entry").click()
    assert_accessible(page)
    page.get_by_role("button", name="Add the entry").click()  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what happened")
    assert_accessible(page)
    fill_date(page, "happened_on", TODAY - datetime.timedelta(days=2))
    page.get_by_label("Home visit").check()
    page.get_by_label("What happened?").fill(
        "Visited Kian at home with Mum. Kian showed me his new bike and said: “Nan got it me.”"
    )
    page.get_by_label("What does it mean for the child?").fill(
        "Kian has an adult at home after school every day now."
    )
    page.get_by_role("button", name="Add the entry").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("added to the chronology")
    expect(page.locator(".app-chronology")).to_contain_text("Kian showed me his new bike")

    # Correct it: the old entry stays, marked as corrected, with a link to the correction.
    page.get_by_role("link", name=re.compile("Correct this entry")).click()
    assert_accessible(page)
    page.get_by_label("What happened?").fill(
        "Visited Kian at Nan's house with Mum. Kian showed me his new bike."
    )
    page.get_by_label("What was wrong with the entry?").fill("The visit was at Nan's, not home.")
    page.get_by_role("button", name="Add the correction").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("correction has been")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the chronology").click()
    expect(page.locator(".govuk-tag", has_text="Corrected")).to_be_visible()
    expect(page.locator(".app-chronology")).to_contain_text("Kian showed me his new bike and said")
    expect(page.locator(".app-chronology")).to_contain_text("at Nan's house with Mum")
    assert ChronologyEntry.objects.filter(corrects__isnull=False).count() == 1

    # Filter: only workers' entries, with a word only the correction has.
    page.get_by_label("Entries added by workers").check()
    page.get_by_label("Containing the words").fill("nan's house")
    page.get_by_role("button", name="Show events").click()
    expect(page.get_by_role("status")).to_contain_text("1 event")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Nan's house" in content and "new bike and said" not in content

    page.get_by_role("link", name="Print the chronology").click()
    expect(page.get_by_role("heading", name="Chronology: Kian Doyle")).to_be_visible()
    expect(page.locator(".app-chronology")).to_contain_text("at Nan's house with Mum")
    assert_accessible(page)


def test_a_manager_closes_and_reopens_the_case(
    page: Page, case: Case, assert_accessible: Callable[[Page], None]
) -> None:
    sign_in(page, "dan.manager")
    page.goto(f"/cases/{case.uuid}/")
    page.get_by_role("link", name="Close the case").click()
    assert_accessible(page)
    page.get_by_label("Plan ended: the child's needs are met").check()
    page.get_by_label("Say what has changed for the child").fill(
        "The safety plan held for six months and Nan checks in every day."
    )
    page.get_by_role("button", name="Close the case").click()
    expect(page.locator("#case-closed")).to_contain_text("This case closed on")
    expect(page.get_by_role("link", name="Change service level")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Reopen the case").click()
    assert_accessible(page)
    page.get_by_label("Why is the case being reopened?").fill(
        "School rang: Kian said Dad is back at home and there was shouting."
    )
    page.get_by_label(re.compile("Sam")).check()
    page.get_by_role("button", name="Reopen the case").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("open again")
    expect(page.locator("#case-closed")).to_have_count(0)
    closure = CaseClosure.objects.get()
    assert closure.reopened_on == TODAY
    worker = User.objects.get(username="sam.practitioner")
    assert case.allocations.filter(worker=worker, ended_on__isnull=True).exists()
    page.get_by_role("link", name="Chronology").click()
    expect(page.locator(".app-chronology")).to_contain_text("Case reopened")
    expect(page.locator(".app-chronology")).to_contain_text("Case closed: Plan ended")
