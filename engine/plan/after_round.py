"""A plan after a voluntary round (the round first; the plan fills what is left): the
round's moves are applied to the organisation before the plan is made (pure, no I/O).

* Each person the round moved counts on post at the position they were admitted to and no
  longer at the one they left: the deficits the round filled are gone, a surplus they left
  shrinks, and a post they left empty becomes a deficit the plan may fill.
* People the round moved are not candidates of the plan (their move is decided).
* The plan records the round it built on (``RoundBasis``: run, its input hash, the hash of
  its recorded round, as-of date, pack and the moves), in its inputs and input hash.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from engine.records import Employee, World


@dataclass(frozen=True)
class RoundMove:
    nip: str
    from_position_id: str | None
    position_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"nip": self.nip, "from_position_id": self.from_position_id,
                "position_id": self.position_id}


@dataclass(frozen=True)
class RoundBasis:
    """The recorded round a plan built on."""

    run: int
    input_hash: str  # the round run's input hash (its header)
    round_hash: str  # leaf hash of the round's recorded `plan` entry in the audit log
    as_of: str
    pack: dict[str, str] = field(default_factory=dict)
    moves: tuple[RoundMove, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"run": self.run, "input_hash": self.input_hash, "round_hash": self.round_hash,
                "as_of": self.as_of, "pack": dict(self.pack),
                "moves": [m.to_dict() for m in sorted(self.moves, key=lambda m: m.nip)]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> RoundBasis:
        return cls(int(d["run"]), str(d.get("input_hash") or ""), str(d.get("round_hash") or ""),
                   str(d.get("as_of") or ""), {str(k): str(v) for k, v in (d.get("pack") or {}).items()},
                   tuple(RoundMove(str(m["nip"]), m.get("from_position_id"), str(m["position_id"]))
                         for m in d.get("moves") or []))


def round_moves(payload: Mapping[str, Any]) -> tuple[RoundMove, ...]:
    """The moves of a recorded round (its `plan` entry), sorted by NIP."""
    out = [RoundMove(str(p["nip"]), p.get("current_position_id"), str(p["assigned_position_id"]))
           for p in payload.get("people") or [] if p.get("assigned_position_id")]
    return tuple(sorted(out, key=lambda m: m.nip))


def world_after_round(world: World, moves: tuple[RoundMove, ...]) -> World:
    """The organisation with the round's moves made (on post counted again)."""
    delta: Counter[str] = Counter()
    for m in moves:
        delta[m.position_id] += 1
        if m.from_position_id:
            delta[m.from_position_id] -= 1
    workloads = {pid: (replace(wl, on_post=wl.on_post + delta[pid]) if delta[pid] else wl)
                 for pid, wl in world.workloads.items()}
    return World(units=world.units, positions=world.positions, workloads=workloads)


def without_movers(employees: Mapping[str, Employee],
                   moves: tuple[RoundMove, ...]) -> dict[str, Employee]:
    """The plan's candidate pool: everyone but the people the round moved."""
    moved = {m.nip for m in moves}
    return {nip: e for nip, e in employees.items() if nip not in moved}
