"""Strict YAML loader that keeps file:line:col for every mapping key and value.

Mappings become ``LMap`` (a dict with ``key_loc`` / ``val_loc`` per key and ``loc`` for
itself), sequences ``LSeq`` (a list with ``locs``). Duplicate keys and YAML syntax errors
become Problems (MUT-R002, MUT-R001); the loader never raises on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine.errors import problem
from mutasi.errors import Problem


@dataclass(frozen=True)
class Loc:
    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class LMap(dict[str, Any]):
    loc: Loc
    key_loc: dict[str, Loc]
    val_loc: dict[str, Loc]

    def kloc(self, key: str) -> Loc:
        return self.key_loc.get(key, self.loc)

    def vloc(self, key: str) -> Loc:
        return self.val_loc.get(key, self.loc)


class LSeq(list[Any]):
    loc: Loc
    locs: list[Loc]


def _loc(file: str, node: Node) -> Loc:
    return Loc(file, node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.ctor = SafeConstructor()

    def build(self, node: Node) -> Any:
        if isinstance(node, MappingNode):
            out = LMap()
            out.loc, out.key_loc, out.val_loc = _loc(self.file, node), {}, {}
            for knode, vnode in node.value:
                key = self.build(knode)
                if not isinstance(key, str | int | bool) or isinstance(key, LMap | LSeq):
                    loc = _loc(self.file, knode)
                    self.problems.append(problem(self.file, loc.line, loc.col, "MUT-R005", "",
                                                 "mapping keys must be plain text"))
                    continue
                key = str(key)
                if key in out:
                    loc, first = _loc(self.file, knode), out.key_loc[key]
                    self.problems.append(problem(
                        self.file, loc.line, loc.col, "MUT-R002", key,
                        f"duplicate key '{key}'", f"first defined at line {first.line}"))
                    continue
                out[key] = self.build(vnode)
                out.key_loc[key] = _loc(self.file, knode)
                out.val_loc[key] = _loc(self.file, vnode)
            return out
        if isinstance(node, SequenceNode):
            seq = LSeq(self.build(n) for n in node.value)
            seq.loc = _loc(self.file, node)
            seq.locs = [_loc(self.file, n) for n in node.value]
            return seq
        assert isinstance(node, ScalarNode)
        try:
            return self.ctor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            loc = _loc(self.file, node)
            code = "MUT-R006" if node.tag.endswith(":timestamp") else "MUT-R005"
            self.problems.append(problem(self.file, loc.line, loc.col, code, "",
                                         f"cannot read value {node.value!r}: {exc}"))
            return None


def load_yaml(path: Path, display: str, problems: list[Problem]) -> Any:
    """Parse one YAML file; problems are appended, never raised. Returns None on failure."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(problem(display, 1, 0, "MUT-R001", "", f"cannot read file: {exc}"))
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 0)
        problems.append(problem(display, line, col, "MUT-R001", "",
                                f"YAML syntax error: {exc.problem or exc}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(problem(display, 1, 0, "MUT-R001", "", f"YAML error: {exc}"))
        return None
    if node is None:
        return None
    return _Builder(display, problems).build(node)
