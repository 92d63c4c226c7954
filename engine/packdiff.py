"""What changes between two effective packs: criteria and parameters added, removed and
changed, with both packs' hashes. Structured data only; reports/ says it in words.

Criteria are matched by id, parameters by name, both sorted. A criterion "changed" names the
fields that differ (``source`` alone, a moved line, is no change that decides anything and is
reported apart as ``moved``). A parameter's values are compared entry by entry (from, until,
value, legal basis); ``at`` gives the value in force at a date in each pack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from engine.pack import Criterion, Pack, Parameter

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"
_CRITERION_FIELDS = ("version", "title", "legal_basis", "scope", "kind", "effective_from",
                     "effective_until", "body")
_PARAMETER_FIELDS = ("title", "unit", "type", "legal_basis", "values")


@dataclass(frozen=True)
class CriterionChange:
    id: str
    change: str  # added / removed / changed / moved
    fields: tuple[str, ...]  # what differs (changed); () otherwise
    old: Criterion | None
    new: Criterion | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "change": self.change, "fields": list(self.fields),
                "old": self.old.to_dict() if self.old else None,
                "new": self.new.to_dict() if self.new else None}


@dataclass(frozen=True)
class ParameterChange:
    name: str
    change: str  # added / removed / changed
    fields: tuple[str, ...]
    old: Parameter | None
    new: Parameter | None
    old_value: Any = None  # value in force at the diff's date (None: none / no date given)
    new_value: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "change": self.change, "fields": list(self.fields),
                "old": self.old.to_dict() if self.old else None,
                "new": self.new.to_dict() if self.new else None,
                "old_value": self.old_value, "new_value": self.new_value}


@dataclass(frozen=True)
class PackDiff:
    old: dict[str, str]  # pack info: id, version, hash
    new: dict[str, str]
    at: str | None  # the date values in force are compared at (ISO), if given
    criteria: tuple[CriterionChange, ...] = ()
    parameters: tuple[ParameterChange, ...] = ()
    header: tuple[str, ...] = field(default=())  # pack-level fields that differ

    @property
    def same(self) -> bool:
        return not (self.criteria or self.parameters or self.header)

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "at": self.at, "same": self.same,
                "header": list(self.header),
                "criteria": [c.to_dict() for c in self.criteria],
                "parameters": [p.to_dict() for p in self.parameters]}


def _criterion_change(cid: str, a: Criterion | None, b: Criterion | None) -> CriterionChange | None:
    if a is None:
        return CriterionChange(cid, ADDED, (), None, b)
    if b is None:
        return CriterionChange(cid, REMOVED, (), a, None)
    da, db = a.to_dict(), b.to_dict()
    fields = tuple(f for f in _CRITERION_FIELDS if da[f] != db[f])
    if fields:
        return CriterionChange(cid, CHANGED, fields, a, b)
    if _where(a.source) != _where(b.source):  # the same file in a copied pack is no move
        return CriterionChange(cid, MOVED, (), a, b)
    return None


def _where(source: str) -> str:
    return source.rsplit("/", 1)[-1]


def _value_at(p: Parameter | None, at: date | None) -> Any:
    if p is None or at is None:
        return None
    entry = p.entry_at(at)
    return None if entry is None else entry.value


def _parameter_change(name: str, a: Parameter | None, b: Parameter | None,
                      at: date | None) -> ParameterChange | None:
    va, vb = _value_at(a, at), _value_at(b, at)
    if a is None:
        return ParameterChange(name, ADDED, (), None, b, va, vb)
    if b is None:
        return ParameterChange(name, REMOVED, (), a, None, va, vb)
    da, db = a.to_dict(), b.to_dict()
    # where a value was written (source) is no change; what it is, from when, and why, is
    for d in (da, db):
        d["values"] = [{k: v for k, v in x.items() if k != "source"} for x in d["values"]]
    fields = tuple(f for f in _PARAMETER_FIELDS if da[f] != db[f])
    return ParameterChange(name, CHANGED, fields, a, b, va, vb) if fields else None


def diff_packs(old: Pack, new: Pack, at: date | None = None) -> PackDiff:
    """Every difference that decides something between ``old`` and ``new``."""
    ca = {c.id: c for c in old.criteria}
    cb = {c.id: c for c in new.criteria}
    crit = [ch for cid in sorted(set(ca) | set(cb))
            if (ch := _criterion_change(cid, ca.get(cid), cb.get(cid))) is not None]
    params = [pc for name in sorted(set(old.parameters) | set(new.parameters))
              if (pc := _parameter_change(name, old.parameters.get(name), new.parameters.get(name),
                                          at)) is not None]
    header = tuple(f for f in ("id", "version", "title", "effective_from", "effective_until",
                               "disabled")
                   if getattr(old, f) != getattr(new, f))
    return PackDiff(old.info, new.info, at.isoformat() if at else None, tuple(crit),
                    tuple(params), header)
