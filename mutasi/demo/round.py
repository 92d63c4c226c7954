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


VERIFIER = "Tim Penilai Kinerja (demo)"


def demo_circumstances(ranked: Mapping[str, list[str]], unit_place: Mapping[str, str], seed: int,
                       as_of_text: str, include: str | None = None) -> list[tuple[str, ...]]:
    """Declared circumstances (keadaan_pegawai.csv rows) for some round participants: the demo
    employee (``include``) and five others verified by the committee, one more only claimed
    (not verified: their points read "data missing"), everyone else claims nothing.
    ``unit_place``: position id -> region code of its unit. Rows: nip, kind, region code,
    document, verified by, verified on (DD-MM-YYYY)."""
    rng = random.Random(seed + 20)
    nips = sorted(ranked)
    if not nips:
        return []
    others = [n for n in nips if n != include]
    verified = rng.sample(others, min(5, max(1, len(others) // 6)))
    rest = [n for n in others if n not in verified]
    claimed = rest[rng.randrange(len(rest))] if rest else None
    rows: list[tuple[str, ...]] = []
    mine = [include] if include is not None and include in ranked else []
    for i, nip in enumerate(sorted({*verified, *mine})):
        first = unit_place.get(ranked[nip][0], "14.72.01")
        if nip == include or i % 2 == 0:  # the spouse works near the first choice
            rows.append((nip, "tempat_kerja_pasangan", f"{first}.{1001 + i}",
                         f"Surat keterangan kerja suami/istri 800/{100 + i}/2026", VERIFIER, as_of_text))
        else:  # lives in another kecamatan of the city, or outside it
            code = rng.choice(("14.72.03.1004", "14.71.02.1001"))
            rows.append((nip, "domisili", code, f"KTP dan surat keterangan domisili 470/{200 + i}/2026",
                         VERIFIER, as_of_text))
    if claimed:
        rows.append((claimed, "domisili", "14.72.02.1003", "KTP (belum diperiksa tim)", "", ""))
    return sorted(rows)
