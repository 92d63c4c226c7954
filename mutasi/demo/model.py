"""The demo's own records (a position of the map, a filled slot, one employee's CSV rows)
and small helpers shared by the region and the people."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class DemoPosition:
    id: str
    unit_id: str
    name: str
    kind: str
    jf_level: str | None
    eselon: str | None
    rank_min: str
    rank_max: str
    education: tuple[str, ...]
    competencies: tuple[str, ...]
    job_family: str
    share: float  # 0 for single-holder posts
    is_sekda: bool = False


@dataclass
class Slot:
    position: DemoPosition
    on_post: int
    headcount: int


@dataclass
class EmployeeRows:
    """One employee and its history rows, as CSV rows by file kind."""

    nip: str
    rows: dict[str, list[tuple[object, ...]]] = field(default_factory=dict)


def _d(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def _shift_years(d: date, years: int) -> date:
    return d.replace(year=d.year + years, day=min(d.day, 28))
