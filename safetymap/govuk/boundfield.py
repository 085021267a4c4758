"""The bound field every form gets through GovukFormRenderer.

It knows what GOV.UK needs to draw a field: which kind of component it is, the ids of
its hint and error message, the `aria-describedby` that joins them to the control, the
error modifier classes, label sizes and whether the label is the page heading.

Forms can tune the rendering with class attributes (plain `forms.Form` works too):

    govuk_label_sizes = {"summary": "m"}   # s, m, l or xl for that field's label/legend
    govuk_page_heading = "decision"        # this field's label/legend is the page's <h1>
    govuk_mark_optional = True             # add " (optional)" to optional fields' labels
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator
from django.utils.functional import cached_property

from .widgets import DATE_PARTS, ERROR_PARTS_ATTR, GovukDateInput

BLANK_CHOICE_LABEL = "---------"

# Classes that mark a control as wrong, by kind of field.
ERROR_CLASSES = {
    "input": "govuk-input--error",
    "password": "govuk-input--error",
    "textarea": "govuk-textarea--error",
    "select": "govuk-select--error",
    "file": "govuk-file-upload--error",
}


def widget_kind(widget: forms.Widget) -> str:
    """Which GOV.UK component draws this widget."""
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, GovukDateInput):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, (forms.MultiWidget, forms.SelectDateWidget)):
        return "multi"
    if isinstance(widget, forms.widgets.Input):
        return "input"
    return "other"


def is_blank_choice(value: Any, label: Any) -> bool:
    """Django's "---------" empty choice, which GOV.UK radios leave out."""
    return (value is None or str(value) == "") and str(label) == BLANK_CHOICE_LABEL


def _join_classes(*groups: str) -> str:
    seen: list[str] = []
    for group in groups:
        for name in (group or "").split():
            if name not in seen:
                seen.append(name)
    return " ".join(seen)


class GovukBoundField(BoundField):
    @cached_property
    def govuk_kind(self) -> str:
        return widget_kind(self.field.widget)

    @property
    def govuk_hint_id(self) -> str:
        return f"{self.auto_id}-hint" if self.auto_id else ""

    @property
    def govuk_error_id(self) -> str:
        return f"{self.auto_id}-error" if self.auto_id else ""

    @property
    def aria_describedby(self) -> str | None:
        """GOV.UK ids: `<id>-hint` then `<id>-error`. Goes on the control, or on the
        fieldset for radios, checkboxes and date inputs."""
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(self.govuk_hint_id)
            if self.errors:
                ids.append(self.govuk_error_id)
        return " ".join(ids)

    @property
    def govuk_error_target_id(self) -> str:
        """The id the error summary links to: the first control a user can fix."""
        if not self.auto_id:
            return ""
        kind = self.govuk_kind
        if kind == "date":
            return f"{self.auto_id}_{DATE_PARTS[0]}"
        if kind in ("radios", "checkboxes"):
            return f"{self.auto_id}_{self._first_option_index()}"
        return self.id_for_label or self.auto_id

    def _first_option_index(self) -> str:
        widget = self.field.widget
        choices = widget.choices
        if isinstance(choices, ModelChoiceIterator):
            # Avoid a query: the empty label, if any, is the first choice.
            empty_label = getattr(self.field, "empty_label", None)
            skip_blank = self.govuk_kind == "radios" and str(empty_label) == BLANK_CHOICE_LABEL
            return "1" if skip_blank else "0"
        for index, (value, label) in enumerate(choices):
            if isinstance(label, (list, tuple)):
                return f"{index}_0"
            if self.govuk_kind == "radios" and is_blank_choice(value, label):
                continue
            return str(index)
        return "0"

    @property
    def govuk_error_parts(self) -> tuple[str, ...]:
        """For a date input: which of day, month and year to mark as wrong."""
        parts: list[str] = []
        for error in self.errors.as_data():
            params = error.params or {}
            for part in params.get("govuk_parts", DATE_PARTS):
                if part not in parts:
                    parts.append(part)
        return tuple(part for part in DATE_PARTS if part in parts)

    # Labels -------------------------------------------------------------------------

    @property
    def govuk_is_page_heading(self) -> bool:
        return getattr(self.form, "govuk_page_heading", None) == self.name

    @property
    def govuk_label_size(self) -> str:
        sizes = getattr(self.form, "govuk_label_sizes", None) or {}
        size = sizes.get(self.name, "")
        if not size and self.govuk_is_page_heading:
            return "l"
        return size

    @property
    def govuk_label_text(self) -> str:
        label = str(self.label or "")
        if (
            label
            and not self.field.required
            and getattr(self.form, "govuk_mark_optional", True)
            and self.govuk_kind not in ("checkbox", "hidden")
        ):
            return f"{label} (optional)"
        return label

    # Widget attributes ----------------------------------------------------------------

    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        widget = widget or self.field.widget
        attrs = dict(super().build_widget_attrs(attrs, widget))
        # GOV.UK services validate on the server and show GOV.UK error messages,
        # not the browser's own bubbles.
        attrs.pop("required", None)
        kind = widget_kind(widget)
        extra_classes = []
        if kind == "password":
            extra_classes.append("govuk-password-input__input govuk-js-password-input-input")
            attrs.setdefault("spellcheck", "false")
            attrs.setdefault("autocapitalize", "none")
            if "autocomplete" not in widget.attrs:
                attrs.setdefault("autocomplete", "current-password")
        if self.errors:
            if kind in ERROR_CLASSES:
                extra_classes.append(ERROR_CLASSES[kind])
            if kind == "date":
                attrs[ERROR_PARTS_ATTR] = self.govuk_error_parts
        if extra_classes or "class" in attrs:
            classes = _join_classes(
                str(widget.attrs.get("class", "")), str(attrs.get("class", "")), *extra_classes
            )
            if classes:
                attrs["class"] = classes
        return attrs
