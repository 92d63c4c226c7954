"""What reports need to know about a fact: its title, unit and whether a person can change it.

Read from engine.facts.FACTS (the one fact schema). When the engine is not importable the
mapping is empty and every fact is treated as unknown: values print raw and no
value-counterfactual is shown (a protected fact must never be offered as "what to change").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FactInfo:
    name: str
    title: dict[str, str]
    unit: str | None
    time_based: bool
    changeable: bool
    protected: bool


def from_engine() -> dict[str, FactInfo]:
    try:
        from engine.facts import FACTS
    except ImportError:
        return {}
    return {name: _info(name, spec) for name, spec in sorted(FACTS.items())}


def _info(name: str, spec: Any) -> FactInfo:
    return FactInfo(
        name=name,
        title=dict(getattr(spec, "title", {}) or {}),
        unit=getattr(spec, "unit", None),
        time_based=bool(getattr(spec, "time_based", False)),
        changeable=bool(getattr(spec, "changeable", False)),
        protected=bool(getattr(spec, "protected", False)),
    )
