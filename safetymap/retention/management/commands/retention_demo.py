"""Add three long-closed cases to the demo council, to try retention with (demo only).

    python manage.py retention_demo

Two are due for destruction; one is due but on legal hold. See safetymap/retention/demo.py.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safetymap.accounts.models import User
from safetymap.cases.models import Case
from safetymap.retention.demo import add_retention_stories

DEMO_WORKER = "practitioner"


class Command(BaseCommand):
    help = "Add three long-closed cases to the demo council (two due, one on legal hold)."

    def handle(self, *args: Any, **options: Any) -> None:
        worker = User.objects.filter(username=DEMO_WORKER, is_demo=True).first()
        if worker is None or worker.team is None:
            raise CommandError(
                "This is not a demo database (no demo practitioner). Run `seed_demo` first."
            )
        if Case.objects.filter(child__last_name="Whitlock", closed_on__year=1987).exists():
            self.stdout.write("The retention demo cases are already there.")
            return
        made = add_retention_stories(team=worker.team, worker=worker)
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {', '.join(case.reference for case in made)}. Sign in as `admin` and "
                "open /retention/due/, or run `retention_review`."
            )
        )
