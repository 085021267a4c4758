"""List what the retention schedule says is due for destruction; optionally propose it.

    python manage.py retention_review             # dry run (the default): changes nothing
    python manage.py retention_review --propose   # also makes a destruction list to approve

Nothing is ever destroyed by this command. A council administrator approves the list on
the Retention pages, then `retention_destroy --batch <id>` destroys it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safetymap.govuk.formatting import govuk_date
from safetymap.retention import selectors, services


class Command(BaseCommand):
    help = "List the records due for destruction (dry run), or propose them with --propose."

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what is due and what would be proposed; change nothing (the default).",
        )
        mode.add_argument(
            "--propose",
            action="store_true",
            help="Make a destruction list of what is due, for a council administrator to approve.",
        )

    def handle(self, *args: Any, propose: bool = False, **options: Any) -> None:
        review = selectors.review()
        out = self.stdout
        out.write(f"Records due for destruction on {govuk_date(review.today)}:")
        if not review.due:
            out.write("  No cases are due.")
        for a in review.due:
            assert a.rule is not None and a.due_on is not None
            listed = review.in_open_batch.get(a.case.pk)
            note = f" [already on list {listed.uuid}]" if listed else ""
            out.write(
                f"  {a.case.reference}  {a.case.child.full_name}  "
                f"{a.rule.get_record_type_display()}  due {govuk_date(a.due_on)}  "
                f"{a.why}{note}"
            )
        events = review.events
        if events.total and events.before:
            out.write(
                f"Audit and access events due (before {govuk_date(events.before)}, about "
                f"records that no longer exist): {events.access_events} access, "
                f"{events.audit_events} audit."
            )
        if review.held:
            out.write(f"Due but kept on legal hold: {len(review.held)}")
            for a in review.held:
                out.write(f"  {a.case.reference}")
        if review.unknown:
            out.write(f"Closed cases the schedule cannot work out: {len(review.unknown)}")
            for a in review.unknown:
                out.write(f"  {a.case.reference}  {a.why}")
        if not propose:
            count = len(review.to_propose)
            out.write(
                f"Dry run: nothing changed. With --propose, {count} case{'s' if count != 1 else ''}"
                + (" and the events due" if events.total else "")
                + " would be put on a destruction list for approval."
            )
            return
        batch = services.batch_propose(actor=None, today=review.today)
        if batch is None:
            out.write("Nothing new to propose: no list made.")
            return
        out.write(
            self.style.SUCCESS(
                f"Destruction list {batch.uuid} made with {batch.items.count()} case(s). "
                "A council administrator must approve it on the Retention pages before "
                f"`retention_destroy --batch {batch.uuid}` will destroy anything."
            )
        )
