"""Forms for meetings. Edits carry the meeting's (or attendee's) version (`VersionedForm`)."""

from __future__ import annotations

from typing import Any

from django import forms

from safetymap.accounts.models import User
from safetymap.cases.models import Case, CaseMember
from safetymap.core.forms import VersionedForm
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.widgets import GovukRadioSelect
from safetymap.mapping.forms import NextStepForm
from safetymap.meetings.models import Attendance, MeetingType, RoleGroup
from safetymap.meetings.selectors import staff_choices
from safetymap.plain_language.widgets import attach_plain_language

OTHER = "other"


def _staff_field(label: str, help_text: str = "") -> forms.ModelChoiceField:  # type: ignore[type-arg]
    field: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        queryset=staff_choices(),
        to_field_name="uuid",
        label=label,
        help_text=help_text,
        required=False,
        empty_label="Not decided yet",
    )
    field.label_from_instance = lambda user: user.display_name  # type: ignore[method-assign,assignment]
    return field


class MeetingForm(VersionedForm):
    """Planning a meeting, or changing its details (`versioned=False` to plan one)."""

    kind = forms.ChoiceField(
        label="What kind of meeting is it?",
        choices=MeetingType.choices,
        widget=GovukRadioSelect(),
        error_messages={"required": "Select what kind of meeting it is"},
    )
    held_on = GovukDateField(label="Date", help_text="For example, 27 3 2027")
    starts_at = forms.TimeField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 14:30",
        required=False,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages={"invalid": "Enter the start time like 14:30"},
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
    )
    place = forms.CharField(
        label="Where is it?",
        help_text="For example, Eastbrook Civic Centre, room 2. Leave blank if it is only online",
        max_length=200,
        required=False,
    )
    online = forms.BooleanField(label="People can join online", required=False)
    chair = _staff_field("Chair")
    minute_taker = _staff_field("Minute taker", "Often someone from business support")
    next_meeting_on = GovukDateField(label="Date of the next meeting", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A new queryset per form, so the staff list is read when the form is used.
        for name in ("chair", "minute_taker"):
            self.fields[name].queryset = staff_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("online") and not cleaned.get("place", "").strip():
            self.add_error("place", "Enter where the meeting is, or say people can join online")
        return cleaned


class CancelForm(VersionedForm):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the meeting is cancelled"},
    )


class StartForm(VersionedForm):
    """Starting a meeting: only the version, so a meeting changed meanwhile is not started
    from a stale page."""


class FinishForm(VersionedForm):
    next_meeting_on = GovukDateField(label="Date of the next meeting", required=False)


class ChildsViewsForm(VersionedForm):
    childs_views = forms.CharField(
        label="The child's views",
        help_text=(
            "What the child wants this meeting to know, in their own words where you can. "
            "Say how their views were gathered."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attach_plain_language(self, "childs_views", audience="parent")


class AttendeeForm(VersionedForm):
    """Someone invited: a person on the case, a member of staff, or someone else by name.
    Changing an attendee (`versioned=True`) does not ask who they are again."""

    who = forms.ChoiceField(
        label="Who is coming?",
        widget=GovukRadioSelect(),
        error_messages={"required": "Select who is coming"},
    )
    name = forms.CharField(
        label="Name",
        help_text="Leave blank for someone on the case or a member of staff",
        max_length=200,
        required=False,
    )
    role = forms.CharField(
        label="Role",
        help_text="For example: mum, class teacher, health visitor, social worker",
        max_length=200,
    )
    role_group = forms.ChoiceField(
        label="Who do they speak for?",
        choices=RoleGroup.choices,
        widget=GovukRadioSelect(small=True),
        error_messages={"required": "Select who they speak for"},
    )
    agency = forms.CharField(label="Agency", max_length=200, required=False)
    email = forms.EmailField(
        label="Email address",
        help_text="Only needed to send them an invitation",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    attendance = forms.ChoiceField(
        label="Did they come?",
        choices=[("", "Not known yet"), *Attendance.choices],
        widget=GovukRadioSelect(small=True),
        required=False,
    )
    report_received = forms.BooleanField(label="Their report has been received", required=False)

    def __init__(
        self,
        *args: Any,
        members: list[CaseMember] | None = None,
        staff: list[User] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if members is None:  # changing an attendee: who they are stays
            del self.fields["who"]
            self.fields["name"].required = True
            self.fields["name"].help_text = ""
            return
        self.people = {f"person:{m.person.uuid}": m.person for m in members}
        self.staff = {f"user:{u.uuid}": u for u in staff or []}
        choices = [
            (key, f"{m.person.full_name} ({m.description})")
            for key, m in zip(self.people, members, strict=True)
        ]
        choices += [(key, f"{u.display_name} (staff)") for key, u in self.staff.items()]
        field = self.fields["who"]
        assert isinstance(field, forms.ChoiceField)
        someone_else = (OTHER, "Someone else, such as a professional from another agency")
        field.choices = [*choices, someone_else]
        assert isinstance(field.widget, GovukRadioSelect)
        field.widget.dividers = {OTHER: "or"}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("who") == OTHER and not cleaned.get("name", "").strip():
            self.add_error("name", "Enter the name of the person coming")
        return cleaned

    def service_values(self) -> dict[str, Any]:
        values = super().service_values()
        who = values.pop("who", None)
        if who is not None:
            values["person"] = self.people.get(who)
            values["user"] = self.staff.get(who)
        return values


class ActionForm(NextStepForm):
    """An action agreed in the meeting: a next step on the map, with its owner and date."""

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, versioned=False, **kwargs)
        del self.fields["done_on"]
