"""The placements a transfer plan changes when the pack changes (`rules impact --run N` on a
plan run): the plan is built again under each pack, in memory, with the recorded run's inputs
(conflicts, training catalogue, fill weight, lottery seed), as `mutasi plan` builds it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine import Decision, Evaluator
from engine.impact import PlacementChange
from engine.plan import PlanResult, PlanSettings, build_plan, open_slots, screen
from engine.records import Employee, World

BATCH = 500


def _plan(ev: Evaluator, world: World, employees: Mapping[str, Employee],
          candidates: Mapping[str, Decision], facts: Mapping[str, dict[str, Any]],
          inputs: Mapping[str, Any]) -> PlanResult:
    keep, _ = screen(candidates, employees, world)
    items = [({"nip": nip, "position_id": slot.position_id},
              ev.pair_facts(employees[nip], world.positions[slot.position_id], world, facts[nip]))
             for nip in keep for slot in open_slots(world)
             if slot.position_id != employees[nip].position_id]
    pairs = {(d.subject["nip"], d.subject["position_id"]): d
             for i in range(0, len(items), BATCH) for d in ev.decide_many("candidate_position", items[i:i + BATCH])}
    settings = PlanSettings(**{k: inputs[k] for k in ("fill_weight", "tie_break_seed") if k in inputs})
    return build_plan(world=world, employees=employees, candidates=candidates, pairs=pairs,
                      conflicts=inputs.get("conflicts") or {},
                      training_catalog=inputs.get("training_catalog") or {}, settings=settings)


def placement_changes(world: World, employees: Mapping[str, Employee],
                      old: tuple[Evaluator, Mapping[str, Decision], Mapping[str, dict[str, Any]]],
                      new: tuple[Evaluator, Mapping[str, Decision], Mapping[str, dict[str, Any]]],
                      inputs: Mapping[str, Any]) -> list[PlacementChange]:
    """People placed differently (or placed under one pack only), sorted by NIP."""
    a = {p.nip: p for p in _plan(old[0], world, employees, old[1], old[2], inputs).placements}
    b = {p.nip: p for p in _plan(new[0], world, employees, new[1], new[2], inputs).placements}
    out = []
    for nip in sorted(set(a) | set(b)):
        pa, pb = a.get(nip), b.get(nip)
        ida = pa.position_id if pa else None
        idb = pb.position_id if pb else None
        if ida == idb:
            continue

        def title(pid: str | None) -> str | None:
            pos = world.positions.get(pid or "")
            return pos.name if pos else pid
        out.append(PlacementChange(nip, employees[nip].name, ida, idb, title(ida), title(idb)))
    return out
