"""Forms for supervision records. People are chosen by their UUID, from the staff offered."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from safetymap.accounts.models import Role, User
from safetymap.core.forms import VersionedForm
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukCheckboxSelectMultiple, GovukRadioSelect
from safetymap.implementation.models import GroupEntryKind
from safetymap.implementation.services import Action
from safetymap.mapping.forms import score_choices

TEXTAREA = forms.Textarea(attrs={"rows": 4})
ACTION_ROWS = 3


def _held_on(label: str) -> GovukDateField:
    return GovukDateField(
        label=label,
        allow_future=False,
        min_value=datetime.date(2000, 1, 1),
        help_text="For example, 27 3 2026",
    )


def _score(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=score_choices,
        coerce=Decimal,
        empty_value=None,
        required=False,
        widget=GovukRadioSelect(attrs={"class": "app-scale-radios"}, inline=True, small=True),
    )


def _text(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text, widget=TEXTAREA)


def _person(label: str, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=required)


class StaffChoices:
    """Offer these staff on every person field of a form, by UUID, and hand back users."""

    people: dict[str, User]
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def offer_staff(self, staff: list[User], *names: str, blank: str = "") -> None:
        self.people = {str(user.uuid): user for user in staff}
        for name in names:
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            choices = [(key, _described(user)) for key, user in self.people.items()]
            if not isinstance(field, forms.MultipleChoiceField):
                choices.insert(0, ("", blank or "Choose someone"))
            field.choices = choices

    def chosen(self, name: str) -> User | None:
        key = self.cleaned_data.get(name)
        return self.people[key] if key else None

    def chosen_many(self, name: str) -> list[User]:
        return [self.people[key] for key in self.cleaned_data.get(name, [])]


def _described(user: User) -> str:
    team = f", {user.team.name}" if user.team is not None else ""
    return f"{user.display_name} ({user.get_role_display()}{team})"


class CaseSupervisionForm(StaffChoices, GovukForm):
    held_on = _held_on("Date of the supervision")
    worker = _person("Worker")
    supervisor = _person("Supervisor")
    discussion = _text(
        "What was discussed?",
        help_text="The worries, what is working well and what needs to happen, as discussed",
    )
    worker_score = _score("The worker’s scale, from 0 to 10")
    worker_reason = _text("Why the worker chose this number", required=False)
    supervisor_score = _score("The supervisor’s scale, from 0 to 10")
    supervisor_reason = _text("Why the supervisor chose this number", required=False)
    decisions = _text("Decisions", required=False)
    next_supervision_on = GovukDateField(
        label="Date of the next supervision",
        required=False,
        allow_past=False,
        help_text="For example, 27 3 2026",
    )

    def __init__(self, *args: Any, staff: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_staff(staff, "worker", "supervisor")
        for row in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{row}"] = forms.CharField(
                label=f"Action {row}", required=False, max_length=500
            )
            self.fields[f"owner_{row}"] = forms.CharField(
                label=f"Who will do action {row}", required=False, max_length=200
            )
            self.fields[f"due_{row}"] = GovukDateField(
                label=f"When action {row} is due", required=False, allow_past=False
            )
        self.initial.setdefault("held_on", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(1, ACTION_ROWS + 1):
            parts = [data.get(f"action_{row}"), data.get(f"owner_{row}"), data.get(f"due_{row}")]
            if any(parts) and not all(parts):
                self.add_error(
                    f"action_{row}", f"Give action {row} with who will do it and when it is due"
                )
        return data

    def actions(self) -> list[Action]:
        data = self.cleaned_data
        return [
            Action(data[f"action_{row}"], data[f"owner_{row}"], data[f"due_{row}"])
            for row in range(1, ACTION_ROWS + 1)
            if data.get(f"action_{row}")
        ]

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "worker": self.chosen("worker"),
            "supervisor": self.chosen("supervisor"),
            "discussion": data["discussion"],
            "worker_score": data["worker_score"],
            "worker_reason": data["worker_reason"],
            "supervisor_score": data["supervisor_score"],
            "supervisor_reason": data["supervisor_reason"],
            "decisions": data["decisions"],
            "actions": self.actions(),
            "next_supervision_on": data["next_supervision_on"],
        }


class GroupSupervisionForm(StaffChoices, GovukForm):
    held_on = _held_on("Date of the group supervision")
    presenting_worker = _person("Presenting worker")
    facilitator = _person("Facilitator")
    advisor = _person("Advisor (practice lead)", required=False)
    participants = forms.MultipleChoiceField(
        label="Who else took part?",
        required=False,
        widget=GovukCheckboxSelectMultiple(small=True),
    )
    question = _text(
        "What does the presenting worker want the group’s help with?",
        help_text="For example: how to help Dad see what Leah sees when he has been drinking",
    )

    def __init__(self, *args: Any, staff: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_staff(staff, "presenting_worker", "facilitator", "participants")
        leads = [user for user in staff if user.role == Role.PRACTICE_LEAD]
        advisor = self.fields["advisor"]
        assert isinstance(advisor, forms.ChoiceField)
        advisor.choices = [("", "No advisor")] + [(str(u.uuid), _described(u)) for u in leads]
        self.initial.setdefault("held_on", timezone.localdate())

    def service_values(self) -> dict[str, Any]:
        return {
            "held_on": self.cleaned_data["held_on"],
            "presenting_worker": self.chosen("presenting_worker"),
            "facilitator": self.chosen("facilitator"),
            "advisor": self.chosen("advisor"),
            "participants": self.chosen_many("participants"),
            "question": self.cleaned_data["question"],
        }


class GroupEntryForm(GovukForm):
    text = _text("What the group said")

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = ENTRY_QUESTIONS[kind]
        self.fields["text"].widget = forms.Textarea(attrs={"rows": 2})


ENTRY_QUESTIONS: dict[str, str] = {
    GroupEntryKind.WORRY: "What is the group worried about?",
    GroupEntryKind.WORKING_WELL: "What does the group see working well?",
    GroupEntryKind.NEEDS_TO_HAPPEN: "What does the group think needs to happen?",
    GroupEntryKind.IDEA: "The group’s idea",
}


class GroupScaleForm(StaffChoices, GovukForm):
    participant = _person("Whose number is this?")
    score = forms.TypedChoiceField(
        label="Their number, from 0 to 10",
        choices=score_choices,
        coerce=Decimal,
        widget=GovukRadioSelect(attrs={"class": "app-scale-radios"}, inline=True, small=True),
    )
    reason = _text("Why this number and not a lower one?")

    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_staff(members, "participant")


class GroupDecisionForm(GovukForm):
    decision = _text("Your decision")
    action = forms.CharField(
        label="Action to add to the map (optional)", required=False, max_length=500
    )
    owner = forms.CharField(label="Who will do it", required=False, max_length=200)
    due_on = GovukDateField(label="When it is due", required=False, allow_past=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [data.get("action"), data.get("owner"), data.get("due_on")]
        if any(parts) and not all(parts):
            self.add_error("action", "Give the action with who will do it and when it is due")
        return data

    def chosen_action(self) -> Action | None:
        data = self.cleaned_data
        if not data.get("action"):
            return None
        return Action(data["action"], data["owner"], data["due_on"])


class GroupSummaryForm(VersionedForm):
    summary = _text(
        "Summary for the child’s chronology",
        help_text=(
            "A few lines: that the case was brought to group supervision, why, and what the "
            "manager decided. The group’s discussion is not copied to the chronology."
        ),
    )
