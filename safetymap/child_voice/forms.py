"""Forms for recording a child's session, their words, drawings and who may see them."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from safetymap.child_voice.models import (
    THREE_PARTS,
    Audience,
    Entry,
    Session,
    SessionKind,
    WrittenBy,
    share_field,
)
from safetymap.child_voice.services import TARGET_LABELS, carry_targets
from safetymap.core.forms import VersionedForm
from safetymap.documents.forms import ACCEPT
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukCheckboxSelectMultiple, GovukRadioSelect
from safetymap.mapping.models import DangerStatement

TEXTAREA = forms.Textarea(attrs={"rows": 3})
PATH_CHOICES = [("", "Not asked")] + [(str(n), str(n)) for n in range(11)]


class ChoicesMixin:
    fields: dict[str, forms.Field]

    def _choices(self, name: str) -> forms.ChoiceField:
        """A choice field of this form, to set its choices for this session."""
        return cast(forms.ChoiceField, self.fields[name])


class SessionForm(ChoicesMixin, VersionedForm):
    held_on = GovukDateField(
        label="When was the session?", help_text="For example, 27 3 2026", allow_future=False
    )
    place = forms.CharField(
        label="Where?", help_text="For example, at school, at home, in the car", max_length=200,
        required=False,
    )  # fmt: skip
    parent_told = forms.CharField(
        label="Which parent or carer was told about the session?",
        help_text="Parents are told before the child is seen, wherever it is safe to.",
        max_length=200,
        required=False,
    )
    parent_told_on = GovukDateField(
        label="When were they told?", required=False, allow_future=False
    )
    name_worries = forms.CharField(max_length=100, required=False)
    name_good = forms.CharField(max_length=100, required=False)
    name_dreams = forms.CharField(max_length=100, required=False)
    started_with = forms.ChoiceField(
        label="Where did the child choose to start?", required=False, widget=GovukRadioSelect
    )
    path_position = forms.TypedChoiceField(
        label="Where did the child put themselves on the path?",
        help_text="0 is far from feeling safe, 10 is at the door of the Safety House.",
        choices=PATH_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=GovukRadioSelect(inline=True, small=True),
    )
    path_words = forms.CharField(
        label="What the child said about where they put themselves (optional)",
        required=False,
        widget=TEXTAREA,
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == SessionKind.SAFETY_HOUSE:
            for house in THREE_PARTS:
                del self.fields[f"name_{house}"]
            del self.fields["started_with"]
        else:
            del self.fields["path_position"]
            del self.fields["path_words"]
            defaults = Session(kind=kind)
            for house in THREE_PARTS:
                field = self.fields[f"name_{house}"]
                field.label = f"The child's name for ‘{defaults.house_name(house)}’"
                field.help_text = "Leave blank to keep this name."
            self._choices("started_with").choices = [
                (house, defaults.house_name(house)) for house in THREE_PARTS
            ]


class EntryForm(ChoicesMixin, VersionedForm):
    house = forms.ChoiceField(label="Where did the child put this?", widget=GovukRadioSelect)
    words = forms.CharField(
        label="The child's words",
        help_text="Exactly as the child said or wrote them. Do not correct spelling or grammar.",
        widget=TEXTAREA,
    )
    written_by = forms.ChoiceField(
        label="Who wrote the words down?", choices=WrittenBy.choices, widget=GovukRadioSelect
    )
    terms = forms.CharField(
        label="On what terms may they come in? (optional)",
        help_text="For example, ‘only when Nan is there’.",
        required=False,
        widget=TEXTAREA,
    )
    sharing = forms.ChoiceField(
        label="Who may see these words?",
        choices=[
            ("session", "The same people as the rest of the session"),
            ("own", "The child decided differently for these words"),
        ],
        initial="session",
        widget=GovukRadioSelect,
    )
    audiences = forms.MultipleChoiceField(
        label="If the child decided differently: who may see these words?",
        help_text="Leave all unticked if the child wants nobody outside the team to see them.",
        choices=Audience.choices,
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("house").choices = [
            (part, session.house_name(part)) for part in session.parts
        ]
        if session.kind != SessionKind.SAFETY_HOUSE:
            del self.fields["terms"]

    @staticmethod
    def initial_for(entry: Entry) -> dict[str, Any]:
        own = {a: getattr(entry, share_field(a)) for a in Audience.values}
        decided = any(value is not None for value in own.values())
        return {
            "version": entry.version,
            "house": entry.house,
            "words": entry.words,
            "written_by": entry.written_by,
            "terms": entry.terms,
            "sharing": "own" if decided else "session",
            "audiences": [a for a, value in own.items() if value],
        }

    def entry_values(self) -> dict[str, Any]:
        """What the service takes: the words, and the child's decision for each audience
        (None for 'as the session')."""
        data = self.cleaned_data
        own = data["sharing"] == "own"
        values: dict[str, Any] = {
            name: data[name] for name in ("house", "words", "written_by") if name in data
        }
        values["terms"] = data.get("terms", "")
        for audience in Audience.values:
            values[share_field(audience)] = (audience in data["audiences"]) if own else None
        return values


class ConsentForm(VersionedForm):
    audiences = forms.MultipleChoiceField(
        label="Who did the child agree may see what they said and drew?",
        help_text="Leave all unticked if the child wants nobody outside the team to see it.",
        choices=Audience.choices,
        required=False,
        widget=GovukCheckboxSelectMultiple(
            hints={
                Audience.PARENTS: "Their parents or carers.",
                Audience.NETWORK: "The people in the family's safety network.",
                Audience.CONFERENCE: "A child protection conference or a family meeting.",
                Audience.PROFESSIONALS: "School, health and other services the case is "
                "shared with.",
            }
        ),
    )
    consent_words = forms.CharField(
        label="What the child said about who can see it (optional)",
        required=False,
        widget=TEXTAREA,
    )

    @staticmethod
    def initial_for(session: Session) -> dict[str, Any]:
        return {
            "version": session.version,
            "audiences": [a for a in Audience.values if session.shares_with(a)],
            "consent_words": session.consent_words,
        }


class OverrideForm(ChoicesMixin, GovukForm):
    audience = forms.ChoiceField(
        label="Who must see it?", choices=Audience.choices, widget=GovukRadioSelect
    )
    entry = forms.ChoiceField(label="What must they see?", widget=GovukRadioSelect)
    reason = forms.CharField(
        label="Why must they see it without the child's agreement?",
        help_text="This is kept on the record and shown wherever it is shared. Tell the child "
        "when you can.",
        widget=TEXTAREA,
    )

    def __init__(self, *args: Any, entries: list[Entry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entries = {str(entry.uuid): entry for entry in entries}
        self._choices("entry").choices = [("session", "Everything in this session")] + [
            (key, f"“{entry.words[:80]}”") for key, entry in self.entries.items()
        ]

    @property
    def chosen_entry(self) -> Entry | None:
        return self.entries.get(self.cleaned_data["entry"])


class DrawingForm(ChoicesMixin, GovukForm):
    file = forms.FileField(
        label="Upload a photo or scan of the drawing",
        help_text="A JPG, PNG, GIF or WebP picture, or a PDF. Photos are saved without their "
        "location, date and camera details.",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": "Select a photo or scan of the drawing"},
        allow_empty_file=True,  # the documents service gives the message
    )
    house = forms.ChoiceField(label="Which part is it? (optional)", required=False,
                              widget=GovukRadioSelect)  # fmt: skip
    caption = forms.CharField(
        label="What the child said about it (optional)", required=False, widget=TEXTAREA
    )

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("house").choices = [("", "The whole session")] + [
            (part, session.house_name(part)) for part in session.parts
        ]


class CarryForm(ChoicesMixin, GovukForm):
    """Where on the map the child's words go, and what the worker adds to them."""

    target = forms.ChoiceField(label="Where on the map?", widget=GovukRadioSelect)
    feared_for_child = forms.CharField(
        label="For a danger statement: what are we worried could happen to the child?",
        required=False,
        widget=TEXTAREA,
    )
    danger_statement = forms.ModelChoiceField(
        label="For a goal: which danger statement does it answer?",
        queryset=DangerStatement.objects.none(),
        required=False,
        widget=GovukRadioSelect,
    )
    adults_will = forms.CharField(
        label="For a goal: what will the adults be doing?", required=False, widget=TEXTAREA
    )
    who_will_see = forms.CharField(label="Who will see it?", required=False, max_length=300)
    how_long = forms.CharField(label="For how long?", required=False, max_length=200)

    TARGET_FIELDS = {
        "danger_statement": ("feared_for_child",),
        "goal": ("danger_statement", "adults_will", "who_will_see", "how_long"),
    }

    def __init__(self, *args: Any, entry: Entry, statements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        targets = carry_targets(entry)
        self._choices("target").choices = [(t, TARGET_LABELS[t]) for t in targets]
        if len(targets) == 1:
            self.fields["target"].initial = targets[0]
        wanted = {name for target in targets for name in self.TARGET_FIELDS.get(target, ())}
        for name in [n for n in self.fields if n != "target" and n not in wanted]:
            del self.fields[name]
        if "danger_statement" in self.fields:
            field = self.fields["danger_statement"]
            field.queryset = statements  # type: ignore[attr-defined]
            field.label_from_instance = lambda row: row.statement  # type: ignore[attr-defined]

    def details(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "target"}
