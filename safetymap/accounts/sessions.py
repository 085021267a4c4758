"""Idle sessions: when a signed-in session was last used, and how long it may sit idle.

The time of the last request is kept in the session (so it works across any number of
processes). IdleSessionMiddleware signs a session out once it has been idle for longer than
SAFETYMAP_SESSION_IDLE_MINUTES; the page's warning dialog (frontend/js/session-timeout.js)
asks SAFETYMAP_SESSION_WARNING_SECONDS before that whether to stay signed in.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

LAST_ACTIVITY_SESSION_KEY = "safetymap_last_activity"
INACTIVE_MESSAGE = "You were signed out because you were inactive"


def now() -> float:
    """The time, in seconds since the epoch (tests replace this to move time on)."""
    return time.time()


def idle_timeout_seconds() -> int:
    seconds = getattr(settings, "SAFETYMAP_SESSION_IDLE_SECONDS", None)
    if seconds:
        return int(seconds)
    return int(settings.SAFETYMAP_SESSION_IDLE_MINUTES) * 60


def warning_seconds() -> int:
    """How long before the end the warning shows (never more than half the idle time)."""
    return min(int(settings.SAFETYMAP_SESSION_WARNING_SECONDS), idle_timeout_seconds() // 2)


def write_interval_seconds() -> float:
    """Activity is written to the session at most this often, so an ordinary page view
    does not save the session every time (at most a minute: the warning asks the server)."""
    return float(min(60, idle_timeout_seconds() / 10))


def last_activity(request: HttpRequest) -> float | None:
    value = request.session.get(LAST_ACTIVITY_SESSION_KEY)
    return float(value) if isinstance(value, (int, float)) else None


def seconds_left(request: HttpRequest) -> int:
    """How long this session has before it is signed out for being idle."""
    last = last_activity(request)
    if last is None:
        return idle_timeout_seconds()
    return max(0, int(idle_timeout_seconds() - (now() - last)))


def record_activity(request: HttpRequest, *, force: bool = False) -> None:
    last = last_activity(request)
    moment = now()
    if force or last is None or moment - last >= write_interval_seconds():
        request.session[LAST_ACTIVITY_SESSION_KEY] = moment


def is_idle_expired(request: HttpRequest) -> bool:
    last = last_activity(request)
    return last is not None and now() - last > idle_timeout_seconds()


@receiver(user_logged_in, dispatch_uid="safetymap.accounts.sessions.start_clock")
def start_clock(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Signing in counts as activity (this is also how `client.force_login` sessions start
    with a clock, so the first request after it does not have to save the session)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LAST_ACTIVITY_SESSION_KEY] = now()
