"""Pack example cases (rules/<pack>/tests/*.yaml): find and load them into typed Cases.

A case: name, as_of, employee (Employee fields; left-out fields are not on file),
optional position (the target: scope candidate_position), workloads, positions and units
(extra world rows, e.g. the employee's current post), move + context (scope move), and
expect: {verdict, outcomes: {criterion: outcome}, counterfactual: {criterion: {key: value}}}.
Loading needs no engine backend: `rules check` checks the shape of the cases with this module
alone; engine/packtest.py runs them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from engine import vocab
from engine.problems import Problem, problem, suggest
from engine.records import (
    Circumstance,
    Document,
    Employee,
    Position,
    PositionWorkload,
    Posting,
    ProposedMove,
    Punishment,
    ReviewContext,
    SkpRecord,
    Unit,
    World,
)
from engine.yamlsrc import LMap, Loc, LSeq, load_yaml

CASE_KEYS = ("name", "as_of", "employee", "position", "positions", "units", "workloads", "move",
             "context", "expect", "note", "source", "facts")
# A published case (the case library): where it was decided and what decided it.
SOURCE_KEYS = ("label", "body", "number", "date", "url", "facts", "deciding_criterion", "outcome")
SOURCE_REQUIRED = ("label", "body", "date", "url", "facts", "deciding_criterion", "outcome")
# Mappings a file's `defaults` fills in key by key; other keys are taken whole.
_MERGED = ("employee", "context", "move")
EXPECT_KEYS = ("verdict", "outcomes", "counterfactual", "score", "round_points")


@dataclass
class Case:
    name: str
    file: str
    line: int
    as_of: date
    scope: str
    employee: Employee
    world: World
    position: Position | None
    move: ProposedMove | None
    context: ReviewContext | None
    expect: dict[str, Any]
    source: dict[str, Any] | None = None  # published case: body, number, date, url, facts, ...
    # Fact values given outright (a `rules analyze` counterexample): they replace what the
    # records derive; null = not on file. None: none given.
    facts: dict[str, Any] | None = None


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def _record(cls: type, data: Any, loc: Loc, where: str, problems: list[Problem],
            convert: dict[str, Any] | None = None) -> Any:
    if not isinstance(data, LMap):
        problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", where, f"{where} must be a mapping"))
        return None
    names = {f.name: f for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for k, v in data.items():
        if k not in names:
            kl = data.kloc(k)
            problems.append(problem(kl.file, kl.line, kl.col, "MUT-R022", f"{where}.{k}",
                                    f"unknown field '{k}' for {cls.__name__}", suggest(k, names)))
            continue
        if convert and k in convert:
            v = convert[k](v, data.vloc(k), f"{where}.{k}", problems)
        elif isinstance(v, list):
            v = tuple(_plain(v))
        kwargs[k] = _plain(v)
    try:
        return cls(**kwargs)
    except TypeError as exc:
        problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", where, f"{where}: {exc}"))
        return None


def _many(cls: type, convert: dict[str, Any] | None = None) -> Any:
    def conv(v: Any, loc: Loc, where: str, problems: list[Problem]) -> tuple[Any, ...]:
        if not isinstance(v, LSeq):
            problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", where, "must be a list"))
            return ()
        out = [_record(cls, x, xl, f"{where}[{i}]", problems, convert)
               for i, (x, xl) in enumerate(zip(v, v.locs, strict=True))]
        return tuple(x for x in out if x is not None)
    return conv


def _grounds(v: Any, loc: Loc, where: str, problems: list[Problem]) -> tuple[str, ...]:
    """Statutory grounds as in review input: codes (or spellings) of engine.vocab."""
    items = [str(x) for x in v] if isinstance(v, list) else vocab.split_list(str(v or ""))
    out: set[str] = set()
    for item in items:
        found = vocab.lookup_ground(item)
        if found.code is None:
            problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", where, found.error, found.hint))
        elif found.code != vocab.NONE:
            out.add(found.code)
    return tuple(sorted(out))


def _relation(v: Any, loc: Loc, where: str, problems: list[Problem]) -> str | None:
    found = vocab.lookup_relation(None if v is None else str(v))
    if found.code is None:
        problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", where, found.error, found.hint))
    return found.code


def _merged(base: LMap, over: LMap) -> LMap:
    out = LMap({**base, **over})
    out.loc = over.loc
    out.key_loc = {**base.key_loc, **over.key_loc}
    out.val_loc = {**base.val_loc, **over.val_loc}
    return out


def _with_defaults(node: LMap, defaults: LMap) -> LMap:
    """The file's `defaults` under a case: missing keys taken whole; employee, context and
    move filled in key by key, positions/units/workloads row by row (the case's own win)."""
    out = _merged(defaults, node)
    for k in _MERGED:
        if isinstance(defaults.get(k), LMap) and isinstance(node.get(k), LMap):
            out[k] = _merged(defaults[k], node[k])
    for k, key in (("positions", "id"), ("units", "id"), ("workloads", "position_id")):
        if isinstance(defaults.get(k), LSeq) and isinstance(node.get(k), LSeq):
            own = {x.get(key) for x in node[k] if isinstance(x, LMap)}
            keep = [(x, loc) for x, loc in zip(defaults[k], defaults[k].locs, strict=True)
                    if not (isinstance(x, LMap) and x.get(key) in own)]
            rows = LSeq([x for x, _ in keep] + list(node[k]))
            rows.loc = node[k].loc
            rows.locs = [loc for _, loc in keep] + list(node[k].locs)
            out[k] = rows
    for k in ("note", "source", "name", "expect"):  # never inherited
        if k not in node and k in out:
            del out[k]
    return out


def _source(v: Any, loc: Loc, where: str, problems: list[Problem]) -> dict[str, Any] | None:
    if not isinstance(v, LMap):
        problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", where, "source must be a mapping"))
        return None
    for k in v:
        if k not in SOURCE_KEYS:
            kl = v.kloc(k)
            problems.append(problem(kl.file, kl.line, kl.col, "MUT-R022", f"{where}.{k}",
                                    f"unknown key '{k}'", suggest(k, SOURCE_KEYS)))
    for k in SOURCE_REQUIRED:
        if k not in v or v[k] in (None, ""):
            problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", f"{where}.{k}",
                                    f"a published case needs '{k}'"))
    return {k: (x.isoformat() if isinstance(x, date) else _plain(x)) for k, x in v.items()}


def load_cases(path: Path, display: str | None = None) -> tuple[list[Case], list[Problem]]:
    disp = display or str(path)
    problems: list[Problem] = []
    doc = load_yaml(path, disp, problems)
    cases: list[Case] = []
    if not isinstance(doc, LMap) or not isinstance(doc.get("cases"), LSeq):
        if not problems:
            problems.append(problem(disp, 1, 1, "MUT-R022", "cases", "file needs a list 'cases'"))
        return cases, problems
    for k in doc:
        if k not in ("cases", "defaults"):
            kl = doc.kloc(k)
            problems.append(problem(kl.file, kl.line, kl.col, "MUT-R022", k, f"unknown key '{k}'",
                                    suggest(k, ("cases", "defaults"))))
    defaults = doc.get("defaults")
    if defaults is not None and not isinstance(defaults, LMap):
        problems.append(problem(disp, doc.vloc("defaults").line, 1, "MUT-R022", "defaults",
                                "defaults must be a mapping of case keys"))
        defaults = None
    seq = doc["cases"]
    for i, (node, loc) in enumerate(zip(seq, seq.locs, strict=True)):
        if defaults is not None and isinstance(node, LMap):
            node = _with_defaults(node, defaults)
        case = _case(node, loc, f"cases[{i}]", disp, problems)
        if case is not None:
            cases.append(case)
    return cases, sorted(problems)


def _case(node: Any, loc: Loc, where: str, disp: str, problems: list[Problem]) -> Case | None:
    if not isinstance(node, LMap):
        problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", where, "a case must be a mapping"))
        return None
    n = len(problems)
    for k in node:
        if k not in CASE_KEYS:
            kl = node.kloc(k)
            problems.append(problem(kl.file, kl.line, kl.col, "MUT-R022", f"{where}.{k}",
                                    f"unknown key '{k}'", suggest(k, CASE_KEYS)))
    for k in ("name", "as_of", "employee", "expect"):
        if k not in node:
            problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", f"{where}.{k}", f"'{k}' is missing"))
    if not isinstance(node.get("as_of"), date):
        problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", f"{where}.as_of", "as_of must be a date"))
    emp = _record(Employee, node.get("employee"), node.vloc("employee"), "employee", problems, {
        "skp": _many(SkpRecord), "punishments": _many(Punishment),
        "postings": _many(Posting), "circumstances": _many(Circumstance)})
    pos = (_record(Position, node["position"], node.vloc("position"), "position", problems)
           if "position" in node else None)
    extra_pos = _many(Position)(node["positions"], node.vloc("positions"), "positions", problems) \
        if "positions" in node else ()
    units = _many(Unit)(node["units"], node.vloc("units"), "units", problems) if "units" in node else ()
    wls = _many(PositionWorkload)(node["workloads"], node.vloc("workloads"), "workloads", problems) \
        if "workloads" in node else ()
    move = (_record(ProposedMove, node["move"], node.vloc("move"), "move", problems,
                    {"grounds": _grounds, "decision_maker_relation": _relation})
            if "move" in node else None)
    ctx = (_record(ReviewContext, node["context"], node.vloc("context"), "context", problems,
                   {"documents": _many(Document)}) if "context" in node else None)
    if move is not None and ctx is None:
        problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", f"{where}.context",
                                "a move case needs a context"))
    expect = node.get("expect")
    if isinstance(expect, LMap):
        for k in expect:
            if k not in EXPECT_KEYS:
                kl = expect.kloc(k)
                problems.append(problem(kl.file, kl.line, kl.col, "MUT-R022", f"{where}.expect.{k}",
                                        f"unknown key '{k}'", suggest(k, EXPECT_KEYS)))
    elif "expect" in node:
        problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", f"{where}.expect", "expect must be a mapping"))
    src = _source(node["source"], node.vloc("source"), f"{where}.source", problems) \
        if "source" in node else None
    given = _facts(node["facts"], node.vloc("facts"), f"{where}.facts", problems) \
        if "facts" in node else None
    if len(problems) > n or emp is None:
        return None
    positions = {p.id: p for p in extra_pos}
    if pos is not None:
        positions[pos.id] = pos
    world = World(units={u.id: u for u in units}, positions=positions,
                  workloads={w.position_id: w for w in wls})
    scope = "move" if move else "candidate_position" if pos else "candidate"
    return Case(name=str(node["name"]), file=disp, line=loc.line, as_of=node["as_of"], scope=scope,
                employee=emp, world=world, position=pos, move=move, context=ctx,
                expect=_plain(dict(expect)) if isinstance(expect, LMap) else {}, source=src,
                facts=given)


def _facts(v: Any, loc: Loc, where: str, problems: list[Problem]) -> dict[str, Any] | None:
    from engine.fact_schema import FACTS

    if not isinstance(v, LMap):
        problems.append(problem(loc.file, loc.line, loc.col, "MUT-R022", where, "facts must be a mapping"))
        return None
    for k in v:
        if k not in FACTS:
            kl = v.kloc(k)
            problems.append(problem(kl.file, kl.line, kl.col, "MUT-R022", f"{where}.{k}",
                                    f"unknown fact '{k}'", suggest(k, FACTS)))
    return {k: (x.isoformat() if isinstance(x, date) else _plain(x)) for k, x in v.items()}


def case_files(pack_dir: Path) -> list[Path]:
    return sorted((pack_dir / "tests").glob("*.yaml"))
