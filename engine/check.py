"""`rules check`: compile a pack folder through an ordered table of named checks.

Every check appends Problems (never raises); all are reported at once, sorted by
file:line:col. The same pipeline builds the effective Pack, so a pack that checks clean is
exactly the pack that runs. Order matters only in that later checks use what earlier ones
built (a criterion's conditions need the parameters' types).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from engine.check_context import HEADER_KEYS, PACK_ID, SEMVER, CheckContext, rel_path, source_path
from engine.check_criteria import check_criteria, check_parameters
from engine.pack import Pack
from engine.problems import Problem, suggest
from engine.yamlsrc import LMap, Loc, LSeq, load_yaml

__all__ = ["CHECKS", "CheckContext", "build_pack", "source_path"]


def check_files(ctx: CheckContext) -> None:
    head = ctx.root / "pack.yaml"
    if not head.is_file():
        ctx.err(Loc(ctx.display, 1, 0), "MUT-R018", "", f"no pack.yaml in {ctx.display}")
        return
    ctx.header_file = rel_path(ctx, head)
    n_before = len(ctx.problems)
    doc = load_yaml(head, ctx.header_file, ctx.problems)
    if doc is None and len(ctx.problems) == n_before:
        ctx.err(Loc(ctx.header_file, 1, 0), "MUT-R031", "", "pack.yaml is empty",
                "a pack needs id, version, title and effective_from")
    if doc is not None and not isinstance(doc, LMap):
        ctx.err(Loc(ctx.header_file, 1, 1), "MUT-R005", "", "pack.yaml must be a mapping")
    ctx.header = doc if isinstance(doc, LMap) else None
    files = [(ctx.root / "parameters.yaml", "parameters")]
    files += [(p, "criteria") for p in sorted((ctx.root / "criteria").glob("*.yaml"))]
    for path, top in files:
        if not path.is_file():
            continue
        disp = rel_path(ctx, path)
        d = load_yaml(path, disp, ctx.problems)
        if d is None:
            continue
        if not isinstance(d, LMap):
            ctx.err(Loc(disp, 1, 1), "MUT-R005", "", f"file must be a mapping with '{top}'")
            continue
        ctx.keys(d, (top,), (top,), "")
        (ctx.param_docs if top == "parameters" else ctx.crit_docs).append((path, disp, d))


def check_header(ctx: CheckContext) -> None:
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


def check_extends(ctx: CheckContext) -> None:
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
    parent, probs = build_pack(parent_dir, os.path.normpath(Path(ctx.display) / ext["path"]),
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


def check_ids(ctx: CheckContext) -> None:
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


def check_disable(ctx: CheckContext) -> None:
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


def check_exceptions(ctx: CheckContext) -> None:
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


CHECKS: list[tuple[str, Callable[[CheckContext], None]]] = [
    ("files", check_files),
    ("header", check_header),
    ("extends", check_extends),
    ("parameters", check_parameters),
    ("criteria", check_criteria),
    ("ids", check_ids),
    ("disable", check_disable),
    ("exceptions", check_exceptions),
]


def build_pack(root: Path, display: str, stack: tuple[Path, ...]) -> tuple[Pack | None, list[Problem]]:
    ctx = CheckContext(root=root, display=display, stack=stack)
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
