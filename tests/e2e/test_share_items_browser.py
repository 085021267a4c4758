"""A worker shares a child's record with the school and ticks exactly what the school may
see; the partner professional then sees only those items, each saying who shared it. The
"Choose what to share" page passes axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import pytest
from playwright.sync_api import Page, expect

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case
from safetymap.mapping.models import Part
from tests.factories import (
    PASSWORD,
    AllocationFactory,
    CaseFactory,
    DangerStatementFactory,
    MapItemFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

HARM = "Jayden had a burn on his hand and would not say how it happened."
STRENGTH = "Jayden's grandad walks him to school and waits until he is inside."
STATEMENT = "The school and the social worker are worried Jayden is left with adults who hurt him."


def sign_in(page: Page, username: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_worker_chooses_items_and_the_partner_sees_only_them(
    page: Page, axe_violations: Callable[..., list[dict[str, Any]]]
) -> None:
    case = cast(Case, CaseFactory(child=PersonFactory(first_name="Jayden", last_name="Price")))
    worker = cast(User, UserFactory(team=case.team, username="lee.worker", first_name="Lee"))
    AllocationFactory(case=case, worker=worker)
    partner = cast(
        User,
        UserFactory(
            role=Role.PARTNER_PROFESSIONAL,
            team=None,
            username="school.dsl",
            first_name="Nadia",
            last_name="Okafor",
            organisation="Hillside Primary School",
        ),
    )
    MapItemFactory(case=case, part=Part.HARM, text=HARM)
    MapItemFactory(case=case, part=Part.STRENGTH, text=STRENGTH)
    DangerStatementFactory(case=case, statement=STATEMENT)

    sign_in(page, "lee.worker")
    page.get_by_role("link", name=re.compile("Jayden Price")).click()
    page.get_by_role("link", name="Share with a partner professional").click()
    page.get_by_label("Who do you want to share it with?").select_option(value=str(partner.pk))
    page.get_by_role("button", name="Share and choose what they see").click()

    expect(page.get_by_role("heading", name="Choose what to share")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label(STRENGTH).check()
    page.get_by_label(re.compile("left with adults who hurt him")).check()
    expect(page.get_by_label(HARM)).not_to_be_checked()
    page.get_by_role("button", name="Save what is shared").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Nadia Okafor")
    expect(page.get_by_role("cell", name=re.compile("2 items"))).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "school.dsl")
    page.goto(f"/cases/{case.uuid}/")
    expect(page.locator("#shared-with-you")).to_contain_text("2 things on the map")
    page.get_by_role("link", name="2 things on the map").click()
    expect(page.locator(".app-map")).to_contain_text(STRENGTH)
    expect(page.locator(".app-map")).to_contain_text("left with adults who hurt him")
    expect(page.locator(".app-map")).not_to_contain_text(HARM)
    expect(page.locator(".app-map")).to_contain_text("Shared with you by Lee")
    expect(page.locator("#harm")).to_contain_text("Nothing here has been shared with you.")
    assert axe_violations(page) == []
