"""The typed parts of a plan result: what a placement rests on (score parts, other criteria,
training), what an unplaced person's or an open position's reason rests on (the detail), and
the plan's summary. Each writes the JSON the audit log records (``to_dict``); payload.py reads
it back. Reports read these values, never the JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.outcome import Outcome
from engine.plan.reasons import PlanReason


@dataclass(frozen=True)
class ScorePart:
    """One score criterion of a placement: points x weight = contribution."""

    criterion_id: str
    title: dict[str, str]  # {"id", "en"}
    points: float | None
    weight: float | None
    contribution: float | None
    outcome: Outcome

    def to_dict(self) -> dict[str, Any]:
        return {"criterion_id": self.criterion_id, "title": dict(self.title), "points": self.points,
                "weight": self.weight, "contribution": self.contribution, "outcome": self.outcome.value}


@dataclass(frozen=True)
class CriterionOutcome:
    """Another criterion of the pair decision behind a placement, with its outcome."""

    criterion_id: str
    kind: str  # requirement / approval / exception / advisory
    outcome: Outcome
    title: dict[str, str]
    legal_basis: list[dict[str, str]]  # [{regulation, article}]

    def to_dict(self) -> dict[str, Any]:
        return {"criterion_id": self.criterion_id, "kind": self.kind, "outcome": self.outcome.value,
                "title": dict(self.title), "legal_basis": [dict(b) for b in self.legal_basis]}


@dataclass(frozen=True)
class Training:
    """A competency the placed person lacks, and the catalogue's training for it (if any)."""

    competency: str
    training: str | None
    in_catalog: bool

    def to_dict(self) -> dict[str, Any]:
        return {"competency": self.competency, "training": self.training, "in_catalog": self.in_catalog}


# -- what a reason rests on (Unplaced.detail, OpenPosition.detail); None: nothing more to say


@dataclass(frozen=True)
class VerdictCounts:
    """No admissible pair: how the pairs were decided and which criteria decided them."""

    pair_verdicts: dict[str, int]  # verdict -> pairs (those the pair screen ruled out: not_eligible)
    deciding: dict[str, int]  # criterion id -> pairs it decided (pairs evaluated)
    # screen criterion -> pairs ruled out before evaluation on which it failed (a pair may
    # fail several); empty for plans recorded before the screen
    screened_out: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pair_verdicts": dict(self.pair_verdicts), "deciding": dict(self.deciding)}
        if self.screened_out:
            out["screened_out"] = dict(self.screened_out)
        return out


@dataclass(frozen=True)
class Conflict:
    """Kept out for a conflict of interest with the decision-maker (the recorded relation)."""

    relation: str

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation}


@dataclass(frozen=True)
class AdmissiblePosition:
    position_id: str
    score: float | None
    filled_by: list[str]  # NIPs placed there

    def to_dict(self) -> dict[str, Any]:
        return {"position_id": self.position_id, "score": self.score, "filled_by": list(self.filled_by)}


@dataclass(frozen=True)
class Options:
    """Eligible for some positions but not placed (not selected, or the origin's cap used)."""

    admissible_count: int
    admissible_positions: list[AdmissiblePosition]  # the best few, enough to explain
    others_leaving_same_position: list[str]
    position_cap: int
    unit_cap: int

    def to_dict(self) -> dict[str, Any]:
        return {"admissible_count": self.admissible_count,
                "admissible_positions": [p.to_dict() for p in self.admissible_positions],
                "others_leaving_same_position": list(self.others_leaving_same_position),
                "position_cap": self.position_cap, "unit_cap": self.unit_cap}


@dataclass(frozen=True)
class AdmissibleCandidate:
    nip: str
    placed_at: str | None
    score: float | None
    status: PlanReason  # placed_elsewhere / origin_cap_reached / not_selected

    def to_dict(self) -> dict[str, Any]:
        return {"nip": self.nip, "placed_at": self.placed_at, "score": self.score, "status": self.status.value}


@dataclass(frozen=True)
class UsedElsewhere:
    """An open position whose admissible candidates went elsewhere or stayed."""

    admissible: list[AdmissibleCandidate]

    def to_dict(self) -> dict[str, Any]:
        return {"admissible": [a.to_dict() for a in self.admissible]}


UnplacedDetail = Conflict | VerdictCounts | Options | None
OpenDetail = VerdictCounts | UsedElsewhere | None


def detail_dict(detail: UnplacedDetail | OpenDetail) -> dict[str, Any]:
    return {} if detail is None else detail.to_dict()


@dataclass(frozen=True)
class PlanObjective:
    """What the solver maximised, in the plan's own record (docs/plan-and-review.md)."""

    per_placement: str
    fill_weight: float
    score_resolution: float
    origin_caps: str
    tie_break: str
    tie_break_seed: int | None  # None: a plan recorded before the seeded lottery

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"per_placement": self.per_placement, "fill_weight": self.fill_weight,
                               "score_resolution": self.score_resolution, "origin_caps": self.origin_caps,
                               "tie_break": self.tie_break}
        if self.tie_break_seed is not None:
            out["tie_break_seed"] = self.tie_break_seed
        return out


@dataclass(frozen=True)
class PlanSummary:
    candidates: int
    candidate_verdicts: dict[str, int]
    pairs_evaluated: int
    pairs_admissible: int
    slots_open_before: int
    slots_filled: int
    total_score: float
    objective: PlanObjective
    pairs_recorded: int | None = None  # set by the run that recorded the plan
    # pairs the pair screen ruled out unevaluated, and its criteria (None: no screen ran)
    pairs_screened_out: int | None = None
    pair_screen: list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "candidates": self.candidates, "candidate_verdicts": dict(self.candidate_verdicts),
            "pairs_evaluated": self.pairs_evaluated, "pairs_admissible": self.pairs_admissible,
            "slots_open_before": self.slots_open_before, "slots_filled": self.slots_filled,
            "total_score": self.total_score, "objective": self.objective.to_dict()}
        if self.pairs_recorded is not None:
            out["pairs_recorded"] = self.pairs_recorded
        if self.pairs_screened_out is not None:
            out["pairs_screened_out"] = self.pairs_screened_out
            out["pair_screen"] = list(self.pair_screen or [])
        return out
