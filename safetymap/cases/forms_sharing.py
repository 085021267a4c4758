"""The "Choose what to share" form: one group of checkboxes per part of the record."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField

from safetymap.cases.models import SharedItem
from safetymap.cases.registry import ShareChoices
from safetymap.core.forms import VersionedForm
from safetymap.govuk.formatting import govuk_date
from safetymap.govuk.widgets import GovukCheckboxSelectMultiple

ShareKey = tuple[str, uuid.UUID]
NO_LONGER_THERE = "Something you chose is no longer on the record. Check the list and choose again"


def _value(kind: str, object_uuid: uuid.UUID) -> str:
    return f"{kind}:{object_uuid}"


def shared_note(item: SharedItem) -> str:
    return f"Shared by {item.shared_by.display_name} on {govuk_date(item.created_at)}"


@dataclass
class ChoiceGroup:
    """A group of checkboxes, or None where that part of the record has nothing in it."""

    choices: ShareChoices
    field: BoundField | None


@dataclass
class ChoiceSection:
    title: str
    groups: list[ChoiceGroup]


class ShareChoiceForm(VersionedForm):
    """Tick exactly what the partner professional may read. It carries the share's version,
    so two people changing the same share at once cannot overwrite each other."""

    def __init__(
        self,
        *args: Any,
        groups: list[ShareChoices],
        current: dict[ShareKey, SharedItem],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.names: list[str | None] = []
        for index, group in enumerate(groups):
            if not group.options:
                self.names.append(None)
                continue
            name = f"group_{index}"
            values = {option.uuid: _value(group.kind, option.uuid) for option in group.options}
            hints = {
                values[object_uuid]: shared_note(item)
                for (kind, object_uuid), item in current.items()
                if kind == group.kind and object_uuid in values
            }
            self.fields[name] = forms.MultipleChoiceField(
                label=group.label,
                required=False,
                choices=[(values[option.uuid], option.text) for option in group.options],
                widget=GovukCheckboxSelectMultiple(hints=hints, small=True),
                error_messages={"invalid_choice": NO_LONGER_THERE},
            )
            self.initial.setdefault(name, list(hints))
            self.names.append(name)

    def sections(self) -> list[ChoiceSection]:
        """The groups under their headings (map columns, scales, documents), in page order."""
        sections: list[ChoiceSection] = []
        for group, name in zip(self.groups, self.names, strict=True):
            if not sections or sections[-1].title != group.section:
                sections.append(ChoiceSection(group.section, []))
            sections[-1].groups.append(ChoiceGroup(group, self[name] if name else None))
        return sections

    def chosen(self) -> set[ShareKey]:
        """Every ticked (kind, uuid)."""
        picked: set[ShareKey] = set()
        for name in self.names:
            for value in self.cleaned_data.get(name, []) if name else []:
                kind, _, object_uuid = value.partition(":")
                picked.add((kind, uuid.UUID(object_uuid)))
        return picked
