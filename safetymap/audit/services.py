"""The only way audit and access events are written.

Callers run these inside their own transaction, so the event and the change it records
are committed together or not at all.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.core.models import RemovableModel, VersionedModel
from safetymap.core.versioning import lock_for_edit, save_new_version


def _plain(value: Any) -> Any:
    """A JSON-safe copy of a field value."""
    if isinstance(value, models.Model):
        return str(getattr(value, "uuid", value.pk))
    if isinstance(
        value, (datetime.date, datetime.datetime, datetime.time, uuid.UUID, decimal.Decimal)
    ):
        return str(value)
    return value


def field_values(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of a row as plain values, to compare before and after a change."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """{"field": {"old": .., "new": ..}} for every field whose value differs."""
    return {
        name: {"old": before.get(name), "new": after.get(name)}
        for name in after
        if before.get(name) != after.get(name)
    }


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    changes: Mapping[str, Any],
    case_uuid: uuid.UUID | None = None,
    summary: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=target._meta.label_lower,
        object_uuid=target.uuid,  # type: ignore[attr-defined]
        case_uuid=case_uuid,
        summary=summary[:300],
        changes=dict(changes),
    )


def audit_creation(
    *,
    actor: User | None,
    target: models.Model,
    fields: Iterable[str],
    case_uuid: uuid.UUID | None,
    summary: str = "",
) -> AuditEvent:
    new = field_values(target, fields)
    return audit_record(
        actor=actor,
        action="create",
        target=target,
        changes={name: {"old": None, "new": value} for name, value in new.items()},
        case_uuid=case_uuid,
        summary=summary,
    )


def access_record(*, actor: User, case_uuid: uuid.UUID, what: str, basis: str) -> AccessEvent:
    return AccessEvent.objects.create(actor=actor, case_uuid=case_uuid, what=what, basis=basis)


def access_record_many(
    *, actor: User, case_uuids: Iterable[uuid.UUID], what: str, basis: str
) -> None:
    """One access event per child shown in a list, in one query."""
    AccessEvent.objects.bulk_create(
        [
            AccessEvent(actor=actor, case_uuid=case_uuid, what=what, basis=basis)
            for case_uuid in case_uuids
        ]
    )


# --- Audited writes -----------------------------------------------------------------------
# Every domain service writes through these three, so each change is saved together with
# its audit event, and every edit is checked against the version the user saw.

ModelT = TypeVar("ModelT", bound=models.Model)
VersionedT = TypeVar("VersionedT", bound=VersionedModel)
RemovableT = TypeVar("RemovableT", bound=RemovableModel)


@transaction.atomic
def audited_create(
    *,
    actor: User | None,
    model: type[ModelT],
    case_uuid: uuid.UUID | None,
    summary: str,
    fields: Mapping[str, Any],
) -> ModelT:
    instance = model._default_manager.create(**fields)
    audit_creation(
        actor=actor, target=instance, fields=fields, case_uuid=case_uuid, summary=summary
    )
    return instance


@transaction.atomic
def audited_update(
    *,
    actor: User | None,
    instance: VersionedT,
    expected_version: int | None,
    changes: Mapping[str, Any],
    case_uuid: uuid.UUID | None,
    summary: str,
) -> VersionedT:
    """Apply `changes` if the row is still at `expected_version`; record old and new values.

    Saving a form with nothing changed writes nothing and keeps the version.
    """
    fresh = lock_for_edit(instance, expected_version=expected_version)
    before = field_values(fresh, changes)
    for name, value in changes.items():
        setattr(fresh, name, value)
    diff = changed_fields(before, field_values(fresh, changes))
    if diff:
        save_new_version(fresh)
        audit_record(
            actor=actor,
            action="update",
            target=fresh,
            changes=diff,
            case_uuid=case_uuid,
            summary=summary,
        )
    return fresh


@transaction.atomic
def audited_remove(
    *,
    actor: User | None,
    instance: RemovableT,
    expected_version: int | None,
    case_uuid: uuid.UUID | None,
    summary: str,
) -> RemovableT:
    """Hide a row from the record (it is kept, and can be read in the audit trail)."""
    fresh = lock_for_edit(instance, expected_version=expected_version)
    if fresh.removed_at is None:
        fresh.removed_at = timezone.now()
        save_new_version(fresh)
        audit_record(
            actor=actor,
            action="remove",
            target=fresh,
            changes={"removed_at": {"old": None, "new": str(fresh.removed_at)}},
            case_uuid=case_uuid,
            summary=summary,
        )
    return fresh
