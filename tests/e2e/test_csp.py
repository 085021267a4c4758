"""The strict Content Security Policy breaks nothing: pages load, GOV.UK Frontend's JavaScript
runs, htmx and the statement helper work, and the browser reports no violation.

Chromium reports every blocked script, style or connection as a `securitypolicyviolation`
event and a console error; both are collected from before the first script runs.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, FilePayload, Page, expect

from safetymap.documents.models import DocumentKind
from safetymap.documents.services import document_upload
from tests.factories import (
    PASSWORD,
    AllocationFactory,
    CaseFactory,
    DangerStatementFactory,
    MapItemFactory,
    PersonFactory,
    ScaleRatingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push({
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ':' + event.lineNumber,
    sample: event.sample,
  });
});
"""


class PolicyWatch:
    """Collects CSP violations (events and console errors) from every page a test opens."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def assert_clean(self) -> None:
        """No violation on the current page (events) or on any page so far (console)."""
        events: list[dict[str, Any]] = self.page.evaluate("window.__cspViolations || []")
        assert events == [], f"CSP violations on {self.page.url}: {events}"
        assert self.console == [], f"CSP errors in the console: {self.console}"

    def assert_govuk_javascript_ran(self) -> None:
        expect(self.page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
        expect(self.page.locator("body")).to_have_class(re.compile(r"\bjs-enabled\b"))


# The live server's first answer imports the whole URL configuration (WeasyPrint, the API)
# and compiles templates: seconds on a loaded two-core machine. Pay that once, outside the
# 10-second navigation timeout the tests below rely on.
WARM_UP_TIMEOUT_MS = 60_000


def warm_up(page: Page) -> None:
    page.request.get("/accounts/sign-in/", timeout=WARM_UP_TIMEOUT_MS)


@pytest.fixture
def watch(page: Page) -> PolicyWatch:
    warm_up(page)
    return PolicyWatch(page)


def sign_in(page: Page, username: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_the_watch_sees_a_blocked_inline_script(page: Page) -> None:
    """Guard for the tests below: an inline script really is blocked, and really is seen."""
    warm_up(page)
    watch = PolicyWatch(page)
    page.goto("/accounts/sign-in/")
    page.evaluate(
        """() => {
          const script = document.createElement('script');
          script.textContent = 'window.__inlineRan = true';
          document.body.appendChild(script);
          const styled = document.createElement('div');
          styled.setAttribute('style', 'color: red');
          document.body.appendChild(styled);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length >= 2")
    assert page.evaluate("window.__inlineRan") is None
    directives = {v["directive"] for v in page.evaluate("window.__cspViolations")}
    assert directives == {"script-src-elem", "style-src-attr"}
    with pytest.raises(AssertionError, match="CSP violations"):
        watch.assert_clean()


def test_sign_in_page_runs_under_the_policy(page: Page, watch: PolicyWatch) -> None:
    response = page.goto("/accounts/sign-in/")

    assert response is not None and response.status == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    watch.assert_govuk_javascript_ran()
    # GOV.UK's password input enhancement ran: its "Show" button is no longer hidden.
    expect(page.get_by_role("button", name="Show password")).to_be_visible()
    watch.assert_clean()


def test_case_pages_run_under_the_policy(page: Page, watch: PolicyWatch) -> None:
    case = CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle"))
    worker = UserFactory(team=case.team, username="csp.worker")
    AllocationFactory(case=case, worker=worker)
    statement = DangerStatementFactory(case=case)
    MapItemFactory(case=case)
    ScaleRatingFactory(case=case, danger_statement=statement)

    sign_in(page, "csp.worker")
    expect(page.get_by_role("heading", name="My cases")).to_be_visible()
    watch.assert_govuk_javascript_ran()
    watch.assert_clean()

    page.get_by_role("link", name=re.compile("Kian Doyle")).click()
    expect(page.get_by_role("heading", name=re.compile("Kian Doyle"))).to_be_visible()
    watch.assert_clean()

    page.get_by_role("link", name="The map").click()
    expect(page.get_by_role("heading", name="What are we worried about?")).to_be_visible()
    watch.assert_govuk_javascript_ran()
    watch.assert_clean()

    page.get_by_role("link", name="Scales").click()
    watch.assert_govuk_javascript_ran()
    watch.assert_clean()

    # The statement helper fetches the composed sentence from the server as the worker types.
    page.get_by_role("link", name="The map").click()
    page.get_by_role("link", name="Add a danger statement").click()
    page.get_by_label("Who is worried?").fill("Nursery and the social worker")
    page.get_by_label("What is the adult doing").fill("Mum has been too drunk to collect Kian")
    page.get_by_label("What do they think could happen").fill("Kian will be hurt")
    expect(page.get_by_label("The statement")).to_have_value(
        re.compile(r"^Nursery and the social worker are worried that Mum")
    )
    watch.assert_clean()


def test_documents_pages_run_under_the_policy(page: Page, watch: PolicyWatch, tmp_path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safetymap.documents.tests.files import pdf_bytes

    case: Any = CaseFactory(child=PersonFactory(first_name="Amara", last_name="Price"))
    worker: Any = UserFactory(team=case.team, username="csp.documents")
    AllocationFactory(case=case, worker=worker)
    document_upload(
        actor=worker,
        case=case,
        title="Letter from the school",
        kind=DocumentKind.LETTER,
        uploaded_file=SimpleUploadedFile("letter.pdf", pdf_bytes()),
    )

    sign_in(page, "csp.documents")
    page.goto(f"/cases/{case.uuid}/documents/")
    expect(page.get_by_role("heading", name="Documents", exact=True)).to_be_visible()
    expect(page.locator(".govuk-table")).to_contain_text("Letter from the school")
    watch.assert_govuk_javascript_ran()
    watch.assert_clean()

    # Downloading saves the file; it is never shown in the site's own origin.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download")).click()
    download = download_info.value
    assert download.suggested_filename == "Letter from the school.pdf"
    saved = tmp_path / "saved.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")

    # Uploading a drawing through the GOV.UK file upload.
    page.get_by_role("link", name="Upload a document").click()
    page.get_by_label("Upload a file").set_input_files(
        files=FilePayload(name="drawing.pdf", mimeType="application/pdf", buffer=pdf_bytes())
    )
    page.get_by_label("Title").fill("Amara's drawing of her family")
    page.get_by_label("Drawing").check()
    watch.assert_clean()
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("added")
    expect(page.locator(".govuk-table")).to_contain_text("Amara's drawing of her family")
    watch.assert_clean()
