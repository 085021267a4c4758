"""CSV exports that are safe to open in a spreadsheet.

Spreadsheet programs treat a cell that starts with `=`, `+`, `-` or `@` (or a tab or
carriage return followed by one) as a formula, so text someone typed into a case record
could run a formula, or reach out to another computer, when a manager opens an export
("CSV injection"). Every CSV export in SafetyMap writes through this module:

    return safe_csv_response(
        "access-to-this-record.csv",
        ["When", "Who", "What they opened", "Basis"],
        ([event.occurred_at, event.actor, event.what, event.basis] for event in events),
    )

Any cell starting with one of those characters gets a single quote in front, which
spreadsheets show as text and which a person reading the file can still understand.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

# What a spreadsheet may read as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> str:
    """The value as CSV cell text, with a leading `'` if it could start a formula.

    None becomes an empty cell; dates and times are written in ISO 8601. Numbers are
    written as they are, except negative ones, which are text like any other cell that
    starts with "-" (a spreadsheet still shows them as -3).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        text = value.isoformat()
    else:
        text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_safe_csv(stream: Any, header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> None:
    """Write a header row and rows to a text stream, every cell neutralised."""
    writer = csv.writer(stream, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralise_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])


def safe_csv_response(
    filename: str, header: Sequence[Any], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    """A download of the rows as CSV (UTF-8 with a byte order mark, so Excel reads accents
    and curly quotes correctly), every cell neutralised, never cached."""
    safe_name = "".join(ch for ch in filename if ch.isalnum() or ch in "-_.") or "export.csv"
    if not safe_name.lower().endswith(".csv"):
        safe_name += ".csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    write_safe_csv(response, header, rows)
    return response
