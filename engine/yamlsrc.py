"""The one safe YAML loader for every file mutasi reads; keeps file:line:col for every value.

Mappings become ``LMap`` (a dict with ``key_loc`` / ``val_loc`` per key and ``loc`` for
itself), sequences ``LSeq`` (a list with ``locs``). Duplicate keys and YAML syntax errors
become Problems (MUT-R002, MUT-R001); the loader never raises on bad input.

Hostile input is refused before anything is built, each with its own code: a file larger
than MAX_BYTES (MUT-R027), aliases that repeat more than MAX_ALIAS_VALUES values in all
(MUT-R025: a few lines of aliases expand to gigabytes), nesting deeper than MAX_DEPTH, in the
text or through aliases (MUT-R026), a number that is not finite or too large (MUT-R028).
Only plain YAML types are built (no tags run code).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine.errors import problem
from mutasi.errors import Problem

MAX_BYTES = 4 * 1024 * 1024  # a pack file, SK draft or context is a few kilobytes
MAX_DEPTH = 32  # nesting of mappings and lists; real files stay under 10
MAX_ALIAS_VALUES = 10_000  # values an alias may repeat in all (a pack example reuses a few)
MAX_INT = 10**18 - 1  # an 18-digit NIP written without quotes still loads
MAX_FLOAT = 1e15  # anything larger is a typo, and overflows once multiplied


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


class _Refused(Exception):
    def __init__(self, node: Node, code: str, message: str) -> None:
        super().__init__(message)
        self.node, self.code, self.message = node, code, message


class _Builder:
    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.ctor = SafeConstructor()
        self.seen: set[int] = set()
        self.repeats = 0  # values built again through an alias
        self.depth = 0

    def build_root(self, node: Node) -> Any:
        try:
            return self.build(node)
        except _Refused as exc:
            loc = _loc(self.file, exc.node)
            self.problems.append(problem(self.file, loc.line, loc.col, exc.code, "", exc.message))
            return None

    def build(self, node: Node) -> Any:
        if id(node) in self.seen:
            self.repeats += 1
            if self.repeats > MAX_ALIAS_VALUES:
                raise _Refused(node, "MUT-R025",
                               f"aliases expand to more than {MAX_ALIAS_VALUES} values")
        else:
            self.seen.add(id(node))
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(node, "MUT-R026", f"nested deeper than {MAX_DEPTH} levels")
            return self._build(node)
        finally:
            self.depth -= 1

    def _build(self, node: Node) -> Any:
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
        loc = _loc(self.file, node)
        if node.tag.endswith((":int", ":float")) and len(node.value) > 40:
            self.problems.append(problem(self.file, loc.line, loc.col, "MUT-R028", "",
                                         f"number {node.value[:20]}... is too long"))
            return None
        try:
            value = self.ctor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            code = "MUT-R006" if node.tag.endswith(":timestamp") else "MUT-R005"
            self.problems.append(problem(self.file, loc.line, loc.col, code, "",
                                         f"cannot read value {node.value!r}: {exc}"))
            return None
        bad = number_problem(value)
        if bad:
            self.problems.append(problem(self.file, loc.line, loc.col, "MUT-R028", "", bad))
            return None
        return value


def number_problem(value: Any) -> str:
    """Why a loaded number is refused ('' when it is fine): not finite, or out of range."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            return f"{value} is not a number that can be used (write a finite number)"
        if abs(value) > MAX_FLOAT:
            return f"{value:g} is too large (at most {MAX_FLOAT:g})"
    if isinstance(value, int) and abs(value) > MAX_INT:
        return f"{value} is too large (at most {MAX_INT} in size)"
    return ""


def _screen(text: str, display: str, problems: list[Problem]) -> bool:
    """Walk the event stream once: refuse deep nesting before any node is composed
    (composing is recursive). Aliases are bounded later, when values are built."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark else (1, 0)
                problems.append(problem(display, line, col, "MUT-R026", "",
                                        f"nested deeper than {MAX_DEPTH} levels"))
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return True


def compose_yaml(path: Path, display: str, problems: list[Problem],
                 encoding: str = "utf-8") -> Node | None:
    """Read and compose one YAML file safely (size, aliases, depth checked); problems are
    appended, never raised. None on failure or for an empty file."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            problems.append(problem(display, 1, 0, "MUT-R027", "",
                                    f"file is {size} bytes; at most {MAX_BYTES} are read"))
            return None
        text = path.read_text(encoding=encoding)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(problem(display, 1, 0, "MUT-R001", "", f"cannot read file: {exc}"))
        return None
    try:
        if not _screen(text, display, problems):
            return None
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 0)
        problems.append(problem(display, line, col, "MUT-R001", "",
                                f"YAML syntax error: {exc.problem or exc}"))
        return None
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        problems.append(problem(display, 1, 0, "MUT-R001", "", f"YAML error: {exc}"))
        return None


def load_yaml(path: Path, display: str, problems: list[Problem], encoding: str = "utf-8") -> Any:
    """Parse one YAML file; problems are appended, never raised. Returns None on failure."""
    node = compose_yaml(path, display, problems, encoding)
    if node is None:
        return None
    return _Builder(display, problems).build_root(node)
