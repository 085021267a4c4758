"""Idle sessions: signed out after 30 minutes without a request, with a warning dialog on
every signed-in page and a status endpoint for it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safetymap.accounts import sessions
from tests.twofactor import login_verified

pytestmark = pytest.mark.django_db

ACCOUNT = "/accounts/"
STATUS = "/accounts/session/"


class Clock:
    def __init__(self, start: float = 1_900_000_000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(sessions, "now", fake)
    return fake


def test_the_default_is_thirty_minutes_and_configurable(settings):
    assert settings.SAFETYMAP_SESSION_IDLE_MINUTES == 30
    assert sessions.idle_timeout_seconds() == 1800
    assert sessions.warning_seconds() == 120
    settings.SAFETYMAP_SESSION_IDLE_MINUTES = 15
    assert sessions.idle_timeout_seconds() == 900
    settings.SAFETYMAP_SESSION_IDLE_SECONDS = 20
    assert sessions.idle_timeout_seconds() == 20
    assert sessions.warning_seconds() == 10  # never more than half the idle time


def test_a_session_idle_for_thirty_minutes_is_signed_out(client, jo, clock):
    client.force_login(jo)
    assert client.get(ACCOUNT).status_code == 200

    clock.value += 29 * 60
    assert client.get(ACCOUNT).status_code == 200  # activity: the clock starts again

    clock.value += 30 * 60 + 1
    response = client.get(ACCOUNT + "?tab=2")
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == "/accounts/sign-in/"
    assert parse_qs(location.query)["next"] == ["/accounts/?tab=2"]
    assert SESSION_KEY not in client.session

    page = client.get(response["Location"])
    assert "You were signed out because you were inactive" in page.content.decode()
    assert "govuk-notification-banner" in page.content.decode()


def test_a_form_posted_after_the_time_out_comes_back_to_its_page(client, jo, clock):
    client.force_login(jo)
    client.get(ACCOUNT)
    clock.value += 31 * 60
    response = client.post("/accounts/two-factor/recovery-codes/?x=1", {"anything": "typed"})
    assert response.status_code == 302
    assert parse_qs(urlparse(response["Location"]).query)["next"] == [
        "/accounts/two-factor/recovery-codes/"
    ]
    assert SESSION_KEY not in client.session


def test_the_api_gets_401_json_after_the_time_out(client, jo, clock):
    client.force_login(jo)
    clock.value += 31 * 60
    response = client.get("/api/v1/cases")
    assert response.status_code == 401
    assert response.json() == {"detail": "You were signed out because you were inactive"}


def test_the_time_out_applies_before_the_second_step_too(client, two_factor_on, sam, clock):
    client.post("/accounts/sign-in/", {"username": "sam.manager", "password": "x"})
    from .conftest import PASSWORD

    client.post("/accounts/sign-in/", {"username": "sam.manager", "password": PASSWORD})
    assert SESSION_KEY in client.session
    clock.value += 31 * 60
    response = client.get("/accounts/two-factor/")
    assert response["Location"].startswith("/accounts/sign-in/")
    assert SESSION_KEY not in client.session


def test_status_tells_how_long_is_left_without_counting_as_activity(client, jo, clock):
    client.force_login(jo)
    clock.value += 10 * 60
    response = client.get(STATUS)
    assert response.status_code == 200
    assert response.json() == {
        "seconds_left": 20 * 60,
        "idle_seconds": 1800,
        "warning_seconds": 120,
    }
    clock.value += 10 * 60
    assert client.get(STATUS).json()["seconds_left"] == 10 * 60

    # "Stay signed in" is a POST, and starts the clock again.
    response = client.post(STATUS)
    assert response.json()["seconds_left"] == 30 * 60
    clock.value += 25 * 60
    assert client.get(ACCOUNT).status_code == 200

    # Once the time is up, the status says so with a 401 (and signs the session out).
    clock.value += 31 * 60
    response = client.get(STATUS)
    assert response.status_code == 401
    assert SESSION_KEY not in client.session


def test_status_when_signed_out(client):
    response = client.get(STATUS)
    assert response.status_code == 401
    assert response.json()["seconds_left"] == 0


def test_stay_signed_in_needs_the_csrf_token(jo):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(jo)
    assert client.post(STATUS).status_code == 403


def test_signed_in_pages_carry_the_warning_dialog(client, jo, clock, settings):
    settings.SAFETYMAP_SESSION_WARNING_SECONDS = 90
    client.force_login(jo)
    clock.value += 60
    html = client.get(ACCOUNT).content.decode()
    assert '<dialog class="govuk-!-padding-6 govuk-!-width-one-half' in html
    assert 'data-module="safetymap-session-timeout"' in html
    assert 'data-idle-seconds="1800"' in html
    assert 'data-warning-seconds="90"' in html
    assert 'data-status-url="/accounts/session/"' in html
    assert 'data-sign-in-url="/accounts/sign-in/"' in html
    assert f'data-owner="{jo.uuid}"' in html
    assert "You’re about to be signed out" in html
    assert "Stay signed in" in html
    # No inline script or style: the dialog is driven by frontend/js/session-timeout.js.
    assert "<script>" not in html and " style=" not in html


def test_signed_out_pages_have_no_dialog(client):
    html = client.get("/accounts/sign-in/").content.decode()
    assert "safetymap-session-timeout" not in html


def test_activity_is_not_written_on_every_request(client, jo, clock):
    client.force_login(jo)
    client.get(ACCOUNT)
    with CaptureQueriesContext(connection) as first:
        client.get(ACCOUNT)
    clock.value += 5  # well inside a minute: nothing to write
    with CaptureQueriesContext(connection) as second:
        client.get(ACCOUNT)
    assert len(first.captured_queries) == len(second.captured_queries)
    assert not any(
        "UPDATE" in q["sql"] and "django_session" in q["sql"] for q in second.captured_queries
    )
    clock.value += 61
    with CaptureQueriesContext(connection) as third:
        client.get(ACCOUNT)
    assert any(
        "django_session" in q["sql"] and "UPDATE" in q["sql"] for q in third.captured_queries
    )


def test_the_first_request_after_force_login_does_not_save_the_session(client, jo):
    client.force_login(jo)
    with CaptureQueriesContext(connection) as queries:
        client.get(ACCOUNT)
    assert not any(
        "UPDATE" in q["sql"] and "django_session" in q["sql"] for q in queries.captured_queries
    )


def test_the_verified_session_also_times_out(client, two_factor_on, sam, clock):
    login_verified(client, sam)
    assert client.get(ACCOUNT).status_code == 200
    clock.value += 31 * 60
    assert client.get(ACCOUNT)["Location"].startswith("/accounts/sign-in/")
