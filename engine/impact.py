"""What `rules impact` finds: per person whose verdict changes between two packs, the
criteria responsible with what they read; counts per unit and verdict; fairness ratios.

Typed results only (mutasi/runs/impact.py fills them from the store; reports/ words them).
``shifts`` compares two decisions of one subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from engine.outcome import Decision, Reason
from engine.packdiff import PackDiff

VERDICT_KINDS = ("requirement", "approval", "exception")  # kinds that can change a verdict


@dataclass(frozen=True)
class CriterionShift:
    """One criterion whose outcome differs for a person, with what it read in each pack."""

    criterion_id: str
    kind: str
    title: dict[str, str]
    legal_basis: list[dict[str, str]]
    old: str | None  # outcome under the old pack; None: not in force there
    new: str | None
    read_old: dict[str, Any]
    read_new: dict[str, Any]
    threshold_old: Any
    threshold_new: Any

    def to_dict(self) -> dict[str, Any]:
        return {"criterion_id": self.criterion_id, "kind": self.kind, "title": self.title,
                "legal_basis": self.legal_basis, "old": self.old, "new": self.new,
                "read_old": self.read_old, "read_new": self.read_new,
                "threshold_old": self.threshold_old, "threshold_new": self.threshold_new}


@dataclass(frozen=True)
class PersonChange:
    nip: str
    name: str
    unit_id: str | None
    unit_name: str | None
    old: str  # verdict under the old pack
    new: str
    criteria: tuple[CriterionShift, ...]  # the criteria responsible, sorted by id

    def to_dict(self) -> dict[str, Any]:
        return {"nip": self.nip, "name": self.name, "unit_id": self.unit_id,
                "unit_name": self.unit_name, "old": self.old, "new": self.new,
                "criteria": [c.to_dict() for c in self.criteria]}


@dataclass(frozen=True)
class UnitCount:
    unit_id: str | None
    unit_name: str | None
    people: int
    changed: int
    considered_old: int  # eligible (also through an exception) under the old pack
    considered_new: int


@dataclass(frozen=True)
class GroupShift:
    """A fairness group's eligibility rate and impact ratio under each pack."""

    attribute: str
    group: str
    people: int
    rate_old: Fraction
    rate_new: Fraction
    ratio_old: Fraction | None
    ratio_new: Fraction | None

    def to_dict(self) -> dict[str, Any]:
        def f(x: Fraction | None) -> float | None:
            return None if x is None else round(float(x), 4)
        return {"attribute": self.attribute, "group": self.group, "people": self.people,
                "rate_old": f(self.rate_old), "rate_new": f(self.rate_new),
                "ratio_old": f(self.ratio_old), "ratio_new": f(self.ratio_new)}


@dataclass
class ImpactResult:
    diff: PackDiff
    as_of: str
    base_run: int | None  # the recorded run whose population was re-decided
    people: int
    changes: list[PersonChange]
    verdicts_old: dict[str, int]
    verdicts_new: dict[str, int]
    transitions: dict[str, int]  # "old -> new" -> people
    units: list[UnitCount]
    fairness: list[GroupShift]
    recorded_run: int | None = None
    placements: list[PlacementChange] | None = field(default=None)  # a plan run only

    def to_dict(self) -> dict[str, Any]:
        return {"diff": self.diff.to_dict(), "as_of": self.as_of, "base_run": self.base_run,
                "people": self.people, "changed": len(self.changes),
                "changes": [c.to_dict() for c in self.changes],
                "verdicts_old": self.verdicts_old, "verdicts_new": self.verdicts_new,
                "transitions": self.transitions,
                "units": [vars(u) for u in self.units],
                "fairness": [g.to_dict() for g in self.fairness],
                "recorded_run": self.recorded_run,
                "placements": None if self.placements is None else [p.to_dict() for p in self.placements]}


def shifts(a: Decision, b: Decision) -> tuple[CriterionShift, ...]:
    """The criteria behind a change of verdict from ``a`` to ``b``: those whose outcome
    differs (verdict kinds first), and what decides ``b`` when it is not eligible."""
    ra = {r.criterion_id: r for r in a.reasons}
    rb = {r.criterion_id: r for r in b.reasons}
    out = []
    for cid in sorted(set(ra) | set(rb)):
        x, y = ra.get(cid), rb.get(cid)
        ox = x.outcome.value if x else None
        oy = y.outcome.value if y else None
        if ox == oy:
            continue
        r: Reason = y or x  # type: ignore[assignment]  # one of them exists
        out.append(CriterionShift(cid, r.kind, dict(r.title), [dict(lb) for lb in r.legal_basis],
                                  ox, oy, dict(x.facts_read) if x else {},
                                  dict(y.facts_read) if y else {},
                                  x.threshold if x else None, y.threshold if y else None))
    chosen = [s for s in out if s.kind in VERDICT_KINDS] or out
    # what now decides, when it did not change itself (a missing fact behind a lifted fail)
    if b.verdict.value in ("not_eligible", "data_missing", "needs_approval"):
        have = {s.criterion_id for s in chosen}
        for cid in b.deciding:
            x, y = ra.get(cid), rb[cid]
            if cid not in have:
                chosen.append(CriterionShift(
                    cid, y.kind, dict(y.title), [dict(lb) for lb in y.legal_basis],
                    x.outcome.value if x else None, y.outcome.value,
                    dict(x.facts_read) if x else {}, dict(y.facts_read),
                    x.threshold if x else None, y.threshold))
    return tuple(sorted(chosen, key=lambda s: s.criterion_id))


@dataclass(frozen=True)
class PlacementChange:
    """A person the transfer plan places differently under the new pack (None: not placed)."""

    nip: str
    name: str
    old_position: str | None  # position id
    new_position: str | None
    old_title: str | None  # position name, for readers
    new_title: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"nip": self.nip, "name": self.name, "old_position": self.old_position,
                "new_position": self.new_position, "old_title": self.old_title,
                "new_title": self.new_title}
