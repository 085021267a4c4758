"""Base forms with GOV.UK defaults. Any Django form already renders as GOV.UK markup
through the project's form renderer; these add GOV.UK behaviour on top:

- labels have no colon after them;
- "This field is required." becomes "Enter <label>" (text boxes) or
  "Select <label>" (choices), unless the form gave its own message;
- a plain `DateField` (Django's default text box) becomes a `GovukDateField` with
  Day, Month and Year boxes, keeping its label, hint, required and initial value.

    class MeetingForm(GovukModelForm):
        govuk_label_sizes = {"purpose": "m"}

        class Meta:
            model = Meeting
            fields = ["held_on", "purpose"]
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import pretty_name

from .fields import GovukDateField, lower_first

DJANGO_REQUIRED_MESSAGE = str(forms.Field.default_error_messages["required"])

CHOICE_WIDGETS = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple)


def _is_plain_date_field(field: forms.Field) -> bool:
    widget = field.widget
    return (
        type(field) is forms.DateField
        and type(widget) is forms.DateInput
        and widget.input_type == "text"
        and "type" not in widget.attrs
    )


def govuk_date_field_from(field: forms.DateField) -> GovukDateField:
    """A GovukDateField standing in for a plain DateField."""
    new = GovukDateField(
        required=field.required,
        label=field.label,
        initial=field.initial,
        help_text=field.help_text,
        disabled=field.disabled,
        validators=[v for v in field.validators if v not in forms.DateField.default_validators],
        show_hidden_initial=field.show_hidden_initial,
        localize=field.localize,
    )
    custom = {
        key: message
        for key, message in field.error_messages.items()
        if key not in forms.DateField.default_error_messages
        and key not in forms.Field.default_error_messages
    }
    new.error_messages.update(custom)
    return new


class GovukFormMixin:
    """Mix into any Form or ModelForm (before it) for GOV.UK defaults."""

    govuk_label_sizes: dict[str, str] = {}
    govuk_page_heading: str | None = None
    govuk_mark_optional = True
    govuk_date_fields = True
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            if self.govuk_date_fields and _is_plain_date_field(field):
                field = self.fields[name] = govuk_date_field_from(field)  # type: ignore[arg-type]
            self._govuk_required_message(name, field)

    def _govuk_required_message(self, name: str, field: forms.Field) -> None:
        if str(field.error_messages.get("required", "")) != DJANGO_REQUIRED_MESSAGE:
            return
        if isinstance(field, (forms.BooleanField, GovukDateField)):
            return
        label = lower_first(str(field.label or pretty_name(name)))
        if isinstance(field, forms.FileField) or isinstance(field.widget, CHOICE_WIDGETS):
            field.error_messages["required"] = f"Select {label}"
        else:
            field.error_messages["required"] = f"Enter {label}"


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass
