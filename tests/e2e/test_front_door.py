"""The front door in Debian's Chromium: a worker records a school's phone call, finds the
child on our records under a misspelt name, picks the match, decides early help, and the
new case shows the referral. Every front door page passes axe-core."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import cast

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safetymap.accounts.models import Team, User
from safetymap.cases.models import Case
from safetymap.referrals.models import Referral
from tests.e2e.test_map_journey import fill_date, sign_in
from tests.factories import CaseFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
BORN = datetime.date(2017, 3, 4)


def test_a_contact_is_recorded_matched_to_the_known_child_and_opens_early_help(
    page: Page, assert_accessible: Callable[[Page], None]
) -> None:
    team = cast(Team, TeamFactory(name="Front door and assessment"))
    UserFactory(team=team, username="fd.worker", first_name="Rosa", last_name="Ingram")
    known = PersonFactory(first_name="Aidan", last_name="Walsh", date_of_birth=BORN)
    CaseFactory(child=known, team=team, closed_on=timezone.localdate() - datetime.timedelta(700))

    sign_in(page, "fd.worker")
    page.get_by_role("link", name="Front door").click()
    expect(page.get_by_role("heading", name="Front door")).to_be_visible()
    expect(page.get_by_text("No contacts are waiting for a decision.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record a contact").click()
    assert_accessible(page)
    fill_date(page, "received_on", timezone.localdate())
    page.get_by_label("Phone call").check()
    page.get_by_label("Their name").fill("Priya Lal")
    page.get_by_label("Their role or agency").fill("Designated safeguarding lead, Oakfield")
    page.get_by_label("School or nursery").check()
    page.get_by_label("How to contact them").fill("01632 960111")
    page.get_by_label("Child's first name").fill("Ayden")
    page.get_by_label("Child's last name").fill("Walsh")
    fill_date(page, "child_date_of_birth", BORN)
    page.get_by_label("What has happened that worries you?").fill(
        "Ayden said Dad's friend hit him with a belt. He has marks on his legs."
    )
    page.get_by_label("What is going well?").fill("Mum rang us herself this morning.")
    page.get_by_label(re.compile("satisfied the child is safe")).fill(
        "Dad's friend not staying at the house."
    )
    page.get_by_label(re.compile("scale of 0 to 10")).select_option("3")
    page.get_by_role("button", name="Save and find the child").click()

    # The known child is offered before anyone new is made, with why.
    expect(page.get_by_role("heading", name="Find the child")).to_be_visible()
    matches = page.get_by_role("table", name="Possible matches")
    expect(matches).to_contain_text("Aidan Walsh")
    expect(matches).to_contain_text("First name sounds the same (Aidan)")
    expect(matches).to_contain_text("Date of birth the same")
    assert_accessible(page)
    page.get_by_label(re.compile("^Aidan Walsh")).check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Record the decision")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Early help", exact=True).check()
    page.get_by_label("Reason for the decision").fill(
        "Mum wants help and is keeping Ayden away from the friend. Early help with a "
        "safety plan; step up if the marks are not explained."
    )
    page.get_by_role("button", name="Record the decision").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Decision recorded")
    assert_accessible(page)
    referral = Referral.objects.get()
    case = cast(Case, referral.case)
    assert case.child == known and case.service_level == "early_help"
    page.get_by_role("link", name=case.reference).click()

    panel = page.locator("#referrals")
    expect(panel).to_contain_text("from school or nursery")
    expect(panel).to_contain_text("Decision: early help (Rosa Ingram)")
    expect(panel).to_contain_text("Dad's friend hit him with a belt")
    assert_accessible(page)

    page.goto("/front-door/?show=decided")
    expect(page.get_by_role("table")).to_contain_text("Ayden Walsh")
    assert_accessible(page)
    assert cast(User, referral.decided_by).username == "fd.worker"
