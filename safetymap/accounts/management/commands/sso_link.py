"""`python manage.py sso_link <username> <subject>`: let someone sign in with single sign-on.

The subject is the identity provider's `sub` for the person. When someone whose account is
not linked tries single sign-on, the sign-in page shows them a reference: that is their
subject, for them to pass on (it is also in the server's log).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetymap.accounts.models import User
from safetymap.accounts.services import user_link_oidc_subject


class Command(BaseCommand):
    help = "Link a user to their single sign-on subject (or --unlink them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("subject", nargs="?", default=None)
        parser.add_argument(
            "--unlink", action="store_true", help="Remove the user's single sign-on link."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as error:
            raise CommandError(f"There is no user called {options['username']}.") from error
        subject = None if options["unlink"] else options["subject"]
        if not options["unlink"] and not subject:
            raise CommandError("Give the subject to link, or --unlink.")
        try:
            user_link_oidc_subject(actor=None, user=user, subject=subject)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if subject:
            self.stdout.write(f"{user.get_username()} can now sign in with single sign-on.")
        else:
            self.stdout.write(f"{user.get_username()} is no longer linked to single sign-on.")
