"""`manage.py flush`, which also empties the audit tables.

Django's flush empties every table: it is a development and test tool (`make demo`, and the
test runner between browser tests). The database triggers of migration audit/0002 refuse to
delete audit rows, so this wraps Django's own command in the same permission the retention
process uses, for this one transaction only.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as DjangoFlushCommand
from django.db import DEFAULT_DB_ALIAS, transaction

from safetymap.audit.append_only import audit_deletion_allowed


class Command(DjangoFlushCommand):
    help = DjangoFlushCommand.help + " Audit and access events are emptied too."

    def handle(self, **options: Any) -> None:
        database = options.get("database") or DEFAULT_DB_ALIAS
        with (
            transaction.atomic(using=database),
            audit_deletion_allowed(reason="manage.py flush", using=database),
        ):
            super().handle(**options)
