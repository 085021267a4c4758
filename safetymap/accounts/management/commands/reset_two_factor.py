"""`python manage.py reset_two_factor <username>`: for someone who has lost their phone and
their recovery codes. Their authenticator app and recovery codes stop working; the next time
they sign in (with their password) they set up a new authenticator app. Check who is asking
before you do this: it is the one way round the second factor.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetymap.accounts.models import User
from safetymap.accounts.services import two_factor_reset


class Command(BaseCommand):
    help = "Remove a user's authenticator app and recovery codes, so they set up new ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as error:
            raise CommandError(f"There is no user called {options['username']}.") from error
        two_factor_reset(actor=None, user=user)
        self.stdout.write(
            f"{user.get_username()} will set up a new authenticator app when they next sign in."
        )
