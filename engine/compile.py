"""Compiling a pack for one as-of date: each criterion in force becomes a CompiledCriterion,
its conditions resolved (parameter values inlined), ready for any backend.

``DOCS_FACT`` is the fact approvals and exceptions read to see whether their document is on
file; it is part of what such a criterion reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from engine.condition_tree import Cond, facts_read, from_json, resolve, to_json
from engine.pack import Criterion, Pack

DOCS_FACT = "round.documents_on_file"
ISSUED_FACT = "round.sk_issued"  # an approval missing on a signed SK is a defect (fail)


@dataclass(frozen=True)
class CompiledCriterion:
    criterion: Criterion
    conds: tuple[Cond, ...]  # resolved (params inlined) conditions the backends evaluate
    fires_on: str  # "F": a firing means false (requirements); "T": a firing means true
    weight: float | None
    reads: tuple[str, ...]  # facts shown in the reason
    # criterion-level applies_when (not exceptions): evaluated as the last of ``conds``
    has_applies: bool = False
    thresholds: tuple[dict[str, Any], ...] = ()  # ``conds`` as JSON: what a Reason shows

    def main_truths(self, truth: list[bool | None]) -> tuple[list[bool | None], bool | None]:
        """(truths of the kind's own conditions, truth of applies_when; True when absent)."""
        if self.has_applies:
            return truth[:-1], truth[-1]
        return truth, True


def compile_criterion(c: Criterion, value_of: Callable[[str], Any]) -> CompiledCriterion:
    b = c.body
    weight = None
    if c.kind == "requirement":
        conds = [b["require"]]
    elif c.kind == "approval":
        conds = [b["required_when"]]
    elif c.kind == "exception":
        conds = [b["applies_when"]]
    elif c.kind == "advisory":
        conds = [b["warn_when"]]
    else:
        pts = b["points"]
        conds = [p["when"] for p in pts if "when" in p] if isinstance(pts, list) else []
        w = b["weight"]
        weight = float(value_of(w["param"]) if isinstance(w, dict) else w)
    has_applies = c.kind != "exception" and bool(b.get("applies_when"))
    if has_applies:
        conds.append(b["applies_when"])
    resolved = tuple(resolve(from_json(cond), value_of) for cond in conds)
    reads = {n for cond in resolved for n in facts_read(cond)}
    if c.kind == "score" and isinstance(b["points"], dict):
        reads.add(b["points"]["fact"])
    if c.kind in ("approval", "exception"):
        reads.add(DOCS_FACT)
    if c.kind == "approval" and c.scope == "move":
        reads.add(ISSUED_FACT)
    return CompiledCriterion(c, resolved, "F" if c.kind == "requirement" else "T", weight,
                             tuple(sorted(reads)), has_applies,
                             tuple(to_json(cond) for cond in resolved))


def compiled_at(pack: Pack, at: date) -> list[CompiledCriterion]:
    """Criteria in force at ``at`` with their parameters inlined; a criterion whose parameter
    has no value then is left out (the parameter check reports the gap)."""
    params = pack.params_at(at)
    out = []
    for c in pack.criteria:
        if not c.in_force(at):
            continue
        try:
            out.append(compile_criterion(c, params.__getitem__))
        except KeyError:
            continue
    return out


def change_dates(pack: Pack) -> list[date]:
    """Every date on which what is in force changes, inside the pack's own span."""
    days: set[str] = {pack.effective_from}

    def after(iso: str | None) -> None:
        if iso:
            days.add((date.fromisoformat(iso) + timedelta(days=1)).isoformat())
    for c in pack.criteria:
        if c.effective_from:
            days.add(c.effective_from)
        after(c.effective_until)
    for p in pack.parameters.values():
        for v in p.values:
            days.add(v.start)
            after(v.until)
    return [date.fromisoformat(d) for d in sorted(days) if pack.in_force(date.fromisoformat(d))]
