"""CSV exports cannot smuggle a formula into a spreadsheet ("CSV injection")."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from safetymap.core.csv import neutralise_cell, safe_csv_response, write_safe_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://example.org","Click")', '\'=HYPERLINK("http://example.org","Click")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        (-3, "'-3"),
    ],
)
def test_cells_that_could_start_a_formula_get_a_quote_in_front(value, expected):
    assert neutralise_cell(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mum said it only happened once", "Mum said it only happened once"),
        ("Score = 4 out of 10", "Score = 4 out of 10"),
        ("'already quoted", "'already quoted"),
        ("", ""),
        (None, ""),
        (7, "7"),
        (True, "Yes"),
        (False, "No"),
        (datetime.date(2026, 3, 14), "2026-03-14"),
        (datetime.datetime(2026, 3, 14, 16, 5, tzinfo=datetime.UTC), "2026-03-14T16:05:00+00:00"),
    ],
)
def test_ordinary_cells_are_unchanged(value, expected):
    assert neutralise_cell(value) == expected


def read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_writer_neutralises_header_and_every_row():
    stream = io.StringIO()
    write_safe_csv(
        stream,
        ["When", "=Who"],
        [["2026-03-14", "=cmd|' /C calc'!A0"], ['Line one\nline two, with "quotes"', "@x"]],
    )
    assert read_back(stream.getvalue()) == [
        ["When", "'=Who"],
        ["2026-03-14", "'=cmd|' /C calc'!A0"],
        ['Line one\nline two, with "quotes"', "'@x"],
    ]


def test_response_is_a_utf8_attachment_with_every_cell_neutralised():
    response = safe_csv_response(
        "access-to-this-record.csv",
        ["Who", "What they opened"],
        iter([("Sam O’Brien", "=1+1"), ("Chloé", "+call")]),
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="access-to-this-record.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert read_back(text.lstrip("\ufeff")) == [
        ["Who", "What they opened"],
        ["Sam O’Brien", "'=1+1"],
        ["Chloé", "'+call"],
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ('access "list".csv', "accesslist.csv"),
        ("../../etc/passwd", "....etcpasswd.csv"),
        ("report", "report.csv"),
        ("\r\nSet-Cookie: x", "Set-Cookiex.csv"),
        ("", "export.csv"),
    ],
)
def test_file_name_cannot_break_the_header(given, expected):
    response = safe_csv_response(given, ["A"], [])
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
