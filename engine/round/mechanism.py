"""Employee-proposing deferred acceptance (Gale & Shapley 1962), pure and deterministic.

Each free person proposes to the best position on their list they have not yet proposed
to; each position holds its best ``capacity`` proposals by priority and rejects the rest;
repeat until nobody free has a position left to propose to. The result is stable (no
justified envy) and, for the proposing side, strategy-proof (Dubins & Freedman 1981;
Roth 1982). docs/plan-and-review.md has the long version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# a priority is compared as a tuple, smaller = stronger (e.g. (-points, lottery number))
Priority = tuple[int, ...]


@dataclass(frozen=True)
class Step:
    """One proposal of the run: which pass, who proposed where, and what became of it."""

    number: int  # the pass (1 = everyone's first choice)
    nip: str
    position_id: str
    result: str  # "held" | "rejected" | "displaced" (held earlier, pushed out in this pass)
    by: str | None = None  # who displaced this person ("displaced" only)

    def to_dict(self) -> dict[str, object]:
        return {"pass": self.number, "nip": self.nip, "position_id": self.position_id,
                "result": self.result, "by": self.by}


def deferred_acceptance(
    prefs: Mapping[str, Sequence[str]],
    priority: Mapping[tuple[str, str], Priority],
    capacity: Mapping[str, int],
) -> tuple[dict[str, str], list[Step]]:
    """Assign people to positions. ``prefs``: person -> positions, best first (only those
    the person may be assigned to: eligible, offered). ``priority[(person, position)]``:
    every pair in ``prefs`` must have one, and two people's priorities at a position must
    differ (the lottery guarantees it). Returns person -> position for those assigned,
    and the proposal log in a stable order."""
    nxt = {n: 0 for n in prefs}
    held: dict[str, list[str]] = {p: [] for p in sorted(capacity)}
    free = sorted(n for n in prefs if prefs[n])
    steps: list[Step] = []
    number = 0
    while free:
        number += 1
        proposals: dict[str, list[str]] = {}
        for n in free:
            pid = prefs[n][nxt[n]]
            nxt[n] += 1
            proposals.setdefault(pid, []).append(n)
        free = []
        for pid in sorted(proposals):
            new = proposals[pid]
            cap = capacity.get(pid, 0)
            before = set(held.get(pid, []))
            rank = {n: priority[(n, pid)] for n in held.get(pid, []) + new}
            pool = sorted(rank, key=rank.__getitem__)
            keep, out = pool[:cap], pool[cap:]
            held[pid] = keep
            for n in sorted(new):
                steps.append(Step(number, n, pid, "held" if n in keep else "rejected"))
            pushed = sorted(n for n in out if n in before)
            newcomers = [n for n in keep if n not in before]
            for n in pushed:
                steps.append(Step(number, n, pid, "displaced", newcomers[-1] if newcomers else None))
            free.extend(n for n in out if nxt[n] < len(prefs[n]))
        free.sort()
    return {n: pid for pid in sorted(held) for n in held[pid]}, steps
