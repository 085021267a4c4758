"""Signing in and out."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path, reverse

from safetymap.accounts.models import User

# This module is also the tests' URLconf: the real accounts URLs, plus a stand-in for
# settings.LOGIN_REDIRECT_URL (cases:my_cases), which the cases app owns.


def _my_cases(request: HttpRequest) -> HttpResponse:
    return HttpResponse("My cases")


urlpatterns = [
    path("accounts/", include("safetymap.accounts.urls")),
    path("", include(([path("cases/", _my_cases, name="my_cases")], "cases"))),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

SIGN_IN_URL = "/accounts/sign-in/"
SIGN_OUT_URL = "/accounts/sign-out/"
PASSWORD = "correct-horse-battery-staple"


class _Ids(HTMLParser):
    """Collects every id, and the hrefs of the error summary's links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.summary_links: list[str] = []
        self._summary_depth = 0  # how many <div>s deep inside the error summary

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "div" and (
            self._summary_depth or "govuk-error-summary" in (attributes.get("class") or "").split()
        ):
            self._summary_depth += 1
        if self._summary_depth and tag == "a":
            self.summary_links.append(attributes.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "div" and self._summary_depth:
            self._summary_depth -= 1


def parse(response) -> _Ids:
    parser = _Ids()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def practitioner() -> User:
    return User.objects.create_user(
        username="jo.practitioner", password=PASSWORD, role="practitioner", first_name="Jo"
    )


def test_url_names():
    assert reverse("accounts:login") == SIGN_IN_URL
    assert reverse("accounts:logout") == SIGN_OUT_URL


def test_sign_in_page_renders(client):
    response = client.get(SIGN_IN_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Sign in – SafetyMap – Eastbrook Borough Council</title>" in html
    assert '<h1 class="govuk-heading-l">Sign in to SafetyMap</h1>' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<label class="govuk-label" for="id_username">Username</label>' in html
    assert '<label class="govuk-label" for="id_password">Password</label>' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert "autofocus" not in html
    assert "govuk-error-summary" not in html
    # Signed out: no navigation or sign-out button.
    assert "Sign out" not in html


def test_wrong_password_shows_the_error_summary_and_does_not_sign_in(client, practitioner):
    response = client.post(SIGN_IN_URL, {"username": "jo.practitioner", "password": "wrong"})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    html = response.content.decode()
    assert "<title>Error: Sign in – SafetyMap" in html
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html
    page = parse(response)
    assert page.summary_links == ["#id_username"]
    assert "id_username" in page.ids
    # The username is kept; the password is not sent back.
    assert 'value="jo.practitioner"' in html
    assert 'value="wrong"' not in html


def test_unknown_user_gets_the_same_message(client, practitioner):
    wrong_password = client.post(SIGN_IN_URL, {"username": "jo.practitioner", "password": "x"})
    unknown_user = client.post(SIGN_IN_URL, {"username": "nobody.here", "password": "x"})
    assert SESSION_KEY not in client.session
    assert "Enter a correct username and password" in unknown_user.content.decode()
    assert wrong_password.context["form"].errors == unknown_user.context["form"].errors


def test_deactivated_account_gets_the_same_message(client, practitioner):
    practitioner.is_active = False
    practitioner.save()
    response = client.post(SIGN_IN_URL, {"username": "jo.practitioner", "password": PASSWORD})
    assert SESSION_KEY not in client.session
    assert response.context["form"].errors == {"__all__": ["Enter a correct username and password"]}


def test_empty_form_asks_for_each_field(client):
    response = client.post(SIGN_IN_URL, {"username": "", "password": ""})
    assert response.status_code == 200
    page = parse(response)
    assert page.summary_links == ["#id_username", "#id_password"]
    html = response.content.decode()
    assert "Enter your username" in html
    assert "Enter your password" in html
    assert 'id="id_username-error"' in html
    assert 'aria-describedby="id_username-error"' in html
    assert "govuk-input--error" in html


def test_good_credentials_sign_in_and_go_to_my_cases(client, practitioner):
    response = client.post(SIGN_IN_URL, {"username": "jo.practitioner", "password": PASSWORD})
    assert settings.LOGIN_REDIRECT_URL == "cases:my_cases"
    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert int(client.session[SESSION_KEY]) == practitioner.pk


def test_sign_in_goes_back_to_the_page_asked_for(client, practitioner):
    response = client.get(SIGN_IN_URL, {"next": "/cases/?page=2"})
    assert 'name="next" value="/cases/?page=2"' in response.content.decode()
    response = client.post(
        SIGN_IN_URL,
        {"username": "jo.practitioner", "password": PASSWORD, "next": "/cases/?page=2"},
    )
    assert response["Location"] == "/cases/?page=2"


def test_sign_in_refuses_to_send_people_to_another_site(client, practitioner):
    response = client.post(
        SIGN_IN_URL,
        {"username": "jo.practitioner", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/cases/"


def test_signed_in_user_visiting_sign_in_goes_on(client, practitioner):
    client.force_login(practitioner)
    response = client.get(SIGN_IN_URL)
    assert response.status_code == 302
    assert response["Location"] == "/cases/"


def test_sign_out_is_a_post(client, practitioner):
    client.force_login(practitioner)
    response = client.get(SIGN_OUT_URL)
    assert response.status_code == 405
    assert SESSION_KEY in client.session

    response = client.post(SIGN_OUT_URL)
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN_URL
    assert SESSION_KEY not in client.session

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "govuk-notification-banner--success" in html
    assert "You have signed out" in html


def test_sign_out_needs_the_csrf_token(practitioner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    response = client.post(SIGN_OUT_URL)
    assert response.status_code == 403
    assert SESSION_KEY in client.session
