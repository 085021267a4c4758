"""Plain language in Debian's Chromium: a worker typing a danger statement sees 'neglect'
flagged as they type (htmx, under the strict CSP), saving is not blocked, the checker page
works without JavaScript, and the glossary and checker pages pass axe-core."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from playwright.sync_api import Browser, Page, expect

from safetymap.accounts.models import Role
from safetymap.mapping.models import DangerStatement
from safetymap.plain_language.models import GlossaryTerm
from tests.factories import PASSWORD, AllocationFactory, CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

Violations = Callable[..., list[dict[str, Any]]]
FIRST_CHECK_MS = 30_000


@pytest.fixture(autouse=True)
def starter_glossary() -> None:
    # Transactional tests empty every table afterwards, the data migration's rows too.
    starter = importlib.import_module("safetymap.plain_language.migrations.0002_starter_glossary")
    starter.load_starter_glossary(apps, None)


def sign_in(page: Page, username: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_typing_a_danger_statement_shows_the_finding_live(
    page: Page, axe_violations: Violations
) -> None:
    case: Any = CaseFactory(child=PersonFactory(first_name="Amy", last_name="Doyle"))
    AllocationFactory(case=case, worker=UserFactory(team=case.team, username="sam.worker"))

    sign_in(page, "sam.worker")
    page.goto(f"/cases/{case.uuid}/map/statements/add/")
    page.get_by_label("Who is worried?").fill("Nursery")
    behaviour = page.get_by_label("What is the adult doing")
    behaviour.press_sequentially("Mum's neglect of Amy", delay=20)

    findings = page.locator("#id_adult_behaviour-plain-language")
    # The first check in a server process loads textstat's dictionary: allow it time.
    expect(findings).to_contain_text(
        "'neglect' is a label. Say what happened instead", timeout=FIRST_CHECK_MS
    )
    expect(findings).to_contain_text("This is advice: it does not stop you saving.")
    expect(page.locator("#id_adult_behaviour-plain-language-status")).to_have_text(
        re.compile(r"1 thing to look at in this wording")
    )
    assert axe_violations(page) == []

    # Rewording it plainly clears the finding.
    behaviour.fill("")
    behaviour.press_sequentially("There was no food in the house on three days in March", delay=10)
    expect(findings).to_contain_text("No labels, jargon or unexplained abbreviations")

    # The statement box is checked too, and a finding never stops the save.
    statement = page.get_by_label("The statement")
    statement.fill("")
    statement.press_sequentially("Nursery are worried about neglect and the MASH.", delay=10)
    statement_findings = page.locator("#id_statement-plain-language")
    expect(statement_findings).to_contain_text("'neglect' is a label.")
    expect(statement_findings).to_contain_text("'MASH' is an abbreviation that is not explained")
    page.get_by_label("What do they think could happen").fill("Amy will go hungry")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("added")
    assert DangerStatement.objects.get(case=case).statement.startswith("Nursery are worried")


def test_the_checker_page_works_with_and_without_javascript(
    page: Page, browser: Browser, live_server: Any, axe_violations: Violations
) -> None:
    UserFactory(username="pat.worker", role=Role.PRACTITIONER)
    sign_in(page, "pat.worker")
    page.goto("/plain-language/check/")
    expect(page.get_by_role("heading", name="Check wording")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Children and young people").check()
    page.get_by_label("Wording to check").press_sequentially("Your placement is safe.", delay=10)
    expect(page.locator("#id_text-plain-language")).to_contain_text(
        "'placement' is professional jargon", timeout=FIRST_CHECK_MS
    )
    assert axe_violations(page) == []

    # Without JavaScript the button checks the wording.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    plain = context.new_page()
    sign_in(plain, "pat.worker")
    plain.goto("/plain-language/check/")
    plain.get_by_label("Wording to check").fill("The ICPC is on Friday. Contact is on Saturdays.")
    plain.get_by_role("button", name="Check the wording").click()
    findings = plain.locator("#id_text-plain-language")
    expect(findings).to_contain_text("'ICPC' is an abbreviation that is not explained")
    expect(findings).to_contain_text("'Contact' is professional jargon")
    context.close()


def test_the_glossary_pages_pass_axe(page: Page, axe_violations: Violations) -> None:
    UserFactory(username="nadia.admin", role=Role.COUNCIL_ADMINISTRATOR, team=None)
    sign_in(page, "nadia.admin")
    page.get_by_role("link", name="Plain language").click()
    expect(page.get_by_role("heading", name="Plain language glossary")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Add a term").click()
    page.get_by_role("button", name="Add the term").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the term")
    assert axe_violations(page) == []
    page.get_by_label("Term", exact=True).fill("service user")
    page.get_by_label("Label", exact=True).check()
    page.get_by_label("What to say instead").fill("Mum, or the person's name")
    page.get_by_role("button", name="Add the term").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("‘service user’ added")

    page.get_by_role("link", name="Change ‘chaotic’").click()
    expect(page.get_by_role("heading", name="Change ‘chaotic’")).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/plain-language/glossary/")
    page.get_by_role("link", name="Retire ‘chaotic’").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Retire the term").click()
    page.get_by_role("link", name=re.compile("Retired terms")).click()
    expect(page.get_by_role("button", name="Bring back ‘chaotic’")).to_be_visible()
    assert axe_violations(page) == []
    assert GlossaryTerm.objects.get(term="chaotic").is_removed
