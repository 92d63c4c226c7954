"""The solver's questions about a pack at one date: dead or vacuous conditions, requirements
that cannot all pass, exceptions that cannot lift, and (two packs) a person decided apart.

Each question is one z3 query with a time limit; "unknown" is a finding of its own (never a
pass). A counterexample comes from the model of a satisfiable question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import z3

from engine.analyze.findings import Finding
from engine.analyze.outcomes import VERDICTS, Outcomes, outcomes, verdict
from engine.analyze.smt import Facts, model_facts, tri
from engine.analyze.witness import build_case
from engine.compile import CompiledCriterion, compiled_at
from engine.errors import PackError
from engine.evaluate import SCOPE_NEST
from engine.fact_schema import FACTS
from engine.pack import Pack
from engine.packtest import CaseRunner

ROLE = {"requirement": "require", "approval": "required_when", "exception": "applies_when",
        "advisory": "warn_when"}


def roles(cc: CompiledCriterion) -> list[tuple[str, int]]:
    """(name, index into cc.conds) of each condition of a criterion."""
    kind = cc.criterion.kind
    own = len(cc.conds) - (1 if cc.has_applies else 0)
    names = ([f"points[{i}]" for i in range(own)] if kind == "score" else [ROLE[kind]] * own)
    out = list(zip(names, range(own), strict=True))
    if cc.has_applies:
        out.append(("applies_when", len(cc.conds) - 1))
    return out


@dataclass
class Asker:
    """Runs queries with a time limit and counts them."""

    timeout_ms: int
    queries: int = 0
    unknown: int = 0
    approximations: set[str] = field(default_factory=set)

    def check(self, fx: Facts, *formulas: Any) -> tuple[str, Any]:
        s = z3.Solver()
        s.set("timeout", self.timeout_ms)
        s.add(fx.domain(), *formulas)
        self.queries += 1
        self.approximations |= fx.approximations
        r = s.check()
        if r == z3.sat:
            return "sat", s.model()
        if r == z3.unsat:
            return "unsat", None
        self.unknown += 1
        return "unknown", None

    def witness(self, fx: Facts, *formulas: Any) -> Any:
        """A model a reader can follow: facts on file where possible, then small numbers (not
        395 months in post); None when there is none within the time limit."""
        opt = z3.Optimize()
        opt.set("timeout", self.timeout_ms)
        opt.add(fx.domain(), *formulas)
        for _, on in sorted(fx.present.items()):  # a person with the facts on file, where possible
            opt.add_soft(on)
        sizes = [z3.If(v >= 0, v, -v) for n, v in sorted(fx.vars.items())
                 if v is not None and (z3.is_int(v) or z3.is_real(v)) and not _is_date(n)]
        if sizes:
            opt.minimize(z3.Sum(*sizes))
        self.queries += 1
        if opt.check() == z3.sat:
            return opt.model()
        found, model = self.check(fx, *formulas)  # no time left to make it tidy: any example
        return model if found == "sat" else None


@dataclass
class DateCheck:
    """Every question about one pack at one date."""

    pack: Pack
    at: date
    ask: Asker
    runner: CaseRunner
    found: list[Finding] = field(default_factory=list)

    def _case(self, scope: str, fx: Facts, formulas: list[Any], title: str,
              ccs: list[CompiledCriterion]) -> dict[str, Any] | None:
        """The counterexample case of a satisfiable question (facts the criteria read)."""
        model = self.ask.witness(fx, *formulas)
        if model is None:
            return None
        reads = {n for cc in ccs for n in cc.reads}
        facts = {k: v for k, v in model_facts(model, fx).items() if k in reads}
        try:
            return build_case(self.runner, scope, self.at, facts, f"Analisis / analysis: {title}",
                              [cc.criterion.id for cc in ccs])
        except PackError:
            return None

    def add(self, kind: str, ccs: list[CompiledCriterion], part: str, detail: dict[str, Any],
            case: dict[str, Any] | None = None) -> None:
        ids = tuple(sorted(cc.criterion.id for cc in ccs))
        self.found.append(Finding(kind, ids, part, ccs[0].criterion.source if ccs else "",
                                  (self.at.isoformat(),),
                                  detail, case))

    def conditions(self, ccs: list[CompiledCriterion]) -> None:
        for cc in ccs:
            scope = cc.criterion.scope
            for part, i in roles(cc):
                fx = Facts()
                tr = tri(cc.conds[i], fx)
                holds, _ = self.ask.check(fx, tr.t)
                fails, _ = self.ask.check(fx, tr.f)
                cid = cc.criterion.id
                if "unknown" in (holds, fails):
                    self.add("unknown", [cc], part, {"question": "dead or vacuous"})
                elif holds == "unsat":
                    kind = "never_lifts" if cc.criterion.kind == "exception" else "dead"
                    self.add(kind, [cc], part, {"never": "holds"},
                             self._case(scope, fx, [tr.f], f"{cid} {part}", [cc]))
                elif fails == "unsat":
                    self.add("vacuous", [cc], part, {"never": "fails"},
                             self._case(scope, fx, [tr.t], f"{cid} {part}", [cc]))

    def exceptions(self, ccs: list[CompiledCriterion]) -> None:
        by_id = {cc.criterion.id: cc for cc in ccs}
        for e in (cc for cc in ccs if cc.criterion.kind == "exception"):
            for rid in e.criterion.body["lifts"]:
                r = by_id.get(rid)
                if r is None:
                    continue
                fx = Facts()
                oe, orq = outcomes(e, fx), outcomes(r, fx)
                can_fail, _ = self.ask.check(fx, orq.fails)
                if can_fail == "unsat":
                    self.add("lifts_never_failing", [e, r], rid, {"lifts": rid})
                    continue
                both, _ = self.ask.check(fx, oe.main.t, orq.fails)
                if both == "unsat":
                    self.add("never_lifts", [e, r], rid, {"lifts": rid, "never": "while it fails"},
                             self._case(e.criterion.scope, fx, [orq.fails],
                                        f"{e.criterion.id} / {rid}", [e, r]))
                elif "unknown" in (can_fail, both):
                    self.add("unknown", [e, r], rid, {"question": "can the exception lift"})

    def conflicts(self, ccs: list[CompiledCriterion]) -> None:
        for scope, nest in SCOPE_NEST.items():
            reqs = [cc for cc in ccs if cc.criterion.scope in nest and cc.criterion.kind == "requirement"]
            if len(reqs) < 2:
                continue  # a lone requirement nobody passes is reported as dead
            fx = Facts()
            ok = {cc.criterion.id: _ok(outcomes(cc, fx)) for cc in reqs}
            s = z3.Solver()
            s.set("timeout", self.ask.timeout_ms)
            s.add(fx.domain())
            for cid in sorted(ok):
                s.assert_and_track(ok[cid], z3.Bool(f"ok:{cid}"))
            self.ask.queries += 1
            r = s.check()
            if r == z3.unknown:
                self.ask.unknown += 1
                self.add("unknown", reqs[:1], scope, {"question": "can anyone be eligible", "scope": scope})
            if r != z3.unsat:
                continue
            core = sorted(str(b).removeprefix("ok:") for b in s.unsat_core())
            if len(core) < 2:
                continue  # one requirement nobody passes: reported as dead
            chosen = [cc for cc in reqs if cc.criterion.id in core]
            self.add("conflict", chosen, "", {"scope": scope},
                     self._case(scope, fx, [ok[c] for c in core[1:]], " + ".join(core), chosen))


def _is_date(name: str) -> bool:
    spec = FACTS.get(name)
    return spec is not None and spec.type == "date"


def _ok(o: Outcomes) -> Any:
    """A requirement that neither fails nor lacks data: it passes or does not apply."""
    return z3.Or(o.passes, o.applies.f)


def differences(a: Pack, b: Pack, at: date, ask: Asker, runner_b: CaseRunner,
                runner_a: CaseRunner) -> list[Finding]:
    """Per scope: a person (set of facts) the two packs give different verdicts, if any."""
    ca, cb = compiled_at(a, at), compiled_at(b, at)
    out = []
    for scope, nest in SCOPE_NEST.items():
        fx = Facts()
        oa = [outcomes(cc, fx) for cc in ca if cc.criterion.scope in nest]
        ob = [outcomes(cc, fx) for cc in cb if cc.criterion.scope in nest]
        va, vb = verdict(oa), verdict(ob)
        r, _ = ask.check(fx, va != vb)
        if r == "unknown":
            out.append(Finding("unknown", (), scope, "", (at.isoformat(),), {"question": "equivalent",
                                                                              "scope": scope}))
        if r != "sat":
            continue
        model = ask.witness(fx, va != vb)
        if model is None:
            out.append(Finding("differs", (), scope, "", (at.isoformat(),), {"scope": scope}))
            continue
        old_v = VERDICTS[model.eval(va, model_completion=True).as_long()].value
        new_v = VERDICTS[model.eval(vb, model_completion=True).as_long()].value
        case = _pair_case(runner_b, runner_a, scope, at, model_facts(model, fx))
        detail = {"scope": scope, "verdict_old": old_v, "verdict_new": new_v}
        if case is not None:  # what the engine decides for the same facts (tests: the same)
            detail.update(engine_old=case.pop("_old_verdict"), engine_new=case["expect"].get("verdict"))
        out.append(Finding("differs", (), scope, "", (at.isoformat(),), detail, case))
    return out


def _pair_case(runner_b: CaseRunner, runner_a: CaseRunner, scope: str, at: date,
               facts: dict[str, Any]) -> dict[str, Any] | None:
    try:
        new = build_case(runner_b, scope, at, facts, "Analisis / analysis: beda putusan / verdicts differ",
                         [], True)
        old = build_case(runner_a, scope, at, facts, "", [], True)
    except PackError:
        return None
    new["note"] = f"old pack: {old['expect'].get('verdict')}; new pack: {new['expect'].get('verdict')}"
    new["_old_verdict"] = old["expect"].get("verdict")  # the engine's, checked against the solver's
    return new


Check = Callable[[DateCheck, list[CompiledCriterion]], None]
CHECKS: tuple[Check, ...] = (DateCheck.conditions, DateCheck.exceptions, DateCheck.conflicts)
