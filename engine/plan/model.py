"""The plan's typed values: settings, targets and sources, and the result with its reasons.

Reason codes are ``PlanReason`` members (reasons.py); reports translate every one of them (a
test fails when one has no text in Bahasa Indonesia and English). What a placement or a
reason rests on is typed in parts.py. ``PlanResult.to_dict()`` is the plan payload the audit
log records and plan.json holds (docs/plan-and-review.md); payload.py reads it back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from engine.outcome import Decision, Verdict
from engine.plan.parts import (
    CriterionOutcome,
    OpenDetail,
    PlanSummary,
    ScorePart,
    Training,
    UnplacedDetail,
    detail_dict,
)
from engine.plan.reasons import PlanReason as PlanReason  # its home; re-exported for callers
from engine.problems import MutasiError

ADMISSIBLE = (Verdict.ELIGIBLE, Verdict.ELIGIBLE_THROUGH_EXCEPTION)
EXPLAIN_TOP = 10  # admissible positions listed for a person not placed
SCORE_SCALE = 10_000  # scores compared in 1/10,000 point (pack scores run 0..1)
# What filling one deficit slot is worth: the best possible score of the national pack, so
# one more filled slot outweighs any loss of fit elsewhere up to that. The one default (the
# CLI's --fill-weight shows it).
DEFAULT_TIE_BREAK_SEED = 1  # a committee may draw its own (mutasi plan --tie-break-seed)
DEFAULT_FILL_WEIGHT = 1.0


def score_of(d: Decision) -> float:
    """A pair's score for the plan (a pair without a score counts 0)."""
    return float(d.score) if d.score is not None else 0.0


class PlanError(MutasiError):
    """The solver did not return an optimal plan (should not happen on a feasible model)."""


@dataclass(frozen=True)
class PlanSettings:
    fill_weight: float = DEFAULT_FILL_WEIGHT  # points a placement earns for the slot it fills
    tie_break: bool = True
    # Equal-value plans are decided by a seeded lottery over NIPs, recorded in the run (the
    # NIP order it replaced favoured older staff: a NIP begins with the birth date).
    tie_break_seed: int = DEFAULT_TIE_BREAK_SEED


def lottery_rank(seed: int, nips: Iterable[str]) -> dict[str, int]:
    """Each NIP's place in the seeded lottery (0 = drawn first): sha256 of "seed:nip"."""
    order = sorted(set(nips), key=lambda n: (hashlib.sha256(f"{seed}:{n}".encode()).hexdigest(), n))
    return {n: i for i, n in enumerate(order)}


@dataclass(frozen=True)
class Slot:
    position_id: str
    unit_id: str
    capacity: int  # deficit (staff needed - on post)


@dataclass(frozen=True)
class Source:
    """Where a candidate would leave from, and how many may leave it."""

    position_id: str | None
    unit_id: str | None
    position_cap: int  # max(0, surplus of the position); 0 when unknown
    status: str  # "surplus" | "no_surplus" | "no_position" | "no_workload"


@dataclass(frozen=True)
class RunnerUp:
    nip: str
    score: float | None
    difference: float
    why: PlanReason
    placed_at: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"nip": self.nip, "score": self.score, "difference": self.difference,
                "why": self.why.value, "placed_at": self.placed_at}


@dataclass(frozen=True)
class Placement:
    nip: str
    name: str
    position_id: str
    unit_id: str
    from_position_id: str | None
    from_unit_id: str | None
    verdict: Verdict
    score: float | None
    score_breakdown: list[ScorePart]  # per score criterion: points, weight, contribution
    criteria: list[CriterionOutcome]  # the other criteria of the pair decision, with outcomes
    runner_up: RunnerUp | None
    competency_gaps: list[str]
    training: list[Training]  # per gap: the catalogue's training, if any
    decision_id: str | None = None  # set once the run has recorded the pair decision
    candidate_decision_id: str | None = None

    def to_dict(self, recorded: bool) -> dict[str, Any]:
        out = {"nip": self.nip, "name": self.name, "position_id": self.position_id,
               "unit_id": self.unit_id, "from_position_id": self.from_position_id,
               "from_unit_id": self.from_unit_id, "verdict": self.verdict.value,
               "score": self.score, "score_breakdown": [b.to_dict() for b in self.score_breakdown],
               "criteria": [c.to_dict() for c in self.criteria],
               "runner_up": self.runner_up.to_dict() if self.runner_up else None,
               "competency_gaps": list(self.competency_gaps),
               "training": [t.to_dict() for t in self.training]}
        if recorded:
            out.update(decision_id=self.decision_id,
                       candidate_decision_id=self.candidate_decision_id)
        return out


@dataclass(frozen=True)
class Unplaced:
    """An eligible person the plan does not move, and why."""

    nip: str
    name: str
    from_position_id: str | None
    from_unit_id: str | None
    reason: PlanReason
    detail: UnplacedDetail  # what the reason rests on (counts, admissible positions, caps)
    candidate_decision_id: str | None = None

    def to_dict(self, recorded: bool) -> dict[str, Any]:
        out = {"nip": self.nip, "name": self.name, "from_position_id": self.from_position_id,
               "from_unit_id": self.from_unit_id, "reason": self.reason.value,
               "detail": detail_dict(self.detail)}
        if recorded:
            out["candidate_decision_id"] = self.candidate_decision_id
        return out


@dataclass(frozen=True)
class OpenPosition:
    """A deficit position (partly) left open, and why."""

    position_id: str
    unit_id: str
    deficit: int
    filled: int
    still_open: int
    reason: PlanReason
    detail: OpenDetail

    def to_dict(self) -> dict[str, Any]:
        return {"position_id": self.position_id, "unit_id": self.unit_id,
                "deficit": self.deficit, "filled": self.filled, "still_open": self.still_open,
                "reason": self.reason.value, "detail": detail_dict(self.detail)}


@dataclass(frozen=True)
class ExcludedPair:
    nip: str
    position_id: str
    reason: PlanReason
    relation: str

    def to_dict(self) -> dict[str, Any]:
        return {"nip": self.nip, "position_id": self.position_id, "reason": self.reason.value,
                "relation": self.relation}


@dataclass(frozen=True)
class WorkloadRow:
    unit_id: str
    unit_name: str | None
    staff_needed: int
    on_post_before: int
    moves_in: int
    moves_out: int
    on_post_after: int
    balance_before: int
    balance_after: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PlanResult:
    placements: list[Placement] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    open_positions: list[OpenPosition] = field(default_factory=list)
    workload: list[WorkloadRow] = field(default_factory=list)
    excluded_pairs: list[ExcludedPair] = field(default_factory=list)
    summary: PlanSummary | None = None
    recorded: bool = False  # decision ids filled in by the run that recorded the plan

    def with_decision_ids(self, ids: dict[str, str], pairs_recorded: int) -> PlanResult:
        """The plan as recorded: each placement and unplaced person with the ids of their
        decisions in the audit log (``ids``: NIP or "NIP@position" -> decision id)."""
        return replace(
            self, recorded=True,
            summary=replace(self.summary, pairs_recorded=pairs_recorded) if self.summary else None,
            placements=[replace(p, decision_id=ids[f"{p.nip}@{p.position_id}"],
                                candidate_decision_id=ids[p.nip]) for p in self.placements],
            unplaced=[replace(u, candidate_decision_id=ids.get(u.nip)) for u in self.unplaced],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "placements": [p.to_dict(self.recorded) for p in self.placements],
            "unplaced": [u.to_dict(self.recorded) for u in self.unplaced],
            "open_positions": [o.to_dict() for o in self.open_positions],
            "workload": [w.to_dict() for w in self.workload],
            "excluded_pairs": [e.to_dict() for e in self.excluded_pairs],
            "summary": self.summary.to_dict() if self.summary else {},
        }
