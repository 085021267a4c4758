"""Forms for the retention pages: the schedule, legal holds and destruction lists."""

from __future__ import annotations

from typing import Any

from django import forms

from safetymap.cases.models import Case
from safetymap.core.forms import VersionedForm
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukRadioSelect
from safetymap.retention import selectors
from safetymap.retention.models import CASE_TRIGGERS, MAX_YEARS, RetentionRule, Trigger


class RuleForm(VersionedForm):
    govuk_label_sizes = {"trigger": "m"}

    trigger = forms.ChoiceField(
        label="Counted from",
        widget=GovukRadioSelect(),
        error_messages={"required": "Select what the period is counted from"},
    )
    years = forms.IntegerField(
        label="Number of years",
        min_value=1,
        max_value=MAX_YEARS,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter the number of years",
            "invalid": "Number of years must be a whole number, like 35",
            "min_value": "Number of years must be 1 or more",
            "max_value": f"Number of years must be {MAX_YEARS} or fewer",
        },
    )
    description = forms.CharField(
        label="Description",
        help_text="What the rule is for and where it comes from, in plain words",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter a description of the rule",
            "max_length": "Description must be 2000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, rule: RetentionRule, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        triggers = CASE_TRIGGERS if rule.is_for_cases else [Trigger.EVENT]
        trigger_field = self.fields["trigger"]
        assert isinstance(trigger_field, forms.ChoiceField)
        trigger_field.choices = [(t.value, t.label) for t in triggers]
        if rule.trigger == Trigger.BIRTH:
            self.fields[
                "years"
            ].help_text = "For the child's date of birth, 75 means until their 75th birthday"

    def trigger_label(self, value: str) -> str:
        return str(Trigger(value).label)

    @staticmethod
    def initial_for(rule: RetentionRule) -> dict[str, Any]:
        return {
            "trigger": rule.trigger,
            "years": rule.years,
            "description": rule.description,
            "version": rule.version,
        }


class HoldPlaceForm(GovukForm):
    govuk_mark_optional = False

    case_reference = forms.CharField(
        label="Case reference",
        help_text="For example, SM-123456",
        max_length=20,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "spellcheck": "false", "autocomplete": "off"}
        ),
        error_messages={"required": "Enter the case reference"},
    )
    reason = forms.CharField(
        label="Why must the record be kept?",
        help_text="For example, the court case, inquiry or complaint, and who asked for the hold",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why the record must be kept",
            "max_length": "Reason must be 2000 characters or fewer",
        },
    )

    case: Case | None = None

    def clean_case_reference(self) -> str:
        reference = str(self.cleaned_data["case_reference"]).strip().upper()
        self.case = selectors.case_by_reference(reference)
        if self.case is None:
            raise forms.ValidationError(
                "There is no case with that reference. Check it and try again"
            )
        return reference


class HoldLiftForm(VersionedForm):
    reason = forms.CharField(
        label="Why can the hold be lifted?",
        help_text="Once it is lifted, the record follows the retention schedule again",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why the hold can be lifted",
            "max_length": "Reason must be 2000 characters or fewer",
        },
    )


class ProposeForm(GovukForm):
    """No fields: the button lists what is due today."""


class ApproveForm(VersionedForm):
    confirm = forms.BooleanField(
        label="I have checked this list and these records should be destroyed",
        error_messages={"required": "Confirm that you have checked the list"},
    )


class DestroyForm(VersionedForm):
    confirm = forms.BooleanField(
        label="I understand the records will be destroyed now and cannot be got back",
        error_messages={"required": "Confirm that the records can be destroyed now"},
    )


class CancelForm(VersionedForm):
    reason = forms.CharField(
        label="Why are you cancelling this list?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why you are cancelling this list",
            "max_length": "Reason must be 2000 characters or fewer",
        },
    )
