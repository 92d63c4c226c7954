"""`mutasi rules analyze`: a formal check of a pack with an SMT solver (z3).

Analysis is at a date: with ``at``, that date; without, every date on which what is in force
changes (the pack's start, each criterion's start and end, each parameter value's start and
end), so the whole life of the pack is covered and no wall clock is read. Dates whose criteria
and parameter values are the same as an earlier date's are asked once. A finding holding at
several dates is reported once with its dates.

    analyze_pack(pack, pack_dir, at=None, timeout_ms=2000) -> Analysis
    compare_packs(old, new, at=None, timeout_ms=2000) -> Analysis   # equivalence
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from engine.analyze.checks import CHECKS, Asker, DateCheck, differences
from engine.analyze.explained import load_explained
from engine.analyze.findings import Analysis, Finding
from engine.analyze.params import parameter_findings
from engine.analyze.witness import case_yaml
from engine.compile import change_dates, compiled_at
from engine.pack import Pack
from engine.packtest import CaseRunner

__all__ = ["Analysis", "Finding", "analyze_pack", "case_yaml", "compare_packs", "dates_of"]

Progress = Callable[[int, int], None]


dates_of = change_dates  # every date on which what is in force changes


def _signature(pack: Pack, at: date) -> str:
    return json.dumps([(cc.criterion.id, cc.thresholds, cc.has_applies) for cc in compiled_at(pack, at)],
                      sort_keys=True, default=str)


def _distinct(packs: list[Pack], days: list[date]) -> list[date]:
    seen: set[str] = set()
    out = []
    for d in days:
        sig = "|".join(_signature(p, d) if p.in_force(d) else "-" for p in packs)
        if sig not in seen:
            seen.add(sig)
            out.append(d)
    return out


def _merge(found: list[Finding]) -> list[Finding]:
    """One finding per (kind, criteria, part), with every date it holds at; the earliest
    date's counterexample."""
    by: dict[tuple[str, tuple[str, ...], str], Finding] = {}
    for f in found:
        prev = by.get(f.key)
        if prev is None:
            by[f.key] = f
        else:
            by[f.key] = replace(prev, dates=tuple(sorted(set(prev.dates) | set(f.dates))),
                                case=prev.case or f.case)
    return sorted(by.values(), key=lambda f: (f.code, f.criteria, f.part))


def analyze_pack(pack: Pack, pack_dir: Path | None = None, at: date | None = None,
                 timeout_ms: int = 2000, progress: Progress | None = None) -> Analysis:
    explained = load_explained(pack_dir, {c.id for c in pack.criteria}) if pack_dir else []
    days = _distinct([pack], [at] if at else dates_of(pack))
    ask = Asker(timeout_ms)
    runner = CaseRunner(pack, "reference")
    found: list[Finding] = [] if at else parameter_findings(pack)
    try:
        for i, d in enumerate(days):
            check = DateCheck(pack, d, ask, runner)
            ccs = compiled_at(pack, d)
            for step in CHECKS:
                step(check, ccs)
            found += check.found
            if progress:
                progress(i + 1, len(days))
    finally:
        runner.close()
    merged = []
    for f in _merge(found):
        why = next((e.reason for e in explained if e.matches(f)), None)
        merged.append(replace(f, explained=why) if why else f)
    return Analysis([dict(pack.info)], [d.isoformat() for d in days], merged, ask.queries,
                    ask.unknown, sorted(ask.approximations), timeout_ms)


def compare_packs(old: Pack, new: Pack, at: date | None = None, timeout_ms: int = 2000,
                  progress: Progress | None = None) -> Analysis:
    """Whether two packs decide every person alike, at ``at`` or at every date either
    changes on while both are in force."""
    both = [old, new]
    candidates = [at] if at else sorted(set(dates_of(old)) | set(dates_of(new)))
    days = _distinct(both, [d for d in candidates if old.in_force(d) and new.in_force(d)])
    ask = Asker(timeout_ms)
    ra, rb = CaseRunner(old, "reference"), CaseRunner(new, "reference")
    found: list[Finding] = []
    try:
        for i, d in enumerate(days):
            found += differences(old, new, d, ask, rb, ra)
            if progress:
                progress(i + 1, len(days))
    finally:
        ra.close()
        rb.close()
    return Analysis([dict(old.info), dict(new.info)], [d.isoformat() for d in days], _merge(found),
                    ask.queries, ask.unknown, sorted(ask.approximations), timeout_ms)
