"""Working days on known dates around England and Wales bank holidays (gov.uk/bank-holidays)."""

from __future__ import annotations

import datetime

import pytest

from safetymap.core.working_days import add_working_days, is_working_day, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 11, 23), 1, D(2026, 11, 24)),  # an ordinary Monday
        (D(2026, 11, 27), 1, D(2026, 11, 30)),  # Friday to Monday over a weekend
        # Christmas 2026: Friday 25th, Boxing Day on Saturday moved to Monday 28th.
        (D(2026, 12, 24), 1, D(2026, 12, 29)),
        (D(2026, 12, 24), 4, D(2027, 1, 4)),  # New Year's Day on Friday 1 January 2027
        # A strategy discussion on 14 December 2026: 15 working days skip four bank holidays.
        (D(2026, 12, 14), 15, D(2027, 1, 7)),
        # Christmas 2027 falls on a weekend: both days move to Monday 27 and Tuesday 28.
        (D(2027, 12, 24), 1, D(2027, 12, 29)),
        # Easter 2025 (Good Friday 18 April, Easter Monday 21 April) and 2026 (3 and 6 April).
        (D(2025, 4, 17), 1, D(2025, 4, 22)),
        (D(2026, 4, 2), 1, D(2026, 4, 7)),
        (D(2025, 4, 14), 10, D(2025, 4, 30)),
        # Early and late May, and the August bank holiday.
        (D(2026, 5, 1), 1, D(2026, 5, 5)),
        (D(2026, 5, 22), 1, D(2026, 5, 26)),
        (D(2025, 8, 22), 1, D(2025, 8, 26)),
        (D(2026, 8, 28), 1, D(2026, 9, 1)),
        # Counting back over the late May bank holiday.
        (D(2026, 5, 26), -1, D(2026, 5, 22)),
        (D(2026, 11, 23), 0, D(2026, 11, 23)),
    ],
)
def test_add_working_days(start: datetime.date, days: int, expected: datetime.date) -> None:
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 12, 24), D(2026, 12, 29), 1),
        (D(2026, 12, 14), D(2027, 1, 7), 15),
        (D(2025, 4, 17), D(2025, 4, 22), 1),
        (D(2026, 5, 22), D(2026, 5, 26), 1),
        (D(2026, 11, 23), D(2026, 11, 23), 0),
        (D(2027, 1, 7), D(2026, 12, 14), -15),
    ],
)
def test_working_days_between(start: datetime.date, end: datetime.date, expected: int) -> None:
    assert working_days_between(start, end) == expected


def test_bank_holidays_and_weekends_are_not_working_days() -> None:
    assert not is_working_day(D(2026, 12, 28))  # Boxing Day (substitute day)
    assert not is_working_day(D(2026, 8, 31))  # late August bank holiday
    assert not is_working_day(D(2026, 11, 28))  # a Saturday
    assert is_working_day(D(2026, 12, 24))
