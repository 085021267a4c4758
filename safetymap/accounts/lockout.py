"""Lock-out after failed sign-ins: django-axes, with two separate limits.

django-axes compares one failure count with one limit. SafetyMap needs two:

- per account: AXES_FAILURE_LIMIT (10) failures for a username within AXES_COOLOFF_TIME
  (30 minutes), from any address, lock that username;
- per address: SAFETYMAP_SIGNIN_ADDRESS_FAILURE_LIMIT (50) failures from one IP address
  within the same time, whatever usernames were tried, lock that address.

`SignInAttemptHandler.get_failures` counts both from axes' AccessAttempt table (so the
count is shared by every process, in the database) and reports the account's count, or
the account limit itself once the address is over its own limit.

A locked-out sign-in gets the ordinary sign-in page with "Enter a correct username and
password" (`lockout_response` returns the page the view rendered), so nobody can tell a
locked account from a wrong password or an unknown username.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse

LOCKED_OUT_MESSAGE = "Enter a correct username and password"


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class SignInAttemptHandler(AxesDatabaseHandler):
    """django-axes' database handler with a per-account and a separate per-address limit."""

    def account_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            # Single sign-on callbacks carry no username: only the address limit applies.
            return 0
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        return _failures(recent.filter(username=username))

    def address_failures(self, request: Any) -> int:
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return 0
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        return _failures(recent.filter(ip_address=address))

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        account = self.account_failures(request, credentials)
        if self.address_failures(request) >= settings.SAFETYMAP_SIGNIN_ADDRESS_FAILURE_LIMIT:
            return max(account, int(get_failure_limit(request, credentials)))
        return account

    def reset_user_attempts(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """After a right password, forget that username's failures, but not the address's
        failures for other usernames (signing in to one's own account must not reset the
        address limit)."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return int(count)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: answer a locked-out sign-in exactly as a wrong password is
    answered. The view has already rendered its page with the form error; keep it.

    When axes refused the attempt before any password was checked, hash the password typed
    anyway, so a locked account does not answer measurably faster than a wrong password.
    """
    if getattr(request, "axes_failures_since_start", None) is None:
        make_password(request.POST.get("password") or "")
    if original_response is not None:
        return original_response
    return HttpResponse(LOCKED_OUT_MESSAGE, status=200, content_type="text/plain")


def client_ip_address(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address a request came from.

    With SAFETYMAP_TRUSTED_PROXY_COUNT = 0 that is the connection's address. Behind N
    proxies that each append to X-Forwarded-For, it is the Nth address from the right (the
    one the first trusted proxy saw); anything further left was written by the client.
    """
    proxies = int(getattr(settings, "SAFETYMAP_TRUSTED_PROXY_COUNT", 0))
    remote = request.META.get("REMOTE_ADDR") or None
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return remote
