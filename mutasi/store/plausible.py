"""Plausibility of one parsed row: dates in an order life allows, numbers within ranges.

Runs after the cell parsers and the row checks of rows.py (which own formats, NIP
agreement and birth < TMT CPNS <= TMT PNS). A value here can be well-formed and still
impossible: a TMT jabatan before the birth date, an SKP score of 1e308, a headcount of 10^12.
Ranges are documented in docs/input-formats.md ("Plausibility"); nothing here reads the
clock, so the same file gets the same answer on any day.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

from engine.workload import DEFAULT_EFFECTIVE_HOURS

Finding = tuple[str, str, str]  # (field, code, message), as rows.RowCheck returns

DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2199, 12, 31)
# Field -> (low, high), both inclusive, per file kind.
RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "positions": {"headcount": (0, 100_000)},
    "employees": {"potential_score": (0, 100), "related_experience_months": (0, 1200)},
    "skp": {"score": (0, 120)},
    "education": {"graduation_year": (1900, 2199)},
    "training": {"year": (1900, 2199), "hours": (0, 10_000)},
    "competencies": {"level": (0, 10)},
    # A task takes at most the effective working time of a year (PermenPANRB 1/2020).
    "abk": {"completion_time": (0, DEFAULT_EFFECTIVE_HOURS * 60), "yearly_volume": (0, 10_000_000)},
    "preferences": {"rank": (1, 1000)},
}
# Employee dates that cannot lie before the birth date, nor (but TMT CPNS itself) before TMT CPNS.
_AFTER_BIRTH = ("tmt_cpns", "tmt_pns", "tmt_golongan", "tmt_jabatan", "jpt_inauguration_date")
_AFTER_CPNS = ("tmt_golongan", "tmt_jabatan", "jpt_inauguration_date")
_LABEL = {"tmt_cpns": "TMT CPNS", "tmt_pns": "TMT PNS", "tmt_golongan": "TMT golongan",
          "tmt_jabatan": "TMT jabatan", "jpt_inauguration_date": "JPT inauguration date",
          "birth_date": "birth date"}


def _numbers(kind: str, v: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    for name in sorted(RANGES.get(kind, {})):
        x = v.get(name)
        if x is None or isinstance(x, bool):
            continue
        lo, hi = RANGES[kind][name]
        if isinstance(x, float) and not math.isfinite(x):
            out.append((name, "MUT-D040", f"{x} is not a number"))
        elif not lo <= x <= hi:
            out.append((name, "MUT-D040", f"{x:g} is outside the plausible range {lo:g}..{hi:g}"))
    return out


def _dates(v: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    for name, x in v.items():  # plausibility() sorts what is found
        if isinstance(x, date) and not DATE_MIN <= x <= DATE_MAX:
            out.append((name, "MUT-D021", f"{x.isoformat()} is outside the plausible dates "
                        f"{DATE_MIN.year}-{DATE_MAX.year}"))
    return out


def check_employee_dates(v: dict[str, Any]) -> list[Finding]:
    """Every TMT after the birth date; golongan, jabatan, inauguration not before TMT CPNS;
    the NIP's TMT CPNS month (digits 13-14) a real month even when TMT CPNS is not on file."""
    out: list[Finding] = []
    birth, cpns = v.get("birth_date"), v.get("tmt_cpns")
    for name in _AFTER_BIRTH:
        x = v.get(name)
        if name == "tmt_cpns":
            continue  # rows.check_employee reports birth < TMT CPNS (MUT-D022)
        if birth is not None and x is not None and x <= birth:
            out.append((name, "MUT-D022", f"{_LABEL[name]} {x.isoformat()} is not after the "
                        f"birth date {birth.isoformat()}"))
        elif cpns is not None and x is not None and name in _AFTER_CPNS and x < cpns:
            out.append((name, "MUT-D022", f"{_LABEL[name]} {x.isoformat()} is before TMT CPNS "
                        f"{cpns.isoformat()}"))
    nip = v.get("nip")
    if isinstance(nip, str) and len(nip) == 18 and cpns is None:
        year, month = int(nip[8:12]), int(nip[12:14])
        if not 1 <= month <= 12 or not DATE_MIN.year <= year <= DATE_MAX.year:
            out.append(("nip", "MUT-D012", f"NIP {nip}: digits 9-14 ({nip[8:12]}-{nip[12:14]}) "
                        "are not the year and month of a TMT CPNS"))
    return out


def check_abk_time(v: dict[str, Any]) -> list[Finding]:
    """In hours, a task takes at most a year's effective hours (in minutes: RANGES)."""
    t = v.get("completion_time")
    if v.get("time_unit") == "jam" and isinstance(t, float) and t > DEFAULT_EFFECTIVE_HOURS:
        return [("completion_time", "MUT-D040",
                 f"{t:g} hours is more than a year's {DEFAULT_EFFECTIVE_HOURS:g} effective hours")]
    return []


CHECKS: dict[str, Callable[[dict[str, Any]], list[Finding]]] = {
    "employees": check_employee_dates,
    "abk": check_abk_time,
}


def plausibility(kind: str, v: dict[str, Any]) -> list[Finding]:
    """Findings for one parsed row of a file of ``kind``, sorted by field."""
    out = _numbers(kind, v) + _dates(v)
    check = CHECKS.get(kind)
    if check is not None:
        out += check(v)
    return sorted(out)
