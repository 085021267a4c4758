"""Destroy an approved destruction list.

    python manage.py retention_destroy --batch <list id>

Refuses a list that has not been approved by a council administrator. Each case on the list
is checked again first and kept if it has been reopened, put on legal hold, or is no longer
due; each case is destroyed in its own transaction and leaves a destruction record. Safe to
run again if it stops part-way.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetymap.retention import services
from safetymap.retention.models import DestructionBatch


class Command(BaseCommand):
    help = "Destroy the records on an approved destruction list."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", required=True, help="The destruction list's id (a UUID).")

    def handle(self, *args: Any, batch: str, **options: Any) -> None:
        try:
            batch_uuid = uuid.UUID(batch)
        except ValueError as error:
            raise CommandError(f"{batch!r} is not a destruction list id.") from error
        found = DestructionBatch.objects.filter(uuid=batch_uuid).first()
        if found is None:
            raise CommandError(f"There is no destruction list {batch_uuid}.")
        try:
            outcome = services.batch_destroy(
                batch=found, actor=None, progress=lambda line: self.stdout.write(f"  {line}")
            )
        except services.NotApprovedError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(outcome.destroyed)} case(s) destroyed, {len(outcome.skipped)} kept."
                + (
                    f" {outcome.events_record.total_rows} audit and access events destroyed."
                    if outcome.events_record
                    else ""
                )
            )
        )
