"""Forms for saving a version of the map and choosing two versions to compare."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone

from safetymap.govuk.fields import GovukDateField
from safetymap.mapping.models import Occasion

CURRENT = "current"


class VersionSaveForm(forms.Form):
    govuk_label_sizes = {"occasion": "m"}

    occasion = forms.ChoiceField(
        label="When are you saving this version?",
        choices=Occasion.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select when you are saving this version of the map"},
    )
    saved_on = GovukDateField(
        label="Date of this version",
        help_text="Usually today. For example, 27 3 2026",
        allow_future=False,
    )
    note = forms.CharField(
        label="Note",
        help_text=(
            "What changed, or what the map was used for. For example: "
            "‘Redone with Mum and Grandma after the core group.’"
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Note must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"saved_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class CompareForm(forms.Form):
    """Two versions to compare, by number. `to` may also be the map as it is now."""

    govuk_mark_optional = False

    def __init__(self, *args: Any, numbers: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(number), f"Version {number}") for number in numbers]
        invalid = "Choose a saved version from the list"
        self.fields["from"] = forms.ChoiceField(
            label="From",
            choices=choices,
            error_messages={
                "required": "Choose the version to compare from",
                "invalid_choice": f"There is no such version to compare from. {invalid}",
            },
        )
        self.fields["to"] = forms.ChoiceField(
            label="To",
            choices=[(CURRENT, "The map as it is now"), *choices],
            error_messages={
                "required": "Choose the version to compare to",
                "invalid_choice": f"There is no such version to compare to. {invalid}",
            },
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("from") and cleaned.get("from") == cleaned.get("to"):
            self.add_error("to", "Choose two different versions to compare")
        return cleaned
