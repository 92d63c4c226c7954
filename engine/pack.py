"""The effective rule pack (after layering): model, canonical text, hash, round trip.

``canonical_text()`` is canonical JSON (sorted keys, UTF-8, no spaces) of everything that
decides: every criterion with its source file:line, every parameter with its dated values,
and the layering provenance. ``hash`` is its sha256. The audit stores the text;
``Pack.from_canonical_text`` rebuilds an identical pack to replay decisions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from engine.errors import PackError

FORMAT = "mutasi-pack/1"
# A legal basis is a list of citations, each naming one regulation and one article of it:
# [{"regulation": "PP 11/2017 jo. PP 17/2020", "article": "Pasal 190 ayat (5)"},
#  {"regulation": "UU 30/2014", "article": "Pasal 42"}]. The loader accepts one mapping and
# normalises it to a one-element list, so the canonical text has one form only. A citation's
# note for the reader (YAML `note: {id, en}`) is kept flat as "note_id" / "note_en".
LegalBasis = list[dict[str, str]]
KINDS = ("requirement", "approval", "exception", "advisory", "score")
CRITERION_SCOPES = ("candidate", "candidate_position", "move")


def _in_force(d: date, start: str | None, until: str | None) -> bool:
    """Both ends inclusive; ``until`` None means open-ended."""
    iso = d.isoformat()
    return (start is None or start <= iso) and (until is None or iso <= until)


@dataclass(frozen=True)
class ParamValue:
    start: str  # ISO date, inclusive
    until: str | None  # ISO date, inclusive; None = until the next value or forever
    value: Any
    legal_basis: LegalBasis | None = None
    source: str = ""
    note: dict[str, str] | None = None  # e.g. why a value is uncertain; shown to inspectors

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.start, "until": self.until, "value": self.value,
                "legal_basis": self.legal_basis, "source": self.source, "note": self.note}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ParamValue:
        return cls(d["from"], d["until"], d["value"], d["legal_basis"], d["source"], d.get("note"))


@dataclass(frozen=True)
class Parameter:
    name: str
    title: dict[str, str]
    unit: str
    type: str
    legal_basis: LegalBasis
    values: tuple[ParamValue, ...]  # sorted by start
    source: str = ""
    # Declared or unit-implied (min, max) of its numbers; checked when the pack loads, so
    # not part of the canonical text (the pack hash stays that of the values that decide).
    range: tuple[float, float] | None = field(default=None, compare=False)

    def entry_at(self, d: date) -> ParamValue | None:
        found = None
        for v in self.values:
            if v.start <= d.isoformat():
                found = v
        if found is not None and found.until is not None and d.isoformat() > found.until:
            return None
        return found

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "unit": self.unit, "type": self.type,
                "legal_basis": self.legal_basis, "source": self.source,
                "values": [v.to_dict() for v in self.values]}

    @classmethod
    def from_dict(cls, name: str, d: dict[str, Any]) -> Parameter:
        return cls(name, d["title"], d["unit"], d["type"], d["legal_basis"],
                   tuple(ParamValue.from_dict(v) for v in d["values"]), d["source"])


@dataclass(frozen=True)
class Criterion:
    id: str
    version: int
    title: dict[str, str]
    legal_basis: LegalBasis
    scope: str
    kind: str
    effective_from: str | None
    effective_until: str | None
    source: str  # "rules/nasional/criteria/masa_jabatan.yaml:12"
    pack: str  # id of the pack (layer) that defined it
    body: dict[str, Any] = field(default_factory=dict)  # kind-specific parts, canonical

    def in_force(self, d: date) -> bool:
        return _in_force(d, self.effective_from, self.effective_until)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "title": self.title,
                "legal_basis": self.legal_basis, "scope": self.scope, "kind": self.kind,
                "effective_from": self.effective_from, "effective_until": self.effective_until,
                "source": self.source, "pack": self.pack, "body": self.body}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Criterion:
        return cls(**d)


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    title: dict[str, str]
    effective_from: str
    effective_until: str | None
    parameters: dict[str, Parameter]
    criteria: tuple[Criterion, ...]  # sorted by id
    layers: tuple[dict[str, str], ...] = ()  # base first: {"id", "version", "path"}
    disabled: tuple[dict[str, Any], ...] = ()  # {"id", "reason": {id, en}, "by"}

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "id": self.id, "version": self.version, "title": self.title,
            "effective_from": self.effective_from, "effective_until": self.effective_until,
            "parameters": {k: self.parameters[k].to_dict() for k in sorted(self.parameters)},
            "criteria": [c.to_dict() for c in self.criteria],
            "layers": list(self.layers), "disabled": list(self.disabled),
        }

    def canonical_text(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @cached_property
    def hash(self) -> str:
        return hashlib.sha256(self.canonical_text().encode("utf-8")).hexdigest()

    @classmethod
    def from_canonical_text(cls, text: str) -> Pack:
        d = json.loads(text)
        if d.get("format") != FORMAT:
            raise PackError(f"not a canonical pack text (format {d.get('format')!r})")
        return cls(
            id=d["id"], version=d["version"], title=d["title"],
            effective_from=d["effective_from"], effective_until=d["effective_until"],
            parameters={k: Parameter.from_dict(k, v) for k, v in d["parameters"].items()},
            criteria=tuple(Criterion.from_dict(c) for c in d["criteria"]),
            layers=tuple(d["layers"]), disabled=tuple(d["disabled"]),
        )

    @property
    def info(self) -> dict[str, str]:
        return {"id": self.id, "version": self.version, "hash": self.hash}

    def in_force(self, d: date) -> bool:
        return _in_force(d, self.effective_from, self.effective_until)

    def params_at(self, d: date) -> dict[str, Any]:
        """Values in force at ``d`` of every parameter that has one."""
        out = {}
        for name in sorted(self.parameters):
            entry = self.parameters[name].entry_at(d)
            if entry is not None:
                out[name] = entry.value
        return out

    def criterion(self, cid: str) -> Criterion:
        for c in self.criteria:
            if c.id == cid:
                return c
        raise KeyError(cid)
