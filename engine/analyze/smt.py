"""The condition tree (engine/condition_tree.py) in z3, with the engine's three-valued logic.

Every fact is a z3 variable of its schema type (int and date: Int, dates as day numbers;
float: Real; bool: Bool; str: String) plus a Bool "on file". A list fact is opaque: each
``contains`` of a literal is its own Bool. A condition becomes two formulas: ``t`` (it holds)
and ``f`` (it does not hold); when neither, its facts are not on file (unknown). This is
exactly ``eval3``: an atom is known when its facts are on file; ``all`` is false when a part
is, true when every part is; ``any`` the other way round; ``not`` swaps.

Domains are the engine's own bounds (ranks I/a..IV/e, ratios 0..1, months within 100 years):
nothing else is assumed about a fact, so "never holds" means for any values the schema allows.
Comparisons the solver cannot see into (a list with another fact) are opaque Bools: they
can only make a condition look satisfiable, never dead, and are named in ``approximations``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import z3

from engine.condition_tree import AllOf, AnyOf, Atom, Cond, FactRef, Not
from engine.fact_schema import FACTS

# the engine's bounds (engine/check_ranges.py): a fact beyond them is no real person
_BOUNDS = {"rank": (1, 17), "months": (-1200, 1200), "years": (-150, 150),
           "date": (date(1900, 1, 1).toordinal(), date(2200, 12, 31).toordinal())}


@dataclass(frozen=True)
class Tri:
    t: Any  # z3 BoolRef: the condition holds
    f: Any  # z3 BoolRef: the condition does not hold


@dataclass
class Facts:
    """The z3 variables of the facts (and list memberships) a set of conditions reads."""

    vars: dict[str, Any] = field(default_factory=dict)
    present: dict[str, Any] = field(default_factory=dict)
    members: dict[tuple[str, str], Any] = field(default_factory=dict)  # (list fact, item)
    opaque: dict[str, Any] = field(default_factory=dict)
    approximations: set[str] = field(default_factory=set)
    docs: dict[str, Any] = field(default_factory=dict)  # document type -> on file

    def var(self, name: str) -> Any:
        if name not in self.vars:
            spec = FACTS.get(name)
            typ = spec.type if spec else "str"
            key = f"v:{name}"
            self.vars[name] = (z3.Int(key) if typ in ("int", "date") else z3.Real(key) if typ == "float"
                               else z3.Bool(key) if typ == "bool" else z3.String(key)
                               if typ == "str" else None)
            self.present[name] = z3.Bool(f"p:{name}")
        return self.vars[name]

    def on_file(self, name: str) -> Any:
        self.var(name)
        return self.present[name]

    def member(self, name: str, item: str) -> Any:
        self.on_file(name)
        return self.members.setdefault((name, item), z3.Bool(f"m:{name}:{item}"))

    def doc(self, doc_type: str) -> Any:
        return self.docs.setdefault(doc_type, self.member("round.documents_on_file", doc_type))

    def domain(self) -> Any:
        """What the schema allows of the facts used so far."""
        out = []
        for name, v in sorted(self.vars.items()):
            spec = FACTS.get(name)
            if spec is None or v is None:
                continue
            bound = _BOUNDS.get("date" if spec.type == "date" else spec.unit)
            if bound is not None:
                lo, hi = bound
                out.append(z3.And(v >= lo, v <= hi))
            elif spec.unit == "ratio":
                out.append(z3.And(v >= 0, v <= 1))
        return z3.And(*out) if out else z3.BoolVal(True)


def _lit(typ: str, v: Any) -> Any:
    if typ == "date":
        return z3.IntVal(date.fromisoformat(str(v)).toordinal())
    if typ == "str":
        return z3.StringVal(str(v))
    if typ == "bool":
        return z3.BoolVal(bool(v))
    if typ == "float" or (isinstance(v, float) and not float(v).is_integer()):
        return z3.RealVal(str(v))
    return z3.IntVal(int(v))


def _cmp(op: str, x: Any, y: Any) -> Any:
    if z3.is_int(x) and z3.is_real(y):
        x = z3.ToReal(x)
    if z3.is_real(x) and z3.is_int(y):
        y = z3.ToReal(y)
    return {"==": lambda: x == y, "!=": lambda: x != y, "<": lambda: x < y, "<=": lambda: x <= y,
            ">": lambda: x > y, ">=": lambda: x >= y}[op]()


def atom(a: Atom, fx: Facts) -> Tri:
    spec = FACTS.get(a.fact)
    typ = spec.type if spec else "str"
    present = fx.on_file(a.fact)
    if a.op == "is_missing":
        t = z3.Not(present) if a.value else present
        return Tri(t, z3.Not(t))
    known = present
    val: Any
    if typ == "list[str]":
        if a.op == "contains" and not isinstance(a.value, FactRef):
            val = fx.member(a.fact, str(a.value))
        else:
            val = _opaque(a, fx)
    elif isinstance(a.value, FactRef):
        other = fx.var(a.value.name)
        known = z3.And(present, fx.on_file(a.value.name))
        ospec = FACTS.get(a.value.name)
        if a.op in ("==", "!=", "<", "<=", ">", ">=") and other is not None \
                and ospec is not None and ospec.type == typ:
            val = _cmp(a.op, fx.var(a.fact), other)
        else:
            val = _opaque(a, fx)
    else:
        x = fx.var(a.fact)
        if a.op in ("in", "not_in"):
            inside = z3.Or(*[x == _lit(typ, v) for v in a.value]) if a.value else z3.BoolVal(False)
            val = inside if a.op == "in" else z3.Not(inside)
        elif a.op == "between":
            val = z3.And(_cmp(">=", x, _lit(typ, a.value[0])), _cmp("<=", x, _lit(typ, a.value[1])))
        elif a.op == "contains":
            val = _opaque(a, fx)
        else:
            val = _cmp(a.op, x, _lit(typ, a.value))
    return Tri(z3.And(known, val), z3.And(known, z3.Not(val)))


def _opaque(a: Atom, fx: Facts) -> Any:
    key = f"{a.fact} {a.op} {a.value}"
    fx.approximations.add(key)
    return fx.opaque.setdefault(key, z3.Bool(f"o:{key}"))


def tri(cond: Cond, fx: Facts) -> Tri:
    if isinstance(cond, Atom):
        return atom(cond, fx)
    if isinstance(cond, Not):
        inner = tri(cond.part, fx)
        return Tri(inner.f, inner.t)
    parts = [tri(p, fx) for p in cond.parts]
    if isinstance(cond, AllOf):
        return Tri(z3.And(*[p.t for p in parts]), z3.Or(*[p.f for p in parts]))
    assert isinstance(cond, AnyOf)
    return Tri(z3.Or(*[p.t for p in parts]), z3.And(*[p.f for p in parts]))


TRUE = Tri(z3.BoolVal(True), z3.BoolVal(False))


def model_facts(model: Any, fx: Facts) -> dict[str, Any]:
    """The facts a model describes, as the engine's snapshot holds them (None: not on file;
    dates ISO; a list: the items the model says it contains)."""
    out: dict[str, Any] = {}
    for name in sorted(fx.present):
        if not z3.is_true(model.eval(fx.present[name], model_completion=True)):
            out[name] = None
            continue
        spec = FACTS.get(name)
        typ = spec.type if spec else "str"
        if typ == "list[str]":
            out[name] = sorted(item for (n, item), b in fx.members.items()
                               if n == name and z3.is_true(model.eval(b, model_completion=True)))
            continue
        v = model.eval(fx.vars[name], model_completion=True)
        if typ == "bool":
            out[name] = z3.is_true(v)
        elif typ == "int":
            out[name] = v.as_long()
        elif typ == "date":
            out[name] = date.fromordinal(max(1, v.as_long())).isoformat()
        elif typ == "float":
            frac = v.as_fraction()
            out[name] = float(frac)
        else:
            out[name] = v.as_string()
    return out
