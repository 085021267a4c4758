"""Governance in Debian's Chromium: a manager reads who opened a child's record and downloads
it as CSV; information governance finds a person and downloads their subject access PDF.
Both downloads ask the user to confirm it's them first, and the pages pass axe-core."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases.models import Relationship
from safetymap.mapping.models import Part
from tests.factories import (
    PASSWORD,
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    MapItemFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, username: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def confirm_its_me(page: Page) -> None:
    expect(page.get_by_role("heading", name="Confirm it’s you")).to_be_visible()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()


@pytest.fixture
def case():
    case = CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle"))
    CaseMemberFactory(
        case=case,
        person=PersonFactory(first_name="Lee", last_name="Marsh"),
        relationship=Relationship.PARENTS_PARTNER,
    )
    MapItemFactory(case=case, part=Part.HARM, text="Lee Marsh shouted at Kian at bedtime.")
    worker = UserFactory(team=case.team, first_name="Priya", last_name="Shah")
    AllocationFactory(case=case, worker=worker)
    AccessEvent.objects.create(
        actor=worker, case_uuid=case.uuid, what="The map", basis="allocated worker"
    )
    return case


def test_a_manager_reads_and_downloads_who_opened_the_record(
    page: Page, case, assert_accessible: Callable[..., None]
) -> None:
    UserFactory(username="morag.manager", role=Role.TEAM_MANAGER, team=case.team)
    sign_in(page, "morag.manager")
    page.goto(f"/cases/{case.uuid}/")
    page.get_by_role("link", name="Access to this record", exact=True).click()
    expect(page.get_by_role("heading", name="Access to this record")).to_be_visible()
    expect(page.locator("main table")).to_contain_text("Priya Shah")
    assert_accessible(page)

    page.get_by_label("Basis").select_option("allocated worker")
    page.get_by_role("button", name="Show events").click()
    expect(page.locator("main")).to_contain_text("1 event matching the filters")

    page.get_by_role("link", name="Download as CSV").click()
    with page.expect_download() as download:
        confirm_its_me(page)
    assert re.match(r"access-log-SM-T\d+-\d{4}-\d\d-\d\d\.csv", download.value.suggested_filename)
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Priya Shah" in text and "The map" in text
    assert AuditEvent.objects.filter(action="access log export").count() == 1


def test_information_governance_downloads_a_subject_access_pdf(
    page: Page, case, assert_accessible: Callable[..., None]
) -> None:
    UserFactory(username="iris.ig", role=Role.COUNCIL_ADMINISTRATOR, team=None)
    sign_in(page, "iris.ig")
    page.goto("/governance/")
    assert_accessible(page)
    page.get_by_role("link", name="Subject access requests").click()
    page.get_by_label("Name").fill("Kian Doyle")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Kian Doyle").click()

    confirm_its_me(page)
    expect(page.get_by_role("heading", name="Check this is the right person")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Request reference").fill("SAR-2026-014")
    page.get_by_label("PDF, to read and review").check()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download the export").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Information we hold about Kian Doyle" in text
    assert "Lee Marsh [R1]" in text
    audit = AuditEvent.objects.get(action="subject access export")
    assert audit.changes["request_reference"] == "SAR-2026-014"
