"""The browser harness itself: Chromium starts, live_server answers with static files and the
test's database rows, and the axe-core helper finds (only) what it should."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

BUILT_ASSETS = Path(__file__).resolve().parents[2] / "frontend" / "build"


def test_admin_login_page_loads(page: Page) -> None:
    response = page.goto("/django-admin/login/")

    assert response is not None and response.status == 200
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator("#id_password")).to_be_visible()
    assert page.evaluate("document.documentElement.lang")


@pytest.mark.django_db(transaction=True)
def test_live_server_sees_rows_the_test_creates(page: Page, django_user_model: Any) -> None:
    django_user_model.objects.create_superuser(
        username="harness.check", email="harness.check@example.org", password="correct-horse-9"
    )

    page.goto("/django-admin/login/?next=/django-admin/")
    page.fill("#id_username", "harness.check")
    page.fill("#id_password", "correct-horse-9")
    page.locator("[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/django-admin/$"))
    expect(page.locator("#user-tools")).to_contain_text("harness.check")


def test_compiled_assets_are_served(page: Page) -> None:
    stylesheets = sorted(BUILT_ASSETS.rglob("*.css"))
    assert stylesheets, f"`make assets` produced no CSS in {BUILT_ASSETS}"

    for stylesheet in stylesheets:
        url = "/static/" + stylesheet.relative_to(BUILT_ASSETS).as_posix()
        response = page.request.get(url)
        assert response.status == 200, url
        assert "css" in response.headers["content-type"], url


def test_axe_reports_serious_violations_and_passes_a_clean_page(
    page: Page, axe_violations: Callable[..., list[dict[str, Any]]]
) -> None:
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Clean</title></head>'
        "<body><main><h1>Your cases</h1><p>Nothing to show.</p></main></body></html>"
    )
    assert axe_violations(page) == []

    page.set_content(
        '<!doctype html><html lang="en"><head><title>Broken</title></head>'
        '<body><main><h1>Your cases</h1><img src="data:,"><button></button></main></body></html>'
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "button-name"} <= found
