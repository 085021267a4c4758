"""`python manage.py demo_totp practitioner`: the code a demo user's authenticator shows now.

Demo users sign in with the demo password and then this code. A code works once: to sign in
again within 30 seconds, wait for the next one.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from safetymap.accounts.models import User
from safetymap.demo.devices import demo_totp_code, demo_totp_key


class Command(BaseCommand):
    help = "Print the current two-factor code for a demo user (demo database only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="A demo username, e.g. practitioner")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        user = User.objects.filter(username=username, is_demo=True).first()
        if user is None:
            raise CommandError(
                f"{username} is not a demo user. `python manage.py demo_logins` lists them."
            )
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            raise CommandError(
                f"{username} has no authenticator yet. Run `python manage.py seed_demo "
                "--if-empty` to give every demo user the demo one."
            )
        if device.key != demo_totp_key(username).hex():
            raise CommandError(
                f"{username} has set up their own authenticator app: use the code it shows "
                "(or `make demo` to start the demo afresh)."
            )
        seconds = 30 - int(time.time()) % 30
        self.stdout.write(demo_totp_code(username))
        self.stderr.write(f"(valid for {seconds} more seconds; each code works once)")
