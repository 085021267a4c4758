"""Re-authentication ("Confirm it's you") for sensitive actions."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import include, path

from safetymap.accounts import reauth, sessions
from safetymap.accounts.models import User
from tests.twofactor import login_verified, totp_code

from .conftest import PASSWORD


@reauth.recent_auth_required()
def _export(request: HttpRequest) -> HttpResponse:
    return HttpResponse("The export")


@reauth.recent_auth_required(max_age=60)
def _break_glass(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Break glass")


def _home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("My cases")


# This module is the tests' URLconf: the accounts URLs plus two protected pages.
urlpatterns = [
    path("accounts/", include("safetymap.accounts.urls")),
    path("export/", _export, name="export"),
    path("break-glass/", _break_glass, name="break_glass"),
    path("", include(([path("", _home, name="my_cases")], "cases"))),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

REAUTH = "/accounts/confirm-its-you/"


class Clock:
    """Stands in for sessions.now so a test can move time on."""

    def __init__(self, start: float = 1_900_000_000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(sessions, "now", fake)
    return fake


def confirm(client, *, password=PASSWORD, code=None, next_url="/export/"):
    data = {"password": password, "next": next_url}
    if code is not None:
        data["code"] = code
    return client.post(REAUTH, data)


def test_the_decorator_sends_people_to_confirm_its_you_and_back(client, two_factor_on, sam):
    device = login_verified(client, sam)
    response = client.get("/export/?format=csv")
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == REAUTH
    assert parse_qs(urlparse(response["Location"]).query)["next"] == ["/export/?format=csv"]

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<title>Confirm it’s you – SafetyMap" in html
    assert 'autocomplete="current-password"' in html
    assert 'autocomplete="one-time-code"' in html
    assert "You will not be asked again for 10 minutes" in html

    response = confirm(client, code=totp_code(device), next_url="/export/?format=csv")
    assert response.status_code == 302
    assert response["Location"] == "/export/?format=csv"
    assert client.get("/export/?format=csv").content == b"The export"


def test_a_wrong_password_or_code_does_not_confirm(client, two_factor_on, sam):
    device = login_verified(client, sam)
    response = confirm(client, password="not-it", code=totp_code(device))
    assert response.status_code == 200
    assert "The password is not right" in response.content.decode()
    assert client.get("/export/").status_code == 302

    wrong = "123456" if totp_code(device) != "123456" else "654321"
    response = confirm(client, code=wrong)
    assert "The code is not right or has run out" in response.content.decode()
    assert client.get("/export/").status_code == 302

    response = confirm(client)
    assert "Enter the 6-digit code from your app" in response.content.decode()
    assert reauth.REAUTH_SESSION_KEY not in client.session


def test_people_without_an_app_confirm_with_their_password(client, jo):
    client.force_login(jo)
    page = client.get(REAUTH + "?next=/export/").content.decode()
    assert 'autocomplete="one-time-code"' not in page
    assert confirm(client)["Location"] == "/export/"
    assert client.get("/export/").status_code == 200


def test_confirmation_runs_out(client, two_factor_on, sam, clock, settings):
    device = login_verified(client, sam)
    confirm(client, code=totp_code(device))
    assert client.get("/export/").status_code == 200
    assert client.get("/break-glass/").status_code == 200

    clock.value += 61  # the one-minute page needs it again; the ten-minute one does not
    assert client.get("/break-glass/").status_code == 302
    assert client.get("/export/").status_code == 200

    clock.value += 10 * 60
    assert client.get("/export/").status_code == 302

    settings.SAFETYMAP_REAUTH_MAX_AGE_SECONDS = 60 * 60  # configurable
    assert client.get("/export/").status_code == 200


def test_signing_out_forgets_the_confirmation(client, two_factor_on, sam):
    device = login_verified(client, sam)
    confirm(client, code=totp_code(device))
    client.post("/accounts/sign-out/")
    login_verified(client, sam)
    assert client.get("/export/").status_code == 302


def test_helpers(rf: RequestFactory, client, jo, clock):
    client.force_login(jo)
    request = rf.get("/")
    request.user = jo
    request.session = client.session
    assert not reauth.has_recent_auth(request)
    assert reauth.recent_auth_time(request) is None
    with pytest.raises(reauth.ReauthenticationRequired):
        reauth.require_recent_auth(request)

    reauth.mark_recent_auth(request)
    assert reauth.has_recent_auth(request)
    assert reauth.has_recent_auth(request, max_age=5)
    when = reauth.recent_auth_time(request)
    assert when is not None and when.timestamp() == clock.value
    reauth.require_recent_auth(request)

    clock.value += 6
    assert not reauth.has_recent_auth(request, max_age=5)
    assert reauth.has_recent_auth(request)

    anonymous = rf.get("/")
    anonymous.user = AnonymousUser()
    anonymous.session = client.session
    assert not reauth.has_recent_auth(anonymous)


def test_the_exception_is_a_403(client, jo):
    assert issubclass(reauth.ReauthenticationRequired, Exception)
    from django.core.exceptions import PermissionDenied

    assert issubclass(reauth.ReauthenticationRequired, PermissionDenied)


def test_confirm_its_you_refuses_to_send_people_to_another_site(client, jo):
    client.force_login(jo)
    response = confirm(client, next_url="https://evil.example/")
    assert response["Location"] == "/"


def test_wrong_passwords_at_confirm_its_you_count_towards_the_lock_out(client, jo, settings):
    client.force_login(jo)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        confirm(client, password="wrong")
    # Locked: even the right password fails now, with the same message.
    response = confirm(client)
    assert response.status_code == 200
    assert "The password is not right" in response.content.decode()
    assert client.get("/export/").status_code == 302


def test_confirm_its_you_needs_signing_in(client):
    response = client.get(REAUTH)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
    assert not User.objects.exists()
