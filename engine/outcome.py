"""What the engine returns: one Reason per criterion, one Decision per subject.

These are structured data only. Prose is rendered in reports/, never here. ``to_dict`` is
the canonical form that the audit trail hashes and that reports read back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    MISSING = "missing"  # a fact the criterion needs is not on file
    APPROVAL_NEEDED = "approval_needed"  # approval criterion applies, no approval on file
    APPROVED = "approved"  # approval criterion applies, approval on file
    EXCEPTED = "excepted"  # exception applies with its document and lifts a failed requirement
    NOT_APPLICABLE = "not_applicable"  # approval not required, or exception whose conditions do not hold
    WARNING = "warning"  # advisory criterion fired
    SCORED = "scored"  # score criterion, points in Reason.points


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_APPROVAL = "needs_approval"
    ELIGIBLE_THROUGH_EXCEPTION = "eligible_through_exception"
    DATA_MISSING = "data_missing"


# Review of a proposed move speaks of moves, not people; same policy, other words.
MOVE_LABEL = {
    Verdict.ELIGIBLE: "allowed",
    Verdict.NOT_ELIGIBLE: "blocked",
    Verdict.NEEDS_APPROVAL: "needs_approval",
    Verdict.ELIGIBLE_THROUGH_EXCEPTION: "allowed_through_exception",
    Verdict.DATA_MISSING: "data_missing",
}


@dataclass(frozen=True)
class Reason:
    """The outcome of one criterion for one subject, with everything needed to explain it."""

    criterion_id: str
    criterion_version: int
    kind: str  # requirement / approval / exception / advisory / score
    scope: str  # candidate / candidate_position / move
    outcome: Outcome
    title: dict[str, str]  # {"id": ..., "en": ...}
    legal_basis: list[dict[str, str]]  # [{"regulation": ..., "article": ...}, ...]
    source: str  # "rules/nasional/criteria/masa_jabatan.yaml:12"
    facts_read: dict[str, Any]  # fact name -> value read (None when missing)
    missing: dict[str, str] = field(default_factory=dict)  # fact name -> reason code
    threshold: Any = None  # the condition with parameters resolved, JSON-able
    counterfactual: dict[str, Any] | None = None  # {"kind": "date"|"value", ...}
    points: float | None = None  # score criteria
    weight: float | None = None
    approval: dict[str, Any] | None = None  # approval kind: {"type", "from": {...}, "document"}
    exception: dict[str, Any] | None = None  # exception kind: {"lifts": [...], "document"}

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "criterion_id": self.criterion_id,
            "criterion_version": self.criterion_version,
            "kind": self.kind,
            "scope": self.scope,
            "outcome": self.outcome.value,
            "title": dict(self.title),
            "legal_basis": [dict(b) for b in self.legal_basis],
            "source": self.source,
            "facts_read": dict(self.facts_read),
            "missing": dict(self.missing),
            "threshold": self.threshold,
            "counterfactual": self.counterfactual,
            "points": self.points,
            "weight": self.weight,
            "approval": self.approval,
            "exception": self.exception,
        }
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reason:
        basis = d.get("legal_basis") or []
        # Recorded before legal bases became lists: one mapping is a one-element list.
        basis = [basis] if isinstance(basis, dict) else basis
        return cls(**{**d, "outcome": Outcome(d["outcome"]), "legal_basis": basis})


def is_round_points(reason: Reason | Mapping[str, Any]) -> bool:
    """A priority-points item of a voluntary round (a score criterion with ``use: round``):
    counted by the round, never in the plan's score (a Reason or its recorded dict)."""
    kind: Any = reason.kind if isinstance(reason, Reason) else reason.get("kind")
    threshold: Any = reason.threshold if isinstance(reason, Reason) else reason.get("threshold")
    return kind == "score" and isinstance(threshold, Mapping) and threshold.get("use") == "round"


@dataclass(frozen=True)
class Decision:
    """One verdict for one subject (a candidate, a candidate x position pair, or a move)."""

    scope: str
    subject: dict[str, str]  # {"nip": ...} (+ "position_id" / "move_id")
    verdict: Verdict
    reasons: tuple[Reason, ...]  # sorted by criterion id
    deciding: tuple[str, ...]  # criterion ids that produced the verdict (see engine.policy)
    pack: dict[str, str]  # {"id", "version", "hash"}
    as_of: str  # ISO date
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "subject": dict(self.subject),
            "verdict": self.verdict.value,
            "deciding": list(self.deciding),
            "score": self.score,
            "pack": dict(self.pack),
            "as_of": self.as_of,
            "reasons": [r.to_dict() for r in self.reasons],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Decision:
        return cls(
            scope=d["scope"],
            subject=dict(d["subject"]),
            verdict=Verdict(d["verdict"]),
            reasons=tuple(Reason.from_dict(r) for r in d["reasons"]),
            deciding=tuple(d["deciding"]),
            pack=dict(d["pack"]),
            as_of=d["as_of"],
            score=d.get("score"),
        )
