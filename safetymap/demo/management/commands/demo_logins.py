"""`python manage.py demo_logins`: the demo users and their one shared password."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safetymap.accounts.models import Role, User
from safetymap.demo.council import DEMO_PASSWORD, KEY_USERNAMES
from safetymap.demo.devices import demo_totp_secret


def demo_users() -> list[User]:
    """Key logins first, in the order they are usually shown, then everyone else by team."""
    users = list(User.objects.filter(is_demo=True).select_related("team"))
    key_order = {username: index for index, username in enumerate(KEY_USERNAMES)}
    return sorted(
        users,
        key=lambda u: (
            key_order.get(u.username, len(key_order)),
            u.team.name if u.team else "~",
            u.username,
        ),
    )


class Command(BaseCommand):
    help = "List every demo user (username, role, team) and the shared demo password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print a JSON list instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        users = demo_users()
        if options["json"]:
            rows = [
                {
                    "username": user.username,
                    "password": DEMO_PASSWORD,
                    "role": user.role,
                    "team": user.team.name if user.team else None,
                    # Base32, for `oathtool --totp -b` or any TOTP library.
                    "totp_secret": demo_totp_secret(user.username),
                }
                for user in users
            ]
            self.stdout.write(json.dumps(rows, indent=2))
            return
        if not users:
            self.stdout.write("There are no demo users. Run `python manage.py seed_demo`.")
            return
        table = [("Username", "Role", "Team", "Name")] + [
            (
                user.username,
                Role(user.role).label,
                user.team.name if user.team else (user.organisation or "-"),
                f"{user.get_full_name()}, {user.job_title}",
            )
            for user in users
        ]
        widths = [max(len(row[column]) for row in table) for column in range(4)]
        self.stdout.write("")
        self.stdout.write(f"Demo logins (every user's password is: {DEMO_PASSWORD})")
        self.stdout.write("")
        for index, row in enumerate(table):
            line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(f"  {line}".rstrip())
            if index == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
            if index == len(KEY_USERNAMES):
                self.stdout.write("")
        self.stdout.write("")
        self.stdout.write(f"Password for all of them: {DEMO_PASSWORD}")
        self.stdout.write(
            "Then a two-factor code: `python manage.py demo_totp practitioner` prints the "
            "current code for practitioner (any username works; each code works once)."
        )
