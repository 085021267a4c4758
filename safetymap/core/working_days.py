"""Working days in England and Wales: Monday to Friday, less the bank holidays.

Statutory timescales for child protection meetings are counted in working days. England
and Wales share their bank holidays, so the `holidays` package's England calendar serves
both. Pure functions of dates: no database, no clock.
"""

from __future__ import annotations

import datetime
import functools

import holidays

SATURDAY = 5


@functools.lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < SATURDAY and day not in _bank_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (or before it, for a negative number).

    `start` itself is not counted: 15 working days after a Friday strategy discussion is
    counted from the Monday after it.
    """
    step = 1 if days >= 0 else -1
    day = start
    remaining = abs(days)
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days after `start` `end` is: add_working_days(start, n) == end for
    a working day `end`. Negative when `end` is before `start`."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
