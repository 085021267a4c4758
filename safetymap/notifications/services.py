"""Every write to notifications. Each records an audit event in the same transaction."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.services import audit_creation, audit_record
from safetymap.notifications.emails import emails_enabled, notification_emails_send
from safetymap.notifications.models import Kind, Notification

NOTIFICATION_FIELDS = ("recipient", "kind", "text", "link", "key", "show_from")


@transaction.atomic
def notification_send(
    *,
    actor: User | None,
    recipients: Iterable[User],
    kind: str,
    text: str,
    link: str = "",
    key: str = "",
    show_from: datetime.datetime | None = None,
    case_uuid: uuid.UUID | None = None,
) -> list[Notification]:
    """Send one message to each active recipient (each person once).

    With a `key`, someone who already has a notification with that key (not withdrawn) is
    not sent another: reminders can be sent again safely.
    """
    show_from = show_from or timezone.now()
    people = {user.pk: user for user in recipients if user.is_active}
    if key:
        already = set(
            Notification.objects.filter(
                key=key, recipient__in=people, withdrawn_at__isnull=True
            ).values_list("recipient_id", flat=True)
        )
        people = {pk: user for pk, user in people.items() if pk not in already}
    sent = []
    for user in people.values():
        notification = Notification.objects.create(
            recipient=user,
            kind=Kind(kind),
            text=text[:500],
            link=link,
            key=key,
            show_from=show_from,
        )
        audit_creation(
            actor=actor,
            target=notification,
            fields=NOTIFICATION_FIELDS,
            case_uuid=case_uuid,
            summary=f"Notification sent to {user.display_name}: {Kind(kind).label}",
        )
        sent.append(notification)
    if sent and emails_enabled() and show_from <= timezone.now():
        # Due now: email once the notification is saved (later ones wait for the
        # send_due_notification_emails job).
        ids = [notification.pk for notification in sent]
        transaction.on_commit(lambda: notification_emails_send(ids=ids))
    return sent


@transaction.atomic
def notification_withdraw(
    *, actor: User | None, key: str, case_uuid: uuid.UUID | None = None
) -> int:
    """Withdraw the unread notifications with this key: what they said no longer applies
    (for example a review reminder after the review was done). Read ones stay as they are."""
    now = timezone.now()
    withdrawn = 0
    for notification in Notification.objects.select_for_update().filter(
        key=key, read_at__isnull=True, withdrawn_at__isnull=True
    ):
        notification.withdrawn_at = now
        notification.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(
            actor=actor,
            action="update",
            target=notification,
            changes={"withdrawn_at": {"old": None, "new": str(now)}},
            case_uuid=case_uuid,
            summary="Notification withdrawn",
        )
        withdrawn += 1
    return withdrawn


def _mark_read(actor: User, notification: Notification, now: datetime.datetime) -> None:
    notification.read_at = now
    notification.save(update_fields=["read_at", "updated_at"])
    audit_record(
        actor=actor,
        action="update",
        target=notification,
        changes={"read_at": {"old": None, "new": str(now)}},
        summary="Notification read",
    )


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications as read (again is harmless)."""
    if notification.recipient_id != actor.pk:
        raise PermissionDenied("This notification is for someone else.")
    fresh = Notification.objects.select_for_update().get(pk=notification.pk)
    if fresh.read_at is None:
        _mark_read(actor, fresh, timezone.now())
    return fresh


@transaction.atomic
def notification_mark_all_read(*, actor: User) -> int:
    """Mark every notification the actor can see now as read."""
    now = timezone.now()
    unread = list(
        Notification.objects.select_for_update().filter(
            recipient=actor, read_at__isnull=True, withdrawn_at__isnull=True, show_from__lte=now
        )
    )
    for notification in unread:
        _mark_read(actor, notification, now)
    return len(unread)
