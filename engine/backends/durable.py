"""Compile a pack into durable_rules rulesets and drive the C module directly.

One ``DurableBackend`` owns its ruleset handles (names unique per instance), uses one fixed
session, and per subject: asserts one fact (unique id), drains the actions, retracts it.
``durable.lang`` and ``durable.engine.Host`` are not used (module globals; a timer thread
that loses results).

Three-valued logic is compiled into two-valued rules. For a condition C we build formulas
T (true), F (false), NT (not true = false or unknown) and NF (not false), each linear in the
size of C (nested $or/$and that expand to large DNFs make create_ruleset fail):
  atom:  T = exists & op, F = exists & not op, NT = absent | F, NF = absent | T
  all:   T = and T_i, F = or F_i, NT = or NT_i, NF = and NF_i
  any:   T = or T_i,  F = and F_i, NT = and NT_i, NF = or NF_i
  not:   swaps T with F and NT with NF.
Few actions fire per subject: a requirement has rules F and NT (true = nothing fired,
false = F fired, unknown = only NT fired); the other kinds have rules T and NF (false =
nothing fired, true = T fired, unknown = only NF fired). The rule name is
read from the head of the message string, never by parsing the whole fact. Every rule is
guarded by ``$ex`` on the subject key (a bare ``$nex`` would match the engine's own state).

Engine facts: fact names are flattened (``position.kind`` -> ``position__kind``), dates are
day numbers, ``None`` facts are left out (so ``$nex`` sees them), and ``contains`` on a list
is precomputed as a boolean field, because ``$iall`` is false on empty lists.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import durable_rules_engine as dre

from engine.condition_tree import AllOf, AnyOf, Atom, Cond, FactRef, Not, atoms
from engine.facts import FACTS, day_number

if TYPE_CHECKING:
    from engine.compile import CompiledCriterion

_names = itertools.count(1)
Formula = dict[str, Any] | None  # None = the constant false
SUBJECT_KEY = "subj__"


def _flat(op: str, parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One level per operator: durable_rules refuses some nestings of $or in $and in $or
    (error 113, too many expressions) that the same formula written flat compiles."""
    out: list[dict[str, Any]] = []
    for p in parts:
        out.extend(p[op] if len(p) == 1 and op in p else [p])
    return out[0] if len(out) == 1 else {op: out}


def _and(*parts: Formula) -> Formula:
    if any(p is None for p in parts):
        return None
    return _flat("$and", [p for p in parts if p is not None])


def _or(*parts: Formula) -> Formula:
    live = [p for p in parts if p is not None]
    if not live:
        return None
    return _flat("$or", live)


_MAX_PARTS = 64  # rules one condition may be split into before it is refused


def _split(f: dict[str, Any]) -> list[dict[str, Any]]:
    """Disjuncts whose union is ``f``: an $or's parts, or an $and distributed over its first
    $or (``a and (b or c)`` -> ``a and b``, ``a and c``); ``[f]`` when neither applies."""
    if len(f) == 1 and "$or" in f:
        return list(f["$or"])
    if len(f) == 1 and "$and" in f:
        parts = f["$and"]
        for i, p in enumerate(parts):
            if len(p) == 1 and "$or" in p:
                return [_flat("$and", [*parts[:i], alt, *parts[i + 1:]]) for alt in p["$or"]]
    return [f]


def _field(name: str) -> str:
    return name.replace(".", "__")


def _lit(fact: str, v: Any) -> Any:
    return day_number(v) if FACTS[fact].type == "date" else v


class _Compiler:
    def __init__(self) -> None:
        self.flags: dict[tuple[str, str], str] = {}  # (list fact, value) -> flag field

    def flag(self, fact: str, value: str) -> str:
        key = (fact, value)
        if key not in self.flags:
            self.flags[key] = f"has{len(self.flags)}__"
        return self.flags[key]

    def atom(self, a: Atom) -> tuple[Formula, Formula, Formula, Formula]:
        """(T, F, NT, NF) of one atom: true, false, not true, not false."""
        fact, op, v = a.fact, a.op, a.value
        # a list reaches the engine only as its membership flags (present iff the list is known)
        x = self.flag(fact, v) if op == "contains" else _field(fact)
        ex, nex = {"$ex": {x: 1}}, {"$nex": {x: 1}}
        if op == "is_missing":
            return (nex, ex, ex, nex) if v else (ex, nex, nex, ex)
        guards: list[Formula] = [ex]
        absent: list[Formula] = [nex]
        if isinstance(v, FactRef):
            y = _field(v.name)
            guards.append({"$ex": {y: 1}})
            absent.append({"$nex": {y: 1}})
            val: Any = {"$m": y}
            pos, neg = self._pos_neg(op, x, val)
        elif op == "contains":
            pos, neg = {x: True}, {x: False}
        else:
            val = [_lit(fact, e) for e in v] if isinstance(v, list) else _lit(fact, v)
            pos, neg = self._pos_neg(op, x, val)
        return (_and(*guards, pos), _and(*guards, neg), _or(*absent, _and(*guards, neg)),
                _or(*absent, _and(*guards, pos)))

    @staticmethod
    def _pos_neg(op: str, x: str, v: Any) -> tuple[Formula, Formula]:
        cmp = {"<": ("$lt", "$gte"), "<=": ("$lte", "$gt"), ">": ("$gt", "$lte"),
               ">=": ("$gte", "$lt")}
        if op == "==":
            return {x: v}, {"$neq": {x: v}}
        if op == "!=":
            return {"$neq": {x: v}}, {x: v}
        if op in cmp:
            p, n = cmp[op]
            return {p: {x: v}}, {n: {x: v}}
        if op in ("in", "not_in"):
            if not v:  # nothing is in an empty list: an empty $and would not be "true"
                return (None, {"$ex": {x: 1}}) if op == "in" else ({"$ex": {x: 1}}, None)
            yes = _or(*({x: e} for e in v))
            no = _and(*({"$neq": {x: e}} for e in v))
            return (yes, no) if op == "in" else (no, yes)
        if op == "between":
            return (_and({"$gte": {x: v[0]}}, {"$lte": {x: v[1]}}),
                    _or({"$lt": {x: v[0]}}, {"$gt": {x: v[1]}}))
        raise ValueError(op)

    def tfu(self, c: Cond) -> tuple[Formula, Formula, Formula, Formula]:
        if isinstance(c, Not):
            t, f, nt, nf = self.tfu(c.part)
            return f, t, nf, nt
        if isinstance(c, AllOf | AnyOf):
            parts = [self.tfu(p) for p in c.parts]
            ts, fs, nts, nfs = ([p[i] for p in parts] for i in range(4))
            if isinstance(c, AllOf):
                return _and(*ts), _or(*fs), _or(*nts), _and(*nfs)
            return _or(*ts), _and(*fs), _and(*nts), _or(*nfs)
        return self.atom(c)


class DurableBackend:
    """Owns its rulesets (one per scope subset); two instances never share state."""

    name = "durable"

    def __init__(self, compiled: Sequence[CompiledCriterion]) -> None:
        self.compiled = list(compiled)
        self._comp = _Compiler()
        self._rules: dict[str, dict[str, Any]] = {}  # rule name -> body
        self._meaning: dict[str, tuple[str, int, str]] = {}  # rule name -> (criterion, cond, tag)
        self._fields: set[str] = set()
        for i, cc in enumerate(self.compiled):
            for j, cond in enumerate(cc.conds):
                t, f, nt, nf = self._comp.tfu(cond)
                # requirement: F and "not true"; others: T and "not false" (see module doc)
                pair = (("F", f), ("N", nt)) if cc.fires_on == "F" else (("T", t), ("N", nf))
                for tag, formula in pair:
                    if formula is not None:
                        name = f"r{i}_{j}{tag}"
                        self._rules[name] = {"all": [{"m": _and({"$ex": {SUBJECT_KEY: 1}}, formula)}]}
                        self._meaning[name] = (cc.criterion.id, j, tag)
                for a in atoms(cond):
                    self._fields.add(a.fact)
                    if isinstance(a.value, FactRef):
                        self._fields.add(a.value.name)
        self._handles: dict[frozenset[str], int] = {}
        self._ids = itertools.count(1)
        self._uid = next(_names)
        # criteria whose conditions durable_rules cannot compile even split (MUT-R032)
        self.uncompilable: tuple[str, ...] = self._fit()

    def _compiles(self, rules: dict[str, Any]) -> bool:
        try:
            dre.delete_ruleset(dre.create_ruleset(f"mutasi_fit_{next(_names)}",
                                                  json.dumps(rules, ensure_ascii=False)))
        except dre.error:
            return False
        return True

    def _fit(self) -> tuple[str, ...]:
        """Make every rule compile, or name the criteria that cannot.

        durable_rules refuses some formulas outright (error 113: it expands $or under $and
        into too many expressions). A refused rule is split into rules that fire on its
        disjuncts (distributing $and over its first $or), all with the same meaning: the
        rule fires iff one of its parts does, so the truths are unchanged."""
        if self._compiles(self._rules):
            return ()
        failed: set[str] = set()
        fitted: dict[str, dict[str, Any]] = {}
        for name, body in self._rules.items():
            if self._compiles({name: body}):
                fitted[name] = body
                continue
            todo: list[dict[str, Any]] = [body["all"][0]["m"]]
            parts: list[dict[str, Any]] = []
            while todo and len(parts) + len(todo) <= _MAX_PARTS:
                f = todo.pop(0)
                if self._compiles({"p": {"all": [{"m": f}]}}):
                    parts.append(f)
                elif len(split := _split(f)) > 1:
                    todo[:0] = split
                else:
                    break
            if todo:
                failed.add(self._meaning[name][0])
                continue
            for k, f in enumerate(parts):
                fitted[f"{name}x{k}"] = {"all": [{"m": f}]}
                self._meaning[f"{name}x{k}"] = self._meaning[name]
        self._rules = {n: r for n, r in fitted.items() if self._meaning[n][0] not in failed}
        return tuple(sorted(failed))

    def _handle(self, ids: frozenset[str]) -> int:
        h = self._handles.get(ids)
        if h is None:
            rules = {n: r for n, r in self._rules.items() if self._meaning[n][0] in ids}
            # A ruleset needs at least one rule; this one never fires (subject key absent).
            rules = rules or {"never": {"all": [{"m": {"$ex": {"never__": 1}}}]}}
            name = f"mutasi_{self._uid}_{len(self._handles)}"
            h = dre.create_ruleset(name, json.dumps(rules, ensure_ascii=False))
            self._handles[ids] = h
        return h

    def engine_fact(self, facts: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {SUBJECT_KEY: 1, "id": next(self._ids)}
        for name in self._fields:
            v = facts.get(name)
            if v is None:
                continue
            t = FACTS[name].type
            if t == "date":
                v = day_number(v)
            elif t == "bool":
                v = bool(v)
            elif t == "int":
                v = int(v)
            elif t == "float":
                v = round(float(v), 4)
            elif t == "str":
                v = str(v)
            else:
                v = 1  # a list is a presence marker (for is_missing) plus its membership flags
            out[_field(name)] = v
        for (fact, value), flag in self._comp.flags.items():
            lst = facts.get(fact)
            if lst is not None:
                out[flag] = value in lst
        return out

    def fired(self, h: int, fact: dict[str, Any]) -> set[str]:
        text = json.dumps(fact, ensure_ascii=False)
        code, state = dre.assert_fact(h, text)
        names: set[str] = set()
        try:
            if code == 0:
                res = dre.start_action_for_state(h, state)
                msg = res[1] if res else None
                while msg:
                    names.add(msg[2: msg.index('"', 2)])
                    msg = dre.complete_and_start_action(h, state)
        finally:
            dre.retract_fact(h, text)
        return names

    def truths_many(self, scope_ids: Sequence[str],
                    many: Sequence[Mapping[str, Any]]) -> list[dict[str, list[bool | None]]]:
        ids = frozenset(scope_ids)
        h = self._handle(ids)
        wanted = [c for c in self.compiled if c.criterion.id in ids]
        out = []
        for facts in many:
            fired = self.fired(h, self.engine_fact(facts))
            hits = {self._meaning[n] for n in fired}
            row: dict[str, list[bool | None]] = {}
            for cc in wanted:
                vals: list[bool | None] = []
                cid, tag = cc.criterion.id, cc.fires_on
                for j in range(len(cc.conds)):
                    if (cid, j, tag) in hits:  # definitely false (F) / true (T)
                        vals.append(tag == "T")
                    elif (cid, j, "N") in hits:  # not true / not false, and not decided: unknown
                        vals.append(None)
                    else:  # nothing fired: the default of the kind
                        vals.append(tag == "F")
                row[cc.criterion.id] = vals
            out.append(row)
        return out

    def close(self) -> None:
        for h in self._handles.values():
            dre.delete_ruleset(h)
        self._handles.clear()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001, SIM105 - interpreter shutdown: modules may be gone
            return
