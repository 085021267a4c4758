"""Dates and times written the GOV.UK way: "3 March 2026", "2:15pm", "midday"."""

from __future__ import annotations

import datetime

from django.utils import dateformat, timezone


def govuk_date(value: datetime.date | datetime.datetime | None, *, weekday: bool = False) -> str:
    """3 March 2026 (or Tuesday 3 March 2026). Aware datetimes are shown in local time."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return dateformat.format(value, "l j F Y" if weekday else "j F Y")


def govuk_time(value: datetime.time | datetime.datetime | None) -> str:
    """2:15pm, 10am, midday, midnight."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.time()
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute:
        return f"{hour}:{value.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def govuk_datetime(value: datetime.datetime | None) -> str:
    """3 March 2026 at 2:15pm."""
    if value is None or value == "":
        return ""
    return f"{govuk_date(value)} at {govuk_time(value)}"
