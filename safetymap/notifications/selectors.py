"""Reads of notifications: always one user's own."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.notifications.models import Notification


def notifications_for(user: User) -> QuerySet[Notification]:
    """The user's notifications that are due to show, newest first (withdrawn ones left out)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(
        recipient=user, withdrawn_at__isnull=True, show_from__lte=timezone.now()
    ).order_by("-show_from", "-id")


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread: one query."""
    return notifications_for(user).filter(read_at__isnull=True).count()


def get_notification(user: User, notification_uuid: uuid.UUID) -> Notification:
    """One of the user's own notifications, or 404 (someone else's is 404 too)."""
    notification = notifications_for(user).filter(uuid=notification_uuid).first()
    if notification is None:
        raise Http404("No such notification")
    return notification
