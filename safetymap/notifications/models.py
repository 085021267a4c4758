"""Messages to one user inside SafetyMap: someone used emergency access to a child in your
team, a restricted record is due for review, a record was shared with you.

Other apps send them through `services.notification_send`; the header shows how many are
unread (`{% include "notifications/nav_item.html" %}`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from safetymap.core.models import PublicModel


class Kind(models.TextChoices):
    BREAK_GLASS = "break_glass", "Emergency access used"
    BREAK_GLASS_REVIEWED = "break_glass_reviewed", "Emergency access reviewed"
    RESTRICTION_REVIEW = "restriction_review", "Restricted record due for review"
    SHARED = "shared", "Record shared with you"
    SHARE_ENDED = "share_ended", "Sharing ended"
    NEXT_STEP_DUE = "next_step_due", "Next step due"
    MEETING_DUE = "meeting_due", "Meeting due"


class Notification(PublicModel):
    """One message to one user. `show_from` lets a sender schedule a reminder (it is not
    shown, or counted, before then); `key` lets a sender avoid sending the same reminder
    twice and withdraw it when it no longer applies."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    text = models.CharField(max_length=500)
    link = models.CharField(max_length=300, blank=True)  # a path on this site
    key = models.CharField(max_length=120, blank=True)
    show_from = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # When it was emailed (SAFETYMAP_NOTIFICATION_EMAILS): each notification is emailed once.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-show_from", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "show_from"]),
            models.Index(fields=["key"]),
            models.Index(fields=["emailed_at", "show_from"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
