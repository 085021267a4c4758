"""Who may manage retention: council administrators only, and never approve their own list."""

from __future__ import annotations

from typing import Any

from safetymap.retention.models import BatchStatus, DestructionBatch


def can_manage_retention(user: Any) -> bool:
    """Rules, legal holds and destruction lists are for council administrators."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_council_administrator", False)
    )


def approval_refusal(user: Any, batch: DestructionBatch) -> str | None:
    """Why this user may not approve this batch, or None if they may."""
    if not can_manage_retention(user):
        return "Only a council administrator can approve destruction."
    if batch.status != BatchStatus.PROPOSED:
        return "This list is not waiting for approval."
    if batch.proposed_by_id is not None and batch.proposed_by_id == user.pk:
        return "You proposed this list, so someone else must approve it."
    return None


def can_approve(user: Any, batch: DestructionBatch) -> bool:
    return approval_refusal(user, batch) is None
