"""The only way audit and access events are written.

Callers run these inside their own transaction, so the event and the change it records
are committed together or not at all.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from safetymap.accounts.models import User
from safetymap.audit.models import AccessEvent, AuditEvent


def _plain(value: Any) -> Any:
    """A JSON-safe copy of a field value."""
    if isinstance(value, models.Model):
        return str(getattr(value, "uuid", value.pk))
    if isinstance(value, (datetime.date, datetime.datetime, uuid.UUID, decimal.Decimal)):
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
        object_uuid=getattr(target, "uuid"),
        case_uuid=case_uuid,
        summary=summary[:300],
        changes={key: _plain(value) if not isinstance(value, dict) else value for key, value in changes.items()},
    )


def audit_creation(
    *, actor: User | None, target: models.Model, fields: Iterable[str], case_uuid: uuid.UUID | None, summary: str = ""
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
        [AccessEvent(actor=actor, case_uuid=case_uuid, what=what, basis=basis) for case_uuid in case_uuids]
    )
