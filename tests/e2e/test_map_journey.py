"""A practitioner maps a case from empty to a danger statement, a goal, three scales and a
next step, in Debian's Chromium — and the map page passes axe-core."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safetymap.mapping.models import DangerStatement, NextStep, SafetyGoal, ScaleRating
from tests.factories import PASSWORD, AllocationFactory, CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, username: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def fill_date(page: Page, name: str, day: datetime.date) -> None:
    page.fill(f'input[name="{name}_day"]', str(day.day))
    page.fill(f'input[name="{name}_month"]', str(day.month))
    page.fill(f'input[name="{name}_year"]', str(day.year))


def add_scale(
    page: Page, *, who: str, role: str, score: int, reason: str, about: str | None = None
) -> None:
    page.get_by_role("link", name="Add a scale").first.click()
    if about:
        page.get_by_label("What is this scale about?").select_option(label=about)
    page.get_by_label("Whose number is this?").fill(who)
    page.get_by_label(role, exact=True).check()
    page.locator(f'input[name="score"][value="{score}"]').check()
    page.get_by_label("Why this number and not a lower one?").fill(reason)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("added")


def test_practitioner_maps_a_case_from_empty(
    page: Page, axe_violations: Callable[..., list[dict[str, Any]]]
) -> None:
    case = CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle"))
    worker = UserFactory(team=case.team, username="sam.practitioner")
    AllocationFactory(case=case, worker=worker)
    today = timezone.localdate()

    sign_in(page, "sam.practitioner")
    expect(page.get_by_role("heading", name="My cases")).to_be_visible()
    page.get_by_role("link", name=re.compile("Kian Doyle")).click()
    page.get_by_role("link", name="The map").click()
    expect(page.get_by_role("heading", name="What are we worried about?")).to_be_visible()

    # A danger statement: the sentence is written from its three parts as we type.
    page.get_by_role("link", name="Add a danger statement").click()
    page.get_by_label("Who is worried?").fill("Nursery and the social worker")
    page.get_by_label("What is the adult doing").fill(
        "Mum has been too drunk to collect Kian from nursery three times since March"
    )
    page.get_by_label("What do they think could happen").fill(
        "Kian will be hurt or left without anyone to look after him"
    )
    statement_box = page.get_by_label("The statement")
    expect(statement_box).to_have_value(
        re.compile(r"^Nursery and the social worker are worried that Mum")
    )
    statement_box.fill(statement_box.input_value() + " Mum says it only happened once.")
    page.get_by_label("Disagrees").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#statements")).to_contain_text("Mum says it only happened once.")

    # Its safety goal.
    page.get_by_role("link", name="Add a safety goal").click()
    page.get_by_label("What will the adults be doing?").fill(
        "Mum will collect Kian sober every day, or ask Aunt Lisa to"
    )
    page.get_by_label("What will the child notice or feel?").fill(
        "Kian will know who is picking him up and feel safe going home"
    )
    page.get_by_label("Who will see it happening?").fill("Nursery and Aunt Lisa")
    page.get_by_label("For how long must it be seen?").fill("three months")
    expect(page.get_by_label("The goal")).to_have_value(
        re.compile("Nursery and Aunt Lisa will see this happening for three months.")
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#goals")).to_contain_text("Mum will collect Kian sober every day")

    # Three scales: two overall, one for the statement.
    add_scale(page, who="Sam", role="Worker", score=3, reason="Two late pick-ups this month.")
    page.get_by_role("link", name="The map").click()
    add_scale(
        page,
        who="Mum",
        role="Parent or carer",
        score=7,
        reason="I have stopped drinking in the day.",
    )
    page.get_by_role("link", name="The map").click()
    statement_text = DangerStatement.objects.get().statement
    add_scale(
        page,
        who="Kian",
        role="Child or young person",
        score=5,
        reason="Mummy is happier.",
        about=statement_text,
    )

    # A next step.
    page.get_by_role("link", name="The map").click()
    page.get_by_role("link", name="Add a next step").click()
    page.get_by_label("What needs to happen?").fill("Ring Aunt Lisa about Tuesday pick-ups")
    page.get_by_label("Who will do it?").fill("Sam (social worker)")
    fill_date(page, "due_on", today + datetime.timedelta(days=7))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#next-steps")).to_contain_text("Ring Aunt Lisa about Tuesday pick-ups")

    assert DangerStatement.objects.get().family_view == "disagrees"
    assert SafetyGoal.objects.get().danger_statement == DangerStatement.objects.get()
    assert ScaleRating.objects.count() == 3
    assert NextStep.objects.get().due_on == today + datetime.timedelta(days=7)

    # The map shows the spread, and the scales page draws every rating over time.
    expect(page.locator("#scales")).to_contain_text("Lowest 3, highest 7")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Scales").first.click()
    expect(page.locator("svg[role=img]").first).to_be_visible()
