"""Add three long-closed cases to the demo council, to try retention with (demo only).

    python manage.py retention_demo

Two are due for destruction; one is due but on legal hold. See safetymap/retention/demo.py.
`seed_demo` adds them too; this is for a demo database seeded before they existed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safetymap.retention.demo import NotADemoDatabase, ensure_retention_stories


class Command(BaseCommand):
    help = "Add three long-closed cases to the demo council (two due, one on legal hold)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            made = ensure_retention_stories()
        except NotADemoDatabase as error:
            raise CommandError(
                "This is not a demo database (no demo practitioner). Run `seed_demo` first."
            ) from error
        if not made:
            self.stdout.write("The retention demo cases are already there.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {', '.join(case.reference for case in made)}. Sign in as `admin` and "
                "open /retention/due/, or run `retention_review`."
            )
        )
