"""Forms for an attendee's scales and the meeting's decision.

Both are built for one meeting: the scale form has a number and a reason for the overall
scale and for each danger statement on the meeting's map; the decision form asks what the
meeting's kind decides, then each attendee's view.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from safetymap.cases.models import SERVICE_LEVEL_ORDER, Case, ServiceLevel
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukCheckboxSelectMultiple, GovukRadioSelect
from safetymap.mapping.models import DangerStatement
from safetymap.meetings.models import (
    DecisionKind,
    MeetingAttendee,
    PlanCategory,
    StrategyOutcome,
)
from safetymap.meetings.outcomes import (
    SCALE_MAX,
    SCALE_MIN,
    DecisionInput,
    ScaleEntry,
    ViewEntry,
)

YES_NO = [("yes", "Yes"), ("no", "No")]
VIEW_CHOICES = [("agrees", "Agrees"), ("disagrees", "Disagrees"), ("", "Not asked or not said")]
NO_STEP = ""


def _yes_no(label: str, message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=GovukRadioSelect(inline=True),
        error_messages={"required": message},
    )


def _reason(label: str, *, required: bool, message: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text="What makes it this number and not lower? What would one point higher look like?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": message} if message else {},
    )


def _score(label: str, *, required: bool, message: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=SCALE_MIN,
        max_value=SCALE_MAX,
        help_text="A whole number from 0 to 10",
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-2", "inputmode": "numeric", "autocomplete": "off"}
        ),
        error_messages={
            "required": message,
            "invalid": "Enter a whole number from 0 to 10",
            "min_value": "Enter a whole number from 0 to 10",
            "max_value": "Enter a whole number from 0 to 10",
        },
    )


class ScaleForm(GovukForm):
    """An attendee's scales: overall (required) and one per danger statement (optional, but
    a number needs its reason)."""

    govuk_label_sizes = {"score_overall": "m"}

    def __init__(self, *args: Any, statements: list[DangerStatement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statements = statements
        self.fields["score_overall"] = _score(
            "Overall, how safe is the child? (0 to 10)",
            required=True,
            message="Enter the overall scale, a whole number from 0 to 10",
        )
        self.fields["reason_overall"] = _reason(
            "Reason for the overall scale",
            required=True,
            message="Enter the reason for the overall scale",
        )
        for number, statement in enumerate(statements, start=1):
            self.fields[f"score_{statement.uuid}"] = _score(
                f"Danger statement {number}: scale (0 to 10)", required=False
            )
            self.fields[f"reason_{statement.uuid}"] = _reason(
                f"Danger statement {number}: reason", required=False
            )

    def statement_fields(self) -> list[tuple[int, DangerStatement, Any, Any]]:
        return [
            (n, s, self[f"score_{s.uuid}"], self[f"reason_{s.uuid}"])
            for n, s in enumerate(self.statements, start=1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for number, statement in enumerate(self.statements, start=1):
            score, reason = (
                data.get(f"score_{statement.uuid}"),
                data.get(f"reason_{statement.uuid}"),
            )
            if score is not None and not (reason or "").strip():
                self.add_error(
                    f"reason_{statement.uuid}",
                    f"Enter the reason for the scale on danger statement {number}",
                )
            if (
                score is None
                and (reason or "").strip()
                and f"score_{statement.uuid}" not in self.errors
            ):
                self.add_error(
                    f"score_{statement.uuid}", f"Enter the scale for danger statement {number}"
                )
        return data

    def entries(self) -> list[ScaleEntry]:
        data = self.cleaned_data
        entries = [ScaleEntry(None, data["score_overall"], data["reason_overall"])]
        for statement in self.statements:
            score = data.get(f"score_{statement.uuid}")
            if score is not None:
                entries.append(ScaleEntry(statement, score, data[f"reason_{statement.uuid}"]))
        return entries


class DecisionForm(GovukForm):
    """What the meeting decided, for its kind, and each attendee's view."""

    govuk_label_sizes = {
        "outcomes": "m",
        "plan_needed": "m",
        "plan_continues": "m",
        "rationale": "m",
    }

    def __init__(
        self,
        *args: Any,
        kind: str,
        case: Case,
        attendees: list[MeetingAttendee],
        held_on: datetime.date,
        correcting: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind, self.attendees = kind, attendees
        self._add_decision_fields(kind, case)
        self.fields["rationale"] = forms.CharField(
            label="Reasons for the decision",
            help_text="What the meeting weighed up: the danger, the safety, and the scales",
            widget=forms.Textarea(attrs={"rows": 5}),
            error_messages={"required": "Enter the reasons for the decision"},
        )
        self.fields["decided_on"] = GovukDateField(
            label="Date of the decision",
            initial=held_on,
            allow_future=False,
            help_text="For example, 27 3 2026",
        )
        for attendee in attendees:
            self.fields[f"view_{attendee.uuid}"] = forms.ChoiceField(
                label=f"{attendee.name}, {attendee.role}",
                choices=VIEW_CHOICES,
                required=False,
                widget=GovukRadioSelect(inline=True, small=True),
            )
            self.fields[f"words_{attendee.uuid}"] = forms.CharField(
                label=f"What {attendee.name} said",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if correcting:
            self.fields["correction_reason"] = forms.CharField(
                label="What was wrong with the decision recorded before?",
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": "Say what was wrong with the decision recorded before"},
            )

    def _add_decision_fields(self, kind: str, case: Case) -> None:
        if kind == DecisionKind.STRATEGY:
            self.fields["outcomes"] = forms.MultipleChoiceField(
                label="Outcome of the strategy discussion",
                help_text="Select all that apply",
                choices=StrategyOutcome.choices,
                widget=GovukCheckboxSelectMultiple(
                    exclusive=StrategyOutcome.NO_FURTHER_ACTION,
                    dividers={StrategyOutcome.NO_FURTHER_ACTION: "or"},
                ),
                error_messages={
                    "required": "Select at least one outcome of the strategy discussion"
                },
            )
            return
        if kind == DecisionKind.CONFERENCE:
            self.fields["plan_needed"] = _yes_no(
                "Does the child need a child protection plan?",
                "Select whether the child needs a child protection plan",
            )
            self.fields["category"] = forms.ChoiceField(
                label="Category of the plan",
                help_text="Only if the child needs a plan",
                choices=PlanCategory.choices,
                required=False,
                widget=GovukRadioSelect(small=True),
            )
        if kind == DecisionKind.REVIEW:
            self.fields["plan_continues"] = _yes_no(
                "Does the child protection plan continue?",
                "Select whether the child protection plan continues",
            )
        self.fields["step_to"] = forms.ChoiceField(
            label=self._step_label(kind),
            choices=[
                (NO_STEP, "No step up or down"),
                *[
                    (level.value, level.label)
                    for level in SERVICE_LEVEL_ORDER
                    if level != case.service_level
                ],
            ],
            required=False,
            initial=NO_STEP,
            help_text=f"The case is at {ServiceLevel(case.service_level).label.lower()} now",
            widget=GovukRadioSelect(small=True),
        )

    @staticmethod
    def _step_label(kind: str) -> str:
        if kind == DecisionKind.CONFERENCE:
            return "If there is no plan: does the case step to another level?"
        if kind == DecisionKind.REVIEW:
            return "If the plan ends: which level does the case step to? (child in need if none)"
        return "Does the case step up or down?"

    def view_fields(self) -> list[tuple[MeetingAttendee, Any, Any]]:
        return [(a, self[f"view_{a.uuid}"], self[f"words_{a.uuid}"]) for a in self.attendees]

    def decision_fields(self) -> list[Any]:
        names = ("outcomes", "plan_needed", "category", "plan_continues", "step_to")
        return [self[name] for name in names if name in self.fields]

    def given(self) -> DecisionInput:
        data = self.cleaned_data
        views = [
            ViewEntry(a, data[f"view_{a.uuid}"] == "agrees", data.get(f"words_{a.uuid}", ""))
            for a in self.attendees
            if data.get(f"view_{a.uuid}")
        ]
        return DecisionInput(
            rationale=data["rationale"],
            decided_on=data["decided_on"] or timezone.localdate(),
            outcomes=data.get("outcomes") or (),
            plan_needed=data.get("plan_needed"),
            category=data.get("category") or "",
            plan_continues=data.get("plan_continues"),
            step_to=data.get("step_to") or "",
            views=views,
        )
