"""Middleware every request goes through (listed in config/settings/base.py MIDDLEWARE)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreForSignedInMiddleware:
    """Pages shown to a signed-in person hold children's records: no browser, proxy or shared
    computer may keep a copy. Every response to an authenticated user gets
    `Cache-Control: no-store`, plus `Pragma: no-cache` and `Expires: 0` for old HTTP/1.0
    caches that ignore Cache-Control.

    "Authenticated" is checked before the view runs as well as after, so the answer to
    signing in and to signing out (where the user changes during the request) is covered too.

    Place it after AuthenticationMiddleware. Static files are answered earlier by WhiteNoise
    and keep their long-lived caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        signed_in_before = _signed_in(request)
        response = self.get_response(request)
        if signed_in_before or _signed_in(request):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
            response["Expires"] = "0"
        return response
