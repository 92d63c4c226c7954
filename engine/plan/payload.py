"""The plan as a plan run records it (the audit log's `plan` entry, plan.json): PlanResult plus
the run's inputs, as-of date and pack, written by ``RecordedPlan.to_dict`` and read back into
the same typed values by ``load_plan``. Readers (reports, the portal, the CLI) go through
load_plan and never index the JSON themselves. Format: docs/plan-and-review.md."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.outcome import Outcome, Verdict
from engine.plan.after_round import RoundBasis
from engine.plan.model import (
    ExcludedPair,
    OpenPosition,
    Placement,
    PlanResult,
    RunnerUp,
    Unplaced,
    WorkloadRow,
)
from engine.plan.parts import (
    AdmissibleCandidate,
    AdmissiblePosition,
    Conflict,
    CriterionOutcome,
    OpenDetail,
    Options,
    PlanObjective,
    PlanSummary,
    ScorePart,
    Training,
    UnplacedDetail,
    UsedElsewhere,
    VerdictCounts,
)
from engine.plan.reasons import PlanReason


@dataclass(frozen=True)
class PlanInputs:
    """What the committee gave the plan besides the store (hashed into the run's input)."""

    conflicts: dict[str, str] = field(default_factory=dict)  # NIP -> relation to the decision-maker
    training_catalog: dict[str, str] = field(default_factory=dict)  # competency -> training
    fill_weight: float = 1.0
    tie_break_seed: int | None = None  # None: recorded before the seeded lottery (NIP order)
    after_round: RoundBasis | None = None  # the recorded round the plan built on (engine/plan/after_round.py)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"conflicts": dict(sorted(self.conflicts.items())),
                               "training_catalog": dict(sorted(self.training_catalog.items())),
                               "fill_weight": self.fill_weight}
        if self.tie_break_seed is not None:
            out["tie_break_seed"] = self.tie_break_seed
        if self.after_round is not None:
            out["after_round"] = self.after_round.to_dict()
        return out


@dataclass(frozen=True)
class RecordedPlan:
    result: PlanResult
    inputs: PlanInputs | None = None
    as_of: str | None = None  # ISO date of the run
    pack: dict[str, str] = field(default_factory=dict)  # {"id", "version", "hash"}

    def to_dict(self) -> dict[str, Any]:
        out = self.result.to_dict()
        if self.inputs is not None:
            out["inputs"] = self.inputs.to_dict()
        if self.as_of is not None:
            out["as_of"] = self.as_of
        if self.pack:
            out["pack"] = dict(self.pack)
        return out


def _opt_float(v: Any) -> float | None:
    return None if v is None else float(v)


def _str_map(v: Any) -> dict[str, str]:
    return {str(k): str(x) for k, x in (v or {}).items()}


def _int_map(v: Any) -> dict[str, int]:
    return {str(k): int(x) for k, x in (v or {}).items()}


def _title(v: Any) -> dict[str, str]:
    return _str_map(v) if isinstance(v, Mapping) else {"id": str(v), "en": str(v)}


def _runner_up(d: Mapping[str, Any] | None) -> RunnerUp | None:
    if not d:
        return None
    return RunnerUp(nip=str(d["nip"]), score=_opt_float(d.get("score")), difference=float(d.get("difference") or 0.0),
                    why=PlanReason(d["why"]), placed_at=d.get("placed_at"))


def _placement(d: Mapping[str, Any]) -> Placement:
    return Placement(
        nip=str(d["nip"]), name=str(d.get("name") or ""), position_id=str(d["position_id"]),
        unit_id=str(d.get("unit_id") or ""), from_position_id=d.get("from_position_id"),
        from_unit_id=d.get("from_unit_id"), verdict=Verdict(d.get("verdict", Verdict.ELIGIBLE.value)),
        score=_opt_float(d.get("score")),
        score_breakdown=[ScorePart(str(b["criterion_id"]), _title(b.get("title")), _opt_float(b.get("points")),
                                   _opt_float(b.get("weight")), _opt_float(b.get("contribution")),
                                   Outcome(b.get("outcome", Outcome.SCORED.value)))
                         for b in d.get("score_breakdown") or []],
        criteria=[CriterionOutcome(str(c["criterion_id"]), str(c.get("kind") or ""), Outcome(c["outcome"]),
                                   _title(c.get("title")), [_str_map(b) for b in c.get("legal_basis") or []])
                  for c in d.get("criteria") or []],
        runner_up=_runner_up(d.get("runner_up")),
        competency_gaps=[str(g) for g in d.get("competency_gaps") or []],
        training=[Training(str(t["competency"]), None if t.get("training") is None else str(t["training"]),
                           bool(t.get("in_catalog")))
                  for t in d.get("training") or []],
        decision_id=d.get("decision_id"), candidate_decision_id=d.get("candidate_decision_id"),
    )


def _counts(d: Mapping[str, Any]) -> VerdictCounts:
    return VerdictCounts(_int_map(d.get("pair_verdicts")), _int_map(d.get("deciding")),
                         _int_map(d.get("screened_out")))


def unplaced_detail(d: Mapping[str, Any] | None) -> UnplacedDetail:
    if not d:
        return None
    if "relation" in d:
        return Conflict(str(d["relation"]))
    if "pair_verdicts" in d:
        return _counts(d)
    positions = [AdmissiblePosition(str(p["position_id"]), _opt_float(p.get("score")), [str(n) for n in p.get("filled_by") or []])
                 for p in d.get("admissible_positions") or []]
    return Options(admissible_count=int(d.get("admissible_count", len(positions))), admissible_positions=positions,
                   others_leaving_same_position=[str(n) for n in d.get("others_leaving_same_position") or []],
                   position_cap=int(d.get("position_cap") or 0), unit_cap=int(d.get("unit_cap") or 0))


def open_detail(d: Mapping[str, Any] | None) -> OpenDetail:
    if not d:
        return None
    if "pair_verdicts" in d:
        return _counts(d)
    return UsedElsewhere([AdmissibleCandidate(str(a["nip"]), a.get("placed_at"), _opt_float(a.get("score")),
                                              PlanReason(a["status"]))
                          for a in d.get("admissible") or []])


def _summary(d: Mapping[str, Any] | None) -> PlanSummary | None:
    if not d:
        return None
    o = d.get("objective") or {}
    return PlanSummary(
        candidates=int(d.get("candidates") or 0), candidate_verdicts=_int_map(d.get("candidate_verdicts")),
        pairs_evaluated=int(d.get("pairs_evaluated") or 0), pairs_admissible=int(d.get("pairs_admissible") or 0),
        slots_open_before=int(d.get("slots_open_before") or 0), slots_filled=int(d.get("slots_filled") or 0),
        total_score=float(d.get("total_score") or 0.0),
        objective=PlanObjective(str(o.get("per_placement") or ""), float(o.get("fill_weight") or 0.0),
                                float(o.get("score_resolution") or 0.0), str(o.get("origin_caps") or ""),
                                str(o.get("tie_break") or ""), o.get("tie_break_seed")),
        pairs_recorded=d.get("pairs_recorded"), pairs_screened_out=d.get("pairs_screened_out"),
        pair_screen=None if d.get("pair_screen") is None else [str(c) for c in d["pair_screen"]],
    )


def load_plan(d: Mapping[str, Any]) -> RecordedPlan:
    """The typed plan from its recorded JSON (the audit log's `plan` entry or plan.json)."""
    result = PlanResult(
        placements=[_placement(p) for p in d.get("placements") or []],
        unplaced=[Unplaced(nip=str(u["nip"]), name=str(u.get("name") or ""), from_position_id=u.get("from_position_id"),
                           from_unit_id=u.get("from_unit_id"), reason=PlanReason(u["reason"]),
                           detail=unplaced_detail(u.get("detail")), candidate_decision_id=u.get("candidate_decision_id"))
                  for u in d.get("unplaced") or []],
        open_positions=[OpenPosition(position_id=str(o["position_id"]), unit_id=str(o.get("unit_id") or ""),
                                     deficit=int(o.get("deficit") or 0), filled=int(o.get("filled") or 0),
                                     still_open=int(o.get("still_open") or 0), reason=PlanReason(o["reason"]),
                                     detail=open_detail(o.get("detail")))
                        for o in d.get("open_positions") or []],
        workload=[WorkloadRow(unit_id=str(w["unit_id"]), unit_name=w.get("unit_name"),
                              staff_needed=int(w.get("staff_needed") or 0), on_post_before=int(w.get("on_post_before") or 0),
                              moves_in=int(w.get("moves_in") or 0), moves_out=int(w.get("moves_out") or 0),
                              on_post_after=int(w.get("on_post_after") or 0),
                              balance_before=int(w.get("balance_before") or 0),
                              balance_after=int(w.get("balance_after") or 0))
                  for w in d.get("workload") or []],
        excluded_pairs=[ExcludedPair(str(e["nip"]), str(e["position_id"]), PlanReason(e["reason"]), str(e.get("relation") or ""))
                        for e in d.get("excluded_pairs") or []],
        summary=_summary(d.get("summary")),
        recorded=any("decision_id" in p for p in d.get("placements") or [])
        or any("candidate_decision_id" in u for u in d.get("unplaced") or []),
    )
    raw_inputs = d.get("inputs")
    inputs = None if raw_inputs is None else PlanInputs(
        conflicts=_str_map(raw_inputs.get("conflicts")), training_catalog=_str_map(raw_inputs.get("training_catalog")),
        fill_weight=float(raw_inputs.get("fill_weight") or 0.0), tie_break_seed=raw_inputs.get("tie_break_seed"),
        after_round=RoundBasis.from_dict(raw_inputs["after_round"]) if raw_inputs.get("after_round") else None)
    return RecordedPlan(result=result, inputs=inputs, as_of=d.get("as_of"), pack=_str_map(d.get("pack")))
