"""Forms for the front door: record a contact, find the child, record the decision."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from safetymap.core.forms import VersionedForm
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukRadioSelect
from safetymap.referrals.models import ContactMethod, Decision, ReferrerRelationship

NEW_CHILD = "new"
SCALE_CHOICES = [("", "Not asked"), *((str(n), str(n)) for n in range(11))]


class ContactForm(GovukForm):
    """Who contacted us, about which child, and what they told us."""

    received_on = GovukDateField(
        label="Date the contact was received",
        allow_future=False,
        min_value=datetime.date(2000, 1, 1),
        help_text="For example, 27 3 2026",
    )
    method = forms.ChoiceField(
        label="How did they contact us?", choices=ContactMethod.choices, widget=GovukRadioSelect()
    )
    referrer_name = forms.CharField(
        label="Their name", max_length=200, required=False,
        help_text="Leave blank if they would not give it",
    )  # fmt: skip
    referrer_role = forms.CharField(
        label="Their role or agency", max_length=200, required=False,
        help_text="For example: designated safeguarding lead, Oakfield Primary School",
    )  # fmt: skip
    referrer_relationship = forms.ChoiceField(
        label="Their relationship to the child",
        choices=ReferrerRelationship.choices,
        widget=GovukRadioSelect(),
    )
    referrer_contact = forms.CharField(
        label="How to contact them", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Phone number or email. Kept from the family: it is a third party's details",
    )  # fmt: skip
    child_first_name = forms.CharField(label="Child's first name", max_length=100)
    child_last_name = forms.CharField(label="Child's last name", max_length=100, required=False)
    child_date_of_birth = GovukDateField(
        label="Child's date of birth", required=False, allow_future=False,
        min_value=datetime.date(1990, 1, 1), help_text="Leave blank if not known",
    )  # fmt: skip
    child_address = forms.CharField(
        label="Child's address", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="As the person told us. Include the postcode if you have it",
    )  # fmt: skip
    worries = forms.CharField(
        label="What has happened that worries you?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In their words, as far as you can",
        error_messages={"required": "Enter what has happened that worries them"},
    )
    going_well = forms.CharField(
        label="What is going well?", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    needs_to_happen = forms.CharField(
        label="What would need to happen for you to be satisfied the child is safe?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    referrer_scale = forms.TypedChoiceField(
        label="On a scale of 0 to 10, where would they put things?",
        help_text=(
            "10 means they are confident the child is safe enough for us not to be involved; "
            "0 means they are sure the child will be hurt again"
        ),
        choices=SCALE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for slot in SIBLING_SLOTS:
            self.fields.update(_sibling_fields(slot))
        # Brothers and sisters come straight after the child the contact is mainly about.
        names = list(self.fields)
        siblings = [name for name in names if name.startswith("sibling_")]
        rest = [name for name in names if name not in siblings]
        at = rest.index("child_address") + 1
        self.order_fields(rest[:at] + siblings + rest[at:])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for slot in SIBLING_SLOTS:
            prefix = f"sibling_{slot}_"
            other_parts = cleaned.get(f"{prefix}last_name") or cleaned.get(f"{prefix}date_of_birth")
            if other_parts and not cleaned.get(f"{prefix}first_name"):
                self.add_error(
                    f"{prefix}first_name", f"Enter the first name of brother or sister {slot}"
                )
        return cleaned

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["siblings"] = [_sibling(data, slot) for slot in SIBLING_SLOTS]
        data["siblings"] = [sibling for sibling in data["siblings"] if sibling]
        received_on = data.pop("received_on")
        now = timezone.localtime()
        at = now.time() if received_on == now.date() else datetime.time(9, 0)
        data["received_at"] = timezone.make_aware(datetime.datetime.combine(received_on, at))
        return data


# A contact about a family often names more than one child: each gets a copy of the contact,
# found and decided on in turn.
SIBLING_SLOTS = (1, 2)


def _sibling_fields(slot: int) -> dict[str, forms.Field]:
    about = f"Brother or sister {slot}"
    return {
        f"sibling_{slot}_first_name": forms.CharField(
            label=f"{about}: first name (optional)", max_length=100, required=False,
            help_text="If the contact is about more than one child" if slot == 1 else "",
        ),
        f"sibling_{slot}_last_name": forms.CharField(
            label=f"{about}: last name (optional)", max_length=100, required=False,
            help_text="Leave blank if it is the same as the child's above",
        ),
        f"sibling_{slot}_date_of_birth": GovukDateField(
            label=f"{about}: date of birth (optional)", required=False, allow_future=False,
            min_value=datetime.date(1990, 1, 1),
        ),
    }  # fmt: skip


def _sibling(data: dict[str, Any], slot: int) -> dict[str, Any]:
    """One brother or sister's details (taken out of `data`), or {} if none were given."""
    first = data.pop(f"sibling_{slot}_first_name", "")
    last = data.pop(f"sibling_{slot}_last_name", "")
    born = data.pop(f"sibling_{slot}_date_of_birth", None)
    if not first:
        return {}
    sibling: dict[str, Any] = {"child_first_name": first, "child_date_of_birth": born}
    if last:
        sibling["child_last_name"] = last
    return sibling


class FindChildForm(VersionedForm):
    """Which of the children found is the one the referrer told us about, if any."""

    child = forms.ChoiceField(
        label="Is one of these the child?",
        widget=GovukRadioSelect(),
        error_messages={"required": "Select the child, or that none of them is the child"},
    )

    def __init__(self, *args: Any, matches: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            *((str(m.person.uuid), f"{m.person.full_name}, {m.case.reference}") for m in matches),
            (NEW_CHILD, "None of these: the child is not known to us"),
        ]
        assert isinstance(field.widget, GovukRadioSelect)
        field.widget.hints = {str(m.person.uuid): "; ".join(m.reasons) for m in matches}
        if matches:
            field.widget.dividers = {NEW_CHILD: "or"}


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label="What happens next?",
        choices=Decision.choices,
        widget=GovukRadioSelect(
            hints={
                Decision.EARLY_HELP: "Opens an early help case, or records this on the open case",
                Decision.ASSESSMENT: "Opens a child in need case for the assessment, or steps "
                "the open case up",
                Decision.STRATEGY: "Opens a child in need case if none is open; then plan the "
                "strategy discussion",
            }
        ),
    )
    reason = forms.CharField(
        label="Reason for the decision", widget=forms.Textarea(attrs={"rows": 5})
    )


class FilterForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision", required=False, choices=[("", "All decisions"), *Decision.choices]
    )
    re_referrals = forms.BooleanField(label="Re-referrals only", required=False)
