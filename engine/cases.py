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

from engine.problems import Problem, problem, suggest
from engine.records import (
    Document,
    Employee,
    Position,
    PositionWorkload,
    ProposedMove,
    Punishment,
    ReviewContext,
    SkpRecord,
    Unit,
    World,
)
from engine.yamlsrc import LMap, Loc, LSeq, load_yaml

CASE_KEYS = ("name", "as_of", "employee", "position", "positions", "units", "workloads", "move",
             "context", "expect", "note")
EXPECT_KEYS = ("verdict", "outcomes", "counterfactual", "score")


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


def load_cases(path: Path, display: str | None = None) -> tuple[list[Case], list[Problem]]:
    disp = display or str(path)
    problems: list[Problem] = []
    doc = load_yaml(path, disp, problems)
    cases: list[Case] = []
    if not isinstance(doc, LMap) or not isinstance(doc.get("cases"), LSeq):
        if not problems:
            problems.append(problem(disp, 1, 1, "MUT-R022", "cases", "file needs a list 'cases'"))
        return cases, problems
    seq = doc["cases"]
    for i, (node, loc) in enumerate(zip(seq, seq.locs, strict=True)):
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
        "skp": _many(SkpRecord), "punishments": _many(Punishment)})
    pos = (_record(Position, node["position"], node.vloc("position"), "position", problems)
           if "position" in node else None)
    extra_pos = _many(Position)(node["positions"], node.vloc("positions"), "positions", problems) \
        if "positions" in node else ()
    units = _many(Unit)(node["units"], node.vloc("units"), "units", problems) if "units" in node else ()
    wls = _many(PositionWorkload)(node["workloads"], node.vloc("workloads"), "workloads", problems) \
        if "workloads" in node else ()
    move = (_record(ProposedMove, node["move"], node.vloc("move"), "move", problems)
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
                expect=_plain(dict(expect)) if isinstance(expect, LMap) else {})


def case_files(pack_dir: Path) -> list[Path]:
    return sorted((pack_dir / "tests").glob("*.yaml"))
