"""Forms of the governance pages: filtering an access log, finding a record by reference,
finding a person and confirming a subject access export."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django import forms
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.governance.selectors import AccessLogFilters
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.forms import GovukForm


class AccessLogFilterForm(GovukForm):
    """Narrows an access log (a plain GET form: works without JavaScript)."""

    date_from = GovukDateField(
        label="From", required=False, help_text="For example, 27 3 2026", allow_future=False
    )
    date_to = GovukDateField(label="To", required=False, help_text="For example, 31 3 2026")
    person = forms.ChoiceField(label="Person", required=False)
    basis = forms.ChoiceField(label="Basis", required=False)

    govuk_mark_optional = False

    def __init__(self, *args: Any, people: list[User], bases: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person, basis = self.fields["person"], self.fields["basis"]
        assert isinstance(person, forms.ChoiceField) and isinstance(basis, forms.ChoiceField)
        person.choices = [
            ("", "Everyone"),
            *[(str(user.uuid), _person_label(user)) for user in people],
        ]
        basis.choices = [
            ("", "Every basis"),
            *[(basis, basis[:1].upper() + basis[1:]) for basis in bases],
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return cleaned

    def filters(self) -> AccessLogFilters:
        """The filters to apply: none when the form is unbound or has errors."""
        if not self.is_bound or not self.is_valid():
            return AccessLogFilters()
        data = self.cleaned_data
        return AccessLogFilters(
            date_from=data["date_from"],
            date_to=data["date_to"],
            actor_uuid=uuid.UUID(data["person"]) if data["person"] else None,
            basis=data["basis"],
        )

    def filtered(self) -> bool:
        return bool(self.filters().as_dict())


def _person_label(user: User) -> str:
    details = ", ".join(part for part in (user.job_title, str(user.team or "")) if part)
    return f"{user.display_name} ({details})" if details else user.display_name


class CaseReferenceForm(GovukForm):
    reference = forms.CharField(
        label="Case reference",
        max_length=20,
        help_text="For example, SM-123456",
        error_messages={"required": "Enter the case reference"},
    )

    def clean_reference(self) -> str:
        reference: str = self.cleaned_data["reference"].strip().upper()
        return reference


class PersonSearchForm(GovukForm):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="First name, last name or the name they are known by",
        error_messages={"required": "Enter the person’s name"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        help_text="For example, 27 3 2012",
        allow_future=False,
    )

    def clean_name(self) -> str:
        name: str = " ".join(self.cleaned_data["name"].split())
        if len(name.replace(" ", "")) < 2:
            raise forms.ValidationError("Enter at least 2 letters of the person’s name")
        return name


class SubjectAccessExportForm(GovukForm):
    FORMATS = [
        ("pdf", "PDF, to read and review"),
        ("json", "JSON, machine-readable"),
    ]

    request_reference = forms.CharField(
        label="Request reference",
        max_length=60,
        required=False,
        help_text="The reference your information requests team gave this request, if any",
    )
    output_format = forms.ChoiceField(
        label="Format",
        choices=FORMATS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a format"},
    )

    def clean_request_reference(self) -> str:
        reference: str = self.cleaned_data["request_reference"].strip()
        return reference


def export_filename(name: str, extension: str, day: datetime.date | None = None) -> str:
    """subject-access-jane-smith-2026-03-27.pdf: letters, digits and hyphens only."""
    day = day or timezone.localdate()
    slug = "-".join(
        "".join(ch for ch in word if ch.isascii() and ch.isalnum()) for word in name.lower().split()
    )
    slug = "-".join(part for part in slug.split("-") if part) or "person"
    return f"subject-access-{slug}-{day.isoformat()}.{extension}"
