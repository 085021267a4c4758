"""The Notifications page: a user's own messages, newest first, with mark-as-read."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from safetymap.accounts.models import User
from safetymap.notifications import selectors, services

PER_PAGE = 25


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    page = Paginator(selectors.notifications_for(user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page, "notifications": page.object_list},
    )


def _safe_link(request: HttpRequest, link: str) -> str:
    if link and url_has_allowed_host_and_scheme(
        link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return link
    return reverse("notifications:list")


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_uuid: uuid.UUID) -> HttpResponse:
    """Mark the notification read and go to what it is about."""
    user: User = request.user  # type: ignore[assignment]
    notification = selectors.get_notification(user, notification_uuid)
    services.notification_mark_read(actor=user, notification=notification)
    return redirect(_safe_link(request, notification.link))


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_uuid: uuid.UUID) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    notification = selectors.get_notification(user, notification_uuid)
    services.notification_mark_read(actor=user, notification=notification)
    messages.success(request, "Notification marked as read.")
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    count = services.notification_mark_all_read(actor=user)
    if count:
        messages.success(
            request, f"{count} notification{'s' if count != 1 else ''} marked as read."
        )
    return redirect("notifications:list")
