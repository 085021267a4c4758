"""Sign-in form with GOV.UK wording."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Django's AuthenticationForm, worded for GOV.UK.

    An unknown username, a wrong password and a deactivated account all give the same
    message, so the page never tells anyone which usernames exist.
    """

    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "Enter a correct username and password",
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.label = "Username"
        username.error_messages["required"] = "Enter your username"
        # GOV.UK advises against autofocus: it moves screen reader users past the page.
        username.widget.attrs.pop("autofocus", None)
        username.widget.attrs.update(
            {
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
                "class": "govuk-input--width-20",
            }
        )
        password = self.fields["password"]
        password.label = "Password"
        password.error_messages["required"] = "Enter your password"
        password.widget.attrs.update(
            {"autocomplete": "current-password", "class": "govuk-input--width-20"}
        )

    def get_invalid_login_error(self) -> forms.ValidationError:
        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
