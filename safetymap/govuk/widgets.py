"""GOV.UK widgets that Django does not have: the date input, and radios and checkboxes
with hints, dividers and the "none of these" behaviour.

Standard Django widgets need nothing from here: the project's form renderer
(`safetymap.govuk.renderers.GovukFormRenderer`) already draws them as GOV.UK markup.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms

# Private attribute the bound field passes to GovukDateInput to say which of day,
# month and year to mark as wrong. Removed before any attribute is rendered.
ERROR_PARTS_ATTR = "_govuk_error_parts"

DATE_PARTS = ("day", "month", "year")


class GovukDateInput(forms.MultiWidget):
    """Three text boxes, Day, Month and Year, in a fieldset (the GOV.UK date input).

    Use with `safetymap.govuk.fields.GovukDateField`. Pass `autocomplete="bday"` for a
    date of birth so browsers can fill it in.

    The boxes are named `<name>_day`, `<name>_month` and `<name>_year` and have the ids
    `<id>_day`, `<id>_month` and `<id>_year`. For convenience (tests, scripts), a single
    ISO date posted as `<name>` is also accepted when the three boxes are absent.
    """

    template_name = "govuk/widgets/date_input.html"
    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None, *, autocomplete: str = "") -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
            for part in DATE_PARTS
        }
        super().__init__(widgets, attrs)
        self.autocomplete = autocomplete

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, str) and value:
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else ""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        parts = super().value_from_datadict(data, files, name)
        if all(part is None for part in parts) and name in data:
            return data.get(name)
        return parts

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return super().value_omitted_from_data(data, files, name) and name not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = dict(attrs or {})
        error_parts = attrs.pop(ERROR_PARTS_ATTR, ())
        # Widget.get_context, not MultiWidget's: the boxes are built here.
        context = forms.Widget.get_context(self, name, value, attrs)
        if not isinstance(value, (list, tuple)):
            value = self.decompress(value)
        final_attrs = context["widget"]["attrs"]
        id_ = final_attrs.get("id")
        shared = {
            key: final_attrs[key]
            for key in ("required", "disabled", "readonly")
            if key in final_attrs
        }
        subwidgets = []
        for index, (part, widget) in enumerate(zip(DATE_PARTS, self.widgets, strict=True)):
            sub_attrs: dict[str, Any] = dict(shared)
            if id_:
                sub_attrs["id"] = f"{id_}_{part}"
            classes = [
                "govuk-date-input__input",
                "govuk-input--width-4" if part == "year" else "govuk-input--width-2",
            ]
            if part in error_parts:
                classes.append("govuk-input--error")
                sub_attrs["aria-invalid"] = "true"
            sub_attrs["class"] = " ".join(classes)
            if self.autocomplete:
                sub_attrs["autocomplete"] = f"{self.autocomplete}-{part}"
            part_value = value[index] if index < len(value) else None
            sub = widget.get_context(f"{name}_{part}", part_value, sub_attrs)["widget"]
            sub["label"] = part.capitalize()
            subwidgets.append(sub)
        context["widget"]["subwidgets"] = subwidgets
        return context


class _GovukChoiceMixin:
    """Hints under options, dividers ("or") and an exclusive "none" option."""

    hints: Mapping[str, str]
    dividers: Mapping[str, str]
    exclusive: str | None

    def _init_govuk(
        self,
        *,
        hints: Mapping[Any, str] | None,
        dividers: Mapping[Any, str] | None,
        exclusive: Any = None,
    ) -> None:
        self.hints = {str(key): text for key, text in (hints or {}).items()}
        self.dividers = {str(key): text for key, text in (dividers or {}).items()}
        self.exclusive = None if exclusive is None else str(exclusive)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):  # type: ignore[no-untyped-def]
        option = super().create_option(  # type: ignore[misc]
            name, value, label, selected, index, subindex=subindex, attrs=attrs
        )
        key = str(value)
        hint = self.hints.get(key)
        if hint:
            option["hint"] = hint
            if option["attrs"].get("id"):
                option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}-item-hint"
        if key in self.dividers:
            option["divider_before"] = self.dividers[key]
        if self.exclusive is not None and key == self.exclusive:
            option["attrs"]["data-behaviour"] = "exclusive"
        return option


def _with_class(attrs: dict[str, Any] | None, *classes: str) -> dict[str, Any]:
    attrs = dict(attrs or {})
    existing = attrs.get("class", "").split()
    attrs["class"] = " ".join(existing + [c for c in classes if c and c not in existing])
    if not attrs["class"]:
        del attrs["class"]
    return attrs


class GovukRadioSelect(_GovukChoiceMixin, forms.RadioSelect):
    """Radios with optional hints per option, `inline=True` (two short options) and
    `small=True`. `dividers={"unknown": "or"}` puts an "or" divider before that option.
    """

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
        *,
        hints: Mapping[Any, str] | None = None,
        dividers: Mapping[Any, str] | None = None,
        inline: bool = False,
        small: bool = False,
    ) -> None:
        attrs = _with_class(
            attrs,
            "govuk-radios--inline" if inline else "",
            "govuk-radios--small" if small else "",
        )
        super().__init__(attrs, choices)
        self._init_govuk(hints=hints, dividers=dividers)


class GovukCheckboxSelectMultiple(_GovukChoiceMixin, forms.CheckboxSelectMultiple):
    """Checkboxes with optional hints per option and `small=True`.

    `exclusive="none"` makes that option a "none of these" choice that unticks the
    others (GOV.UK Frontend does this with JavaScript; the server must still check).
    Put `dividers={"none": "or"}` with it.
    """

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
        *,
        hints: Mapping[Any, str] | None = None,
        dividers: Mapping[Any, str] | None = None,
        exclusive: Any = None,
        small: bool = False,
    ) -> None:
        attrs = _with_class(attrs, "govuk-checkboxes--small" if small else "")
        super().__init__(attrs, choices)
        self._init_govuk(hints=hints, dividers=dividers, exclusive=exclusive)
