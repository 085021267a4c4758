"""Signed-in sessions: idle time-out and the second step of signing in.

In MIDDLEWARE after AuthenticationMiddleware, MessageMiddleware and
django_otp.middleware.OTPMiddleware, in this order:

    safetymap.accounts.middleware.IdleSessionMiddleware
    safetymap.accounts.middleware.TwoFactorMiddleware
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect, JsonResponse
from django.urls import NoReverseMatch, reverse

from safetymap.accounts import sessions, twofactor

API_PREFIX = "/api/"
TWO_FACTOR_NEEDED = (
    "Finish signing in first: enter the code from your authenticator app in the browser."
)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _url(name: str) -> str | None:
    """The path of a named URL, or None where the URLconf lacks it (some tests' URLconfs)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _wants_json(request: HttpRequest) -> bool:
    return _is_api(request) or request.path == _url("accounts:session")


class IdleSessionMiddleware:
    """Signs out a session that has had no request for SAFETYMAP_SESSION_IDLE_MINUTES and
    sends the person to sign in, with a message saying why and the page to come back to.

    Every request from a signed-in person counts as activity, except asking how long the
    session has left (GET accounts:session). For the page template it sets
    `request.session_timeout`, which govuk/includes/session_timeout.html turns into the
    warning dialog.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user: Any = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if sessions.is_idle_expired(request):
                return self.sign_out(request)
            status_url = _url("accounts:session")
            if not (request.path == status_url and request.method in ("GET", "HEAD")):
                sessions.record_activity(request)
            if status_url:
                request.session_timeout = {  # type: ignore[attr-defined]
                    "idle_seconds": sessions.idle_timeout_seconds(),
                    "warning_seconds": sessions.warning_seconds(),
                    "seconds_left": sessions.seconds_left(request),
                    "status_url": status_url,
                    "sign_in_url": _url("accounts:login"),
                    "sign_out_url": _url("accounts:logout"),
                    "owner": str(user.uuid),
                }
        return self.get_response(request)

    def sign_out(self, request: HttpRequest) -> HttpResponseBase:
        next_url = request.get_full_path()
        if request.path == _url("accounts:login"):
            next_url = request.GET.get("next", "")
        logout(request)
        # The session is gone; the message travels in its own cookie.
        messages.info(request, sessions.INACTIVE_MESSAGE)
        if _wants_json(request):
            return JsonResponse({"detail": sessions.INACTIVE_MESSAGE}, status=401)
        if request.method not in ("GET", "HEAD"):
            # Come back to the page the form was on, not to the address it posted to.
            next_url = request.path
        query = f"?{urlencode({'next': next_url})}" if next_url else ""
        return HttpResponseRedirect(f"{_url('accounts:login') or '/'}{query}")


class TwoFactorMiddleware:
    """Until a signed-in person has entered a code from their authenticator app (or a
    recovery code), every page sends them to the two-factor step, and the API answers 401.

    Open without it: signing in and out, the two-factor pages, the session status, single
    sign-on and static files. Off when SAFETYMAP_REQUIRE_TWO_FACTOR is False.
    """

    EXEMPT_NAMES = (
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor",
        "accounts:two_factor_set_up",
        "accounts:session",
        "accounts:oidc_start",
        "accounts:oidc_callback",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def is_exempt(self, request: HttpRequest) -> bool:
        path = request.path
        static = settings.STATIC_URL or "/static/"
        if not static.startswith("/"):
            static = "/" + static
        if path.startswith(static) or path == "/favicon.ico":
            return True
        return any(path == _url(name) for name in self.EXEMPT_NAMES)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if twofactor.needs_two_factor(request) and not self.is_exempt(request):
            if _is_api(request):
                return JsonResponse({"detail": TWO_FACTOR_NEEDED}, status=401)
            next_url = request.get_full_path() if request.method in ("GET", "HEAD") else "/"
            query = urlencode({"next": next_url})
            return HttpResponseRedirect(f"{_url('accounts:two_factor')}?{query}")
        return self.get_response(request)
