"""Signing in with two-factor authentication in Debian's Chromium: a real TOTP code, the
idle warning, and text typed before an idle sign-out put back after signing in again."""

from __future__ import annotations

import base64
import datetime
import re
from collections.abc import Callable
from typing import Any, cast

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safetymap.accounts.models import User
from safetymap.cases.models import Case
from safetymap.mapping.models import NextStep
from tests.factories import PASSWORD, AllocationFactory, CaseFactory, PersonFactory, UserFactory
from tests.twofactor import confirmed_device, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

CODE_PAGE = "Enter the code from your authenticator app"
WARNING = "You’re about to be signed out"


@pytest.fixture
def two_factor(settings):
    settings.SAFETYMAP_REQUIRE_TWO_FACTOR = True
    return settings


def enter_password(page: Page, username: str) -> None:
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def enter_code(page: Page, code: str) -> None:
    expect(page.get_by_role("heading", name=CODE_PAGE)).to_be_visible()
    page.get_by_label("Security code").fill(code)
    page.get_by_role("button", name="Continue").click()


def test_a_new_person_sets_up_an_authenticator_app(
    page: Page, two_factor, axe_violations: Callable[..., list[dict[str, Any]]]
) -> None:
    UserFactory(username="new.starter")
    page.goto("/accounts/sign-in/")
    enter_password(page, "new.starter")

    expect(page.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    qr = page.get_by_role("img", name="QR code for your authenticator app")
    expect(qr).to_be_visible()
    # The QR code really draws (the Content Security Policy allows data: images).
    assert qr.evaluate("img => img.complete && img.naturalWidth > 100")
    assert axe_violations(page) == []

    page.get_by_text("I cannot scan the QR code").click()
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
    page.get_by_label("Enter the 6-digit code from your app").fill(totp_code(key))
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    codes = page.get_by_test_id("recovery-codes").locator("code")
    expect(codes).to_have_count(10)
    assert axe_violations(page) == []
    page.get_by_role("button", name="I have saved my recovery codes").click()
    expect(page.get_by_role("heading", name="My cases")).to_be_visible()


def test_idle_warning_then_sign_out_then_typed_text_is_put_back(
    page: Page, two_factor, axe_violations: Callable[..., list[dict[str, Any]]]
) -> None:
    two_factor.SAFETYMAP_SESSION_IDLE_SECONDS = 14
    two_factor.SAFETYMAP_SESSION_WARNING_SECONDS = 8
    case = cast(Case, CaseFactory(child=PersonFactory(first_name="Maya", last_name="Brook")))
    worker = cast(User, UserFactory(team=case.team, username="sam.practitioner"))
    AllocationFactory(case=case, worker=worker)
    device = confirmed_device(worker)
    form_url = f"/cases/{case.uuid}/map/next-steps/add/"

    # Sign in: password, then a real code computed from the device's secret.
    page.goto("/accounts/sign-in/")
    enter_password(page, "sam.practitioner")
    assert axe_violations(page) == []
    enter_code(page, totp_code(device))
    expect(page.get_by_role("heading", name="My cases")).to_be_visible()

    # Start a next step, and stop typing.
    page.goto(form_url)
    page.get_by_label("What needs to happen?").fill("Ask the school nurse to see Maya weekly")
    page.get_by_label("Who will do it?").fill("Sam (social worker)")
    due = timezone.localdate() + datetime.timedelta(days=7)
    page.fill('input[name="due_on_day"]', str(due.day))
    page.fill('input[name="due_on_month"]', str(due.month))
    page.fill('input[name="due_on_year"]', str(due.year))

    # The warning comes before the end, as a modal dialog with the focus inside it.
    dialog = page.get_by_role("dialog", name=WARNING)
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_visible()
    assert page.evaluate("document.querySelector('dialog').matches(':modal')")
    assert page.evaluate("document.querySelector('dialog').contains(document.activeElement)")
    assert axe_violations(page) == []

    # Doing nothing: signed out, with the reason, and asked to sign in again.
    expect(page.get_by_role("heading", name="Sign in to SafetyMap")).to_be_visible(timeout=20_000)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "You were signed out because you were inactive"
    )
    enter_password(page, "sam.practitioner")
    enter_code(page, totp_code(device, steps_ahead=1))  # a code works once: the next one

    # Back on the form, with what was typed put back and a notice saying so.
    expect(page).to_have_url(re.compile(re.escape(form_url) + "$"))
    expect(page.get_by_label("What needs to happen?")).to_have_value(
        "Ask the school nurse to see Maya weekly"
    )
    expect(page.get_by_label("Who will do it?")).to_have_value("Sam (social worker)")
    expect(page.locator('input[name="due_on_year"]')).to_have_value(str(due.year))
    expect(page.locator("#safetymap-draft-restored")).to_contain_text(
        "We have put back what you typed here before"
    )
    assert axe_violations(page) == []

    # Saving it clears the draft: the form starts empty next time.
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#next-steps")).to_contain_text("Ask the school nurse to see Maya weekly")
    assert NextStep.objects.get().action == "Ask the school nurse to see Maya weekly"
    assert NextStep.objects.get().due_on == due
    page.goto(form_url)
    expect(page.get_by_label("What needs to happen?")).to_have_value("")
    expect(page.locator("#safetymap-draft-restored")).to_have_count(0)


def test_stay_signed_in_keeps_the_session(page: Page, two_factor) -> None:
    two_factor.SAFETYMAP_SESSION_IDLE_SECONDS = 20
    two_factor.SAFETYMAP_SESSION_WARNING_SECONDS = 14
    worker = cast(User, UserFactory(username="lee.manager"))
    device = confirmed_device(worker)
    page.goto("/accounts/sign-in/")
    enter_password(page, "lee.manager")
    enter_code(page, totp_code(device))
    expect(page.get_by_role("heading", name="My cases")).to_be_visible()
    started = page.evaluate("Date.now()")

    dialog = page.get_by_role("dialog", name=WARNING)
    expect(dialog).to_be_visible(timeout=15_000)
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()

    # Past the time the session would have ended without "Stay signed in".
    waited = page.evaluate("Date.now()") - started
    page.wait_for_timeout(max(0, 21_000 - waited))
    page.reload()
    expect(page.get_by_role("heading", name="My cases")).to_be_visible()
