"""Forms for Words and Pictures. The services check everything again; these give the
person filling them in a clear message next to the right box."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.models import CaseMember
from safetymap.core.forms import VersionedForm
from safetymap.documents.inspection import human_size
from safetymap.documents.models import DocumentKind
from safetymap.documents.services import upload_max_bytes
from safetymap.govuk.fields import GovukDateField
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukCheckboxSelectMultiple, GovukRadioSelect
from safetymap.plain_language.widgets import attach_plain_language
from safetymap.words_pictures.models import (
    ParentsAgree,
    ReactionWords,
    StoryKind,
    StoryPanel,
    panel_kind,
    person_label,
    staff_label,
)
from safetymap.words_pictures.selectors import visible_picture
from safetymap.words_pictures.services import Authors, PanelWords

PICTURE_ACCEPT = "image/jpeg,image/png,image/gif,image/webp,.jpg,.jpeg,.png,.gif,.webp"
TEXT_MAX = 5000


# --- Choosing people: someone on the case, or a member of staff -----------------------------


def person_choices(members: Sequence[CaseMember], staff: Sequence[User]) -> list[tuple[str, str]]:
    return [(f"member:{m.uuid}", person_label(m)) for m in members] + [
        (f"staff:{u.uuid}", staff_label(u)) for u in staff
    ]


def person_key(person: CaseMember | User) -> str:
    return f"{'member' if isinstance(person, CaseMember) else 'staff'}:{person.uuid}"


def chosen_people(
    keys: Iterable[str], members: Sequence[CaseMember], staff: Sequence[User]
) -> list[CaseMember | User]:
    by_key: dict[str, CaseMember | User] = {person_key(m): m for m in members}
    by_key.update({person_key(u): u for u in staff})
    return [by_key[key] for key in keys if key in by_key]


class _PeopleMixin:
    members: Sequence[CaseMember]
    staff: Sequence[User]

    def _people(self, keys: Iterable[str]) -> list[CaseMember | User]:
        return chosen_people(keys, self.members, self.staff)


# --- Starting a story ----------------------------------------------------------------------


class StoryStartForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of story is it?",
        choices=StoryKind.choices,
        widget=GovukRadioSelect(
            hints={
                StoryKind.EXPLANATION: "Tells the child who is worried, what about, what "
                "happened and what everyone is doing about it.",
                StoryKind.SAFETY_PLAN: "The child's version of the safety plan: who will keep "
                "them safe, the rules, what they can do and who they can call.",
            }
        ),
        error_messages={"required": "Select what kind of story it is"},
    )
    govuk_label_sizes = {"kind": "m"}


# --- Editing a draft -----------------------------------------------------------------------


@dataclass(frozen=True)
class PanelFields:
    """The boxes for one panel on the edit page."""

    panel: StoryPanel
    show_picture: bool
    text: forms.BoundField
    heading: forms.BoundField | None
    remove: forms.BoundField | None


class VersionEditForm(_PeopleMixin, VersionedForm):
    """Every panel's words in one form (no JavaScript needed), and who wrote it. A draft may
    be saved half-written, so no box is marked "(optional)"."""

    govuk_mark_optional = False

    def __init__(
        self,
        *args: Any,
        panels: Sequence[StoryPanel],
        story_kind: str,
        members: Sequence[CaseMember],
        staff: Sequence[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.panels, self.story_kind = list(panels), story_kind
        self.members, self.staff = members, staff
        for number, panel in enumerate(self.panels, start=1):
            if not panel.is_standard:
                self.fields[f"heading-{panel.uuid}"] = forms.CharField(
                    label=f"{number}. Heading of this panel",
                    max_length=200,
                    required=False,
                    error_messages={"max_length": "Heading must be 200 characters or fewer"},
                )
                self.fields[f"remove-{panel.uuid}"] = forms.BooleanField(
                    label="Take this panel out of the story", required=False
                )
            standard = panel_kind(story_kind, panel.key)
            self.fields[f"text-{panel.uuid}"] = forms.CharField(
                label=f"{number}. {panel.heading}" if panel.is_standard else "Words",
                help_text=standard.hint if standard else "",
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 2 if panel.is_title else 5}),
                error_messages={"max_length": f"Keep it to {TEXT_MAX:,} characters or fewer"},
            )
        self.fields["authors"] = forms.MultipleChoiceField(
            label="Who wrote this version?",
            help_text="Ideally the parents wrote it with the worker, with help from the network.",
            choices=person_choices(members, staff),
            widget=GovukCheckboxSelectMultiple(small=True),
            required=False,
        )
        # Every panel is read to the child.
        attach_plain_language(
            self, *(f"text-{panel.uuid}" for panel in self.panels), audience="child"
        )

    @staticmethod
    def initial_for(
        panels: Sequence[StoryPanel], authors: Iterable[Any], version: int
    ) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": version}
        for panel in panels:
            initial[f"text-{panel.uuid}"] = panel.text
            initial[f"heading-{panel.uuid}"] = panel.heading
        initial["authors"] = [person_key(author.member or author.staff) for author in authors]
        return initial

    def panel_fields(self) -> list[PanelFields]:
        rows = []
        for panel in self.panels:
            extra = not panel.is_standard
            rows.append(
                PanelFields(
                    panel=panel,
                    show_picture=visible_picture(panel),
                    text=self[f"text-{panel.uuid}"],
                    heading=self[f"heading-{panel.uuid}"] if extra else None,
                    remove=self[f"remove-{panel.uuid}"] if extra else None,
                )
            )
        return rows

    def panel_words(self) -> list[PanelWords]:
        data = self.cleaned_data
        return [
            PanelWords(
                panel=panel.uuid,
                text=data.get(f"text-{panel.uuid}", ""),
                heading=data.get(f"heading-{panel.uuid}", ""),
                remove=bool(data.get(f"remove-{panel.uuid}")),
            )
            for panel in self.panels
        ]

    def authors(self) -> Authors:
        people = self._people(self.cleaned_data.get("authors", []))
        return Authors(
            members=[p for p in people if isinstance(p, CaseMember)],
            staff=[p for p in people if isinstance(p, User)],
        )


# --- A picture on a panel ------------------------------------------------------------------


class PictureForm(VersionedForm):
    picture = forms.FileField(
        label="Upload a picture",
        widget=forms.FileInput(attrs={"accept": PICTURE_ACCEPT}),
        error_messages={"required": "Select a picture", "empty": "The selected file is empty"},
        allow_empty_file=True,  # the upload check gives the message, like every refusal
    )
    description = forms.CharField(
        label="What does the picture show?",
        help_text="A few words for anyone who cannot see it. For example, ‘Kian’s drawing of "
        "Mum, Nana and him holding hands’.",
        max_length=300,
        error_messages={
            "required": "Describe the picture, for someone who cannot see it",
            "max_length": "Description must be 300 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Is it a drawing or a photo?",
        choices=[
            (DocumentKind.DRAWING, "A drawing (or a scan of one)"),
            (DocumentKind.PHOTO, "A photo"),
        ],
        widget=GovukRadioSelect(inline=True),
        error_messages={"required": "Select whether it is a drawing or a photo"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["picture"].help_text = (
            f"A JPG, PNG, GIF or WebP picture, smaller than {human_size(upload_max_bytes())}. "
            "Photos are saved without their location, date and camera details."
        )


# --- The parents' view ---------------------------------------------------------------------


class ParentsForm(VersionedForm):
    govuk_label_sizes = {"agree": "m"}

    agree = forms.ChoiceField(
        label="Do the parents agree with this version?",
        choices=[
            (ParentsAgree.YES, "Yes"),
            (ParentsAgree.PARTLY, "Partly"),
            (ParentsAgree.NO, "No"),
        ],
        widget=GovukRadioSelect(
            hints={ParentsAgree.YES: "The story is then kept as it is. Changes need a new version."}
        ),
        error_messages={"required": "Select whether the parents agree"},
    )
    words = forms.CharField(
        label="What did the parents say?",
        help_text="In their own words. If they do not agree with all of it, say which parts "
        "and why.",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    asked_on = GovukDateField(
        label="When did they say this?", help_text="For example, 27 3 2026", allow_future=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("agree") in (ParentsAgree.PARTLY, ParentsAgree.NO)
            and not str(cleaned.get("words", "")).strip()
        ):
            self.add_error(
                "words", "Write what the parents said they do not agree with, in their words"
            )
        return cleaned


# --- Giving it to the child ----------------------------------------------------------------


class GivenForm(_PeopleMixin, VersionedForm):
    given_on = GovukDateField(
        label="When was it given to the child?",
        help_text="For example, 27 3 2026",
        allow_future=False,
    )
    given_by = forms.ChoiceField(
        label="Who gave it to the child?",
        error_messages={"required": "Select who gave the story to the child"},
    )
    child_reaction = forms.CharField(
        label="How did the child react?",
        help_text="Write the child's exact words if you can, or describe what they did.",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reaction_words = forms.ChoiceField(
        label="Whose words are these?",
        choices=ReactionWords.choices,
        widget=GovukRadioSelect(inline=True),
        required=False,
    )

    def __init__(
        self, *args: Any, members: Sequence[CaseMember], staff: Sequence[User], **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("given_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.members, self.staff = members, staff
        given_by: forms.ChoiceField = self.fields["given_by"]  # type: ignore[assignment]
        given_by.choices = [("", "Choose a person"), *person_choices(members, staff)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if str(cleaned.get("child_reaction", "")).strip() and not cleaned.get("reaction_words"):
            self.add_error(
                "reaction_words", "Select whether these are the child's own words or the worker's"
            )
        return cleaned

    def giver(self) -> CaseMember | User:
        return self._people([self.cleaned_data["given_by"]])[0]


# --- Comparing two versions ----------------------------------------------------------------


class CompareForm(GovukForm):
    govuk_mark_optional = False

    def __init__(self, *args: Any, numbers: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(n), f"Version {n}") for n in numbers]
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                error_messages={
                    "required": f"Choose the version to compare {label.lower()}",
                    "invalid_choice": "Choose a version from the list",
                },
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("from") is not None and cleaned.get("from") == cleaned.get("to"):
            self.add_error("to", "Choose two different versions to compare")
        return cleaned


def panel_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError):
        return None
