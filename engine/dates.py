"""Whole-month date arithmetic used by the facts (no wall clock).

``months_between(start, end)`` is the largest n with ``add_months(start, n) <= end``, where
``add_months`` clamps to the month's last day (31 Jan + 1 month = 28/29 Feb).
"""

from __future__ import annotations

import calendar
from datetime import date


def add_months(d: date, n: int) -> date:
    """d + n calendar months, clamped to the last day of the target month."""
    y, m0 = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m0 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months: the largest n with add_months(start, n) <= end (negative when end < start)."""
    # The calendar-month difference lands in end's month, so it is never too small (n + 1
    # lands in the month after end); it is one too large when the day is not yet reached.
    n = (end.year - start.year) * 12 + end.month - start.month
    return n - 1 if add_months(start, n) > end else n


def years_between(start: date, end: date) -> int:
    return months_between(start, end) // 12


def day_number(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()
