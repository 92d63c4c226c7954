"""Plan benchmark: engine.plan.solve on candidates x open positions, checked against an
independent MIP (scipy.optimize.milp / HiGHS) on the full formulation of the same instance.

The instance is synthetic and seeded: candidates sit in surplus positions of a few units,
open positions have deficits of 1-5, a pair is admissible with probability ``density``, and
its value is (score + fill weight) in 1/100 point as engine.plan builds it. The MIP has one
binary per admissible pair and the four constraint families of the plan model (one placement
per candidate, deficit per target, surplus per origin position, net surplus per origin unit);
its optimum must equal the value of the plan solve() returns.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from engine import plan as P

FILL = round(50.0 * P.SCORE_SCALE)  # PlanSettings.fill_weight in 1/100 point


@dataclass
class Instance:
    arcs: list[P._Arc]
    slots: dict[str, int]
    position_caps: dict[str, int]
    unit_caps: dict[str, int]
    origin: dict[str, tuple[str | None, str | None]]


@dataclass
class PlanBenchResult:
    candidates: int
    positions: int
    arcs: int
    slots_open: int
    placed: int
    solve_seconds: float
    objective: int  # sum of pair values of the plan, 1/100 point
    milp_seconds: float
    milp_objective: int
    milp_status: str

    @property
    def optimal(self) -> bool:
        return self.objective == self.milp_objective


def instance(candidates: int, positions: int, density: float, seed: int, units: int = 25) -> Instance:
    rng = random.Random(f"{seed}:plan")
    unit_ids = [f"U{u:02d}" for u in range(units)]
    origins = [f"O{o:04d}" for o in range(max(1, candidates // 12))]
    origin_unit = {o: unit_ids[i % units] for i, o in enumerate(origins)}
    origin: dict[str, tuple[str | None, str | None]] = {}
    per_origin: dict[str, int] = {}
    for c in range(candidates):
        o = rng.choice(origins)
        origin[f"C{c:06d}"] = (o, origin_unit[o])
        per_origin[o] = per_origin.get(o, 0) + 1
    position_caps = {o: max(1, round(k * rng.uniform(0.3, 0.9))) for o, k in sorted(per_origin.items())}
    unit_caps = {u: 0 for u in unit_ids}
    for o, cap in position_caps.items():
        unit_caps[origin_unit[o]] += cap
    unit_caps = {u: round(cap * rng.uniform(0.5, 1.0)) for u, cap in unit_caps.items()}
    slots = {f"P{p:04d}": rng.randint(1, 5) for p in range(positions)}
    arcs = []
    for nip in sorted(origin):
        for pid in slots:
            if rng.random() < density:
                score = round(rng.uniform(0, 100), 2)
                arcs.append(P._Arc(nip, pid, round(score * P.SCORE_SCALE) + FILL))
    return Instance(arcs, slots, position_caps, unit_caps, origin)


def milp_objective(inst: Instance) -> tuple[int, str, float]:
    """Optimum of the full formulation, solved by HiGHS branch and bound (not a flow)."""
    t0 = time.perf_counter()
    rows: dict[tuple[str, str], int] = {}

    def row(kind: str, key: str) -> int:
        return rows.setdefault((kind, key), len(rows))

    r_idx: list[int] = []
    c_idx: list[int] = []
    for j, a in enumerate(inst.arcs):
        q, u = inst.origin[a.nip]
        for kind, key in (("nip", a.nip), ("target", a.position_id), ("origin", q or ""),
                          ("unit", u or "")):
            r_idx.append(row(kind, key))
            c_idx.append(j)
    caps = {"nip": lambda k: 1, "target": inst.slots.__getitem__,
            "origin": lambda k: inst.position_caps.get(k, 0),
            "unit": lambda k: inst.unit_caps.get(k, 0)}
    ub = np.zeros(len(rows))
    for (kind, key), i in rows.items():
        ub[i] = caps[kind](key)
    a_mat = sparse.csr_array((np.ones(len(r_idx)), (r_idx, c_idx)), shape=(len(rows), len(inst.arcs)))
    c = -np.array([a.value for a in inst.arcs], dtype=float)
    res = milp(c, constraints=LinearConstraint(a_mat, -np.inf, ub), integrality=np.ones(len(c)),
               bounds=Bounds(0, 1))
    seconds = time.perf_counter() - t0
    if res.x is None:
        return -1, str(res.message), seconds
    return int(round(-res.fun)), str(res.message), seconds


def bench(candidates: int, positions: int, density: float, seed: int) -> PlanBenchResult:
    inst = instance(candidates, positions, density, seed)
    t0 = time.perf_counter()
    chosen = P.solve(inst.arcs, inst.slots, inst.position_caps, inst.unit_caps, inst.origin)
    solve_s = time.perf_counter() - t0
    objective = sum(a.value for a in chosen)
    m_obj, status, m_s = milp_objective(inst)
    return PlanBenchResult(candidates, positions, len(inst.arcs), sum(inst.slots.values()),
                           len(chosen), solve_s, objective, m_s, m_obj, status)
