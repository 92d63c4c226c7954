"""`rules check`: compile a pack folder through an ordered table of named checks.

Every check appends Problems (never raises); all are reported at once, sorted by
file:line:col. The same pipeline builds the effective Pack, so a pack that checks clean is
exactly the pack that runs. Order matters only in that later checks use what earlier ones
built (a criterion's conditions need the parameters' types).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from engine.conditions import ConditionChecker
from engine.errors import problem, suggest
from engine.facts import FACTS
from engine.pack import CRITERION_SCOPES, KINDS, Criterion, Pack, Parameter, ParamValue
from engine.yamlsrc import LMap, Loc, LSeq, load_yaml
from mutasi.errors import Problem

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$")
PACK_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
PARAM_TYPES = ("int", "float", "bool", "str", "date", "list[str]", "list[int]", "list[float]", "table")
UNITS = ("months", "years", "days", "hours", "count", "ratio", "points", "predicate", "rank",
         "flag", "text", "list", "table", "date", "percent")
HEADER_KEYS = ("id", "version", "title", "description", "effective_from", "effective_until",
               "extends", "disable")
PARAM_KEYS = ("title", "description", "unit", "type", "legal_basis", "values")
VALUE_KEYS = ("from", "until", "value", "legal_basis", "note")
COMMON_KEYS = ("id", "version", "title", "description", "legal_basis", "scope", "kind",
               "effective_from", "effective_until", "protected_basis", "applies_when")
KIND_KEYS = {
    "requirement": ("require",),
    "approval": ("required_when", "approval"),
    "exception": ("lifts", "applies_when", "document"),
    "advisory": ("warn_when",),
    "score": ("weight", "points"),
}


def source_path(file: Path, root: Path) -> str:
    """A file's path relative to the parent of its nearest 'rules' folder, else to the pack
    folder's grandparent: the same text wherever the repository is checked out."""
    p = file.resolve()
    for anc in p.parents:
        if anc.name == "rules":
            return p.relative_to(anc.parent).as_posix()
    return p.relative_to(root.resolve().parent.parent).as_posix()


@dataclass
class _Ctx:
    root: Path
    display: str
    stack: tuple[Path, ...]
    problems: list[Problem] = field(default_factory=list)
    header: LMap | None = None
    header_file: str = ""
    param_docs: list[tuple[Path, str, LMap]] = field(default_factory=list)
    crit_docs: list[tuple[Path, str, LMap]] = field(default_factory=list)
    parent: Pack | None = None
    params: dict[str, Parameter] = field(default_factory=dict)
    criteria: list[tuple[Criterion, Loc]] = field(default_factory=list)
    disabled: list[dict[str, Any]] = field(default_factory=list)

    def err(self, loc: Loc, code: str, fld: str, msg: str, hint: str = "") -> None:
        self.problems.append(problem(loc.file, loc.line, loc.col, code, fld, msg, hint))

    def keys(self, node: LMap, allowed: tuple[str, ...], required: tuple[str, ...], where: str) -> None:
        for k in node:
            if k not in allowed:
                self.err(node.kloc(k), "MUT-R003", f"{where}.{k}" if where else k,
                         f"unknown key '{k}'", suggest(k, allowed))
        for k in required:
            if k not in node:
                self.err(node.loc, "MUT-R004", f"{where}.{k}" if where else k,
                         f"required key '{k}' is missing")

    def text2(self, node: LMap, key: str, where: str) -> dict[str, str]:
        v = node.get(key)
        if not (isinstance(v, LMap) and set(v) == {"id", "en"}
                and all(isinstance(x, str) and x.strip() for x in v.values())):
            if key in node:
                self.err(node.vloc(key), "MUT-R005", f"{where}.{key}",
                         "needs {id: <Bahasa Indonesia>, en: <English>} with both texts")
            return {}
        return {"id": v["id"], "en": v["en"]}

    def legal(self, node: LMap, key: str, where: str) -> dict[str, str]:
        v = node.get(key)
        if not (isinstance(v, LMap) and set(v) == {"regulation", "article"}
                and all(isinstance(x, str) and x.strip() for x in v.values())):
            if key in node:
                self.err(node.vloc(key), "MUT-R005", f"{where}.{key}",
                         "needs {regulation: ..., article: ...}")
            return {}
        return {"regulation": v["regulation"], "article": v["article"]}

    def date_(self, node: LMap, key: str, where: str, required: bool = False) -> str | None:
        if key not in node or (node[key] is None and not required):
            return None
        v = node[key]
        if isinstance(v, date):
            return v.isoformat()
        self.err(node.vloc(key), "MUT-R006", f"{where}.{key}", f"{v!r} is not a date (YYYY-MM-DD)")
        return None


def _rel(ctx: _Ctx, p: Path) -> str:
    return str(Path(ctx.display) / p.relative_to(ctx.root))


def check_files(ctx: _Ctx) -> None:
    head = ctx.root / "pack.yaml"
    if not head.is_file():
        ctx.err(Loc(ctx.display, 1, 0), "MUT-R018", "", f"no pack.yaml in {ctx.display}")
        return
    ctx.header_file = _rel(ctx, head)
    doc = load_yaml(head, ctx.header_file, ctx.problems)
    if doc is not None and not isinstance(doc, LMap):
        ctx.err(Loc(ctx.header_file, 1, 1), "MUT-R005", "", "pack.yaml must be a mapping")
    ctx.header = doc if isinstance(doc, LMap) else None
    files = [(ctx.root / "parameters.yaml", "parameters")]
    files += [(p, "criteria") for p in sorted((ctx.root / "criteria").glob("*.yaml"))]
    for path, top in files:
        if not path.is_file():
            continue
        disp = _rel(ctx, path)
        d = load_yaml(path, disp, ctx.problems)
        if d is None:
            continue
        if not isinstance(d, LMap):
            ctx.err(Loc(disp, 1, 1), "MUT-R005", "", f"file must be a mapping with '{top}'")
            continue
        ctx.keys(d, (top,), (top,), "")
        (ctx.param_docs if top == "parameters" else ctx.crit_docs).append((path, disp, d))


def check_header(ctx: _Ctx) -> None:
    h = ctx.header
    if h is None:
        return
    ctx.keys(h, HEADER_KEYS, ("id", "version", "title", "effective_from"), "")
    if "id" in h and not (isinstance(h["id"], str) and PACK_ID.match(h["id"])):
        ctx.err(h.vloc("id"), "MUT-R005", "id", "pack id must be lower-case letters, digits, - or _")
    if "version" in h and not (isinstance(h["version"], str) and SEMVER.match(h["version"])):
        ctx.err(h.vloc("version"), "MUT-R007", "version",
                f"version {h['version']!r} is not MAJOR.MINOR.PATCH", "quote it: version: \"1.0.0\"")
    ctx.text2(h, "title", "")
    start = ctx.date_(h, "effective_from", "", required=True)
    until = ctx.date_(h, "effective_until", "")
    if start and until and start > until:
        ctx.err(h.vloc("effective_until"), "MUT-R017", "effective_until",
                f"effective_until {until} is before effective_from {start}")


def check_extends(ctx: _Ctx) -> None:
    h = ctx.header
    if h is None or "extends" not in h:
        return
    ext = h["extends"]
    if not isinstance(ext, LMap):
        ctx.err(h.vloc("extends"), "MUT-R005", "extends", "extends needs {pack: ID, path: FOLDER}")
        return
    ctx.keys(ext, ("pack", "path"), ("pack", "path"), "extends")
    if not isinstance(ext.get("path"), str):
        return
    parent_dir = (ctx.root / ext["path"]).resolve()
    if parent_dir in ctx.stack:
        ctx.err(ext.vloc("path"), "MUT-R018", "extends.path", "packs extend each other in a cycle")
        return
    if not (parent_dir / "pack.yaml").is_file():
        ctx.err(ext.vloc("path"), "MUT-R018", "extends.path", f"no pack at {ext['path']}")
        return
    parent, probs = _compile(parent_dir, os.path.normpath(Path(ctx.display) / ext["path"]),
                             (*ctx.stack, ctx.root.resolve()))
    if probs or parent is None:
        ctx.err(ext.vloc("path"), "MUT-R018", "extends.path",
                f"the extended pack {ext['path']} has {len(probs)} problem(s)")
        ctx.problems.extend(probs)
        return
    if parent.id != ext.get("pack"):
        ctx.err(ext.vloc("pack"), "MUT-R018", "extends.pack",
                f"the pack at {ext['path']} is '{parent.id}', not '{ext.get('pack')}'")
    ctx.parent = parent
    ctx.params = dict(parent.parameters)


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


def check_parameters(ctx: _Ctx) -> None:
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
            values = _param_values(ctx, node, where, ptype, disp, path)
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
                else (inherited.legal_basis if inherited else {}),
                values=values,
                source=f"{source_path(path, ctx.root)}:{params.kloc(name).line}",
            )


def _param_values(ctx: _Ctx, node: LMap, where: str, ptype: str, disp: str,
                  path: Path) -> tuple[ParamValue, ...] | None:
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


def check_criteria(ctx: _Ctx) -> None:
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


def _criterion(ctx: _Ctx, node: LMap, where: str, ptypes: dict[str, str], pack_id: str,
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
    allowed = COMMON_KEYS + (extra if kind in KINDS else tuple(k for ks in KIND_KEYS.values() for k in ks))
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
    if len(ctx.problems) > n_before:
        return None
    return Criterion(
        id=str(cid), version=ver if isinstance(ver, int) else 0, title=title, legal_basis=basis, scope=str(scope),
        kind=str(kind), effective_from=start, effective_until=until,
        source=f"{source_path(path, ctx.root)}:{node.loc.line}", pack=pack_id, body=body)


def _typed_doc(ctx: _Ctx, node: LMap, key: str, where: str, keys: tuple[str, ...]) -> Any:
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


def _weight(ctx: _Ctx, node: LMap, where: str, ptypes: dict[str, str]) -> Any:
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


def _points(ctx: _Ctx, node: LMap, where: str, chk: ConditionChecker) -> Any:
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


def check_ids(ctx: _Ctx) -> None:
    seen: dict[str, Loc] = {}
    inherited = {c.id for c in ctx.parent.criteria} if ctx.parent else set()
    for c, loc in ctx.criteria:
        if c.id in seen:
            ctx.err(loc, "MUT-R008", c.id, f"criterion id '{c.id}' is defined twice",
                    f"first at {seen[c.id]}")
        elif c.id in inherited:
            ctx.err(loc, "MUT-R008", c.id, f"criterion id '{c.id}' exists in the extended pack",
                    "disable it there with a reason and add a new id")
        seen.setdefault(c.id, loc)


def check_disable(ctx: _Ctx) -> None:
    h = ctx.header
    if h is None or "disable" not in h:
        return
    seq = h["disable"]
    if not isinstance(seq, LSeq):
        ctx.err(h.vloc("disable"), "MUT-R005", "disable", "disable is a list of {id, reason: {id, en}}")
        return
    known = {c.id for c in ctx.parent.criteria} if ctx.parent else set()
    for i, (item, loc) in enumerate(zip(seq, seq.locs, strict=True)):
        w = f"disable[{i}]"
        if not isinstance(item, LMap):
            ctx.err(loc, "MUT-R005", w, "each entry is {id, reason: {id, en}}")
            continue
        ctx.keys(item, ("id", "reason"), ("id",), w)
        reason = ctx.text2(item, "reason", w)
        if not reason:
            ctx.err(item.loc, "MUT-R016", w, f"disabling '{item.get('id')}' needs a reason {{id, en}}")
        if item.get("id") not in known:
            ctx.err(item.vloc("id") if "id" in item else item.loc, "MUT-R016", f"{w}.id",
                    f"cannot disable '{item.get('id')}': not a criterion of the extended pack",
                    suggest(str(item.get("id")), known))
            continue
        if reason:
            ctx.disabled.append({"id": item["id"], "reason": reason, "by": str(h.get("id", ""))})


def check_exceptions(ctx: _Ctx) -> None:
    off = {d["id"] for d in ctx.disabled}
    reqs = {c.id for c, _ in ctx.criteria if c.kind == "requirement"}
    if ctx.parent:
        reqs |= {c.id for c in ctx.parent.criteria if c.kind == "requirement" and c.id not in off}
    for c, loc in ctx.criteria:
        for lifted in c.body.get("lifts", []) if c.kind == "exception" else []:
            if lifted not in reqs:
                ctx.err(loc, "MUT-R015", f"{c.id}.lifts",
                        f"exception lifts '{lifted}', which is not a requirement of this pack",
                        suggest(lifted, reqs))


CHECKS: list[tuple[str, Callable[[_Ctx], None]]] = [
    ("files", check_files),
    ("header", check_header),
    ("extends", check_extends),
    ("parameters", check_parameters),
    ("criteria", check_criteria),
    ("ids", check_ids),
    ("disable", check_disable),
    ("exceptions", check_exceptions),
]


def _compile(root: Path, display: str, stack: tuple[Path, ...]) -> tuple[Pack | None, list[Problem]]:
    ctx = _Ctx(root=root, display=display, stack=stack)
    for _name, check in CHECKS:
        check(ctx)
    problems = sorted(set(ctx.problems))
    if problems or ctx.header is None:
        return None, problems
    h = ctx.header
    off = {d["id"] for d in ctx.disabled}
    criteria = [c for c, _ in ctx.criteria]
    if ctx.parent:
        criteria += [c for c in ctx.parent.criteria if c.id not in off]
    layers = (*(ctx.parent.layers if ctx.parent else ()),
              {"id": h["id"], "version": h["version"], "path": source_path(root / "pack.yaml", root)})
    pack = Pack(
        id=h["id"], version=h["version"], title=ctx.text2(h, "title", ""),
        effective_from=h["effective_from"].isoformat(),
        effective_until=h["effective_until"].isoformat() if h.get("effective_until") else None,
        parameters=dict(sorted(ctx.params.items())),
        criteria=tuple(sorted(criteria, key=lambda c: c.id)),
        layers=layers,
        disabled=(*(ctx.parent.disabled if ctx.parent else ()), *ctx.disabled),
    )
    return pack, []


def compile_pack(root: Path) -> tuple[Pack | None, list[Problem]]:
    """Check and build the effective pack in folder ``root``; problems sorted by location."""
    return _compile(root, str(root), ())


def find_packs(path: Path) -> list[Path]:
    """A pack folder itself, or every pack folder directly under ``path`` (sorted)."""
    if (path / "pack.yaml").is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.iterdir() if (p / "pack.yaml").is_file())
    return []


def check_paths(paths: list[str | Path]) -> list[Problem]:
    """Problems of every pack under the given paths (and of the shape of its example cases),
    sorted and without duplicates."""
    from engine.packtest import case_files, load_cases

    out: set[Problem] = set()
    for raw in paths:
        path = Path(raw)
        packs = find_packs(path)
        if not packs:
            out.add(problem(str(path), 1, 0, "MUT-R018", "", f"no rule pack (pack.yaml) at {path}"))
        for p in packs:
            out.update(compile_pack(p)[1])
            for f in case_files(p):
                out.update(load_cases(f)[1])
    return sorted(out)
