"""Run pack example cases against the engine, compare with their expectations, report
coverage. Used by rules/conftest.py (pytest) and `mutasi rules test`; loading the cases is
engine/cases.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from engine.cases import Case, case_files, load_cases
from engine.evaluate import Evaluator
from engine.fact_schema import MISSING_KEY
from engine.outcome import Decision
from engine.pack import Pack
from engine.round.model import point_items, total_points

__all__ = ["Case", "CaseResult", "CaseRunner", "case_files", "compare", "coverage",
           "decide_case", "load_cases", "published_coverage"]


@dataclass
class CaseResult:
    case: Case
    failures: list[str] = field(default_factory=list)
    decision: Decision | None = None

    @property
    def ok(self) -> bool:
        return not self.failures


def decide_case(ev: Evaluator, case: Case) -> Decision:
    if case.facts is not None:
        return _decide_given(ev, case, case.facts)
    if case.scope == "move":
        assert case.move is not None and case.context is not None
        return ev.evaluate_move(case.move, case.world, case.context, case.employee)
    if case.scope == "candidate_position":
        assert case.position is not None
        return ev.evaluate_pair(case.employee, case.position, case.world)
    return ev.evaluate_candidate(case.employee, case.world)


def _decide_given(ev: Evaluator, case: Case, given: dict[str, Any]) -> Decision:
    """The case's derived facts with the given ones put over them."""
    emp = case.employee
    if case.scope == "move":
        assert case.move is not None and case.context is not None
        facts = ev.move_facts(case.move, case.world, case.context, emp)
        subject = {"nip": case.move.nip, "move_id": case.move.id}
    elif case.scope == "candidate_position":
        assert case.position is not None
        facts = ev.pair_facts(emp, case.position, case.world)
        subject = {"nip": emp.nip, "position_id": case.position.id}
    else:
        facts = ev.candidate_facts(emp, case.world)
        subject = {"nip": emp.nip}
    codes = dict(facts.get(MISSING_KEY) or {})
    for name, value in given.items():
        facts[name] = value
        if value is not None:
            codes.pop(name, None)
        else:
            codes[name] = "not_on_file"
    facts[MISSING_KEY] = codes
    return ev.decide(case.scope, subject, facts)


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def compare(case: Case, d: Decision) -> list[str]:
    """What differs between the expectation and the decision (empty = the case passes)."""
    fails: list[str] = []
    exp = case.expect
    by_id = {r.criterion_id: r for r in d.reasons}
    if "verdict" in exp and exp["verdict"] != d.verdict.value:
        fails.append(f"verdict: expected {exp['verdict']}, got {d.verdict.value} "
                     f"(deciding: {', '.join(d.deciding) or '-'})")
    for cid, want in sorted((exp.get("outcomes") or {}).items()):
        r = by_id.get(cid)
        if r is None:
            fails.append(f"{cid}: expected {want}, but the criterion was not evaluated in scope {case.scope}")
        elif r.outcome.value != want:
            fails.append(f"{cid}: expected {want}, got {r.outcome.value}; read {r.facts_read}"
                         + (f", missing {r.missing}" if r.missing else "")
                         + f", threshold {r.threshold}")
    for cid, keys in sorted((exp.get("counterfactual") or {}).items()):
        r = by_id.get(cid)
        cf = (r.counterfactual or {}) if r else {}
        for k, v in sorted(keys.items()):
            if cf.get(k) != _iso(v):
                fails.append(f"{cid}: counterfactual {k} expected {_iso(v)}, got {cf.get(k)} ({cf})")
    if "score" in exp and (d.score is None or abs(d.score - float(exp["score"])) > 1e-9):
        fails.append(f"score: expected {exp['score']}, got {d.score}")
    if "round_points" in exp:  # a voluntary round's points (use: round items); null = data missing
        got = total_points(point_items(d))
        want = exp["round_points"]
        if (want is None) != (got is None) or (got is not None and abs(got - float(want)) > 1e-9):
            fails.append(f"round_points: expected {want}, got {got} "
                         f"({[(i.criterion_id, i.contribution) for i in point_items(d)]})")
    return fails


class CaseRunner:
    """Runs cases against one pack, reusing one Evaluator per as-of date."""

    def __init__(self, pack: Pack, backend: str = "durable") -> None:
        self.pack, self.backend = pack, backend
        self._evs: dict[date, Evaluator] = {}

    def evaluator(self, as_of: date) -> Evaluator:
        if as_of not in self._evs:
            self._evs[as_of] = Evaluator(self.pack, as_of, backend=self.backend)
        return self._evs[as_of]

    def run(self, case: Case) -> CaseResult:
        d = decide_case(self.evaluator(case.as_of), case)
        return CaseResult(case, compare(case, d), d)

    def close(self) -> None:
        for ev in self._evs.values():
            ev.close()


def published_coverage(cases: list[Case]) -> dict[str, list[str]]:
    """Criterion id -> the published cases that exercise it (as their deciding criterion or
    an expected outcome), each named by its label; sorted."""
    out: dict[str, set[str]] = {}
    for c in cases:
        if c.source is None:
            continue
        label = str(c.source.get("label"))
        ids = set(c.expect.get("outcomes") or {})
        dc = c.source.get("deciding_criterion")
        ids.update(dc if isinstance(dc, list) else [dc] if dc else [])
        for cid in ids:
            out.setdefault(str(cid), set()).add(label)
    return {k: sorted(v) for k, v in sorted(out.items())}


def coverage(pack: Pack, cases: list[Case]) -> list[str]:
    """Criteria no case checks an outcome of (sorted ids)."""
    seen = {cid for c in cases for cid in (c.expect.get("outcomes") or {})}
    return sorted(c.id for c in pack.criteria if c.id not in seen)
