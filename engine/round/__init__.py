"""The voluntary transfer round: published priority points and employee-proposing deferred
acceptance (docs/plan-and-review.md, "Voluntary round")."""

from engine.round.build import build_round
from engine.round.mechanism import Step, deferred_acceptance
from engine.round.model import (
    DEFAULT_ROUND_SEED,
    BidOutcome,
    Offer,
    PersonOutcome,
    PointItem,
    PositionOutcome,
    Ranking,
    RoundOrder,
    RoundReason,
    RoundResult,
    RoundSettings,
    point_items,
    total_points,
)

__all__ = [
    "DEFAULT_ROUND_SEED", "BidOutcome", "Offer", "PersonOutcome", "PointItem", "PositionOutcome",
    "Ranking", "RoundOrder", "RoundReason", "RoundResult", "RoundSettings", "Step",
    "build_round", "deferred_acceptance", "point_items", "total_points",
]
