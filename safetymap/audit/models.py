"""Append-only records of every change and every view of a child's record.

The application never updates or deletes these rows: `save` refuses an update and
`delete` is refused outright. Only the retention process (a later issue) may remove them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit row."""


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted.")


class AuditEvent(AppendOnlyModel):
    """One change: who made it, when, to what, and the old and new values."""

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_uuid = models.UUIDField(db_index=True)
    case_uuid = models.UUIDField(null=True, blank=True, db_index=True)
    summary = models.CharField(max_length=300, blank=True)
    # {"field": {"old": ..., "new": ...}} for changes; the full new values for creations.
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_uuid}"


class AccessEvent(AppendOnlyModel):
    """One view of a child's record (a page, a list row, an API read)."""

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case_uuid = models.UUIDField(db_index=True)
    what = models.CharField(max_length=120)
    basis = models.CharField(max_length=40)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case_uuid", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.actor_id} viewed {self.what} of {self.case_uuid}"
