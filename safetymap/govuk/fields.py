"""Form fields with GOV.UK behaviour and error messages."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name

from .formatting import govuk_date
from .widgets import DATE_PARTS, GovukDateInput

MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

DIGITS = re.compile(r"^\d+$")


def lower_first(text: str) -> str:
    """'Date of birth' -> 'date of birth', but 'NHS number' stays as it is."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


class GovukDateField(forms.Field):
    """A date entered as Day, Month and Year boxes; cleans to a `datetime.date`.

    Error messages follow the GOV.UK Design System's date input guidance, naming the
    date by the field's label (or `error_subject`), for example:

    - "Enter date of birth" (nothing entered, field required)
    - "Date of birth must include a month" / "... must include a day and year"
    - "Date of birth must be a real date"
    - "Year must include 4 numbers"
    - "Date of birth must be today or in the past" (`allow_future=False`)
    - "Date of birth must be the same as or after 1 January 1990" (`min_value`)

    Each message can be replaced through `error_messages` as usual; the keys are
    required, incomplete, invalid, invalid_year, past, future, min_value, max_value.
    Messages use `%(subject)s`, `%(subject_lower)s`, `%(missing)s`, `%(limit)s`.
    Errors know which of day, month and year are wrong, and only those boxes are
    marked red.
    """

    widget = GovukDateInput
    default_error_messages = {
        "required": "Enter %(subject_lower)s",
        "incomplete": "%(subject)s must include a %(missing)s",
        "invalid": "%(subject)s must be a real date",
        "invalid_year": "Year must include 4 numbers",
        "past": "%(subject)s must be today or in the past",
        "future": "%(subject)s must be today or in the future",
        "min_value": "%(subject)s must be the same as or after %(limit)s",
        "max_value": "%(subject)s must be the same as or before %(limit)s",
    }

    def __init__(
        self,
        *,
        error_subject: str | None = None,
        allow_past: bool = True,
        allow_future: bool = True,
        min_value: datetime.date | None = None,
        max_value: datetime.date | None = None,
        **kwargs: Any,
    ) -> None:
        # Arguments a model DateField may pass that make no sense here.
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        super().__init__(**kwargs)
        self.error_subject = error_subject
        self.allow_past = allow_past
        self.allow_future = allow_future
        self.min_value = min_value
        self.max_value = max_value
        self._name_subject: str | None = None

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> Any:
        # Remember the field's name so messages can name the date even with no label.
        self._name_subject = pretty_name(field_name)
        return super().get_bound_field(form, field_name)

    @property
    def subject(self) -> str:
        return str(self.error_subject or self.label or self._name_subject or "Date")

    def _error(
        self, code: str, parts: tuple[str, ...] = DATE_PARTS, **params: Any
    ) -> ValidationError:
        return ValidationError(
            self.error_messages[code],
            code=code,
            params={
                "subject": self.subject,
                "subject_lower": lower_first(self.subject),
                "govuk_parts": parts,
                **params,
            },
        )

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            return self._parse_single(value)
        if isinstance(value, (list, tuple)):
            return self._parse_parts(value)
        raise self._error("invalid")

    def _parse_single(self, value: str) -> datetime.date | None:
        value = value.strip()
        if not value:
            return None
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        raise self._error("invalid")

    def _parse_parts(self, value: list[Any] | tuple[Any, ...]) -> datetime.date | None:
        texts = [str(part).strip() if part is not None else "" for part in value]
        texts = [*texts, "", "", ""][:3]
        if not any(texts):
            return None
        day_text, month_text, year_text = texts

        missing = tuple(part for part, text in zip(DATE_PARTS, texts, strict=True) if not text)
        if missing:
            raise self._error("incomplete", missing, missing=" and ".join(missing))

        wrong: list[str] = []
        day = int(day_text) if DIGITS.match(day_text) else None
        if day is None or not 1 <= day <= 31:
            wrong.append("day")
        if DIGITS.match(month_text):
            month: int | None = int(month_text)
        else:
            month = MONTH_NAMES.get(month_text.lower().rstrip("."))
        if month is None or not 1 <= month <= 12:
            wrong.append("month")
        if not DIGITS.match(year_text):
            wrong.append("year")
        if wrong:
            raise self._error("invalid", tuple(wrong))
        if len(year_text) != 4:
            raise self._error("invalid_year", ("year",))
        assert day is not None and month is not None
        try:
            return datetime.date(int(year_text), month, day)
        except ValueError:
            # For example 31 April or 29 February in a year that is not a leap year.
            raise self._error("invalid") from None

    def validate(self, value: datetime.date | None) -> None:
        if value is None:
            if self.required:
                raise self._error("required")
            return
        today = datetime.date.today()
        if not self.allow_future and value > today:
            raise self._error("past")
        if not self.allow_past and value < today:
            raise self._error("future")
        if self.min_value is not None and value < self.min_value:
            raise self._error("min_value", limit=govuk_date(self.min_value))
        if self.max_value is not None and value > self.max_value:
            raise self._error("max_value", limit=govuk_date(self.max_value))

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            new = self.to_python(data)
        except ValidationError:
            return True
        try:
            old = self.to_python(initial)
        except ValidationError:
            return True
        return old != new
