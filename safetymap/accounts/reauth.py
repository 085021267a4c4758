"""Re-authentication for sensitive actions: "Confirm it's you".

Break-glass, exports and changing restrictions ask the person to enter their password (and
a current code from their authenticator app, if they have one) again, even though they are
signed in. A confirmation lasts SAFETYMAP_REAUTH_MAX_AGE_SECONDS (10 minutes) unless the
caller asks for less.

In a view:

    from safetymap.accounts.reauth import recent_auth_required

    @recent_auth_required()                 # or recent_auth_required(max_age=120)
    def export_case(request, case_uuid): ...

Someone who has not confirmed recently is sent to "Confirm it's you" and then back to the
page they asked for (a GET of the same address; decorate the form page as well as the view
that takes the POST, so they confirm before they fill the form in).

Anywhere else with the request (a service's caller, an API operation):

    from safetymap.accounts.reauth import has_recent_auth, require_recent_auth

    if not has_recent_auth(request): ...      # True/False
    require_recent_auth(request)              # raises ReauthenticationRequired (a 403)
    when = recent_auth_time(request)          # datetime or None, e.g. for an audit event
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts import sessions

REAUTH_SESSION_KEY = "safetymap_reauthenticated_at"

ViewT = TypeVar("ViewT", bound=Callable[..., HttpResponseBase])


class ReauthenticationRequired(PermissionDenied):
    """The person must confirm it's them (password and code) before doing this."""


def default_max_age() -> int:
    return int(settings.SAFETYMAP_REAUTH_MAX_AGE_SECONDS)


def mark_recent_auth(request: HttpRequest) -> None:
    """Record that the person has just confirmed it's them."""
    request.session[REAUTH_SESSION_KEY] = sessions.now()


def clear_recent_auth(request: HttpRequest) -> None:
    request.session.pop(REAUTH_SESSION_KEY, None)


def recent_auth_time(request: HttpRequest) -> datetime.datetime | None:
    """When the person last confirmed it's them in this session, or None."""
    value = request.session.get(REAUTH_SESSION_KEY)
    if not isinstance(value, (int, float)):
        return None
    return datetime.datetime.fromtimestamp(float(value), tz=datetime.UTC).astimezone(
        timezone.get_current_timezone()
    )


def has_recent_auth(request: HttpRequest, max_age: int | None = None) -> bool:
    """True if the signed-in person confirmed it's them within `max_age` seconds."""
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    value = request.session.get(REAUTH_SESSION_KEY)
    if not isinstance(value, (int, float)):
        return False
    age = sessions.now() - float(value)
    return 0 <= age <= (default_max_age() if max_age is None else max_age)


def require_recent_auth(request: HttpRequest, max_age: int | None = None) -> None:
    if not has_recent_auth(request, max_age):
        raise ReauthenticationRequired("Confirm it's you before doing this.")


def reauth_url(next_url: str) -> str:
    return f"{reverse('accounts:reauth')}?{urlencode({'next': next_url})}"


def recent_auth_required(max_age: int | None = None) -> Callable[[ViewT], ViewT]:
    """Decorate a view: without a recent confirmation, send the person to "Confirm it's you"
    and back to this page. Use it as `@recent_auth_required()` or with max_age (seconds)."""

    def decorator(view: ViewT) -> ViewT:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not has_recent_auth(request, max_age):
                return HttpResponseRedirect(reauth_url(request.get_full_path()))
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
