"""The plan's optimisation: a min-cost flow over admissible (candidate, position) arcs.

docs/plan-and-review.md has the model, the objective and the tie-break rule in full.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from engine.plan.model import PlanError

_INT64_SAFE = 2**62  # OR-Tools scales costs by about the node count; keep headroom


@dataclass(frozen=True)
class Arc:
    nip: str
    position_id: str
    value: int  # (score + fill_weight) in 1/10,000 point


def solve(
    arcs: list[Arc],
    slots: Mapping[str, int],
    position_caps: Mapping[str, int],
    unit_caps: Mapping[str, int],
    origin: Mapping[str, tuple[str | None, str | None]],
    tie_break: bool = True,
    rank: Mapping[str, int] | None = None,
) -> list[Arc]:
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
    # rank: the tie-break order (the seeded lottery; NIP order when none is given)
    nip_rank = dict(rank) if rank is not None else {n: i for i, n in enumerate(nips)}
    n_assign = min(len(nips), sum(slots.values()))
    max_value = max(abs(a.value) for a in arcs)
    # Tie term t(nip) = len(nips) - rank (drawn earlier, larger term). Over a plan it sums to
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


_Arc = Arc  # the name tests and benchmarks used before the plan became a package
