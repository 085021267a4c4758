"""Forms for who may open a record: restrictions, emergency access, sharing with partners."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from safetymap.accounts import twofactor
from safetymap.accounts.models import User
from safetymap.cases.models import BreakGlassOutcome
from safetymap.core.forms import VersionedForm
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukCheckboxSelectMultiple, GovukRadioSelect


def _person(user: User) -> str:
    where = user.team.name if user.team else user.organisation
    title = ", ".join(part for part in (user.job_title, where) if part)
    return f"{user.display_name} ({title})" if title else user.display_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _person(obj)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _person(obj)


# --- Find a child's record, and emergency access ---------------------------------------------


class FindRecordForm(GovukForm):
    q = forms.CharField(
        label="Child's name or case reference",
        min_length=2,
        max_length=100,
        help_text="For example, Kian Doyle or SM-123456",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the child's name or the case reference",
            "min_length": "Enter at least 2 letters of the child's name",
        },
    )


class BreakGlassForm(GovukForm):
    """The reason, and proof that the person at the keyboard is the one signed in: their
    password (if they have one: single sign-on users may not) and a code from their second
    factor (if they have one): the authenticator app's current code or a recovery code,
    which is used up.

    Someone with neither (single sign-on through an identity provider trusted to ask for
    the second factor) confirms by signing in there again: `needs_recent_sign_in`."""

    reason = forms.CharField(
        label="Why do you need to open this record now?",
        help_text=(
            "For example: police called at 11pm about a child found alone at home; I need "
            "to know the safety plan and who the safe adults are. The team's managers will "
            "read this."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you need to open this record now"},
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text=(
            "The 6-digit code your authenticator app shows now. If you do not have your "
            "phone, enter one of your recovery codes instead"
        ),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
        error_messages={"required": "Enter the code from your authenticator app"},
    )

    def __init__(self, *args: Any, user: User, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.has_app = twofactor.totp_device(user) is not None
        if not user.has_usable_password():
            del self.fields["password"]
        if not twofactor.has_second_factor(user):
            del self.fields["code"]
        elif not self.has_app:
            self._ask_for_recovery_code()
        # Which check failed, for the audit trail of refused requests.
        self.refused_because = ""
        self.used_recovery_code = False

    def _ask_for_recovery_code(self) -> None:
        field = self.fields["code"]
        field.label = "One of your recovery codes"
        field.help_text = "Each recovery code works once"
        field.error_messages["required"] = "Enter one of your recovery codes"

    @property
    def needs_recent_sign_in(self) -> bool:
        """Neither a password nor a second factor to ask for here."""
        return "password" not in self.fields and "code" not in self.fields

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        # Through authenticate(), as signing in does, so wrong passwords here count towards
        # the account's lock-out (django-axes).
        checked = authenticate(self.request, username=self.user.get_username(), password=password)
        if checked is None or checked.pk != self.user.pk:
            self.refused_because = "wrong password"
            raise forms.ValidationError("Your password is not right. Enter it again")
        return password

    def clean_code(self) -> str:
        code = twofactor.normalise_code(self.cleaned_data["code"])
        if "password" in self.errors:
            # Do not spend a recovery code (or the app's current code) on a refused request.
            return code
        recovery = not twofactor.looks_like_totp(code)
        what = "recovery code" if recovery else "authenticator code"
        if twofactor.throttled(self.user, recovery=recovery):
            self.refused_because = f"{what} tried too often"
            raise forms.ValidationError(
                "You entered a wrong code a moment ago. Wait a few seconds, then enter the "
                "code again"
            )
        if twofactor.verify_code(self.user, code) is None:
            self.refused_because = f"wrong {what}"
            raise forms.ValidationError(
                "The code is not right, or it has run out. Enter the code your app shows "
                "now, or one of your recovery codes"
            )
        self.used_recovery_code = recovery
        return code


class BreakGlassReviewForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="Was the emergency access appropriate?",
        choices=BreakGlassOutcome.choices,
        widget=GovukRadioSelect(
            hints={
                BreakGlassOutcome.APPROPRIATE: "There was a good reason to open the record then",
                BreakGlassOutcome.NOT_APPROPRIATE: (
                    "The record should not have been opened. If the access is still "
                    "running, it ends now"
                ),
            }
        ),
        error_messages={"required": "Select whether the emergency access was appropriate"},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        help_text="Needed if it was not appropriate: what happened, and what you will do next",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("outcome") == BreakGlassOutcome.NOT_APPROPRIATE
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", "Say why the emergency access was not appropriate")
        return cleaned


# --- Restricted records ----------------------------------------------------------------------


def _example_day() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=180)


def _review_date_field() -> GovukDateField:
    return GovukDateField(
        label="Review date",
        allow_past=False,
        help_text=(
            "When a manager should check the restriction is still needed. For example, "
            f"{_example_day().day} {_example_day().month} {_example_day().year}"
        ),
        error_messages={"required": "Enter the review date"},
    )


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label="Why is this record restricted?",
        help_text=(
            "For example: the child's mother works in children's services. The people on "
            "the allow-list and the managers who review it will read this."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the record is restricted"},
    )


def _future(form: forms.Form, field: str) -> None:
    day = form.cleaned_data.get(field)
    if day is not None and day <= timezone.localdate():
        form.add_error(field, "The review date must be in the future")


class RestrictForm(GovukForm):
    reason = _reason_field()
    review_on = _review_date_field()
    allowed = PeopleChoiceField(
        label="Who may open this record?",
        help_text=(
            "Only the people you choose will be able to open the record, see the child in "
            "lists or find them in a search. You can add anyone else from the council's "
            "staff on the next page."
        ),
        queryset=User.objects.none(),
        widget=GovukCheckboxSelectMultiple(),
        error_messages={"required": "Choose at least one person who may open the record"},
    )

    def __init__(self, *args: Any, suggestions: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["allowed"]
        assert isinstance(field, PeopleChoiceField)
        field.queryset = User.objects.filter(pk__in=[user.pk for user in suggestions]).order_by(
            "first_name", "last_name", "id"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _future(self, "review_on")
        return cleaned


class RestrictionChangeForm(VersionedForm):
    reason = _reason_field()
    review_on = _review_date_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _future(self, "review_on")
        return cleaned


class AllowListAddForm(GovukForm):
    user = PersonChoiceField(
        label="Add a person to the allow-list",
        help_text="Council staff only",
        queryset=User.objects.none(),
        empty_label="Choose a person",
        error_messages={"required": "Choose the person to add"},
    )

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, PersonChoiceField)
        field.queryset = candidates


class ConfirmForm(VersionedForm):
    """A confirmation that carries the version of the record it changes."""


class FindForRestrictionForm(GovukForm):
    reference = forms.CharField(
        label="Case reference",
        max_length=20,
        help_text="For example, SM-123456",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"required": "Enter the case reference"},
    )


# --- Sharing with partner professionals -------------------------------------------------------


class ShareForm(GovukForm):
    partner = PersonChoiceField(
        label="Who do you want to share it with?",
        help_text="Partner professionals with a SafetyMap account",
        queryset=User.objects.none(),
        empty_label="Choose a partner professional",
        error_messages={"required": "Choose the partner professional to share it with"},
    )
    reason = forms.CharField(
        label="Why are you sharing it?",
        required=False,
        max_length=1000,
        help_text="For example: the school is part of the safety network",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, partners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partner"]
        assert isinstance(field, PersonChoiceField)
        field.queryset = partners
