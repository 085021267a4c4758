"""Forms for a child's case: the child, the people around them, and the service level.

Edit forms carry the record's `version` in a hidden field (`VersionedForm`), so a save
made from a page that is out of date is refused by the service and nothing is overwritten.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from safetymap.cases.models import (
    SERVICE_LEVEL_ORDER,
    Case,
    CaseMember,
    Person,
    Relationship,
    ServiceLevel,
)
from safetymap.cases.services import MEMBERSHIP_FIELDS, PERSON_FIELDS
from safetymap.core.forms import VersionedForm
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukDateInput, GovukRadioSelect

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value: bool | None) -> str | None:
    if value is None:
        return None
    return "yes" if value else "no"


def _yes_no_field(label: str, *, required_message: str, hint: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=hint,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=GovukRadioSelect(inline=True),
        error_messages={"required": required_message},
    )


class PersonForm(VersionedForm):
    """The fields every person has: name, the name they use, date of birth."""

    first_name = forms.CharField(
        label="First name",
        max_length=100,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
        error_messages={"required": "Enter their first name"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    known_as = forms.CharField(
        label="Known as",
        max_length=100,
        required=False,
        help_text="The name they like to be called, if it is different",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        allow_future=False,
        min_value=datetime.date(1900, 1, 1),
        help_text="For example, 27 3 2015",
        widget=GovukDateInput(autocomplete="bday"),
    )

    def person_data(self) -> dict[str, Any]:
        """The cleaned values that belong on the person record."""
        return {
            name: self.cleaned_data[name] for name in PERSON_FIELDS if name in self.cleaned_data
        }


class ChildForm(PersonForm):
    """The child's own details."""

    gender = forms.CharField(
        label="Gender",
        max_length=40,
        required=False,
        help_text="In the child's own words if they have said",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    address = forms.CharField(
        label="Address",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].error_messages["required"] = "Enter the child's first name"

    @staticmethod
    def initial_for(child: Person) -> dict[str, Any]:
        return {
            **{name: getattr(child, name) for name in PERSON_FIELDS},
            "version": child.version,
        }


class MemberForm(PersonForm):
    """A person in the child's life and how they relate to the child: one form to add
    someone and to change their details (`versioned=False` when adding)."""

    relationship = forms.ChoiceField(
        label="Relationship to the child",
        choices=[("", "Choose a relationship"), *Relationship.choices],
        error_messages={"required": "Select their relationship to the child"},
    )
    relationship_detail = forms.CharField(
        label="Relationship in more detail",
        max_length=120,
        required=False,
        help_text="For example: maternal grandmother, health visitor, Mum's partner since 2023",
    )
    lives_with_child = _yes_no_field(
        "Do they live with the child?",
        required_message="Select yes if they live with the child",
    )
    parental_responsibility = _yes_no_field(
        "Do they have parental responsibility for the child?",
        required_message="Select yes if they have parental responsibility for the child",
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-20", "type": "tel", "autocomplete": "off"}
        ),
    )
    address = forms.CharField(
        label="Address",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    organisation = forms.CharField(
        label="Organisation",
        max_length=120,
        required=False,
        help_text="For professionals: for example, Northfield Primary School or the GP surgery",
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        help_text="Anything the next worker should know about this person",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    @staticmethod
    def initial_for(member: CaseMember) -> dict[str, Any]:
        person = member.person
        return {
            **{name: getattr(person, name) for name in PERSON_FIELDS},
            "relationship": member.relationship,
            "relationship_detail": member.relationship_detail,
            "lives_with_child": _yes_no(member.lives_with_child),
            "parental_responsibility": _yes_no(member.parental_responsibility),
            "notes": member.notes,
            "version": member.version,
        }

    def membership_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in MEMBERSHIP_FIELDS if name in self.cleaned_data
        }


class RemoveMemberForm(VersionedForm):
    """Confirms removing someone from the case (the page says who and what it means)."""


class ServiceLevelForm(VersionedForm):
    """Step the case up or down. The current level is not offered."""

    to_level = forms.ChoiceField(
        label="New service level",
        widget=GovukRadioSelect(),
        error_messages={"required": "Select the new service level"},
    )
    changed_on = GovukDateField(
        label="Date of the change",
        allow_future=False,
        help_text="For example, 27 3 2026",
        error_messages={
            "required": "Enter the date of the change",
            "past": "The date of the change must be today or in the past",
        },
    )
    reason = forms.CharField(
        label="Why is the service level changing?",
        help_text=(
            "Say what has happened and what was decided, for example at a conference, "
            "so the family and the next worker can understand it"
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reason for the change"},
    )

    govuk_label_sizes = {"to_level": "m"}

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {
            "changed_on": timezone.localdate(),
            "version": case.version,
            **kwargs["initial"],
        }
        super().__init__(*args, **kwargs)
        self.case = case
        current = case.service_level
        to_level = self.fields["to_level"]
        assert isinstance(to_level, forms.ChoiceField)
        to_level.choices = [
            (level.value, level.label) for level in SERVICE_LEVEL_ORDER if level != current
        ]
        changed_on = self.fields["changed_on"]
        assert isinstance(changed_on, GovukDateField)
        changed_on.min_value = case.opened_on
        changed_on.error_messages["min_value"] = (
            "The date of the change must be the same as or after the case opened, %(limit)s"
        )


class CaseListFilterForm(GovukForm):
    """Narrows a case list to one service level (a plain GET form: works without JS)."""

    level = forms.ChoiceField(
        label="Service level",
        required=False,
        choices=[("", "All service levels"), *ServiceLevel.choices],
    )

    govuk_mark_optional = False
