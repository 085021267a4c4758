"""Check text from standard input against the council's glossary and reading-age target.

    echo "We are worried about neglect." | python manage.py check_plain_language --audience parent

Prints the same JSON as `POST /api/v1/plain-language/check` (one serializer for both).
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetymap.plain_language.checker import MAX_TEXT_LENGTH, Audience
from safetymap.plain_language.report import report
from safetymap.plain_language.selectors import check_text


class Command(BaseCommand):
    help = "Check text from standard input for labels, jargon, abbreviations and reading age."
    stealth_options = ("stdin",)  # tests hand in the text without touching sys.stdin

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--audience",
            choices=Audience.values,
            default=Audience.PARENT,
            help="Who will read the text (default: parent).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = (options.get("stdin") or sys.stdin).read()
        if len(text) > MAX_TEXT_LENGTH:
            raise CommandError(f"The text must be {MAX_TEXT_LENGTH} characters or fewer.")
        result = check_text(text, audience=options["audience"])
        self.stdout.write(report(result).model_dump_json(indent=2))
