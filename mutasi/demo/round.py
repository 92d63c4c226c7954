"""The demo's voluntary round: seeded rankings for some employees of the demo region, so the
portal shows a round out of the box (`mutasi demo`).

Participants are drawn (random.Random(seed), sorted input) among the people the demo's plan
found eligible somewhere: each ranks up to three offered positions where the plan found them
admissible, in a seeded order; one in four also puts first a position they did not qualify
for, so letters show a choice turned down with its reason. Demo values, not behaviour of
real employees.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping
from typing import Any

PARTICIPANTS = 40
MOST = 3


def demo_rankings(plan: Mapping[str, Any], offered: Collection[str], seed: int,
                  include: str | None = None, size: int = PARTICIPANTS) -> dict[str, list[str]]:
    """NIP -> ranked position ids (best first), from a recorded plan (plan.json)."""
    ok: dict[str, set[str]] = {}
    own: dict[str, str | None] = {}
    for p in plan.get("placements") or []:
        ok.setdefault(str(p["nip"]), set()).add(str(p["position_id"]))
        own[str(p["nip"])] = p.get("from_position_id")
    for u in plan.get("unplaced") or []:
        own.setdefault(str(u["nip"]), u.get("from_position_id"))
        for a in (u.get("detail") or {}).get("admissible_positions") or []:
            ok.setdefault(str(u["nip"]), set()).add(str(a["position_id"]))
    offer = set(offered)
    pool = sorted(n for n, ps in ok.items() if ps & offer)
    rng = random.Random(seed)
    chosen = set(rng.sample(pool, min(size, len(pool))))
    if include in pool and include not in chosen:
        chosen.discard(max(chosen, default=""))
        chosen.add(include)
    out: dict[str, list[str]] = {}
    for nip in sorted(chosen):
        mine = sorted((ok[nip] & offer) - {own.get(nip) or ""})
        rng.shuffle(mine)
        mine = mine[:MOST]
        others = sorted(offer - set(mine) - {own.get(nip) or ""})
        if nip != include and others and rng.random() < 0.25:
            mine.insert(0, rng.choice(others))
        if mine:
            out[nip] = mine
    return out
