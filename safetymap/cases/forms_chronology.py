"""Forms for the case journey: the chronology's filters, an entry and its correction,
closing and reopening a case."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.chronology import ChronologyFilters, chronology_kinds
from safetymap.cases.models import ChronologyEntry, ClosureReason, EntryCategory
from safetymap.core.forms import VersionedForm
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukCheckboxSelectMultiple, GovukRadioSelect

ORDER_CHOICES = [("newest", "Newest first"), ("oldest", "Oldest first")]


def past_date_field(label: str, subject: str) -> GovukDateField:
    """A required date that cannot be in the future: "the date the case closed"."""
    return GovukDateField(
        label=label,
        allow_future=False,
        help_text="For example, 27 3 2026",
        error_messages={
            "required": f"Enter {subject}",
            "past": f"{subject[0].upper()}{subject[1:]} must be today or in the past",
        },
    )


class ChronologyFilterForm(GovukForm):
    """Narrows the chronology (a plain GET form: works without JavaScript)."""

    kinds = forms.MultipleChoiceField(
        label="What kind of event", required=False, widget=GovukCheckboxSelectMultiple()
    )
    date_from = GovukDateField(label="From", required=False, help_text="For example, 27 3 2026")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 31 3 2026")
    words = forms.CharField(
        label="Containing the words",
        required=False,
        max_length=100,
        help_text="For example, school or a person's name",
    )
    order = forms.ChoiceField(
        label="Order", required=False, choices=ORDER_CHOICES, widget=GovukRadioSelect(inline=True)
    )

    govuk_mark_optional = False
    govuk_label_sizes = {"kinds": "s", "order": "s"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = self.fields["kinds"]
        assert isinstance(kinds, forms.MultipleChoiceField)
        kinds.choices = chronology_kinds()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return cleaned

    def filters(self) -> ChronologyFilters:
        """The filters to apply: none when the form is unbound or has errors."""
        if not self.is_bound or not self.is_valid():
            return ChronologyFilters()
        data = self.cleaned_data
        return ChronologyFilters(
            kinds=tuple(data["kinds"]),
            date_from=data["date_from"],
            date_to=data["date_to"],
            words=data["words"].strip(),
            newest_first=data["order"] != "oldest",
        )

    def is_filtered(self) -> bool:
        filters = self.filters()
        return bool(filters.kinds or filters.date_from or filters.date_to or filters.words)


class ChronologyEntryForm(GovukForm):
    """A new entry, or the correction of one (which also asks what was wrong)."""

    happened_on = past_date_field("When did it happen?", "the date it happened")
    category = forms.ChoiceField(
        label="What kind of event was it?",
        choices=EntryCategory.choices,
        widget=GovukRadioSelect(),
        error_messages={"required": "Select what kind of event it was"},
    )
    what_happened = forms.CharField(
        label="What happened?",
        help_text=(
            "Say who was there, what was seen and said, in their words where you can. "
            "Write it so the child could read it when they are older."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what happened"},
    )
    significance = forms.CharField(
        label="What does it mean for the child?",
        help_text="Why it matters for their safety and wellbeing",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what it means for the child"},
    )
    correction_reason = forms.CharField(
        label="What was wrong with the entry?",
        help_text="For example, the wrong date, or the visit was to Nan's house, not Mum's",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter what was wrong with the entry"},
    )

    govuk_label_sizes = {"category": "m"}

    def __init__(self, *args: Any, correcting: ChronologyEntry | None = None, **kwargs: Any):
        if correcting is not None:
            kwargs.setdefault("initial", {})
            kwargs["initial"] = {
                "happened_on": correcting.happened_on,
                "category": correcting.category,
                "what_happened": correcting.what_happened,
                "significance": correcting.significance,
                **kwargs["initial"],
            }
        else:
            kwargs.setdefault("initial", {"happened_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if correcting is None:
            del self.fields["correction_reason"]

    def entry_values(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("happened_on", "category", "what_happened", "significance")
        }


class CaseCloseForm(VersionedForm):
    closed_on = past_date_field("Date the case closed", "the date the case closed")
    reason = forms.ChoiceField(
        label="Why is the case closing?",
        choices=ClosureReason.choices,
        widget=GovukRadioSelect(),
        error_messages={"required": "Select why the case is closing"},
    )
    reason_words = forms.CharField(
        label="Say what has changed for the child",
        help_text=(
            "What the family, the network and the services did, and why the case no longer "
            "needs to be open. The family may read this."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what has changed for the child"},
    )

    govuk_label_sizes = {"reason": "m"}


class CaseReopenForm(VersionedForm):
    reopened_on = past_date_field("Date the case reopened", "the date the case reopened")
    reason = forms.CharField(
        label="Why is the case being reopened?",
        help_text="What has happened, and who told us",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter why the case is being reopened"},
    )
    workers = forms.MultipleChoiceField(
        label="Who will work with the child?",
        help_text="You can allocate the case now or later",
        required=False,
        widget=GovukCheckboxSelectMultiple(),
    )

    govuk_label_sizes = {"workers": "m"}

    def __init__(self, *args: Any, staff: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(user.uuid): user for user in staff}
        workers = self.fields["workers"]
        assert isinstance(workers, forms.MultipleChoiceField)
        workers.choices = [
            (key, f"{user.display_name}{', ' + user.job_title if user.job_title else ''}")
            for key, user in self.staff.items()
        ]

    def chosen_workers(self) -> list[User]:
        return [self.staff[key] for key in self.cleaned_data["workers"]]
