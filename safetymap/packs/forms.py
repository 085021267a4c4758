"""Choosing who a pack is for, and reviewing other people's details before it is made."""

from __future__ import annotations

from typing import Any

from django import forms

from safetymap.cases.models import CaseMember
from safetymap.packs.models import Decision
from safetymap.packs.redaction import Detail

YES_NO = [("yes", "Yes, large print"), ("no", "No, standard size")]


class PackOptionsForm(forms.Form):
    for_person = forms.ChoiceField(
        label="Who is this pack for?",
        help_text="Their own details stay in. Other people's are listed for you to check.",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who this pack is for"},
    )
    large_print = forms.ChoiceField(
        label="Do they need large print?",
        choices=YES_NO,
        initial="no",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they need large print"},
    )

    def __init__(
        self, *args: Any, readers: list[CaseMember], for_child: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if for_child:  # a child pack is for the child on the case
            del self.fields["for_person"]
            return
        self.fields["for_person"].choices = [  # type: ignore[attr-defined]
            (str(m.person.uuid), f"{m.person.full_name} ({m.description})") for m in readers
        ]


class RedactionReviewForm(forms.Form):
    """One hold back / release choice and reason for every detail found."""

    found = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, details: list[Detail], found: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.details = details
        self.fields["found"].initial = found
        for number, detail in enumerate(details, start=1):
            self.fields[f"decision_{number}"] = forms.ChoiceField(
                label=detail.label,
                help_text=(
                    f"Found in: {', '.join(detail.found_in)}. "
                    f"We suggest you {Decision(detail.suggested).label.lower()}: {detail.why}"
                ),
                choices=Decision.choices,
                initial=detail.suggested,
                widget=forms.RadioSelect,
                error_messages={"required": f"Say whether to hold back or release: {detail.text}"},
            )
            self.fields[f"reason_{number}"] = forms.CharField(
                label=f"Why is it safe to release {detail.text}? (needed only to release it)",
                required=False,
                max_length=500,
                # A suggestion to release comes with its reason, for the worker to confirm.
                initial=detail.why if detail.suggested == Decision.RELEASE else "",
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for number, detail in enumerate(self.details, start=1):
            released = cleaned.get(f"decision_{number}") == Decision.RELEASE
            if released and not str(cleaned.get(f"reason_{number}", "")).strip():
                self.add_error(f"reason_{number}", f"Say why it is safe to release {detail.text}")
        return cleaned

    def decisions(self) -> dict[str, tuple[str, str]]:
        return {
            detail.id: (
                self.cleaned_data[f"decision_{number}"],
                self.cleaned_data.get(f"reason_{number}", ""),
            )
            for number, detail in enumerate(self.details, start=1)
        }
