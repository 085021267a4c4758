"""Sign-in form with GOV.UK wording."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from safetymap.govuk.forms import GovukForm


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


# --- Two-factor authentication ----------------------------------------------------------------

CODE_HINT = "The 6-digit code your authenticator app shows now"
RECOVERY_HINT = "One of the recovery codes you saved when you set up two-factor authentication"
WRONG_CODE = "The code is not right or has run out. Enter the code your app shows now"
WRONG_RECOVERY_CODE = "Enter a recovery code you have not used before"
THROTTLED = "You have entered too many wrong codes. Wait a minute, then try again"


def _code_widget_attrs(*, recovery: bool) -> dict[str, str]:
    attrs = {
        "autocomplete": "off" if recovery else "one-time-code",
        "autocapitalize": "none",
        "spellcheck": "false",
        "class": "govuk-input--width-10" if not recovery else "govuk-input--width-20",
    }
    if not recovery:
        attrs["inputmode"] = "numeric"
    return attrs


class CodeFieldMixin:
    """A `code` field for a code from an authenticator app or, with recovery=True, a
    recovery code. The view checks it (twofactor.verify_code) and calls `wrong_code`."""

    fields: dict[str, forms.Field]
    recovery: bool

    def add_code_field(self, *, recovery: bool) -> None:
        self.recovery = recovery
        field = forms.CharField(
            label="Recovery code" if recovery else "Security code",
            help_text=RECOVERY_HINT if recovery else CODE_HINT,
            max_length=40,
            strip=True,
            widget=forms.TextInput(attrs=_code_widget_attrs(recovery=recovery)),
        )
        field.error_messages["required"] = (
            "Enter a recovery code" if recovery else "Enter the 6-digit code from your app"
        )
        self.fields["code"] = field

    def clean_code(self) -> str:
        from safetymap.accounts import twofactor

        code = twofactor.normalise_code(self.cleaned_data.get("code", ""))  # type: ignore[attr-defined]
        if not self.recovery and not twofactor.looks_like_totp(code):
            raise forms.ValidationError("Enter the code as 6 digits, like 123456")
        if self.recovery and len(code) != twofactor.RECOVERY_CODE_LENGTH:
            raise forms.ValidationError(WRONG_RECOVERY_CODE)
        return code

    def wrong_code(self, *, throttled: bool = False) -> None:
        message = THROTTLED if throttled else WRONG_RECOVERY_CODE if self.recovery else WRONG_CODE
        self.add_error("code", message)  # type: ignore[attr-defined]


class TwoFactorForm(CodeFieldMixin, GovukForm):
    """The second step of signing in."""

    def __init__(self, *args: Any, recovery: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_code_field(recovery=recovery)


class SetUpForm(CodeFieldMixin, GovukForm):
    """Confirm a new authenticator app with a code from it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_code_field(recovery=False)
        self.fields["code"].label = "Enter the 6-digit code from your app"
        self.fields["code"].help_text = "Your app shows a new code every 30 seconds"


class ReauthForm(CodeFieldMixin, GovukForm):
    """ "Confirm it's you": the password (if the person has one) and a current code (if they
    have set up two-factor authentication)."""

    def __init__(
        self,
        *args: Any,
        user: Any,
        ask_password: bool,
        ask_code: bool,
        recovery: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.recovery = recovery
        if ask_password:
            password = forms.CharField(
                label="Password",
                strip=False,
                widget=forms.PasswordInput(
                    attrs={"autocomplete": "current-password", "class": "govuk-input--width-20"}
                ),
            )
            password.error_messages["required"] = "Enter your password"
            self.fields["password"] = password
        if ask_code:
            self.add_code_field(recovery=recovery)


# --- Single sign-on links (council administrators) ---------------------------------------


class StaffSearchForm(GovukForm):
    q = forms.CharField(
        label="Name or username",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    govuk_mark_optional = False


class SubjectForm(GovukForm):
    subject = forms.CharField(
        label="Single sign-on subject",
        max_length=255,
        help_text=(
            "The reference the sign-in page showed the person when they first tried to "
            "sign in with single sign-on (the identity provider's subject, not their email)"
        ),
        widget=forms.TextInput(
            attrs={"spellcheck": "false", "autocapitalize": "none", "autocomplete": "off"}
        ),
        error_messages={
            "required": "Enter the single sign-on subject",
            "max_length": "The subject must be 255 characters or fewer",
        },
    )
