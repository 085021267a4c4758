"""In Debian's Chromium, with axe-core: printing a child's record (the page, its Print
button, the access event it leaves) and a council administrator linking someone to single
sign-on after confirming it's them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from safetymap.accounts.models import Role, User
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.governance.printing import PRINT_EVENT
from safetymap.mapping.models import Part
from tests.e2e.test_sar_pdf import sign_in
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


def test_a_worker_prints_a_childs_record(
    page: Page, axe_violations: Callable[..., list[dict[str, Any]]]
) -> None:
    case: Any = CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle"))
    worker: Any = UserFactory(team=case.team, username="priya.shah")
    AllocationFactory(case=case, worker=worker)
    MapItemFactory(case=case, part=Part.STRENGTH, text="Nan walks Kian to school.")
    DangerStatementFactory(case=case)

    sign_in(page, "priya.shah")
    page.goto(f"/cases/{case.uuid}/")
    page.get_by_role("link", name="Print this record").click()
    expect(page.get_by_role("heading", name="Case record: Kian Doyle")).to_be_visible()
    expect(page.get_by_text("Nan walks Kian to school.")).to_be_visible()
    assert axe_violations(page) == []

    # The button print.js adds opens the print dialogue (stubbed: a headless browser has none).
    page.evaluate("window.print = () => { window.printed = true }")
    page.get_by_role("button", name="Print this record").click()
    assert page.evaluate("window.printed") is True

    # On paper, the service's header and the button are gone.
    page.emulate_media(media="print")
    expect(page.locator(".govuk-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this record")).to_be_hidden()
    assert AccessEvent.objects.filter(actor=worker, what=PRINT_EVENT).count() == 1


def test_an_administrator_links_someone_to_single_sign_on(
    page: Page, axe_violations: Callable[..., list[dict[str, Any]]]
) -> None:
    UserFactory(username="iris.gale", role=Role.COUNCIL_ADMINISTRATOR, team=None)
    jo: Any = UserFactory(username="jo.reid", first_name="Jo", last_name="Reid")

    sign_in(page, "iris.gale")
    page.goto("/accounts/")
    page.get_by_role("link", name="Link staff to single sign-on").click()
    page.get_by_label("Name or username").fill("reid")
    page.get_by_role("button", name="Search").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Link Jo Reid to single sign-on").click()

    expect(page.get_by_role("heading", name="Confirm it’s you")).to_be_visible()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name="Link").click()
    expect(page.get_by_role("link", name="Enter the single sign-on subject")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Single sign-on subject").fill("entra-4b7c")
    page.get_by_role("button", name="Link").click()
    expect(page.get_by_text("Jo Reid can now sign in with single sign-on")).to_be_visible()
    assert axe_violations(page) == []
    assert User.objects.get(pk=jo.pk).oidc_subject == "entra-4b7c"
    assert AuditEvent.objects.filter(summary="Linked jo.reid to single sign-on").exists()
