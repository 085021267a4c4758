"""Two practitioners change the same danger statement in two browsers at once.

The first to save wins. The second is told plainly that someone else changed it, nothing
of theirs overwrites the first person's words, their own typing is still in the form to
use again, and the page shows what is saved now — so both texts can be recovered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect

from safetymap.audit.models import AuditEvent
from safetymap.core.versioning import STALE_MESSAGE
from safetymap.mapping.models import DangerStatement
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    DangerStatementFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

FIRST = (
    "The school and the social worker are worried that Dad drinks most evenings and "
    "shouted at Mum in front of Ellie on Friday."
)
SECOND = (
    "Ellie's teacher is worried that Ellie comes to school tired and says she hides "
    "upstairs when Dad has been drinking."
)


def signed_in_page(browser: Browser, live_server: Any, user: Any) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(base_url=live_server.url, locale="en-GB")
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


@pytest.fixture
def story(db: Any) -> dict[str, Any]:
    team = TeamFactory(name="Riverside Child Protection")
    case: Any = CaseFactory(team=team, child=PersonFactory(first_name="Ellie", last_name="Fenwick"))
    allocated = UserFactory(team=team, first_name="Amara", last_name="Osei")
    AllocationFactory(case=case, worker=allocated, started_on=case.opened_on)
    colleague = UserFactory(team=team, first_name="Jonah", last_name="Pryce")
    statement: Any = DangerStatementFactory(case=case)
    url = reverse(
        "mapping:record_edit",
        kwargs={"case_uuid": case.uuid, "kind": "statements", "row_uuid": statement.uuid},
    )
    return {"statement": statement, "allocated": allocated, "colleague": colleague, "url": url}


@pytest.fixture
def first_page(browser: Browser, live_server: Any, story: dict[str, Any]) -> Iterator[Page]:
    yield from signed_in_page(browser, live_server, story["allocated"])


@pytest.fixture
def second_page(browser: Browser, live_server: Any, story: dict[str, Any]) -> Iterator[Page]:
    yield from signed_in_page(browser, live_server, story["colleague"])


def both_save(first_page: Page, second_page: Page, story: dict[str, Any]) -> str:
    """Both open the statement; the allocated worker saves, then the colleague, still on
    the page they opened earlier, saves their own wording. Returns the original text."""
    original: str = story["statement"].statement
    for page in (first_page, second_page):
        page.goto(story["url"])
        expect(page.get_by_label("The statement")).to_have_value(original)

    first_page.get_by_label("The statement").fill(FIRST)
    first_page.get_by_role("button", name="Save").click()
    expect(first_page.locator(".govuk-notification-banner")).to_contain_text("saved")
    expect(first_page.locator("#statements")).to_contain_text(FIRST)

    second_page.get_by_label("The statement").fill(SECOND)
    second_page.get_by_role("button", name="Save").click()
    return original


def test_second_save_is_refused_and_both_texts_are_kept(
    first_page: Page, second_page: Page, story: dict[str, Any]
) -> None:
    original = both_save(first_page, second_page, story)

    summary = second_page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(STALE_MESSAGE)
    assert STALE_MESSAGE.startswith("Someone else changed this while you were editing it.")
    assert second_page.title().startswith("Error:")
    # Their words are still in the form, to copy or use again ...
    expect(second_page.get_by_label("The statement")).to_have_value(SECOND)
    # ... and the page shows what the first person saved.
    saved_now = second_page.locator(".govuk-inset-text")
    expect(saved_now).to_contain_text("What is saved now:")
    expect(saved_now).to_contain_text(FIRST)

    # Only the first save reached the record and its audit trail.
    statement: DangerStatement = story["statement"]
    statement.refresh_from_db()
    assert statement.statement == FIRST
    assert statement.version == 2
    updates = AuditEvent.objects.filter(object_uuid=statement.uuid, action="update")
    assert updates.count() == 1
    update = updates.get()
    assert update.actor == story["allocated"]
    assert update.changes["statement"] == {"old": original, "new": FIRST}
    assert not AuditEvent.objects.filter(actor=story["colleague"]).exists()


def test_saving_again_after_the_refusal_keeps_the_second_text(
    first_page: Page, second_page: Page, story: dict[str, Any]
) -> None:
    """Having read what is saved now, the colleague can save their words on purpose."""
    both_save(first_page, second_page, story)
    expect(second_page.locator(".govuk-error-summary")).to_be_visible()
    with second_page.expect_navigation():
        second_page.get_by_role("button", name="Save").click()
    # The answer has arrived: no need to wait the usual ten seconds for the banner.
    banner = second_page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("saved", timeout=1000)
    statement: DangerStatement = story["statement"]
    statement.refresh_from_db()
    assert statement.statement == SECOND
    assert AuditEvent.objects.filter(object_uuid=statement.uuid, action="update").count() == 2
