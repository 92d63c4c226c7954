"""The condition tree every consumer shares: three-valued evaluation, the durable_rules
compiler, counterfactuals, criterion compiling and the reports' condition text.

A condition is ``AllOf``, ``AnyOf``, ``Not`` or an ``Atom`` (fact, operator, value); a value
is a literal, a ``FactRef`` (another fact) or a ``ParamRef`` (a pack parameter, replaced by
its value at an as-of date by ``resolve``, which keeps the name in ``Atom.param``). The JSON
form (``to_json`` / ``from_json``) is the pack's canonical form and a Reason's threshold:
``{"all": [...]}``, ``{"any": [...]}``, ``{"not": C}``, ``{"fact", "op", "value"[, "param"]}``.

Three-valued logic: an atom on a missing fact is unknown (None), except ``is_missing``;
``all`` is False if any part is False, else None if any part is None, else True; ``any`` is
True if any part is True, else None if any is None, else False; ``not`` keeps None.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

COMPARE = ("==", "!=", "<", "<=", ">", ">=")
OPS = (*COMPARE, "in", "not_in", "between", "contains", "is_missing")


@dataclass(frozen=True)
class FactRef:
    name: str


@dataclass(frozen=True)
class ParamRef:
    name: str


@dataclass(frozen=True)
class Atom:
    fact: str
    op: str
    value: Any  # a JSON literal (ISO text for dates), a FactRef, or a ParamRef before resolve
    param: str | None = None  # after resolve: the parameter the value came from


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Cond, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Cond, ...]


@dataclass(frozen=True)
class Not:
    part: Cond


Cond = Atom | AllOf | AnyOf | Not


def from_json(data: Any) -> Cond:
    """The tree of a JSON condition; ValueError when ``data`` is not one."""
    if not isinstance(data, Mapping):
        raise ValueError(f"not a condition: {data!r}")
    if set(data) in ({"all"}, {"any"}):
        parts = data.get("all", data.get("any"))
        if not isinstance(parts, list) or not parts:
            raise ValueError(f"not a condition: {data!r}")
        tree = tuple(from_json(p) for p in parts)
        return AllOf(tree) if "all" in data else AnyOf(tree)
    if set(data) == {"not"}:
        return Not(from_json(data["not"]))
    if {"fact", "op", "value"} <= set(data) <= {"fact", "op", "value", "param"} \
            and isinstance(data["fact"], str) and data["op"] in OPS:
        v = data["value"]
        if isinstance(v, Mapping) and set(v) == {"fact"}:
            v = FactRef(str(v["fact"]))
        elif isinstance(v, Mapping) and set(v) == {"param"}:
            v = ParamRef(str(v["param"]))
        return Atom(data["fact"], data["op"], v, data.get("param"))
    raise ValueError(f"not a condition: {data!r}")


def to_json(cond: Cond) -> dict[str, Any]:
    if isinstance(cond, AllOf):
        return {"all": [to_json(p) for p in cond.parts]}
    if isinstance(cond, AnyOf):
        return {"any": [to_json(p) for p in cond.parts]}
    if isinstance(cond, Not):
        return {"not": to_json(cond.part)}
    v = cond.value
    value = ({"fact": v.name} if isinstance(v, FactRef)
             else {"param": v.name} if isinstance(v, ParamRef) else v)
    out = {"fact": cond.fact, "op": cond.op, "value": value}
    if cond.param is not None:
        out["param"] = cond.param
    return out


def atoms(cond: Cond) -> list[Atom]:
    if isinstance(cond, AllOf | AnyOf):
        return [a for part in cond.parts for a in atoms(part)]
    if isinstance(cond, Not):
        return atoms(cond.part)
    return [cond]


def facts_read(cond: Cond) -> list[str]:
    names: set[str] = set()
    for a in atoms(cond):
        names.add(a.fact)
        if isinstance(a.value, FactRef):
            names.add(a.value.name)
    return sorted(names)


def params_used(cond: Cond) -> list[str]:
    return sorted({a.value.name for a in atoms(cond) if isinstance(a.value, ParamRef)})


def resolve(cond: Cond, value_of: Callable[[str], Any]) -> Cond:
    """Inline parameter values; the result is the threshold shown in a Reason."""
    if isinstance(cond, AllOf):
        return AllOf(tuple(resolve(c, value_of) for c in cond.parts))
    if isinstance(cond, AnyOf):
        return AnyOf(tuple(resolve(c, value_of) for c in cond.parts))
    if isinstance(cond, Not):
        return Not(resolve(cond.part, value_of))
    if isinstance(cond.value, ParamRef):
        return Atom(cond.fact, cond.op, value_of(cond.value.name), cond.value.name)
    return cond


def _cmp(op: str, a: Any, b: Any) -> bool:
    if op == "==":
        return bool(a == b)
    if op == "!=":
        return bool(a != b)
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    return bool(a >= b)


def eval_atom(atom: Atom, facts: Mapping[str, Any]) -> bool | None:
    x = facts.get(atom.fact)
    op, v = atom.op, atom.value
    if op == "is_missing":
        return bool((x is None) == v)
    if x is None:
        return None
    if isinstance(v, FactRef):
        v = facts.get(v.name)
        if v is None:
            return None
    if op in COMPARE:
        return _cmp(op, x, v)
    if op == "in":
        return bool(x in v)
    if op == "not_in":
        return bool(x not in v)
    if op == "between":
        return bool(v[0] <= x <= v[1])
    return bool(v in x)  # contains


def eval3(cond: Cond, facts: Mapping[str, Any]) -> bool | None:
    """Three-valued evaluation of a resolved condition (reference semantics)."""
    if isinstance(cond, AllOf):
        vals = [eval3(c, facts) for c in cond.parts]
        return False if False in vals else (None if None in vals else True)
    if isinstance(cond, AnyOf):
        vals = [eval3(c, facts) for c in cond.parts]
        return True if True in vals else (None if None in vals else False)
    if isinstance(cond, Not):
        inner = eval3(cond.part, facts)
        return None if inner is None else not inner
    return eval_atom(cond, facts)
