"""Switching the database's audit guard off for one transaction (the retention process only).

Migration audit/0002 makes the database refuse UPDATE and DELETE (and TRUNCATE on
PostgreSQL) on audit_auditevent and audit_accessevent. Deleting expired audit rows is
allowed only inside this context manager, inside a transaction:

    with transaction.atomic():
        with audit_deletion_allowed(reason="retention"):
            AuditEvent.objects.filter(...)._raw_delete(...)   # or a raw DELETE
        # a destruction record written here, in the same transaction

On PostgreSQL it runs `SET LOCAL safetymap.retention = 'on'` (gone at the end of the
transaction whatever happens); on SQLite it puts a row in audit_append_only_unlock and takes
it out again before the transaction ends. UPDATE stays refused either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_UNLOCK_TABLE = "audit_append_only_unlock"


class NotInTransactionError(RuntimeError):
    """audit_deletion_allowed() was used outside transaction.atomic()."""


@contextmanager
def audit_deletion_allowed(*, reason: str, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    connection = connections[using]
    if not connection.in_atomic_block:
        raise NotInTransactionError(
            "Audit rows may only be deleted inside transaction.atomic(), so the permission "
            "ends with the transaction."
        )
    vendor = connection.vendor
    if vendor == "sqlite" and SQLITE_UNLOCK_TABLE not in connection.introspection.table_names():
        # Built without migrations (`pytest --no-migrations`): no triggers to switch off.
        vendor = "none"
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET LOCAL safetymap.retention = 'on'")
        elif vendor == "sqlite":
            cursor.execute(
                f"INSERT INTO {SQLITE_UNLOCK_TABLE} (reason) VALUES (%s)", [reason[:100]]
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute("SET LOCAL safetymap.retention = 'off'")
            elif vendor == "sqlite":
                cursor.execute(f"DELETE FROM {SQLITE_UNLOCK_TABLE}")
