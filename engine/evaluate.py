"""Evaluator: facts -> one Reason per criterion -> one Decision. The one choke point for reasons.

``decide(scope, subject, facts)`` is a pure function of (pack, as_of, facts): the audit
replays decisions through it. A candidate_position decision also applies the candidate
criteria (a pair is only a fit if the person is eligible); a move decision applies the move
criteria only (they read the person's candidate facts; a pack restates a candidate rule for
moves when it applies, because moves have their own exceptions). Criteria not in force at the
as-of date are left out. Reason values come from the facts snapshot, never from the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from engine import facts as F
from engine.backends import Backend, make_backend
from engine.check_engine import too_complex
from engine.compile import DOCS_FACT, ISSUED_FACT, CompiledCriterion, compile_criterion
from engine.condition_tree import from_json, params_used
from engine.counterfactual import counterfactual
from engine.errors import PackError, problem
from engine.outcome import Decision, Outcome, Reason, is_round_points
from engine.pack import Pack
from engine.policy import decide_verdict
from engine.problems import UnknownChoiceError
from engine.records import Employee, Position, ProposedMove, ReviewContext, World

SCOPE_NEST = {
    "candidate": ("candidate",),
    "candidate_position": ("candidate", "candidate_position"),
    "move": ("move",),
}
_REQUIREMENT = {True: Outcome.PASS, False: Outcome.FAIL, None: Outcome.MISSING}
_ADVISORY = {True: Outcome.WARNING, False: Outcome.PASS, None: Outcome.MISSING}


class Evaluator:
    """Decides subjects under one pack at one as-of date (backend "durable" or "reference")."""

    def __init__(self, pack: Pack, as_of: date, backend: str = "durable") -> None:
        if not pack.in_force(as_of):
            raise PackError(f"pack {pack.id} {pack.version} is not in force on {as_of}", [problem(
                pack.layers[-1]["path"] if pack.layers else pack.id, 1, 0, "MUT-R023", "effective_from",
                f"in force {pack.effective_from} .. {pack.effective_until or 'open'}, as-of {as_of}")])
        self.pack, self.as_of = pack, as_of
        self.criteria = [c for c in pack.criteria if c.in_force(as_of)]
        self.params = self._params()
        self.compiled = [compile_criterion(c, self.params.__getitem__) for c in self.criteria]
        self._memo: dict[tuple[Any, ...], Reason] = {}
        self.backend: Backend = make_backend(backend, self.compiled)
        if self.backend.uncompilable:
            by_id = {c.id: c for c in self.criteria}
            self.backend.close()
            raise PackError(f"pack {pack.id}: conditions the rules engine cannot compile",
                            [too_complex(by_id[i], as_of.isoformat()) for i in self.backend.uncompilable])

    def _params(self) -> dict[str, Any]:
        """Values in force at as-of; a parameter a criterion needs but lacks is an error."""
        out = self.pack.params_at(self.as_of)
        needed = set()
        for c in self.criteria:
            b = c.body
            for key in ("require", "required_when", "applies_when", "warn_when"):
                if b.get(key):
                    needed.update(params_used(from_json(b[key])))
            if isinstance(b.get("weight"), dict):
                needed.add(b["weight"]["param"])
            if isinstance(b.get("points"), list):
                for p in b["points"]:
                    if "when" in p:
                        needed.update(params_used(from_json(p["when"])))
        lacking = sorted(needed - set(out))
        if lacking:
            probs = [problem(self.pack.parameters[n].source.rsplit(":", 1)[0],
                             int(self.pack.parameters[n].source.rsplit(":", 1)[1]), 0, "MUT-R024",
                             n, f"parameter '{n}' has no value in force on {self.as_of}")
                     for n in lacking]
            raise PackError(f"pack {self.pack.id}: parameters without a value on {self.as_of}", probs)
        return out

    # ---- facts (the snapshot) ------------------------------------------------------------
    def candidate_facts(self, employee: Employee, world: World) -> dict[str, Any]:
        return F.candidate_facts(employee, world, self.as_of, self.params)

    def pair_facts(self, employee: Employee, position: Position, world: World,
                   candidate: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """`candidate`: this employee's candidate facts when already derived (a plan pairs
        one person with every open post: derive them once, not once per post)."""
        if candidate is None:
            candidate = F.candidate_facts(employee, world, self.as_of, self.params)
        return F.merge(candidate,
                       F.position_facts(position, world, self.params),
                       F.pair_facts(employee, position, world, self.as_of, self.params))

    def position_facts(self, position: Position, world: World) -> dict[str, Any]:
        return F.position_facts(position, world, self.params)

    def pair_only_facts(self, employee: Employee, position: Position, world: World) -> dict[str, Any]:
        """The facts of the pair itself; ``pair_facts`` merges them over the candidate's and
        the position's."""
        return F.pair_facts(employee, position, world, self.as_of, self.params)

    def move_facts(self, move: ProposedMove, world: World, ctx: ReviewContext,
                   employee: Employee) -> dict[str, Any]:
        parts = [F.candidate_facts(employee, world, self.as_of, self.params)]
        target = world.positions.get(move.to_position_id or "")
        if target is not None:
            parts += [F.position_facts(target, world, self.params),
                      F.pair_facts(employee, target, world, self.as_of, self.params)]
        parts.append(F.move_facts(move, world, ctx, self.params, employee))
        return F.merge(*parts)

    # ---- decisions ------------------------------------------------------------------------
    def evaluate_candidate(self, employee: Employee, world: World) -> Decision:
        return self.decide("candidate", {"nip": employee.nip}, self.candidate_facts(employee, world))

    def evaluate_pair(self, employee: Employee, position: Position, world: World) -> Decision:
        return self.decide("candidate_position", {"nip": employee.nip, "position_id": position.id},
                           self.pair_facts(employee, position, world))

    def evaluate_move(self, move: ProposedMove, world: World, ctx: ReviewContext,
                      employee: Employee) -> Decision:
        return self.decide("move", {"nip": move.nip, "move_id": move.id},
                           self.move_facts(move, world, ctx, employee))

    def decide(self, scope: str, subject: Mapping[str, str], facts: Mapping[str, Any]) -> Decision:
        return self.decide_many(scope, [(subject, facts)])[0]

    def decide_many(self, scope: str,
                    items: Sequence[tuple[Mapping[str, str], Mapping[str, Any]]]) -> list[Decision]:
        if scope not in SCOPE_NEST:
            raise UnknownChoiceError("scope", scope, SCOPE_NEST)
        wanted = [c for c in self.compiled if c.criterion.scope in SCOPE_NEST[scope]]
        ids = [c.criterion.id for c in wanted]
        truths = self.backend.truths_many(ids, [f for _, f in items])
        out = []
        for (subject, facts), row in zip(items, truths, strict=True):
            reasons = tuple(self._reason_cached(i, cc, row[cc.criterion.id], facts)
                            for i, cc in enumerate(wanted))
            verdict, deciding = decide_verdict(reasons)
            # round priority points (`use: round`) are the round's, never the plan's score
            plan_items = [r for r in reasons if r.kind == "score" and not is_round_points(r)]
            scored = [r for r in plan_items if r.outcome is Outcome.SCORED]
            score = (round(sum((r.weight or 0.0) * (r.points or 0.0) for r in scored), 6)
                     if plan_items else None)
            out.append(Decision(scope=scope, subject=dict(subject), verdict=verdict,
                                reasons=reasons, deciding=deciding, pack=self.pack.info,
                                as_of=self.as_of.isoformat(), score=score))
        return out

    def _reason_cached(self, i: int, cc: CompiledCriterion, truth: list[bool | None],
                       facts: Mapping[str, Any]) -> Reason:
        """Reasons that depend only on (criterion, truth, values read) are shared between
        subjects: most candidates pass most criteria with few distinct values (a score's points
        too: they follow from the truths and the values read). Fail (its counterfactual reads
        anchor facts) and missing (reason codes) are not cached."""
        try:
            # the type is part of the key: 1, 1.0 and True are equal but print differently
            key = (cc.criterion.id, tuple(truth),
                   tuple((type(v), v) for v in (facts.get(n) for n in cc.reads)))
            hit = self._memo.get(key)
        except TypeError:  # a list value: not hashable, compute
            return self._reason(cc, truth, facts)
        if hit is not None:
            return hit
        r = self._reason(cc, truth, facts)
        if r.outcome not in (Outcome.FAIL, Outcome.MISSING):
            if len(self._memo) > 50_000:
                self._memo.clear()
            self._memo[key] = r
        return r

    def _reason(self, cc: CompiledCriterion, truth: list[bool | None],
                facts: Mapping[str, Any]) -> Reason:
        c, b = cc.criterion, cc.criterion.body
        read = {n: facts.get(n) for n in cc.reads}
        extra: dict[str, Any] = {}
        threshold: Any = cc.thresholds[0] if cc.thresholds else None
        truth, applies = cc.main_truths(truth)
        t = truth[0] if truth else None
        if c.kind == "requirement":
            outcome = _REQUIREMENT[t]
            if outcome is Outcome.FAIL:
                extra["counterfactual"] = counterfactual(cc.conds[0], facts)
        elif c.kind == "approval":
            on_file = b["approval"]["type"] in (facts.get(DOCS_FACT) or ())
            issued = facts.get(ISSUED_FACT) is True
            needed = Outcome.FAIL if issued else Outcome.APPROVAL_NEEDED
            outcome = {True: Outcome.APPROVED if on_file else needed,
                       False: Outcome.NOT_APPLICABLE, None: Outcome.MISSING}[t]
            extra["approval"] = {**b["approval"], "document_on_file": on_file,
                                 "missing_at_signing": issued and not on_file}
        elif c.kind == "exception":
            on_file = b["document"]["type"] in (facts.get(DOCS_FACT) or ())
            outcome = {True: Outcome.EXCEPTED if on_file else Outcome.NOT_APPLICABLE,
                       False: Outcome.NOT_APPLICABLE, None: Outcome.MISSING}[t]
            extra["exception"] = {"lifts": list(b["lifts"]), "document": b["document"],
                                  "document_on_file": on_file, "conditions_hold": t}
        elif c.kind == "advisory":
            outcome = _ADVISORY[t]
        else:
            outcome, points = self._points(cc, truth, facts)
            extra.update(points=points, weight=cc.weight)
            threshold = {"weight": cc.weight, "points": b["points"] if isinstance(b["points"], dict)
                         else [{**p, "when": cc.thresholds[i]} if "when" in p else p
                               for i, p in enumerate(b["points"])]}
            if b.get("use") == "round":
                threshold["use"] = "round"
        if applies is False:
            outcome = Outcome.NOT_APPLICABLE
            extra.pop("counterfactual", None)
            extra.pop("points", None)
        elif applies is None and not (c.kind == "requirement" and t is True):
            # unknown whether it applies: missing, unless a requirement that passes anyway
            outcome = Outcome.MISSING
            extra.pop("counterfactual", None)
            extra.pop("points", None)
        missing: dict[str, str] = {}
        if outcome is Outcome.MISSING:  # name each missing fact with its reason code
            codes = facts.get(F.MISSING_KEY) or {}
            missing = {n: codes.get(n, "not_on_file") for n, v in read.items() if v is None}
        return Reason(criterion_id=c.id, criterion_version=c.version, kind=c.kind, scope=c.scope,
                      outcome=outcome, title=c.title, legal_basis=[dict(b) for b in c.legal_basis],
                      source=c.source, facts_read=read, missing=missing, threshold=threshold,
                      **extra)

    @staticmethod
    def _points(cc: CompiledCriterion, truth: list[bool | None],
                facts: Mapping[str, Any]) -> tuple[Outcome, float | None]:
        pts = cc.criterion.body["points"]
        if isinstance(pts, dict):
            v = facts.get(pts["fact"])
            return (Outcome.MISSING, None) if v is None else (Outcome.SCORED, float(v))
        clauses = [p for p in pts if "when" in p]
        for p, t in zip(clauses, truth, strict=True):
            if t is None:
                return Outcome.MISSING, None
            if t:
                return Outcome.SCORED, float(p["value"])
        other = [p["otherwise"] for p in pts if "otherwise" in p]
        return Outcome.SCORED, float(other[0]) if other else 0.0

    def close(self) -> None:
        self.backend.close()
