"""Forms for the safety network. Edits carry the member's version (`VersionedForm`)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.models import CaseMember, Relationship
from safetymap.core.forms import VersionedForm
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.formatting import govuk_date
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukCheckboxSelectMultiple, GovukRadioSelect
from safetymap.mapping.models import MapVersion
from safetymap.networks.models import CheckOutcome, Knowledge, NetworkMember, NetworkRoleKind
from safetymap.networks.selectors import statement_texts_in
from safetymap.plain_language.widgets import attach_plain_language
from safetymap.words_pictures.models import StoryVersion

NEW_PERSON = "new"
NOW = "now"


def _offer(
    form: forms.Form, name: str, choices: list[tuple[str, str]], *, or_before: str | None = None
) -> None:
    """Set a choice field's options for this form, with an "or" divider before one of them."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices
    if or_before is not None:
        assert isinstance(field.widget, GovukRadioSelect)
        field.widget.dividers = {or_before: "or"}


def _past_date(label: str, *, required: bool = True) -> GovukDateField:
    return GovukDateField(
        label=label,
        required=required,
        allow_future=False,
        min_value=datetime.date(2000, 1, 1),
        help_text="For example, 27 3 2026",
    )


class MemberForm(VersionedForm):
    """What someone in the network knows, does and how to reach them. Adding someone
    (`versioned=False`) also asks who they are: a person on the case, or someone new."""

    who = forms.ChoiceField(
        label="Who is joining the safety network?",
        widget=GovukRadioSelect(),
        error_messages={"required": "Select who is joining the safety network"},
    )
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    relationship = forms.ChoiceField(
        label="Relationship to the child",
        required=False,
        choices=[("", "Choose a relationship"), *Relationship.choices],
    )
    relationship_detail = forms.CharField(
        label="Relationship in more detail",
        max_length=120,
        required=False,
        help_text="For example: maternal grandmother, Kian's class teacher",
    )
    knowledge = forms.ChoiceField(
        label="How much do they know about the worries?",
        choices=Knowledge.choices,
        widget=GovukRadioSelect(
            hints={
                Knowledge.EVERYTHING: "They have heard the danger statements and what happened",
                Knowledge.SOME: "They know there are worries, but not all of them",
            }
        ),
        error_messages={"required": "Select how much they know about the worries"},
    )
    roles = forms.MultipleChoiceField(
        label="What will they do?",
        help_text="Select all that apply. You can add roles later.",
        required=False,
        choices=NetworkRoleKind.choices,
        widget=GovukCheckboxSelectMultiple(),
    )
    other_role = forms.CharField(
        label="If other, what will they do?",
        max_length=200,
        required=False,
        help_text="For example: takes Kian to football on Saturdays",
    )
    availability = forms.CharField(
        label="When are they available?",
        required=False,
        help_text="For example: weekday evenings after 5pm, not Sundays",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    contact_details = forms.CharField(
        label="How to contact them",
        required=False,
        help_text="Phone numbers, email, and the best time to call",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    NEW_PERSON_FIELDS = ("first_name", "last_name", "relationship", "relationship_detail")

    def __init__(self, *args: Any, people: list[CaseMember] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "version" in self.fields:  # changing a member: who they are is not asked again
            for name in ("who", *self.NEW_PERSON_FIELDS):
                del self.fields[name]
            return
        self.people = {str(person.uuid): person for person in people or []}
        people_choices = [
            (key, f"{p.person.full_name} ({p.description})") for key, p in self.people.items()
        ]
        _offer(
            self,
            "who",
            [*people_choices, (NEW_PERSON, "Someone who is not on the case yet")],
            or_before=NEW_PERSON if self.people else None,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("who") == NEW_PERSON:
            if not cleaned.get("first_name", "").strip():
                self.add_error("first_name", "Enter their first name")
            if not cleaned.get("relationship"):
                self.add_error("relationship", "Select their relationship to the child")
        if (
            NetworkRoleKind.OTHER in cleaned.get("roles", [])
            and not cleaned.get("other_role", "").strip()
        ):
            self.add_error("other_role", "Describe the other role they have taken on")
        return cleaned

    @property
    def adding(self) -> bool:
        return "who" in self.fields

    def person_fields(self) -> list[Any]:
        return [self[name] for name in self.NEW_PERSON_FIELDS if name in self.fields]

    def network_fields(self) -> list[Any]:
        skip = {"who", "version", *self.NEW_PERSON_FIELDS}
        return [self[name] for name in self.fields if name not in skip]

    def case_member(self) -> CaseMember | None:
        return self.people.get(self.cleaned_data["who"])

    def new_person(self) -> dict[str, Any] | None:
        if self.cleaned_data.get("who") != NEW_PERSON:
            return None
        data = self.cleaned_data
        return {
            "person": {"first_name": data["first_name"].strip(), "last_name": data["last_name"]},
            "membership": {
                "relationship": data["relationship"],
                "relationship_detail": data["relationship_detail"],
            },
        }

    def member_values(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("knowledge", "availability", "contact_details")
        }

    @staticmethod
    def initial_for(member: NetworkMember, roles: list[Any]) -> dict[str, Any]:
        other = next((r.description for r in roles if r.role == NetworkRoleKind.OTHER), "")
        return {
            "knowledge": member.knowledge,
            "availability": member.availability,
            "contact_details": member.contact_details,
            "roles": [role.role for role in roles],
            "other_role": other,
            "version": member.version,
        }


def _version_label(version: MapVersion, now: set[str]) -> str:
    same = statement_texts_in(version) == now
    what = "the same danger statements as now" if same else "different danger statements from now"
    return f"Version {version.number}, saved {govuk_date(version.saved_on)} ({what})"


class SeenForm(VersionedForm):
    """Which danger statements a member was shown, and when."""

    map_version = forms.ChoiceField(
        label="Which danger statements did they see?",
        widget=GovukRadioSelect(),
        error_messages={"required": "Select which danger statements they saw"},
    )
    seen_on = _past_date("When did they see them?")

    def __init__(
        self,
        *args: Any,
        versions: list[MapVersion],
        now_version: MapVersion | None,
        now_texts: set[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.versions = {str(version.number): version for version in versions}
        now_label = (
            f"The danger statements as they are now (map version {now_version.number})"
            if now_version is not None
            else "The danger statements as they are now (a new version of the map will be saved)"
        )
        saved = [(key, _version_label(v, now_texts)) for key, v in self.versions.items()]
        if now_texts:
            _offer(
                self,
                "map_version",
                [(NOW, now_label), *saved],
                or_before=next(iter(self.versions), None),
            )
        else:
            _offer(self, "map_version", saved)
        self.initial.setdefault("map_version", NOW if now_texts else None)
        self.initial.setdefault("seen_on", timezone.localdate())

    def chosen_version(self) -> MapVersion | None:
        """The saved version chosen, or None for "as they are now"."""
        return self.versions.get(self.cleaned_data["map_version"])


class AgreementForm(VersionedForm):
    agreed_on = _past_date("When did they agree to their role?")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("agreed_on", timezone.localdate())


class CheckForm(GovukForm):
    check_type = forms.ChoiceField(
        label="Which check?",
        widget=GovukRadioSelect(),
        error_messages={"required": "Select which check was made"},
    )
    checked_on = _past_date("Date of the check")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=CheckOutcome.choices,
        widget=GovukRadioSelect(),
        error_messages={"required": "Select the outcome of the check"},
    )
    checked_by = forms.CharField(
        label="Who made the check?",
        max_length=200,
        help_text="For example: Sam Patel, social worker, or the council's DBS team",
        error_messages={"required": "Enter who made the check"},
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        help_text="Do not write what a check found here if it must stay confidential",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, check_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer(self, "check_type", [(name, name) for name in check_types])


class StorySeenForm(VersionedForm):
    """Which version of the child's Words and Pictures a member saw, and when."""

    story_version = forms.ChoiceField(
        label="Which version of the Words and Pictures did they see?",
        widget=GovukRadioSelect(),
        error_messages={"required": "Select which version they saw"},
    )
    seen_on = _past_date("When did they see it?")

    def __init__(
        self,
        *args: Any,
        versions: list[StoryVersion],
        current: StoryVersion | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.versions = {str(version.uuid): version for version in versions}
        _offer(
            self,
            "story_version",
            [
                (key, f"Version {v.number}, {v.get_status_display().lower()}"
                 + (" (the current one)" if v == current else ""))
                for key, v in self.versions.items()
            ],
        )  # fmt: skip
        if current is not None:
            self.initial.setdefault("story_version", str(current.uuid))

    def chosen_version(self) -> StoryVersion:
        return self.versions[self.cleaned_data["story_version"]]


class MeetingForm(GovukForm):
    held_on = _past_date("Date of the meeting")
    attendees = forms.MultipleChoiceField(
        label="Who from the network came?",
        required=False,
        widget=GovukCheckboxSelectMultiple(),
    )
    staff = forms.MultipleChoiceField(
        label="Which staff came?",
        required=False,
        widget=GovukCheckboxSelectMultiple(small=True),
    )
    agreed = forms.CharField(
        label="What was agreed?",
        help_text="Write it so everyone who came can read it",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what was agreed at the meeting"},
    )
    saw_statements = forms.BooleanField(
        label="We went through the danger statements as they are now at this meeting",
        help_text="Everyone from the network who came will be recorded as having seen them",
        required=False,
    )
    saw_story = forms.BooleanField(
        label="We went through the child's current Words and Pictures at this meeting",
        help_text="Everyone from the network who came will be recorded as having seen it",
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        members: list[NetworkMember],
        staff: list[User],
        has_statements: bool,
        has_story: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.members = {str(member.uuid): member for member in members}
        self.staff_users = {str(user.uuid): user for user in staff}
        _offer(
            self,
            "attendees",
            [
                (key, f"{m.person.full_name} ({m.case_member.description})")
                for key, m in self.members.items()
            ],
        )
        _offer(self, "staff", [(key, u.display_name) for key, u in self.staff_users.items()])
        if not has_statements:
            del self.fields["saw_statements"]
        if not has_story:
            del self.fields["saw_story"]
        self.initial.setdefault("held_on", timezone.localdate())
        attach_plain_language(self, "agreed", audience="parent")

    def chosen_members(self) -> list[NetworkMember]:
        return [self.members[key] for key in self.cleaned_data["attendees"]]

    def chosen_staff(self) -> list[User]:
        return [self.staff_users[key] for key in self.cleaned_data["staff"]]


class RemoveMemberForm(VersionedForm):
    """Confirms taking someone out of the network (the page says what it means)."""
