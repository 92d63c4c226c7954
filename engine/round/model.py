"""The voluntary round's typed values: settings, offers, bids (one ranked position of one
person, as decided), and the result with a reason for every bid and every person.

Reason codes are ``RoundReason`` members; reports translate every one of them (a test fails
when one has no text in Bahasa Indonesia and English). ``RoundResult.to_dict()`` is the
round payload the audit log records (docs/plan-and-review.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from engine.outcome import Decision, Outcome, Verdict, is_round_points

POINT_SCALE = 10_000  # points compared in 1/10,000 point
DEFAULT_ROUND_SEED = 1


class RoundOrder(StrEnum):
    """How the round meets the organisational plan (stated in the run)."""

    BEFORE_PLAN = "before_plan"  # the round first; the plan then fills what is left
    AFTER_PLAN = "after_plan"  # a recorded plan first; the round offers what it left open


class RoundReason(StrEnum):
    """What became of one ranked position, or of one person."""

    # one ranked position (a bid)
    ADMITTED = "admitted"
    BELOW_CUTOFF = "below_cutoff"  # fewer points than the last person admitted
    TIE_LOTTERY = "tie_lottery"  # as many points as the last admitted; the lottery drew them
    HIGHER_CHOICE_ADMITTED = "higher_choice_admitted"  # admitted to a position ranked higher
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_APPROVAL = "needs_approval"
    DATA_MISSING = "data_missing"
    POINTS_MISSING = "points_missing"  # a points item cannot be computed: data missing
    # one person
    MOVED = "moved"
    KEPT_CURRENT = "kept_current"  # no ranked position admitted; stays in the current post
    NO_POST = "no_post"  # no ranked position admitted, no fallback: the committee decides
    PLACED_BY_PLAN = "placed_by_plan"  # the plan before the round moved this person


@dataclass(frozen=True)
class RoundSettings:
    seed: int = DEFAULT_ROUND_SEED  # the published lottery that orders equal points
    keep_current: bool = True  # a person not admitted anywhere keeps their current post
    order: RoundOrder = RoundOrder.BEFORE_PLAN
    plan_run: int | None = None  # AFTER_PLAN: the plan run whose leftovers are offered

    def to_dict(self) -> dict[str, Any]:
        return {"seed": self.seed, "keep_current": self.keep_current,
                "order": self.order.value, "plan_run": self.plan_run}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RoundSettings:
        return cls(int(d["seed"]), bool(d["keep_current"]), RoundOrder(d["order"]),
                   d.get("plan_run"))


@dataclass(frozen=True)
class Offer:
    position_id: str
    unit_id: str
    capacity: int  # slots offered (the ABK deficit, less what a plan before filled)

    def __post_init__(self) -> None:
        if self.capacity < 1:  # a position with no slot is not offered at all
            raise ValueError(f"offer {self.position_id}: capacity {self.capacity} < 1")

    def to_dict(self) -> dict[str, Any]:
        return {"position_id": self.position_id, "unit_id": self.unit_id,
                "capacity": self.capacity}


@dataclass(frozen=True)
class Ranking:
    """One person's ranked positions, best first, as submitted."""

    nip: str
    current_position_id: str | None
    choices: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"nip": self.nip, "current_position_id": self.current_position_id,
                "choices": list(self.choices)}


@dataclass(frozen=True)
class PointItem:
    criterion_id: str
    title: dict[str, str]
    legal_basis: list[dict[str, str]]
    points: float | None  # the item's points before its weight; None = data missing
    weight: float | None
    contribution: float | None  # points x weight
    read: dict[str, Any] = field(default_factory=dict)  # facts the item read, as read
    missing: dict[str, str] = field(default_factory=dict)  # fact -> why it is missing

    def to_dict(self) -> dict[str, Any]:
        return {"criterion_id": self.criterion_id, "title": dict(self.title),
                "legal_basis": [dict(b) for b in self.legal_basis], "points": self.points,
                "weight": self.weight, "contribution": self.contribution,
                "read": dict(sorted(self.read.items())), "missing": dict(sorted(self.missing.items()))}


def point_items(d: Decision) -> tuple[PointItem, ...]:
    """The round's points items of a pair decision (criteria with ``use: round``)."""
    out = []
    for r in d.reasons:
        if not is_round_points(r) or r.outcome is Outcome.NOT_APPLICABLE:
            continue
        missing = r.outcome is Outcome.MISSING or r.points is None or r.weight is None
        contrib = None if missing else round((r.points or 0.0) * (r.weight or 0.0), 6)
        out.append(PointItem(r.criterion_id, dict(r.title), [dict(b) for b in r.legal_basis],
                             None if missing else r.points, r.weight, contrib,
                             dict(r.facts_read), dict(r.missing)))
    return tuple(sorted(out, key=lambda i: i.criterion_id))


def total_points(items: tuple[PointItem, ...]) -> float | None:
    """The sum of the items, or None when one of them cannot be computed."""
    if any(i.contribution is None for i in items):
        return None
    return round(sum(i.contribution or 0.0 for i in items), 4)


@dataclass(frozen=True)
class BidOutcome:
    """One ranked position of one person: points with breakdown, cut-off, and the reason."""

    rank: int  # 1 = the person's first choice
    position_id: str
    verdict: Verdict
    points: float | None
    items: tuple[PointItem, ...]
    reason: RoundReason
    cutoff: float | None  # points of the last person admitted there; None = not full
    deciding: tuple[str, ...] = ()  # criteria behind a verdict that is not eligible
    missing_items: tuple[str, ...] = ()
    decision_id: str | None = None
    deciding_titles: tuple[dict[str, str], ...] = ()  # their titles, for letters

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "position_id": self.position_id,
                "verdict": self.verdict.value, "points": self.points,
                "items": [i.to_dict() for i in self.items], "reason": self.reason.value,
                "cutoff": self.cutoff, "deciding": list(self.deciding),
                "missing_items": list(self.missing_items), "decision_id": self.decision_id,
                "deciding_titles": [dict(t) for t in self.deciding_titles]}


@dataclass(frozen=True)
class PersonOutcome:
    nip: str
    current_position_id: str | None
    assigned_position_id: str | None  # a ranked position, or None
    outcome: RoundReason  # MOVED / KEPT_CURRENT / NO_POST / PLACED_BY_PLAN
    lottery: int  # the person's number in the published lottery (0 = drawn first)
    bids: tuple[BidOutcome, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"nip": self.nip, "current_position_id": self.current_position_id,
                "assigned_position_id": self.assigned_position_id,
                "outcome": self.outcome.value, "lottery": self.lottery,
                "bids": [b.to_dict() for b in self.bids]}


@dataclass(frozen=True)
class PositionOutcome:
    """One offered position: capacity, applicants, who got in, and its cut-off (no names
    in the committee's published table; the NIPs are for the record)."""

    position_id: str
    unit_id: str
    capacity: int
    applicants: int  # people who ranked it
    admissible: int  # of them, eligible with all points computed
    admitted: tuple[str, ...]  # NIPs, strongest first
    cutoff: float | None
    cutoff_by_lottery: bool  # someone with the cut-off's points was turned away by the lottery
    remaining: int  # slots left for what comes after the round

    def to_dict(self) -> dict[str, Any]:
        return {"position_id": self.position_id, "unit_id": self.unit_id,
                "capacity": self.capacity, "applicants": self.applicants,
                "admissible": self.admissible, "admitted": list(self.admitted),
                "cutoff": self.cutoff, "cutoff_by_lottery": self.cutoff_by_lottery,
                "remaining": self.remaining}


@dataclass(frozen=True)
class RoundResult:
    people: list[PersonOutcome] = field(default_factory=list)
    positions: list[PositionOutcome] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)  # the proposal log
    plan_then: dict[str, Any] = field(default_factory=dict)  # what the order leaves the plan
    summary: dict[str, Any] = field(default_factory=dict)

    def assignment(self) -> dict[str, str]:
        """NIP -> position for everyone the round moves (what a replay must reproduce)."""
        return {p.nip: p.assigned_position_id for p in self.people
                if p.assigned_position_id is not None}

    def to_dict(self) -> dict[str, Any]:
        return {"people": [p.to_dict() for p in self.people],
                "positions": [p.to_dict() for p in self.positions],
                "steps": self.steps, "plan_then": self.plan_then, "summary": self.summary}
