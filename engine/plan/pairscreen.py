"""The pair screen: rule out (candidate, open position) pairs that the full evaluation would
surely judge ``not_eligible``, before their facts are derived and decided (docs/plan-and-review.md,
"Pair screen"). A plan's cost then grows with the pairs that may be admitted, not with
candidates x positions.

Exact by construction: a pair is ruled out only when a *screen criterion* fails for it. A
screen criterion is a requirement of the pair scope, in force, that no in-force exception may
lift; by the verdict policy (engine/policy.py, rule 1) one such failure makes the pair
``not_eligible`` whatever the other criteria say. Its truth is computed by the evaluator's own
backend from the very fact values the full evaluation reads, so it is the same truth:

* early criteria read only candidate and position facts: they are decided once per group of
  candidates with equal values x group of positions with equal values;
* late criteria also read pair facts: those are derived for the pairs the early criteria let
  through and decided once per distinct tuple of values read (memoised).

A requirement fails when its condition is false and it applies (engine/evaluate.py,
``_reason``): a missing value never rules a pair out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.compile import CompiledCriterion
from engine.evaluate import SCOPE_NEST, Evaluator
from engine.fact_schema import FACTS, MISSING_KEY

_SCOPES = SCOPE_NEST["candidate_position"]
_EARLY_SCOPES = ("candidate", "position")


def screen_criteria(ev: Evaluator) -> tuple[list[CompiledCriterion], list[CompiledCriterion]]:
    """(early, late) screen criteria of the evaluator's pack at its as-of date, by id."""
    lifted = {lid for cc in ev.compiled if cc.criterion.kind == "exception"
              and cc.criterion.scope in _SCOPES for lid in cc.criterion.body.get("lifts") or ()}
    early: list[CompiledCriterion] = []
    late: list[CompiledCriterion] = []
    for cc in sorted(ev.compiled, key=lambda c: c.criterion.id):
        c = cc.criterion
        if c.scope != "candidate_position" or c.kind != "requirement" or c.id in lifted:
            continue
        scopes = {FACTS[n].scope if n in FACTS else "?" for n in cc.reads}
        (early if scopes <= set(_EARLY_SCOPES) else late).append(cc)
    return early, late


def _frozen(v: Any) -> Any:
    """A hashable stand-in for a fact value that keeps its type (1, 1.0 and True differ)."""
    if isinstance(v, (list, dict)):
        return ("json", json.dumps(v, sort_keys=True, ensure_ascii=False))
    return (type(v).__name__, v)


def _fails(cc: CompiledCriterion, truth: list[bool | None]) -> bool:
    main, applies = cc.main_truths(truth)
    return bool(main) and main[0] is False and applies is True


@dataclass
class PairScreen:
    """The screen of one plan run (one evaluator, one set of open positions)."""

    ev: Evaluator
    early: list[CompiledCriterion] = field(default_factory=list)
    late: list[CompiledCriterion] = field(default_factory=list)
    _memo: dict[tuple[Any, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, ev: Evaluator) -> PairScreen:
        early, late = screen_criteria(ev)
        return cls(ev, early, late)

    @property
    def criteria(self) -> list[str]:
        return sorted(cc.criterion.id for cc in self.early + self.late)

    def _decide(self, ccs: Sequence[CompiledCriterion], facts: list[dict[str, Any]]) -> list[tuple[str, ...]]:
        """For each facts dict, the ids of the criteria among ``ccs`` that fail, sorted."""
        if not ccs or not facts:
            return [() for _ in facts]
        rows = self.ev.backend.truths_many([cc.criterion.id for cc in ccs], facts)
        return [tuple(cc.criterion.id for cc in ccs if _fails(cc, row[cc.criterion.id])) for row in rows]

    def rule_out_early(self, cand_facts: Mapping[str, Mapping[str, Any]], nips: Sequence[str],
              pos_facts: Mapping[str, Mapping[str, Any]]) -> EarlyScreen:
        """Apply the early criteria to every candidate x position at the cost of the groups:
        each criterion is decided once per (values it reads from the candidate, values it
        reads from the position); candidates are then filtered with set operations."""
        p_reads_all = sorted({n for cc in self.early for n in cc.reads if FACTS[n].scope == "position"})
        pos_by_pg: dict[tuple[Any, ...], list[str]] = {}
        for pid in sorted(pos_facts):
            key = tuple(_frozen(pos_facts[pid].get(n)) for n in p_reads_all)
            pos_by_pg.setdefault(key, []).append(pid)
        everyone = set(nips)
        out = EarlyScreen()
        passing: dict[tuple[Any, ...], set[str]] = {k: set(everyone) for k in pos_by_pg}
        for cc in self.early:
            c_reads = [n for n in cc.reads if FACTS[n].scope == "candidate"]
            groups: dict[tuple[Any, ...], list[str]] = {}
            for nip in nips:
                groups.setdefault(tuple(_frozen(cand_facts[nip].get(n)) for n in c_reads), []).append(nip)
            c_rep = [{n: cand_facts[g[0]].get(n) for n in c_reads} for g in groups.values()]
            for pkey, pids in pos_by_pg.items():
                p_rep = {n: pos_facts[pids[0]].get(n) for n in cc.reads if FACTS[n].scope == "position"}
                verdicts = self._decide([cc], [{**c, **p_rep} for c in c_rep])
                for members, failed in zip(groups.values(), verdicts, strict=True):
                    if not failed:
                        continue
                    passing[pkey].difference_update(members)
                    for nip in members:
                        out.by_nip.setdefault(nip, {})[cc.criterion.id] = \
                            out.by_nip.get(nip, {}).get(cc.criterion.id, 0) + len(pids)
                    for pid in pids:
                        counts = out.by_pos.setdefault(pid, {})
                        counts[cc.criterion.id] = counts.get(cc.criterion.id, 0) + len(members)
        for pkey, pids in pos_by_pg.items():
            ok = passing[pkey]
            out_n = len(everyone) - len(ok)
            for pid in pids:
                out.pairs_out_pos[pid] = out_n
            for nip in everyone - ok:
                out.pairs_out_nip[nip] = out.pairs_out_nip.get(nip, 0) + len(pids)
            for nip in ok:
                out.survivors.setdefault(nip, []).extend(pids)
        for lst in out.survivors.values():
            lst.sort()
        return out

    def late_fails(self, cand: Mapping[str, Any], pos: Mapping[str, Any], pair: Mapping[str, Any]) -> tuple[str, ...]:
        """The late criteria a pair fails, from its three fact parts (as merged: pair facts
        over position facts over candidate facts)."""
        if not self.late:
            return ()
        vals = {}
        for n in sorted({n for cc in self.late for n in cc.reads}):
            vals[n] = pair[n] if n in pair else pos[n] if n in pos else cand.get(n)
        key = tuple(_frozen(v) for v in vals.values())
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = self._decide(self.late, [{**vals, MISSING_KEY: {}}])[0]
        return hit


@dataclass
class EarlyScreen:
    """What the early criteria left: per candidate the open positions it goes on to be paired
    with (sorted), and for the pairs ruled out, counts per candidate and per
    position: pairs ruled out, and pairs each criterion failed (a pair may fail several)."""

    survivors: dict[str, list[str]] = field(default_factory=dict)  # NIP -> position ids, sorted
    pairs_out_nip: dict[str, int] = field(default_factory=dict)
    pairs_out_pos: dict[str, int] = field(default_factory=dict)
    by_nip: dict[str, dict[str, int]] = field(default_factory=dict)  # NIP -> criterion -> pairs
    by_pos: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass
class PairCount:
    """One candidate's or one position's pairs, counted."""

    verdicts: dict[str, int] = field(default_factory=dict)  # evaluated pairs by verdict
    deciding: dict[str, int] = field(default_factory=dict)  # evaluated pairs each criterion decided
    screened: int = 0  # pairs ruled out by the screen
    screened_by: dict[str, int] = field(default_factory=dict)  # pairs each screen criterion failed

    def any(self) -> bool:
        return bool(self.verdicts) or self.screened > 0


def _bump(d: dict[str, int], key: str, n: int = 1) -> None:
    d[key] = d.get(key, 0) + n


@dataclass
class PairTally:
    """Every pair of a plan counted per candidate and per position, whether it was decided
    (its verdict and deciding criteria) or ruled out by the screen (the criteria that failed),
    so that the plan explains people and positions without keeping every pair decision."""

    criteria: list[str] | None = None  # the screen's criteria; None: no screen ran
    by_nip: dict[str, PairCount] = field(default_factory=dict)
    by_pos: dict[str, PairCount] = field(default_factory=dict)
    evaluated: int = 0
    screened: int = 0

    def decided(self, nip: str, pid: str, verdict: str, deciding: Sequence[str],
                count_nip: bool = True) -> None:
        """``count_nip`` False: a pair with the person's own position (not one of their
        options, but a pair of the position's)."""
        self.evaluated += 1
        sides = [self.by_pos.setdefault(pid, PairCount())]
        if count_nip:
            sides.append(self.by_nip.setdefault(nip, PairCount()))
        for c in sides:
            _bump(c.verdicts, verdict)
            for cid in deciding:
                _bump(c.deciding, cid)

    def ruled_out(self, nip: str, pid: str, criteria: Sequence[str]) -> None:
        self.screened += 1
        for c in (self.by_nip.setdefault(nip, PairCount()), self.by_pos.setdefault(pid, PairCount())):
            c.screened += 1
            for cid in criteria:
                _bump(c.screened_by, cid)

    def add_early(self, early: EarlyScreen) -> None:
        for side, totals, by in ((self.by_nip, early.pairs_out_nip, early.by_nip),
                                 (self.by_pos, early.pairs_out_pos, early.by_pos)):
            for key, n in totals.items():
                if n:
                    c = side.setdefault(key, PairCount())
                    c.screened += n
                    for cid, k in by.get(key, {}).items():
                        _bump(c.screened_by, cid, k)
        self.screened += sum(early.pairs_out_pos.values())

    def nip(self, nip: str) -> PairCount:
        return self.by_nip.get(nip) or PairCount()

    def pos(self, pid: str) -> PairCount:
        return self.by_pos.get(pid) or PairCount()
