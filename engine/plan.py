"""Transfer plan: assign eligible candidates to open deficit slots, optimally (pure, no DB).

The model (docs/plan-and-review.md has the long version):

* Targets: every position whose ABK balance is negative; its capacity is the deficit.
* Sources: a candidate may leave only a position with a surplus (balance > 0); at most
  ``surplus`` people leave one position, and at most ``max(0, net balance of the unit)``
  people leave positions of one unit (a unit not in net surplus gives nobody; this counts
  moves inside the unit too, which is conservative and keeps the model a network flow).
* A pair (candidate, position) is admissible when its pair verdict is ``eligible`` or
  ``eligible_through_exception``. ``needs_approval`` and ``data_missing`` pairs are left
  out (a plan must be executable as it stands); they are reported with the reason.
  A pair is also left out when the decision-maker has a family relation with the candidate
  (UU 30/2014 Pasal 42-43).
* Objective: maximise the sum over placements of ``score + fill_weight`` (score =
  Decision.score, rounded to 1/10,000 point), i.e. total score, plus a fixed reward per
  deficit slot filled (the workload-balance term; default 1.0 = the best possible score of
  the national pack, so one more filled slot outweighs any loss of fit elsewhere up to that).
* Tie-break: among plans of equal value, the one whose placed candidates have the smaller
  NIPs wins. It is an integer term added below the score resolution, scaled so that its
  total over any plan is below one unit: it can never beat a real score difference.
* Solver: OR-Tools min-cost flow (exact integer arithmetic) on the sparse network of
  admissible pairs only. Inputs are sorted, so the same data give the same plan.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from ortools.graph.python import min_cost_flow

from engine.outcome import Decision, Outcome, Verdict
from engine.problems import MutasiError
from engine.records import Employee, World

ADMISSIBLE = (Verdict.ELIGIBLE, Verdict.ELIGIBLE_THROUGH_EXCEPTION)
EXPLAIN_TOP = 10  # admissible positions listed for a person not placed
SCORE_SCALE = 10_000  # scores compared in 1/10,000 point (pack scores run 0..1)
_INT64_SAFE = 2**62  # OR-Tools scales costs by about the node count; keep headroom


class PlanError(MutasiError):
    """The solver did not return an optimal plan (should not happen on a feasible model)."""


@dataclass(frozen=True)
class PlanSettings:
    fill_weight: float = 1.0  # points a placement earns for the deficit slot it fills
    tie_break: bool = True


@dataclass(frozen=True)
class Slot:
    position_id: str
    unit_id: str
    capacity: int  # deficit (staff needed - on post)


@dataclass(frozen=True)
class Source:
    """Where a candidate would leave from, and how many may leave it."""

    position_id: str | None
    unit_id: str | None
    position_cap: int  # max(0, surplus of the position); 0 when unknown
    status: str  # "surplus" | "no_surplus" | "no_position" | "no_workload"


@dataclass
class PlanResult:
    placements: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[dict[str, Any]] = field(default_factory=list)
    open_positions: list[dict[str, Any]] = field(default_factory=list)
    workload: list[dict[str, Any]] = field(default_factory=list)
    excluded_pairs: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "placements": self.placements,
            "unplaced": self.unplaced,
            "open_positions": self.open_positions,
            "workload": self.workload,
            "excluded_pairs": self.excluded_pairs,
            "summary": self.summary,
        }


# -- targets and sources ---------------------------------------------------------------


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
) -> tuple[list[str], list[dict[str, Any]]]:
    """Cheap screen before pair evaluation.

    Returns the NIPs worth pairing (candidate verdict admissible and a surplus to leave
    from) and an ``unplaced`` entry for each candidate-eligible person screened out here.
    """
    keep: list[str] = []
    out: list[dict[str, Any]] = []
    for nip in sorted(candidates):
        d = candidates[nip]
        if d.verdict not in ADMISSIBLE:
            continue
        src = source_of(employees[nip], world)
        if src.status == "surplus":
            keep.append(nip)
        else:
            out.append(_unplaced(nip, employees[nip], src, f"origin_{src.status}", {}))
    return keep, out


# -- the model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Arc:
    nip: str
    position_id: str
    value: int  # (score + fill_weight) in 1/100 point


def _score(d: Decision) -> float:
    return float(d.score) if d.score is not None else 0.0


def solve(
    arcs: list[_Arc],
    slots: Mapping[str, int],
    position_caps: Mapping[str, int],
    unit_caps: Mapping[str, int],
    origin: Mapping[str, tuple[str | None, str | None]],
    tie_break: bool = True,
) -> list[_Arc]:
    """Maximise total value subject to the caps; returns the chosen arcs.

    Min-cost flow (OR-Tools, exact int64 arithmetic):
    source -> origin unit (cap: unit cap) -> origin position (cap: its surplus) ->
    candidate (cap 1) -> target position (cost: -value) -> sink (cap: deficit), plus a
    zero-cost source -> sink bypass so that leaving a slot open is always feasible.
    The supply side is a tree and the demand side a partition, so the matrix is totally
    unimodular and the optimal flow is integral.
    """
    if not arcs:
        return []
    nips = sorted({a.nip for a in arcs})
    nip_rank = {n: i for i, n in enumerate(nips)}
    n_assign = min(len(nips), sum(slots.values()))
    max_value = max(abs(a.value) for a in arcs)
    # Tie term t(nip) = len(nips) - rank (smaller NIP, larger term). Over a plan it sums to
    # at most n_assign * len(nips) < k, so scaling values by k keeps one unit of score
    # resolution worth more than any tie-term total.
    k = n_assign * len(nips) + 1
    use_tb = tie_break and k * max_value * (2 * len(nips) + len(slots) + 2) < _INT64_SAFE
    if not use_tb:
        k = 1

    node: dict[tuple[str, str], int] = {("", "source"): 0, ("", "sink"): 1}

    def n(kind: str, key: str) -> int:
        got = node.get((kind, key))
        if got is None:
            got = node[(kind, key)] = len(node)
        return got

    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []

    def arc(t: int, h: int, cap: int, cost: int = 0) -> int:
        tails.append(t)
        heads.append(h)
        caps.append(cap)
        costs.append(cost)
        return len(tails) - 1

    seen_unit: set[str] = set()
    seen_pos: set[str] = set()
    for nip in nips:
        o_pos, o_unit = origin[nip]
        u, q = o_unit or "", o_pos or ""
        if u not in seen_unit:
            seen_unit.add(u)
            arc(0, n("unit", u), unit_caps.get(u, 0))
        if q not in seen_pos:
            seen_pos.add(q)
            arc(n("unit", u), n("origin", q), position_caps.get(q, 0))
        arc(n("origin", q), n("nip", nip), 1)
    pair_arc = []
    for a in arcs:
        tb = len(nips) - nip_rank[a.nip] if use_tb else 0
        pair_arc.append(arc(n("nip", a.nip), n("target", a.position_id), 1,
                            -(a.value * k + tb)))
    for pid in sorted(slots):
        arc(n("target", pid), 1, slots[pid])
    supply = sum(slots.values())
    arc(0, 1, supply)

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int64), np.array(heads, dtype=np.int64),
        np.array(caps, dtype=np.int64), np.array(costs, dtype=np.int64),
    )
    flow.set_node_supply(0, supply)
    flow.set_node_supply(1, -supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise PlanError(f"min-cost flow status {status}")
    flows = flow.flows(np.array(pair_arc, dtype=np.int64))
    return [a for a, f in zip(arcs, flows, strict=True) if f > 0]


# -- the plan ----------------------------------------------------------------------------


def build_plan(
    *,
    world: World,
    employees: Mapping[str, Employee],
    candidates: Mapping[str, Decision],
    pairs: Mapping[tuple[str, str], Decision],
    conflicts: Mapping[str, str] | None = None,
    training_catalog: Mapping[str, str] | None = None,
    settings: PlanSettings | None = None,
) -> PlanResult:
    """The optimal plan with its explanations.

    ``candidates``: candidate-scope decisions by NIP (everyone considered).
    ``pairs``: pair decisions by (nip, position_id) for the screened candidates x open slots.
    ``conflicts``: NIP -> family relation of the decision-maker with that person.
    ``training_catalog``: competency -> training name.
    """
    settings = settings or PlanSettings()
    conflicts = conflicts or {}
    catalog = training_catalog or {}
    slots = {s.position_id: s for s in open_slots(world)}
    ubal = unit_balances(world)
    unit_caps = {u: max(0, b) for u, b in ubal.items()}
    keep, screened_out = screen(candidates, employees, world)
    paired = set(keep) | {n for n, _ in pairs}
    sources = {nip: source_of(employees[nip], world) for nip in sorted(paired)}
    position_caps = {s.position_id: s.position_cap for s in sources.values() if s.position_id}

    fill = round(settings.fill_weight * SCORE_SCALE)
    arcs: list[_Arc] = []
    excluded: list[dict[str, Any]] = []
    by_nip: dict[str, list[tuple[str, Decision]]] = defaultdict(list)
    by_pos: dict[str, list[tuple[str, Decision]]] = defaultdict(list)
    for nip, pid in sorted(pairs):
        d = pairs[(nip, pid)]
        by_nip[nip].append((pid, d))
        by_pos[pid].append((nip, d))
        src = sources[nip]
        if pid not in slots or pid == src.position_id or src.status != "surplus":
            continue
        if d.verdict not in ADMISSIBLE:
            continue
        if nip in conflicts:
            excluded.append(
                {"nip": nip, "position_id": pid, "reason": "conflict_of_interest",
                 "relation": conflicts[nip]}
            )
            continue
        value = round(_score(d) * SCORE_SCALE) + fill
        arcs.append(_Arc(nip, pid, value))

    origin = {nip: (s.position_id, s.unit_id) for nip, s in sources.items()}
    chosen = solve(
        arcs,
        {p: s.capacity for p, s in slots.items()},
        position_caps,
        unit_caps,
        origin,
        settings.tie_break,
    )
    placed = {a.nip: a.position_id for a in chosen}
    filled: dict[str, list[str]] = defaultdict(list)
    for a in chosen:
        filled[a.position_id].append(a.nip)
    arc_ok = {(a.nip, a.position_id) for a in arcs}
    used_pos = Counter(sources[a.nip].position_id for a in chosen)
    used_unit = Counter(sources[a.nip].unit_id for a in chosen)
    capped = {
        nip for nip, s in sources.items() if nip not in placed and s.status == "surplus"
        and (used_pos[s.position_id] >= s.position_cap
             or used_unit[s.unit_id] >= unit_caps.get(s.unit_id or "", 0))
    }

    # admissible candidates per position, best first (score desc, NIP asc): runner-ups
    ranked = {
        pid: sorted(((n, d) for n, d in lst if (n, pid) in arc_ok),
                    key=lambda t: (-_score(t[1]), t[0]))
        for pid, lst in by_pos.items() if pid in filled
    }
    result = PlanResult(excluded_pairs=excluded)
    for a in sorted(chosen, key=lambda a: (a.position_id, a.nip)):
        result.placements.append(
            _placement(a, pairs, employees, world, sources, ranked, placed, catalog)
        )
    result.unplaced = sorted(
        screened_out
        + _unplaced_after(sources, by_nip, arc_ok, placed, filled, conflicts, employees, pairs,
                          capped, unit_caps),
        key=lambda u: u["nip"],
    )
    result.open_positions = _open_positions(slots, filled, by_pos, arc_ok, placed, pairs, capped)
    result.workload = workload_table(world, chosen, sources)
    verdicts = Counter(d.verdict.value for d in candidates.values())
    result.summary = {
        "candidates": len(candidates),
        "candidate_verdicts": dict(sorted(verdicts.items())),
        "pairs_evaluated": len(pairs),
        "pairs_admissible": len(arcs),
        "slots_open_before": sum(s.capacity for s in slots.values()),
        "slots_filled": len(chosen),
        "total_score": round(sum(_score(pairs[(a.nip, a.position_id)]) for a in chosen), 4),
        "objective": {
            "per_placement": "score + fill_weight",
            "fill_weight": settings.fill_weight,
            "score_resolution": 1 / SCORE_SCALE,
            "origin_caps": "position: its surplus; unit: max(0, net balance), all moves out",
            "tie_break": "smaller NIP preferred among equal-value plans",
        },
    }
    return result


def _reason_points(d: Decision) -> list[dict[str, Any]]:
    out = []
    for r in d.reasons:
        if r.kind == "score":
            contrib = None if r.points is None or r.weight is None else r.points * r.weight
            out.append(
                {"criterion_id": r.criterion_id, "title": dict(r.title), "points": r.points,
                 "weight": r.weight, "contribution": contrib, "outcome": r.outcome.value}
            )
    return out


def _criteria(d: Decision) -> list[dict[str, Any]]:
    return [
        {"criterion_id": r.criterion_id, "kind": r.kind, "outcome": r.outcome.value,
         "title": dict(r.title), "legal_basis": [dict(b) for b in r.legal_basis]}
        for r in d.reasons
        if r.kind != "score"
    ]


def competency_gaps(d: Decision, employee: Employee, world: World, position_id: str) -> list[str]:
    """The pair's ``competency_gaps`` fact as the engine read it; else required - held."""
    for r in d.reasons:
        if "competency_gaps" in r.facts_read and r.facts_read["competency_gaps"] is not None:
            return sorted(r.facts_read["competency_gaps"])
    pos = world.positions.get(position_id)
    if pos is None:
        return []
    return sorted(set(pos.required_competencies) - set(employee.competencies))


def _placement(
    a: _Arc,
    pairs: Mapping[tuple[str, str], Decision],
    employees: Mapping[str, Employee],
    world: World,
    sources: Mapping[str, Source],
    ranked: Mapping[str, list[tuple[str, Decision]]],
    placed: Mapping[str, str],
    catalog: Mapping[str, str],
) -> dict[str, Any]:
    d = pairs[(a.nip, a.position_id)]
    src = sources[a.nip]
    gaps = competency_gaps(d, employees[a.nip], world, a.position_id)
    return {
        "nip": a.nip,
        "name": employees[a.nip].name,
        "position_id": a.position_id,
        "unit_id": world.positions[a.position_id].unit_id,
        "from_position_id": src.position_id,
        "from_unit_id": src.unit_id,
        "verdict": d.verdict.value,
        "score": d.score,
        "score_breakdown": _reason_points(d),
        "criteria": _criteria(d),
        "runner_up": _runner_up(a, pairs, ranked, placed),
        "competency_gaps": gaps,
        "training": [
            {"competency": g, "training": catalog.get(g), "in_catalog": g in catalog}
            for g in gaps
        ],
    }


def _runner_up(
    a: _Arc,
    pairs: Mapping[tuple[str, str], Decision],
    ranked: Mapping[str, list[tuple[str, Decision]]],
    placed: Mapping[str, str],
) -> dict[str, Any] | None:
    """Best other admissible candidate for this position (score desc, NIP asc)."""
    nip, d = next(
        ((n, d) for n, d in ranked.get(a.position_id, []) if placed.get(n) != a.position_id),
        ("", None),
    )
    if d is None:
        return None
    mine = _score(pairs[(a.nip, a.position_id)])
    diff = round(mine - _score(d), 6)
    if nip in placed:
        why = "placed_elsewhere"
    elif diff > 0:
        why = "lower_score"
    elif diff == 0:
        why = "tie_smaller_nip_preferred" if a.nip < nip else "tie_plan_total"
    else:
        # Higher score but not taken: the origin cap (surplus) was used by others, or
        # taking them would lower the plan's total.
        why = "origin_cap_or_plan_total"
    return {"nip": nip, "score": d.score, "difference": diff, "why": why,
            "placed_at": placed.get(nip)}


def _unplaced(
    nip: str, emp: Employee, src: Source, reason: str, detail: dict[str, Any]
) -> dict[str, Any]:
    return {"nip": nip, "name": emp.name, "from_position_id": src.position_id,
            "from_unit_id": src.unit_id, "reason": reason, "detail": detail}


def _deciding_counts(decisions: Iterable[Decision]) -> dict[str, int]:
    c: Counter[str] = Counter()
    for d in decisions:
        for cid in d.deciding:
            c[cid] += 1
    return dict(sorted(c.items()))


def _unplaced_after(
    sources: Mapping[str, Source],
    by_nip: Mapping[str, list[tuple[str, Decision]]],
    arc_ok: set[tuple[str, str]],
    placed: Mapping[str, str],
    filled: Mapping[str, list[str]],
    conflicts: Mapping[str, str],
    employees: Mapping[str, Employee],
    pairs: Mapping[tuple[str, str], Decision],
    capped: set[str],
    unit_caps: Mapping[str, int],
) -> list[dict[str, Any]]:
    out = []
    placed_from: dict[str, list[str]] = defaultdict(list)
    for n in sorted(placed):
        placed_from[sources[n].position_id or ""].append(n)
    for nip in sorted(sources):
        if nip in placed:
            continue
        src = sources[nip]
        emp = employees[nip]
        if src.status != "surplus":
            out.append(_unplaced(nip, emp, src, f"origin_{src.status}", {}))
            continue
        mine = [(pid, d) for pid, d in by_nip.get(nip, []) if pid != src.position_id]
        ok = [pid for pid, _ in mine if (nip, pid) in arc_ok]
        if nip in conflicts and any(d.verdict in ADMISSIBLE for _, d in mine):
            out.append(_unplaced(nip, emp, src, "conflict_of_interest",
                                 {"relation": conflicts[nip]}))
        elif not ok:
            verdicts = Counter(d.verdict.value for _, d in mine)
            out.append(_unplaced(nip, emp, src, "no_admissible_position", {
                "pair_verdicts": dict(sorted(verdicts.items())),
                "deciding": _deciding_counts(d for _, d in mine),
            }))
        else:
            left_same_origin = placed_from.get(src.position_id or "", [])
            best = sorted(
                ok, key=lambda pid: (-_score(pairs[(nip, pid)]), pid)
            )
            # capped: the surplus of the person's position or unit went to others placed
            # with a higher plan value; otherwise leaving them out gave a higher total.
            out.append(_unplaced(nip, emp, src,
                                 "origin_cap_reached" if nip in capped else "not_selected", {
                "admissible_count": len(best),
                "admissible_positions": [  # the best few, enough to explain
                    {"position_id": pid, "score": pairs[(nip, pid)].score,
                     "filled_by": filled.get(pid, [])}
                    for pid in best[:EXPLAIN_TOP]
                ],
                "others_leaving_same_position": left_same_origin,
                "position_cap": src.position_cap,
                "unit_cap": unit_caps.get(src.unit_id or "", 0),
            }))
    return out


def _open_positions(
    slots: Mapping[str, Slot],
    filled: Mapping[str, list[str]],
    by_pos: Mapping[str, list[tuple[str, Decision]]],
    arc_ok: set[tuple[str, str]],
    placed: Mapping[str, str],
    pairs: Mapping[tuple[str, str], Decision],
    capped: set[str],
) -> list[dict[str, Any]]:
    out = []
    for pid in sorted(slots):
        s = slots[pid]
        left = s.capacity - len(filled.get(pid, []))
        if left <= 0:
            continue
        evaluated = by_pos.get(pid, [])
        admissible = [nip for nip, _ in evaluated if (nip, pid) in arc_ok]
        detail: dict[str, Any]
        if not evaluated:
            reason, detail = "no_candidate_evaluated", {}
        elif not admissible:
            reason = "no_admissible_candidate"
            detail = {
                "pair_verdicts": dict(sorted(Counter(d.verdict.value for _, d in evaluated).items())),
                "deciding": _deciding_counts(d for _, d in evaluated),
            }
        else:
            reason = "admissible_candidates_used_elsewhere"
            detail = {"admissible": [
                {"nip": n, "placed_at": placed.get(n), "score": pairs[(n, pid)].score,
                 "status": "placed_elsewhere" if n in placed
                 else "origin_cap_reached" if n in capped else "not_selected"}
                for n in sorted(admissible)
            ]}
        out.append({"position_id": pid, "unit_id": s.unit_id, "deficit": s.capacity,
                    "filled": len(filled.get(pid, [])), "still_open": left,
                    "reason": reason, "detail": detail})
    return out


def workload_table(
    world: World, chosen: Iterable[_Arc], sources: Mapping[str, Source]
) -> list[dict[str, Any]]:
    """Per unit: staff needed, on post before/after, moves in/out (ABK positions only)."""
    needed: dict[str, int] = defaultdict(int)
    before: dict[str, int] = defaultdict(int)
    for pid in sorted(world.workloads):
        pos = world.positions.get(pid)
        if pos is None:
            continue
        needed[pos.unit_id] += world.workloads[pid].staff_needed
        before[pos.unit_id] += world.workloads[pid].on_post
    moves_in: dict[str, int] = defaultdict(int)
    moves_out: dict[str, int] = defaultdict(int)
    for a in chosen:
        to_unit = world.positions[a.position_id].unit_id
        from_unit = sources[a.nip].unit_id or ""
        if to_unit != from_unit:
            moves_in[to_unit] += 1
            moves_out[from_unit] += 1
    rows = []
    for u in sorted(set(needed) | set(moves_in) | set(moves_out)):
        after = before[u] + moves_in[u] - moves_out[u]
        unit = world.units.get(u)
        rows.append({
            "unit_id": u, "unit_name": unit.name if unit else None,
            "staff_needed": needed[u], "on_post_before": before[u],
            "moves_in": moves_in[u], "moves_out": moves_out[u], "on_post_after": after,
            "balance_before": before[u] - needed[u], "balance_after": after - needed[u],
        })
    return rows


def outcome_counts(d: Decision) -> dict[str, int]:
    """Criterion outcomes of a decision by kind (for summaries)."""
    return dict(sorted(Counter(r.outcome.value for r in d.reasons
                               if r.outcome != Outcome.NOT_APPLICABLE).items()))
