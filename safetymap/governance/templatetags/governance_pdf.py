"""Filters for the subject access PDF.

{{ text|third_party:marks }}        the text escaped, other people's details highlighted
{{ name|third_party_rater:marks }}  a rater's name, highlighted when they are a candidate
{{ "2026-03-03"|iso_date }}         3 March 2026
{{ "2026-03-03T14:15:00+00:00"|iso_datetime }}  3 March 2026 at 2:15pm
{{ event.changes|change_lines }}    [(field, old, new)] for the audit trail
{{ True|yes_no }}                   Yes
{{ "create"|action_label }}         added
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from django import template
from django.forms.utils import pretty_name
from django.utils import timezone
from django.utils.safestring import SafeString

from safetymap.governance.redaction import ThirdParties
from safetymap.govuk.formatting import govuk_date, govuk_datetime

register = template.Library()


@register.filter
def third_party(text: Any, marks: ThirdParties) -> SafeString:
    return marks.mark_html(text)


@register.filter
def third_party_rater(name: Any, marks: ThirdParties) -> SafeString:
    return marks.mark_rater_html(name)


@register.filter
def iso_date(value: Any) -> str:
    if not value:
        return ""
    try:
        return govuk_date(datetime.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


@register.filter
def iso_datetime(value: Any) -> str:
    if not value:
        return ""
    try:
        return govuk_datetime(timezone.localtime(datetime.datetime.fromisoformat(str(value))))
    except ValueError:
        return str(value)


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ACTION_LABELS = {"create": "added", "update": "changed", "remove": "removed"}

# Structured values longer than this (a saved version's copy of the whole map) are not
# printed: the PDF says where to find them instead.
LONGEST_STRUCTURED_VALUE = 600


def _shown(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, default=str)
        if len(text) > LONGEST_STRUCTURED_VALUE:
            return "(A long structured record, such as a copy of the whole map: see the JSON file)"
        return text
    return str(value)


@register.filter
def change_lines(changes: Any) -> list[tuple[str, str, str]]:
    """An audit event's changes as rows: field, old value, new value. Changes are
    {"field": {"old": .., "new": ..}}; other details (an export's format) have no old."""
    if not isinstance(changes, dict):
        return [("", "", _shown(changes))]
    rows = []
    for name, change in changes.items():
        if isinstance(change, dict) and set(change) == {"old", "new"}:
            old, new = _shown(change["old"]), _shown(change["new"])
            # A blank field on a new record says nothing, and a link to another record
            # (its identifier) means nothing to a reader: the JSON file has both.
            if (old or new) and not all(UUID.match(v) for v in (old, new) if v):
                rows.append((pretty_name(name), old, new))
        else:
            rows.append((pretty_name(name), "", _shown(change)))
    return rows


@register.filter
def action_label(action: Any) -> str:
    return ACTION_LABELS.get(str(action), str(action))


@register.filter
def yes_no(value: Any) -> str:
    return "Yes" if value else "No"
