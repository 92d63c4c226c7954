"""Workload analysis (ABK, PermenPANRB 1/2020): staff needed, rounding, surplus/deficit. Pure.

staff_needed_exact = sum(completion minutes x yearly volume) / (effective hours x 60).
Arithmetic is exact (fractions) so a rounding boundary such as 2.5 never depends on float noise.
The rounding mode is a parameter and is carried in every result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from engine.records import Position, PositionWorkload

DEFAULT_EFFECTIVE_HOURS = 1250.0  # PermenPANRB 1/2020; guidance before 2020 used 1,300
ROUNDING_MODES = ("down", "nearest", "up")
MINUTES_PER_UNIT = {"menit": 1, "minute": 1, "minutes": 1, "jam": 60, "hour": 60, "hours": 60}


@dataclass(frozen=True)
class AbkTaskRow:
    """One worksheet line: a task of a position, its completion time and yearly volume."""

    position_id: str
    task: str
    completion_time: float
    time_unit: str  # menit / jam
    yearly_volume: float

    @property
    def minutes(self) -> Fraction:
        try:
            factor = MINUTES_PER_UNIT[self.time_unit]
        except KeyError:
            raise ValueError(f"unknown time unit {self.time_unit!r}") from None
        return Fraction(str(self.completion_time)) * factor


@dataclass(frozen=True)
class UnitWorkload:
    """Sum over a unit's positions (each rounded first, as the worksheet does)."""

    unit_id: str
    staff_needed: int
    on_post: int
    rounding: str
    effective_hours: float

    @property
    def balance(self) -> int:
        """Positive = surplus (a source), negative = deficit (a destination)."""
        return self.on_post - self.staff_needed


def staff_needed_exact(
    tasks: Iterable[AbkTaskRow], effective_hours: float = DEFAULT_EFFECTIVE_HOURS
) -> Fraction:
    if effective_hours <= 0:
        raise ValueError("effective working time must be positive")
    total = sum((t.minutes * Fraction(str(t.yearly_volume)) for t in tasks), Fraction(0))
    return total / (Fraction(str(effective_hours)) * 60)


def round_staff(value: Fraction | float, rounding: str) -> int:
    """Round a staff figure: down, nearest (half up) or up."""
    exact = value if isinstance(value, Fraction) else Fraction(str(value))
    if rounding == "down":
        return math.floor(exact)
    if rounding == "up":
        return math.ceil(exact)
    if rounding == "nearest":
        return math.floor(exact + Fraction(1, 2))
    raise ValueError(f"rounding must be one of {', '.join(ROUNDING_MODES)}, not {rounding!r}")


def position_workload(
    position_id: str,
    tasks: Iterable[AbkTaskRow],
    on_post: int,
    effective_hours: float = DEFAULT_EFFECTIVE_HOURS,
    rounding: str = "down",
) -> PositionWorkload:
    exact = staff_needed_exact(tasks, effective_hours)
    return PositionWorkload(
        position_id=position_id,
        staff_needed_exact=float(exact),
        staff_needed=round_staff(exact, rounding),
        rounding=rounding,
        effective_hours=float(effective_hours),
        on_post=on_post,
    )


def workloads(
    tasks: Iterable[AbkTaskRow],
    on_post: Mapping[str, int],
    effective_hours: float = DEFAULT_EFFECTIVE_HOURS,
    rounding: str = "down",
) -> dict[str, PositionWorkload]:
    """PositionWorkload for every position that has ABK tasks, keyed and ordered by position id."""
    by_position: dict[str, list[AbkTaskRow]] = {}
    for task in tasks:
        by_position.setdefault(task.position_id, []).append(task)
    return {
        pid: position_workload(
            pid, by_position[pid], on_post.get(pid, 0), effective_hours, rounding
        )
        for pid in sorted(by_position)
    }


def unit_workloads(
    position_workloads: Mapping[str, PositionWorkload], positions: Mapping[str, Position]
) -> dict[str, UnitWorkload]:
    """Surplus/deficit per unit: sums of its positions' rounded needs and staff on post."""
    needed: dict[str, int] = {}
    staff: dict[str, int] = {}
    modes: set[tuple[str, float]] = set()
    for pid in sorted(position_workloads):
        w = position_workloads[pid]
        unit_id = positions[pid].unit_id
        needed[unit_id] = needed.get(unit_id, 0) + w.staff_needed
        staff[unit_id] = staff.get(unit_id, 0) + w.on_post
        modes.add((w.rounding, w.effective_hours))
    if len(modes) > 1:
        raise ValueError("workloads mix rounding modes or effective hours")
    if not modes:
        return {}
    rounding, hours = next(iter(modes))
    return {
        uid: UnitWorkload(uid, needed[uid], staff[uid], rounding, hours) for uid in sorted(needed)
    }
