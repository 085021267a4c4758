"""The record left when the retention process destroys something other than a case."""

from __future__ import annotations

from typing import Any

from safetymap.accounts.models import User
from safetymap.audit.services import audit_creation
from safetymap.retention.models import DestructionBatch, DestructionRecord, RetentionRule


def record_destruction(
    *,
    batch: DestructionBatch,
    rule: RetentionRule,
    rule_applied: str,
    counts: dict[str, Any],
    actor: User | None,
    summary: str,
) -> DestructionRecord:
    """What went, under which rule and on whose approval, with its audit event."""
    assert batch.approved_by is not None
    record = DestructionRecord.objects.create(
        record_type=rule.record_type,
        rule=rule,
        rule_applied=rule_applied,
        rule_version=rule.version,
        counts=counts,
        batch=batch,
        approved_by=batch.approved_by,
        approver_name=batch.approver_name,
        destroyed_by=actor,
    )
    audit_creation(
        actor=actor,
        target=record,
        fields=["record_type", "rule_applied", "counts", "batch"],
        case_uuid=None,
        summary=summary,
    )
    return record
