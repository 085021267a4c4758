"""Browser fixtures: Debian's Chromium, driven by Playwright for Python, against live_server.

Never `playwright install`: the browser is Debian's package (`/usr/bin/chromium`), installed by
`scripts/install-system-packages`. Override the path with CHROMIUM_PATH if you must.

Fixtures:
- `browser` (session): one headless Chromium per test process.
- `browser_context` / `page` (function): a fresh context (cookies, storage) per test, with
  `base_url` set to the live server, so `page.goto("/django-admin/login/")` works.
- `axe_violations(page)`: runs axe-core on the page and returns the serious and critical
  violations; `assert_accessible(page)` fails the test with a readable report if any.

Every test in this folder is marked `e2e` by the root conftest.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

# Serve on IPv4 loopback explicitly (port 0: a free one is chosen).
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
BUILT_ASSETS = REPO_ROOT / "frontend" / "build"
DEFAULT_TIMEOUT_MS = 10_000
BLOCKING_IMPACTS = ("serious", "critical")

Violations = list[dict[str, Any]]

# Actions and `expect(...)` assertions wait this long (Playwright's own default for `expect` is
# 5 s, too tight on a loaded two-core CI machine).
expect.set_options(timeout=DEFAULT_TIMEOUT_MS)


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Playwright]:
    # Playwright's sync API runs an asyncio event loop in the test's thread; without this
    # Django refuses the ORM calls the test itself makes (SynchronousOnlyOperation). Set only
    # while the browser runs, so the rest of the suite keeps Django's guard.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(_playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Browser tests use Debian's Chromium: run "
            "`scripts/install-system-packages` as root (or `apt-get install chromium`). "
            "Do not run `playwright install`.",
            pytrace=False,
        )
    if not BUILT_ASSETS.is_dir() or not any(BUILT_ASSETS.iterdir()):
        pytest.fail(
            f"No compiled assets in {BUILT_ASSETS}: run `make assets` first "
            "(`make test-e2e` does it for you).",
            pytrace=False,
        )
    chromium = _playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()


@pytest.fixture
def browser_context(browser: Browser, live_server: Any) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(browser_context: BrowserContext) -> Iterator[Page]:
    """A new page in a fresh context; an uncaught JavaScript error fails the test."""
    new_page = browser_context.new_page()
    errors: list[str] = []
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    yield new_page
    if errors:
        pytest.fail("JavaScript errors on the page:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture(scope="session")
def _axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def axe_violations(_axe: Any) -> Callable[..., Violations]:
    """Call with a page (and optionally an axe context selector) to get the violations whose
    impact is serious or critical; moderate and minor findings are left to review."""

    def check(
        page: Page,
        context: str | list[Any] | dict[str, Any] | None = None,
        impacts: Sequence[str] = BLOCKING_IMPACTS,
    ) -> Violations:
        results = _run_axe_once_the_page_settles(_axe, page, context)
        violations: Violations = results.response["violations"]
        return [violation for violation in violations if violation.get("impact") in impacts]

    return check


def _run_axe_once_the_page_settles(axe: Any, page: Page, context: Any) -> Any:
    """A click that submits a form may still be navigating when the check starts; axe then
    finds no document. Wait for the new page and check again rather than fail on timing."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            return axe.run(page, context=context)
        except PlaywrightError as error:
            navigating = "documentElement" in str(error) or "context was destroyed" in str(error)
            if not navigating or attempt == 2:
                raise
    raise AssertionError("unreachable")


def format_violations(violations: Violations) -> str:
    lines = [f"{len(violations)} accessibility violation(s):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation.get("nodes", [])[:5]:
            lines.append(f"    at {', '.join(map(str, node.get('target', [])))}")
            lines.append(f"       {node.get('html', '')[:200]}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(axe_violations: Callable[..., Violations]) -> Callable[..., None]:
    """Call with a page: fails the test, listing each serious or critical axe-core finding."""

    def check(page: Page, context: str | list[Any] | dict[str, Any] | None = None) -> None:
        violations = axe_violations(page, context=context)
        if violations:
            pytest.fail(f"{page.url}\n{format_violations(violations)}", pytrace=False)

    return check
