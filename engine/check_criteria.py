"""Pack checks for parameters (types, dated values) and criteria (kinds, conditions, scores).

Each check appends Problems to the CheckContext and never raises; see engine/check.py for
the order they run in.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from engine.check_context import (
    COMMON_KEYS,
    KIND_KEYS,
    OPTIONAL_KIND_KEYS,
    PACK_ID,
    PARAM_KEYS,
    PARAM_TYPES,
    SCORE_USES,
    UNITS,
    VALUE_KEYS,
    CheckContext,
    source_path,
)
from engine.check_ranges import bounds, check_value_range
from engine.conditions import ConditionChecker
from engine.facts import FACTS
from engine.pack import CRITERION_SCOPES, KINDS, Criterion, Parameter, ParamValue
from engine.problems import suggest
from engine.yamlsrc import LMap, Loc, LSeq


def _value_fits(ptype: str, v: Any) -> bool:
    def scalar(t: str, x: Any) -> bool:
        if t == "int":
            return isinstance(x, int) and not isinstance(x, bool)
        if t == "float":
            return isinstance(x, int | float) and not isinstance(x, bool)
        if t == "bool":
            return isinstance(x, bool)
        if t == "date":
            return isinstance(x, date)
        return isinstance(x, str)
    if ptype == "table":
        return isinstance(v, dict) and bool(v)
    if ptype.startswith("list["):
        return isinstance(v, list) and all(scalar(ptype[5:-1], x) for x in v)
    return scalar(ptype, v)


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v.isoformat() if isinstance(v, date) else v


def check_parameters(ctx: CheckContext) -> None:
    for path, disp, doc in ctx.param_docs:
        params = doc.get("parameters")
        if not isinstance(params, LMap):
            if "parameters" in doc:
                ctx.err(doc.vloc("parameters"), "MUT-R005", "parameters", "parameters must be a mapping")
            continue
        for name, node in params.items():
            where = f"parameters.{name}"
            if not isinstance(node, LMap):
                ctx.err(params.vloc(name), "MUT-R005", where, "a parameter must be a mapping")
                continue
            inherited = ctx.params.get(name) if ctx.parent and name in ctx.parent.parameters else None
            if inherited is None:
                ctx.keys(node, PARAM_KEYS, ("title", "unit", "type", "legal_basis", "values"), where)
            else:  # a layer overrides a parameter with new dated values
                ctx.keys(node, PARAM_KEYS, ("values",), where)
            ptype = node.get("type", inherited.type if inherited else None)
            if ptype not in PARAM_TYPES:
                if "type" in node:
                    ctx.err(node.vloc("type"), "MUT-R009", f"{where}.type",
                            f"unknown type {ptype!r}", suggest(str(ptype), PARAM_TYPES))
                continue
            if inherited and "type" in node and node["type"] != inherited.type:
                ctx.err(node.vloc("type"), "MUT-R021", f"{where}.type",
                        f"the extended pack declares {name} as {inherited.type}")
                continue
            unit = node.get("unit", inherited.unit if inherited else None)
            if unit not in UNITS and "unit" in node:
                ctx.err(node.vloc("unit"), "MUT-R009", f"{where}.unit", f"unknown unit {unit!r}",
                        suggest(str(unit), UNITS))
            rng = bounds(ctx, node, where, ptype, str(unit), inherited)
            values = _param_values(ctx, node, where, ptype, disp, path, rng)
            if values is None:
                continue
            if inherited:  # the override takes over from its first date on
                first = values[0].start
                values = tuple(v for v in inherited.values if v.start < first) + values
                prev = [v for v in values if v.start < first]
                if prev and (prev[-1].until is None or prev[-1].until >= first):
                    values = (*values[: len(prev) - 1],
                              ParamValue(prev[-1].start, None, prev[-1].value,
                                         prev[-1].legal_basis, prev[-1].source, prev[-1].note),
                              *values[len(prev):])
            ctx.params[name] = Parameter(
                name=name,
                title=ctx.text2(node, "title", where) if "title" in node else (inherited.title if inherited else {}),
                unit=str(unit),
                type=ptype,
                legal_basis=ctx.legal(node, "legal_basis", where) if "legal_basis" in node
                else (inherited.legal_basis if inherited else []),
                values=values,
                source=f"{source_path(path, ctx.root)}:{params.kloc(name).line}",
                range=rng,
            )


def _param_values(ctx: CheckContext, node: LMap, where: str, ptype: str, disp: str,
                  path: Path, rng: tuple[float, float]) -> tuple[ParamValue, ...] | None:
    seq = node.get("values")
    if not isinstance(seq, LSeq) or not seq:
        if "values" in node:
            ctx.err(node.vloc("values"), "MUT-R005", f"{where}.values",
                    "values must be a non-empty list of {from, value}")
        return None
    out: list[tuple[ParamValue, Loc]] = []
    for i, (v, loc) in enumerate(zip(seq, seq.locs, strict=True)):
        w = f"{where}.values[{i}]"
        if not isinstance(v, LMap):
            ctx.err(loc, "MUT-R005", w, "each value is {from: DATE, value: ...}")
            continue
        ctx.keys(v, VALUE_KEYS, ("from", "value"), w)
        start = ctx.date_(v, "from", w, required=True)
        until = ctx.date_(v, "until", w)
        if "value" in v and not _value_fits(ptype, v["value"]):
            ctx.err(v.vloc("value"), "MUT-R021", f"{w}.value",
                    f"value {_plain(v['value'])!r} is not a {ptype}")
            continue
        if not check_value_range(ctx, v, w, where.removeprefix("parameters."), rng):
            continue
        if start is None:
            continue
        if until and until < start:
            ctx.err(v.vloc("until"), "MUT-R017", f"{w}.until", f"until {until} is before from {start}")
            continue
        basis = ctx.legal(v, "legal_basis", w) if "legal_basis" in v else None
        note = ctx.text2(v, "note", w) if "note" in v else None
        out.append((ParamValue(start, until, _plain(v.get("value")), basis,
                               f"{source_path(path, ctx.root)}:{loc.line}", note), loc))
    for (a, _), (b, bloc) in zip(out, out[1:], strict=False):
        if b.start <= a.start or (a.until is not None and a.until >= b.start):
            ctx.err(bloc, "MUT-R014", f"{where}.values",
                    f"value from {b.start} overlaps or precedes the value from {a.start}",
                    "list dated values in order, each after the previous one ends")
    if len(out) != len(seq):
        return None
    return tuple(v for v, _ in out)


def check_criteria(ctx: CheckContext) -> None:
    ptypes = {n: p.type for n, p in ctx.params.items()}
    pack_id = ctx.header.get("id", "") if ctx.header else ""
    for path, _disp, doc in ctx.crit_docs:
        seq = doc.get("criteria")
        if not isinstance(seq, LSeq):
            if "criteria" in doc:
                ctx.err(doc.vloc("criteria"), "MUT-R005", "criteria", "criteria must be a list")
            continue
        for i, (node, loc) in enumerate(zip(seq, seq.locs, strict=True)):
            if not isinstance(node, LMap):
                ctx.err(loc, "MUT-R005", f"criteria[{i}]", "a criterion must be a mapping")
                continue
            c = _criterion(ctx, node, f"criteria[{i}]", ptypes, str(pack_id), path)
            if c is not None:
                ctx.criteria.append((c, node.loc))


# Articles that set an age rule (retirement ages, age limits for a post). A protected_basis
# must cite one of them: (regulation prefix, article prefixes; empty = any article).
AGE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("PP 11/2017", ("Pasal 239", "Pasal 240", "Pasal 107")),
    ("UU 14/2005", ()),
)


def _sets_age_rule(b: dict[str, str]) -> bool:
    return any(b["regulation"].startswith(reg) and (not arts or any(b.get("article", "").startswith(a) for a in arts))
               for reg, arts in AGE_RULES)


def _criterion(ctx: CheckContext, node: LMap, where: str, ptypes: dict[str, str], pack_id: str,
               path: Path) -> Criterion | None:
    cid = node.get("id")
    if isinstance(cid, str):
        where = cid
    kind, scope = node.get("kind"), node.get("scope")
    n_before = len(ctx.problems)
    if kind not in KINDS:
        ctx.err(node.vloc("kind") if "kind" in node else node.loc,
                "MUT-R009" if "kind" in node else "MUT-R004", f"{where}.kind",
                f"kind must be one of {', '.join(KINDS)}", suggest(str(kind), KINDS))
    if scope not in CRITERION_SCOPES:
        ctx.err(node.vloc("scope") if "scope" in node else node.loc,
                "MUT-R009" if "scope" in node else "MUT-R004", f"{where}.scope",
                f"scope must be one of {', '.join(CRITERION_SCOPES)}",
                suggest(str(scope), CRITERION_SCOPES))
    extra = KIND_KEYS.get(str(kind), ())
    allowed = COMMON_KEYS + (extra + OPTIONAL_KIND_KEYS.get(str(kind), ()) if kind in KINDS
                             else tuple(k for ks in KIND_KEYS.values() for k in ks) + ("use",))
    required = ("id", "version", "title", "legal_basis", "scope", "kind") + extra
    ctx.keys(node, allowed, required, where)
    if "id" in node and not (isinstance(cid, str) and PACK_ID.match(cid)):
        ctx.err(node.vloc("id"), "MUT-R005", f"{where}.id", "id must be lower-case letters, digits, _")
    ver = node.get("version")
    if "version" in node and not (isinstance(ver, int) and not isinstance(ver, bool) and ver >= 1):
        ctx.err(node.vloc("version"), "MUT-R005", f"{where}.version", "criterion version is an integer >= 1")
    title = ctx.text2(node, "title", where)
    basis = ctx.legal(node, "legal_basis", where)
    pbasis = ctx.legal(node, "protected_basis", where) if "protected_basis" in node else None
    for b in pbasis or []:
        if not _sets_age_rule(b):
            ctx.err(node.vloc("protected_basis"), "MUT-R013", f"{where}.protected_basis",
                    f"{b['regulation']} {b.get('article', '')} does not set an age rule",
                    "cite the article that sets the age (e.g. PP 11/2017 Pasal 239)")
    start = ctx.date_(node, "effective_from", where)
    until = ctx.date_(node, "effective_until", where)
    if start and until and start > until:
        ctx.err(node.vloc("effective_until"), "MUT-R017", f"{where}.effective_until",
                f"effective_until {until} is before effective_from {start}")
    # Check conditions even when kind or scope is wrong, so every problem shows at once.
    chk = ConditionChecker(str(scope) if scope in CRITERION_SCOPES else "move", ptypes,
                           pbasis is not None, ctx.problems)
    body: dict[str, Any] = {"protected_basis": pbasis}

    def cond(key: str) -> Any:
        return chk.parse(node[key], node.vloc(key), f"{where}.{key}") if key in node else None

    if kind not in KINDS or scope not in CRITERION_SCOPES:
        for key in ("require", "required_when", "applies_when", "warn_when"):
            cond(key)
        return None

    if kind != "exception" and "applies_when" in node:
        # criterion-level: false gives not_applicable (an exception's own applies_when is its condition)
        body["applies_when"] = cond("applies_when")
    if kind == "requirement":
        body["require"] = cond("require")
    elif kind == "approval":
        body["required_when"] = cond("required_when")
        body["approval"] = _typed_doc(ctx, node, "approval", where, ("type", "from"))
    elif kind == "exception":
        body["applies_when"] = cond("applies_when")
        body["document"] = _typed_doc(ctx, node, "document", where, ("type", "title"))
        lifts = node.get("lifts")
        if "lifts" in node and not (isinstance(lifts, LSeq) and lifts and all(isinstance(x, str) for x in lifts)):
            ctx.err(node.vloc("lifts"), "MUT-R005", f"{where}.lifts", "lifts is a list of criterion ids")
        body["lifts"] = sorted(lifts) if isinstance(lifts, list) else []
    elif kind == "advisory":
        body["warn_when"] = cond("warn_when")
    else:
        body["weight"] = _weight(ctx, node, where, ptypes)
        body["points"] = _points(ctx, node, where, chk)
        use = node.get("use", "plan")
        if use not in SCORE_USES:
            ctx.err(node.vloc("use"), "MUT-R009", f"{where}.use",
                    f"use must be one of {', '.join(SCORE_USES)}", suggest(str(use), SCORE_USES))
        elif use == "round":  # only then in the body: packs without round points keep their hash
            body["use"] = "round"
    if len(ctx.problems) > n_before:
        return None
    return Criterion(
        id=str(cid), version=ver if isinstance(ver, int) else 0, title=title, legal_basis=basis, scope=str(scope),
        kind=str(kind), effective_from=start, effective_until=until,
        source=f"{source_path(path, ctx.root)}:{node.loc.line}", pack=pack_id, body=body)


def _typed_doc(ctx: CheckContext, node: LMap, key: str, where: str, keys: tuple[str, ...]) -> Any:
    v = node.get(key)
    if not isinstance(v, LMap):
        if key in node:
            ctx.err(node.vloc(key), "MUT-R005", f"{where}.{key}", f"{key} needs {{{', '.join(keys)}}}")
        return None
    ctx.keys(v, keys, keys, f"{where}.{key}")
    if not isinstance(v.get("type"), str):
        return None
    other = keys[1]
    return {"type": v["type"], other: ctx.text2(v, other, f"{where}.{key}")}


def _weight(ctx: CheckContext, node: LMap, where: str, ptypes: dict[str, str]) -> Any:
    w = node.get("weight")
    if isinstance(w, int | float) and not isinstance(w, bool):
        return w
    if isinstance(w, LMap) and set(w) == {"param"}:
        if ptypes.get(w["param"]) in ("int", "float"):
            return {"param": w["param"]}
        ctx.err(w.vloc("param"), "MUT-R011", f"{where}.weight",
                f"unknown or non-numeric parameter '{w['param']}'", suggest(str(w["param"]), ptypes))
        return None
    if "weight" in node:
        ctx.err(node.vloc("weight"), "MUT-R005", f"{where}.weight", "weight is a number or {param: NAME}")
    return None


def _points(ctx: CheckContext, node: LMap, where: str, chk: ConditionChecker) -> Any:
    p = node.get("points")
    if isinstance(p, LMap) and set(p) == {"fact"}:
        name = chk._fact(p["fact"], p.vloc("fact"), f"{where}.points")
        if name and FACTS[name].type not in ("int", "float", "bool"):
            ctx.err(p.vloc("fact"), "MUT-R012", f"{where}.points", f"points need a numeric 0..1 fact, not {name}")
        return {"fact": name}
    if isinstance(p, LSeq) and p:
        out: list[dict[str, Any]] = []
        for i, (item, loc) in enumerate(zip(p, p.locs, strict=True)):
            w = f"{where}.points[{i}]"
            last = i == len(p) - 1
            if isinstance(item, LMap) and last and set(item) == {"otherwise"}:
                val = item["otherwise"]
                key = "otherwise"
            elif isinstance(item, LMap) and set(item) == {"when", "value"}:
                val, key = item["value"], "value"
                out.append({"when": chk.parse(item["when"], item.vloc("when"), f"{w}.when"), "value": val})
            else:
                ctx.err(loc, "MUT-R005", w, "points entries are {when: COND, value: N}, last may be {otherwise: N}")
                continue
            if not (isinstance(val, int | float) and not isinstance(val, bool)):
                ctx.err(item.vloc(key), "MUT-R005", f"{w}.{key}", "points are numbers")
            elif key == "otherwise":
                out.append({"otherwise": val})
        return out
    if "points" in node:
        ctx.err(node.vloc("points"), "MUT-R005", f"{where}.points",
                "points is {fact: F} or a list of {when, value} ending with {otherwise}")
    return None


