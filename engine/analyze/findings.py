"""What `rules analyze` reports: typed findings, each with a stable code and, where a person
shows it, a counterexample written as a pack example case."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# finding kind -> its stable code (engine/problems.py, docs/errors.md)
CODES = {
    "dead": "MUT-R210",
    "vacuous": "MUT-R211",
    "conflict": "MUT-R212",
    "never_lifts": "MUT-R213",
    "lifts_never_failing": "MUT-R214",
    "param_gap": "MUT-R215",
    "param_overlap": "MUT-R216",
    "differs": "MUT-R217",
    "unknown": "MUT-R218",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of CODES
    criteria: tuple[str, ...]  # the criteria concerned, sorted (or () for a parameter)
    part: str  # which condition: require, required_when, applies_when, warn_when, points[i]; or a parameter name
    source: str  # file:line of the first criterion or the parameter
    dates: tuple[str, ...]  # the analysis dates it holds at (ISO, sorted)
    detail: dict[str, Any] = field(default_factory=dict)  # structured: gap dates, verdicts, ...
    case: dict[str, Any] | None = None  # the counterexample, as a pack example case
    explained: dict[str, str] | None = None  # {id, en} reason from analysis.yaml

    @property
    def code(self) -> str:
        return CODES[self.kind]

    @property
    def key(self) -> tuple[str, tuple[str, ...], str]:
        return (self.kind, self.criteria, self.part)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "kind": self.kind, "criteria": list(self.criteria),
                "part": self.part, "source": self.source, "dates": list(self.dates),
                "detail": self.detail, "case": self.case, "explained": self.explained}


@dataclass
class Analysis:
    packs: list[dict[str, str]]  # pack info of each pack analysed
    dates: list[str]  # the dates analysed
    findings: list[Finding]
    queries: int = 0
    unknown: int = 0
    approximations: list[str] = field(default_factory=list)
    timeout_ms: int = 0

    @property
    def unexplained(self) -> list[Finding]:
        return [f for f in self.findings if f.explained is None]

    def to_dict(self) -> dict[str, Any]:
        return {"packs": self.packs, "dates": self.dates, "queries": self.queries,
                "unknown": self.unknown, "timeout_ms": self.timeout_ms,
                "approximations": self.approximations,
                "findings": [f.to_dict() for f in self.findings],
                "unexplained": len(self.unexplained), "ok": not self.unexplained}
