"""Criterion outcomes and the verdict policy (engine/policy.py) as z3 formulas.

Mirrors Evaluator._reason and decide_verdict exactly: a requirement passes, fails, is not
applicable or missing; an approval is approved, needed, failed (missing on a signed SK), not
applicable or missing; an exception is excepted (conditions hold and its document is on file),
missing, or not applicable. The verdict is an Int (VERDICTS order).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import z3

from engine.analyze.smt import TRUE, Facts, Tri, tri
from engine.compile import ISSUED_FACT, CompiledCriterion
from engine.outcome import Verdict

VERDICTS = (Verdict.NOT_ELIGIBLE, Verdict.DATA_MISSING, Verdict.NEEDS_APPROVAL,
            Verdict.ELIGIBLE_THROUGH_EXCEPTION, Verdict.ELIGIBLE)


@dataclass(frozen=True)
class Outcomes:
    """Formulas of one criterion's outcomes (False where the kind has no such outcome)."""

    cc: CompiledCriterion
    main: Tri
    applies: Tri
    passes: Any
    fails: Any
    missing: Any
    needed: Any  # approval needed
    excepted: Any


def _on_file(fx: Facts, doc_type: str) -> Any:
    return z3.And(fx.on_file("round.documents_on_file"), fx.doc(doc_type))


def outcomes(cc: CompiledCriterion, fx: Facts) -> Outcomes:
    kind, body = cc.criterion.kind, cc.criterion.body
    main = tri(cc.conds[0], fx) if cc.conds and kind != "score" else TRUE
    app = tri(cc.conds[-1], fx) if cc.has_applies else TRUE
    no = z3.BoolVal(False)
    if kind == "requirement":
        passes = z3.And(z3.Not(app.f), main.t)
        fails = z3.And(app.t, main.f)
        return Outcomes(cc, main, app, passes, fails,
                        z3.Not(z3.Or(app.f, passes, fails)), no, no)
    if kind == "approval":
        on_file = _on_file(fx, body["approval"]["type"])
        issued = z3.And(fx.on_file(ISSUED_FACT), fx.var(ISSUED_FACT))
        due = z3.And(app.t, main.t, z3.Not(on_file))
        approved = z3.And(app.t, main.t, on_file)
        na = z3.Or(app.f, z3.And(app.t, main.f))
        fails = z3.And(due, issued)
        needed = z3.And(due, z3.Not(issued))
        return Outcomes(cc, main, app, approved, fails, z3.Not(z3.Or(na, approved, fails, needed)),
                        needed, no)
    if kind == "exception":
        on_file = _on_file(fx, body["document"]["type"])
        return Outcomes(cc, main, app, no, no, z3.Not(z3.Or(main.t, main.f)), no,
                        z3.And(main.t, on_file))
    return Outcomes(cc, main, app, no, no, no, no, no)


def verdict(all_out: list[Outcomes]) -> Any:
    """The verdict (index into VERDICTS) of decide_verdict over these outcomes."""
    reqs = [o for o in all_out if o.cc.criterion.kind == "requirement"]
    apps = [o for o in all_out if o.cc.criterion.kind == "approval"]
    excs = [o for o in all_out if o.cc.criterion.kind == "exception"]
    fail_of = {o.cc.criterion.id: o.fails for o in reqs}

    def lifted(cid: str) -> Any:
        return z3.Or(*[e.excepted for e in excs if cid in e.cc.criterion.body["lifts"]], z3.BoolVal(False))

    no = z3.BoolVal(False)
    not_eligible = z3.Or(*[z3.And(o.fails, z3.Not(lifted(o.cc.criterion.id))) for o in reqs],
                         *[o.fails for o in apps], no)
    missing = z3.Or(*[o.missing for o in reqs + apps],
                    *[z3.And(e.missing, z3.Or(*[fail_of[c] for c in e.cc.criterion.body["lifts"]
                                                if c in fail_of], no)) for e in excs], no)
    needed = z3.Or(*[o.needed for o in apps], no)
    failed = z3.Or(*[o.fails for o in reqs], no)
    return z3.If(not_eligible, 0, z3.If(missing, 1, z3.If(needed, 2, z3.If(failed, 3, 4))))
