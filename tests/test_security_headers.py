"""Response headers every page carries: the Content Security Policy, framing, sniffing and
referrer rules, no-store for signed-in people, and cookie flags."""

from __future__ import annotations

import pytest
from django.http import HttpResponse, HttpResponseBase
from django.test import RequestFactory, override_settings
from django.urls import reverse

from safetymap.core.middleware import NoStoreForSignedInMiddleware
from tests.factories import PASSWORD, AllocationFactory, CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def parse_csp(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


@pytest.fixture
def signed_in(client):
    case = CaseFactory()
    worker = UserFactory(team=case.team)
    AllocationFactory(case=case, worker=worker)
    client.force_login(worker)
    return client, case


def test_pages_carry_the_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_signed_in_case_pages_carry_the_policy_too(signed_in):
    client, case = signed_in
    for url in (
        reverse("cases:my_cases"),
        reverse("cases:case", kwargs={"case_uuid": case.uuid}),
        reverse("mapping:map", kwargs={"case_uuid": case.uuid}),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP, url


def test_error_pages_carry_the_policy(signed_in):
    client, _ = signed_in
    response = client.get("/cases/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP


def test_framing_sniffing_and_referrer_headers(client):
    response = client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


# --- No copies of signed-in pages in any cache ---------------------------------------------


def test_signed_in_pages_are_no_store(signed_in):
    client, case = signed_in
    for url in (
        reverse("cases:my_cases"),
        reverse("cases:case", kwargs={"case_uuid": case.uuid}),
        reverse("mapping:map", kwargs={"case_uuid": case.uuid}),
        "/cases/00000000-0000-0000-0000-000000000000/",  # a 404 for a signed-in person too
    ):
        response = client.get(url)
        assert response["Cache-Control"] == "no-store", url
        assert response["Pragma"] == "no-cache", url
        assert response["Expires"] == "0", url


def test_signing_out_answer_is_no_store(signed_in):
    client, _ = signed_in
    response = client.post(reverse("accounts:logout"))
    assert response.status_code in (200, 302)
    assert response["Cache-Control"] == "no-store"


def _middleware_response(user) -> HttpResponseBase:
    request = RequestFactory().get("/anything/")
    request.user = user
    response = HttpResponse("page")
    response["Cache-Control"] = "max-age=600"
    return NoStoreForSignedInMiddleware(lambda _request: response)(request)


def test_middleware_leaves_pages_for_people_not_signed_in_alone():
    from django.contrib.auth.models import AnonymousUser

    response = _middleware_response(AnonymousUser())
    assert response["Cache-Control"] == "max-age=600"
    assert "Pragma" not in response


def test_middleware_overrides_any_caching_for_a_signed_in_user():
    response = _middleware_response(UserFactory())
    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"


def test_middleware_covers_the_request_where_the_user_signs_out():
    """The user is signed in when the request arrives and anonymous by the time it ends."""
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().post("/accounts/sign-out/")
    request.user = UserFactory()

    def sign_out(req):
        req.user = AnonymousUser()
        return HttpResponse("signed out")

    response = NoStoreForSignedInMiddleware(sign_out)(request)
    assert response["Cache-Control"] == "no-store"


def test_middleware_is_installed_after_authentication(settings):
    middleware = list(settings.MIDDLEWARE)
    ours = middleware.index("safetymap.core.middleware.NoStoreForSignedInMiddleware")
    assert ours > middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert "csp.middleware.CSPMiddleware" in middleware


# --- Cookies -------------------------------------------------------------------------------


def _set_cookie_lines(response) -> dict[str, str]:
    return {name: morsel.OutputString() for name, morsel in response.cookies.items()}


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookies_are_secure_and_http_only_with_production_flags(client):
    """Production sets SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE (tests/test_deploy_check.py
    reads them from config.settings.production); with them, the cookies say so."""
    user = UserFactory()
    client.get(reverse("accounts:login"))  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].OutputString()
    assert "Secure" in csrf
    assert "SameSite=Lax" in csrf
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, "signing in through the form failed"
    session = response.cookies["sessionid"].OutputString()
    assert "Secure" in session
    assert "HttpOnly" in session
    assert "SameSite=Lax" in session
