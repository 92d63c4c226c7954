"""Working days: Monday to Friday, minus the pack's dated national holidays and cuti bersama."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def is_working_day(d: date, holidays: Iterable[date] | frozenset[date]) -> bool:
    return d.weekday() < 5 and d not in holidays


def add_working_days(start: date, n: int, holidays: frozenset[date]) -> date:
    """The n-th working day after `start` (the day of the event itself is not counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    d = start
    left = n
    while left > 0:
        d += timedelta(days=1)
        if is_working_day(d, holidays):
            left -= 1
    return d
