"""What would make a failed requirement pass: a date (time-based facts) or a nearest value.

Computed from the resolved condition and the facts snapshot only, so a replay reproduces it.
Only one failing part is explained: when several parts of a condition fail, or the
condition is not a plain ``all`` of parts, the answer is ``{"kind": "none", "why": "complex"}``.
Protected facts are never suggested (``not_changeable``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from engine.condition_tree import AllOf, Atom, Cond, FactRef, eval3
from engine.facts import FACTS, add_months


def _failing_atom(cond: Cond, facts: Mapping[str, Any]) -> Atom | None:
    if isinstance(cond, Atom):
        return cond
    if isinstance(cond, AllOf):
        bad = [c for c in cond.parts if eval3(c, facts) is False]
        return _failing_atom(bad[0], facts) if len(bad) == 1 else None
    return None


def counterfactual(cond: Cond, facts: Mapping[str, Any]) -> dict[str, Any]:
    atom = _failing_atom(cond, facts)
    if atom is None:
        return {"kind": "none", "why": "complex"}
    spec = FACTS[atom.fact]
    op, v = atom.op, atom.value
    if spec.protected:
        return {"kind": "none", "why": "not_changeable"}
    if isinstance(v, FactRef):
        other = facts.get(v.name)
        if not spec.changeable or other is None or op not in (">=", "<=", "=="):
            return {"kind": "none", "why": "not_changeable" if not spec.changeable else "complex"}
        return {"kind": "value", "fact": spec.name, "op": op, "needed": other,
                "current": facts.get(spec.name)}
    if spec.time_based and spec.anchor and spec.grows and op in (">=", ">") and spec.type == "int":
        anchor = facts.get(spec.anchor)
        if anchor is None:
            return {"kind": "none", "why": "complex"}
        needed = int(v) + (1 if op == ">" else 0)
        passes_on = add_months(date.fromisoformat(anchor), needed)
        return {"kind": "date", "fact": spec.name, "passes_on": passes_on.isoformat(),
                "needed": needed, "anchor": spec.anchor}
    if not spec.changeable:
        return {"kind": "none", "why": "not_changeable"}
    current = facts.get(spec.name)
    if op in (">", "<") and spec.type == "int":
        return {"kind": "value", "fact": spec.name, "op": op + "=",
                "needed": v + 1 if op == ">" else v - 1, "current": current}
    if op in ("==", ">=", "<=", ">", "<", "in", "between", "contains"):
        return {"kind": "value", "fact": spec.name, "op": op, "needed": v, "current": current}
    return {"kind": "none", "why": "complex"}
