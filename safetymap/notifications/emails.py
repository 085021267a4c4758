"""Notifications by email, where the council switches it on (SAFETYMAP_NOTIFICATION_EMAILS).

An email leaves the system, so it says only that there is a reminder, of what kind, and
where to read it: never a child's name or what the notification says. Each notification
is emailed once, when it becomes due (`show_from`); `emailed_at` records that it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from safetymap.audit.services import audit_record
from safetymap.notifications.models import Notification


def emails_enabled() -> bool:
    return bool(getattr(settings, "SAFETYMAP_NOTIFICATION_EMAILS", False))


def email_text(notification: Notification) -> tuple[str, str]:
    """The subject and body: the kind of notification and a link, nothing from the record."""
    service = settings.SAFETYMAP_SERVICE_NAME
    link = f"{settings.SAFETYMAP_SITE_URL}{reverse('notifications:list')}"
    kind = notification.get_kind_display()
    subject = f"{service}: {kind}"
    body = (
        f"You have a reminder in {service}: {link}\n\n"
        f"What kind: {kind}.\n\n"
        "Sign in to read it. This email does not say more, to keep children's records safe.\n"
    )
    return subject, body


def _due(now: datetime.datetime) -> QuerySet[Notification]:
    return Notification.objects.filter(
        emailed_at__isnull=True,
        withdrawn_at__isnull=True,
        read_at__isnull=True,
        show_from__lte=now,
    ).exclude(recipient__email="")


def _email_one(pk: int, now: datetime.datetime) -> bool:
    """Email one notification in its own transaction, so one failure does not undo the
    record of those already sent. A row another process is emailing is skipped."""
    with transaction.atomic():
        notification = (
            _due(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=pk)
            .first()
        )
        if notification is None:
            return False
        subject, body = email_text(notification)
        send_mail(subject, body, None, [notification.recipient.email])
        notification.emailed_at = now
        notification.save(update_fields=["emailed_at", "updated_at"])
        audit_record(
            actor=None,
            action="update",
            target=notification,
            changes={"emailed_at": {"old": None, "new": str(now)}},
            summary=f"Notification emailed to {notification.recipient.display_name}",
        )
    return True


def notification_emails_send(*, ids: Collection[int] | None = None) -> int:
    """Email every due notification not emailed yet (or only those in `ids`), once each."""
    if not emails_enabled():
        return 0
    now = timezone.now()
    due = _due(now)
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    pks = list(due.order_by("show_from", "id").values_list("pk", flat=True))
    return sum(_email_one(pk, now) for pk in pks)
