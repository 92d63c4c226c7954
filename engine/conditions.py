"""Condition language, as a pack writes it: parse and type-check against the fact schema.

The checker turns YAML into the canonical JSON form of a condition (``{"all": [...]}``,
``{"any": [...]}``, ``{"not": C}`` or an atom ``{"fact": F, "op": OP, "value": V}`` where V
is a literal, ``{"param": NAME}`` or ``{"fact": OTHER}``; dates as ISO text), which the pack
keeps. Everything after loading works on the typed tree of engine/condition_tree.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from engine.condition_tree import COMPARE, OPS
from engine.errors import problem, suggest
from engine.facts import FACTS, PROTECTED_ATTRIBUTES, SCOPE_FACTS
from engine.problems import Problem
from engine.unit_ranges import ANY_RANGE, UNIT_RANGES
from engine.yamlsrc import LMap, Loc, LSeq

OPS_BY_TYPE = {
    "int": (*COMPARE, "in", "not_in", "between", "is_missing"),
    "float": (*COMPARE, "between", "is_missing"),
    "date": (*COMPARE, "between", "is_missing"),
    "str": ("==", "!=", "in", "not_in", "is_missing"),
    "bool": ("==", "!=", "is_missing"),
    "list[str]": ("contains", "is_missing"),
}
NUMERIC = ("int", "float")

CondJSON = dict[str, Any]  # a condition in its canonical JSON form


def _literal_type(v: Any) -> str | None:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, date):
        return "date"
    if isinstance(v, str):
        return "str"
    return None


def _fits(fact_type: str, value_type: str | None) -> bool:
    if fact_type in NUMERIC:
        return value_type in NUMERIC
    return fact_type == value_type


class ConditionChecker:
    """Parses one criterion's conditions, appending Problems; returns canonical dicts."""

    def __init__(self, scope: str, param_types: Mapping[str, str], age_allowed: bool,
                 problems: list[Problem]) -> None:
        self.scope = scope
        self.param_types = param_types
        self.age_allowed = age_allowed
        self.problems = problems

    def _err(self, loc: Loc, code: str, field: str, msg: str, hint: str = "") -> None:
        self.problems.append(problem(loc.file, loc.line, loc.col, code, field, msg, hint))

    def parse(self, node: Any, loc: Loc, where: str) -> CondJSON | None:
        if not isinstance(node, LMap):
            self._err(loc, "MUT-R005", where, "a condition must be a mapping (all/any/not or fact/op/value)")
            return None
        keys = set(node)
        for form in ("all", "any"):
            if keys == {form}:
                parts = node[form]
                if not isinstance(parts, LSeq) or not parts:
                    self._err(node.vloc(form), "MUT-R005", f"{where}.{form}", f"'{form}' needs a non-empty list")
                    return None
                out = [self.parse(p, ploc, f"{where}.{form}[{i}]")
                       for i, (p, ploc) in enumerate(zip(parts, parts.locs, strict=True))]
                return None if any(o is None for o in out) else {form: out}
        if keys == {"not"}:
            inner = self.parse(node["not"], node.vloc("not"), f"{where}.not")
            return None if inner is None else {"not": inner}
        if "fact" in keys:
            return self._atom(node, where)
        unknown = sorted(keys - {"all", "any", "not", "fact", "op", "value"})
        if unknown:
            k = unknown[0]
            self._err(node.kloc(k), "MUT-R019", where, f"unknown condition form '{k}'",
                      suggest(k, ("all", "any", "not", "fact")))
        else:
            self._err(node.loc, "MUT-R019", where, "a condition is one of all / any / not / fact")
        return None

    def _fact(self, name: Any, loc: Loc, where: str) -> str | None:
        if not isinstance(name, str):
            self._err(loc, "MUT-R005", where, "fact must be a fact name")
            return None
        if name in PROTECTED_ATTRIBUTES:
            self._err(loc, "MUT-R013", where,
                      f"'{name}' is a protected attribute: no criterion may decide on it")
            return None
        spec = FACTS.get(name)
        if spec is None:
            self._err(loc, "MUT-R010", where, f"unknown fact '{name}'", suggest(name, FACTS))
            return None
        if spec.protected and not self.age_allowed:
            self._err(loc, "MUT-R013", where,
                      f"'{name}' is an age fact: the criterion must declare protected_basis "
                      "{regulation, article} citing the law that sets the age")
            return None
        if spec.scope not in SCOPE_FACTS[self.scope]:
            self._err(loc, "MUT-R020", where,
                      f"fact '{name}' ({spec.scope}) is not available to a {self.scope} criterion")
            return None
        return name

    def _atom(self, node: LMap, where: str) -> CondJSON | None:
        for k in sorted(set(node) - {"fact", "op", "value"}):
            self._err(node.kloc(k), "MUT-R003", where, f"unknown key '{k}' in a condition",
                      suggest(k, ("fact", "op", "value")))
        fact = self._fact(node["fact"], node.vloc("fact"), f"{where}.fact")
        op = node.get("op")
        if op not in OPS:
            self._err(node.vloc("op") if "op" in node else node.loc, "MUT-R019", f"{where}.op",
                      f"unknown operator {op!r}" if op is not None else "operator missing",
                      ("use ==" if op == "=" else suggest(str(op), OPS)) if op is not None
                      else f"one of {', '.join(OPS)}")
            return None
        if fact is None:
            return None
        ftype = FACTS[fact].type
        vloc = node.vloc("value") if "value" in node else node.loc
        if op not in OPS_BY_TYPE[ftype]:
            self._err(node.vloc("op"), "MUT-R012", f"{where}.op",
                      f"operator '{op}' does not apply to {fact} ({ftype})",
                      f"use one of {', '.join(OPS_BY_TYPE[ftype])}")
            return None
        if op == "is_missing":
            v = node.get("value", True)
            if not isinstance(v, bool):
                self._err(vloc, "MUT-R012", f"{where}.value", "is_missing takes true or false")
                return None
            return {"fact": fact, "op": op, "value": v}
        if "value" not in node:
            self._err(node.loc, "MUT-R004", f"{where}.value", f"operator '{op}' needs a value")
            return None
        value = self._value(node["value"], vloc, f"{where}.value", fact, ftype, op)
        return None if value is None else {"fact": fact, "op": op, "value": value}

    def _value(self, v: Any, loc: Loc, where: str, fact: str, ftype: str, op: str) -> Any:
        if isinstance(v, LMap):
            if set(v) == {"param"}:
                return self._param(v["param"], v.vloc("param"), where, ftype, op)
            if set(v) == {"fact"}:
                other = self._fact(v["fact"], v.vloc("fact"), where)
                if other is None:
                    return None
                if other == fact:
                    self._err(loc, "MUT-R030", where,
                              f"{fact} is compared with itself: the result never depends on the data",
                              "compare with a parameter, a value or another fact")
                    return None
                otype = FACTS[other].type
                if op not in COMPARE or not _fits(ftype, otype) or ftype == "list[str]":
                    self._err(loc, "MUT-R012", where,
                              f"cannot compare {fact} ({ftype}) with {other} ({otype}) using '{op}'")
                    return None
                return {"fact": other}
            self._err(loc, "MUT-R005", where, "a value mapping is {param: NAME} or {fact: NAME}")
            return None
        out = self._literal(v, loc, where, ftype, op)
        if out is not None and ftype in NUMERIC:
            limit = max(abs(x) for x in UNIT_RANGES.get(FACTS[fact].unit, ANY_RANGE))
            nums = [x for x in (out if isinstance(out, list) else [out])
                    if isinstance(x, int | float) and not isinstance(x, bool)]
            if any(abs(x) > limit for x in nums):
                self._err(loc, "MUT-R029", where,
                          f"value {max(nums, key=abs)} is beyond what {fact} "
                          f"({FACTS[fact].unit}) can be: at most {limit:g} either way")
                return None
        return out

    def _literal(self, v: Any, loc: Loc, where: str, ftype: str, op: str) -> Any:
        elem = "str" if ftype == "list[str]" else ftype
        if op in ("in", "not_in", "between"):
            if not isinstance(v, list) or not v:
                self._err(loc, "MUT-R012", where, f"'{op}' needs a non-empty list of values")
                return None
            if op == "between" and len(v) != 2:
                self._err(loc, "MUT-R012", where, "'between' needs [low, high]")
                return None
            bad = [x for x in v if not _fits(elem, _literal_type(x))]
            if bad:
                self._err(loc, "MUT-R012", where, f"values {bad!r} do not fit a fact of type {ftype}")
                return None
            out = [x.isoformat() if isinstance(x, date) else x for x in v]
            if op == "between" and out[0] > out[1]:
                self._err(loc, "MUT-R012", where, "'between' needs low <= high")
                return None
            return out
        if not _fits(elem, _literal_type(v)):
            self._err(loc, "MUT-R012", where,
                      f"value {v!r} does not fit '{op}' on a fact of type {ftype}")
            return None
        return v.isoformat() if isinstance(v, date) else v

    def _param(self, name: Any, loc: Loc, where: str, ftype: str, op: str) -> Any:
        ptype = self.param_types.get(str(name))
        if ptype is None:
            self._err(loc, "MUT-R011", where, f"unknown parameter '{name}'",
                      suggest(str(name), self.param_types))
            return None
        want = f"list[{ftype}]" if op in ("in", "not_in", "between") else ftype
        ok = (ptype == want or (ftype in NUMERIC and ptype in NUMERIC and op not in ("in", "not_in", "between"))
              or (op in ("in", "not_in", "between") and ftype in NUMERIC and ptype in ("list[int]", "list[float]")))
        if ftype == "list[str]" and op == "contains":
            ok = ptype == "str"
        if not ok:
            self._err(loc, "MUT-R012", where,
                      f"parameter '{name}' ({ptype}) does not fit '{op}' on a {ftype} fact")
            return None
        return {"param": str(name)}
