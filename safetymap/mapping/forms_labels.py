"""The form a council administrator uses to change the map's wording for one service level."""

from __future__ import annotations

from typing import Any

from django import forms

from safetymap.cases.models import ServiceLevel
from safetymap.core.forms import VersionedForm
from safetymap.mapping.labels import DEFAULT_LABELS, LABEL_FIELDS

MAX_LABEL_LENGTH = {False: 120, True: 500}


class LabelSetForm(VersionedForm):
    """One field per label; blank means 'use the default', which each field's hint shows."""

    govuk_mark_optional = False

    def __init__(self, *args: Any, service_level: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        defaults = DEFAULT_LABELS[ServiceLevel(service_level)]
        for label_field in LABEL_FIELDS:
            limit = MAX_LABEL_LENGTH[label_field.long]
            self.fields[label_field.key] = forms.CharField(
                label=label_field.description,
                help_text=f"Default: {defaults[label_field.key]}",
                required=False,
                max_length=limit,
                widget=forms.Textarea(attrs={"rows": 3}) if label_field.long else forms.TextInput(),
                error_messages={
                    "max_length": f"{label_field.description} must be {limit} characters or fewer"
                },
            )

    def labels(self) -> dict[str, str]:
        return {field.key: self.cleaned_data.get(field.key, "") for field in LABEL_FIELDS}


def differing_labels(service_level: str, overrides: dict[str, str]) -> list[str]:
    """The descriptions of the labels a council has worded differently from the default."""
    defaults = DEFAULT_LABELS[ServiceLevel(service_level)]
    return [
        field.description
        for field in LABEL_FIELDS
        if (overrides.get(field.key) or "").strip()
        and overrides[field.key].strip() != defaults[field.key]
    ]
