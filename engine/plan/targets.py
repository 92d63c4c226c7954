"""Targets and sources of a plan: deficit positions to fill, and who may leave where from
(the cheap screen before pair evaluation)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from engine.outcome import Decision
from engine.plan.explain import unplaced_entry
from engine.plan.model import ADMISSIBLE, PlanReason, Slot, Source, Unplaced
from engine.records import Employee, World


def open_slots(world: World) -> list[Slot]:
    """Positions in deficit, sorted by position id."""
    out = []
    for pid in sorted(world.workloads):
        wl = world.workloads[pid]
        pos = world.positions.get(pid)
        if pos is None or wl.balance >= 0:
            continue
        out.append(Slot(pid, pos.unit_id, -wl.balance))
    return out


def unit_balances(world: World) -> dict[str, int]:
    """Net balance (on post - needed) per unit, over positions that have an ABK."""
    bal: dict[str, int] = defaultdict(int)
    for pid in sorted(world.workloads):
        pos = world.positions.get(pid)
        if pos is not None:
            bal[pos.unit_id] += world.workloads[pid].balance
    return dict(bal)


def source_of(employee: Employee, world: World) -> Source:
    pid = employee.position_id
    pos = world.positions.get(pid) if pid else None
    unit = pos.unit_id if pos else employee.unit_id
    if pos is None:
        return Source(pid, unit, 0, "no_position")
    wl = world.workloads.get(pos.id)
    if wl is None:
        return Source(pid, unit, 0, "no_workload")
    if wl.balance <= 0:
        return Source(pid, unit, 0, "no_surplus")
    return Source(pid, unit, wl.balance, "surplus")


def screen(
    candidates: Mapping[str, Decision], employees: Mapping[str, Employee], world: World
) -> tuple[list[str], list[Unplaced]]:
    """Cheap screen before pair evaluation.

    Returns the NIPs worth pairing (candidate verdict admissible and a surplus to leave
    from) and an ``unplaced`` entry for each candidate-eligible person screened out here.
    """
    keep: list[str] = []
    out: list[Unplaced] = []
    for nip in sorted(candidates):
        d = candidates[nip]
        if d.verdict not in ADMISSIBLE:
            continue
        src = source_of(employees[nip], world)
        if src.status == "surplus":
            keep.append(nip)
        else:
            out.append(unplaced_entry(nip, employees[nip], src, PlanReason(f"origin_{src.status}")))
    return keep, out
