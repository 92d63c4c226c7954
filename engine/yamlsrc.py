"""The one safe YAML loader for every file mutasi reads; keeps file:line:col for every value.

Mappings become ``LMap`` (a dict with ``key_loc`` / ``val_loc`` per key and ``loc`` for
itself), sequences ``LSeq`` (a list with ``locs``). Duplicate keys and YAML syntax errors
become Problems; the loader never raises on bad input. Their codes belong to the caller's
input (``YamlCodes``): a rule pack's (MUT-R...) by default, a review input's (MUT-V...).

Hostile input is refused before anything is built, each with its own code: a file larger
than MAX_BYTES (MUT-R027), aliases that repeat more than MAX_ALIAS_VALUES values in all
(MUT-R025: a few lines of aliases expand to gigabytes), nesting deeper than MAX_DEPTH, in the
text or through aliases (MUT-R026), a number that is not finite or too large (MUT-R028)
(the rule-pack codes; a review input has MUT-V020..V023).
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

from engine.problems import Problem, check_code, problem


@dataclass(frozen=True)
class YamlCodes:
    """The problem codes the loader uses, chosen by the kind of input it reads."""

    unreadable: str  # file cannot be read, or YAML syntax error
    duplicate: str  # a key twice in one mapping
    shape: str  # a value or key that cannot be read
    date: str  # a date that cannot be read
    aliases: str  # aliases repeat too many values
    depth: str  # nested too deep
    size: str  # file too large
    number: str  # a number not finite or too large

    def __post_init__(self) -> None:
        for code in (self.unreadable, self.duplicate, self.shape, self.date, self.aliases,
                     self.depth, self.size, self.number):
            check_code(code)

    @classmethod
    def one(cls, code: str) -> YamlCodes:
        """Every problem under one code (a configuration file whose code says 'unreadable')."""
        return cls(code, code, code, code, code, code, code, code)


RULE_PACK_CODES = YamlCodes("MUT-R001", "MUT-R002", "MUT-R005", "MUT-R006",
                            "MUT-R025", "MUT-R026", "MUT-R027", "MUT-R028")
REVIEW_INPUT_CODES = YamlCodes("MUT-V001", "MUT-V002", "MUT-V005", "MUT-V005",
                               "MUT-V020", "MUT-V021", "MUT-V022", "MUT-V023")

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
    def __init__(self, file: str, problems: list[Problem], codes: YamlCodes) -> None:
        self.file = file
        self.problems = problems
        self.codes = codes
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
                raise _Refused(node, self.codes.aliases,
                               f"aliases expand to more than {MAX_ALIAS_VALUES} values")
        else:
            self.seen.add(id(node))
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(node, self.codes.depth, f"nested deeper than {MAX_DEPTH} levels")
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
                    self.problems.append(problem(self.file, loc.line, loc.col, self.codes.shape, "",
                                                 "mapping keys must be plain text"))
                    continue
                key = str(key)
                if key in out:
                    loc, first = _loc(self.file, knode), out.key_loc[key]
                    self.problems.append(problem(
                        self.file, loc.line, loc.col, self.codes.duplicate, key,
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
            self.problems.append(problem(self.file, loc.line, loc.col, self.codes.number, "",
                                         f"number {node.value[:20]}... is too long"))
            return None
        try:
            value = self.ctor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            code = self.codes.date if node.tag.endswith(":timestamp") else self.codes.shape
            self.problems.append(problem(self.file, loc.line, loc.col, code, "",
                                         f"cannot read value {node.value!r}: {exc}"))
            return None
        bad = number_problem(value)
        if bad:
            self.problems.append(problem(self.file, loc.line, loc.col, self.codes.number, "", bad))
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


def _screen(text: str, display: str, problems: list[Problem], codes: YamlCodes) -> bool:
    """Walk the event stream once: refuse deep nesting before any node is composed
    (composing is recursive). Aliases are bounded later, when values are built."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark else (1, 0)
                problems.append(problem(display, line, col, codes.depth, "",
                                        f"nested deeper than {MAX_DEPTH} levels"))
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return True


def compose_yaml(path: Path, display: str, problems: list[Problem],
                 codes: YamlCodes = RULE_PACK_CODES, encoding: str = "utf-8") -> Node | None:
    """Read and compose one YAML file safely (size, aliases, depth checked); problems are
    appended, never raised. None on failure or for an empty file."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            problems.append(problem(display, 1, 0, codes.size, "",
                                    f"file is {size} bytes; at most {MAX_BYTES} are read"))
            return None
        text = path.read_text(encoding=encoding)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(problem(display, 1, 0, codes.unreadable, "", f"cannot read file: {exc}"))
        return None
    try:
        if not _screen(text, display, problems, codes):
            return None
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 0)
        problems.append(problem(display, line, col, codes.unreadable, "",
                                f"YAML syntax error: {exc.problem or exc}"))
        return None
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        problems.append(problem(display, 1, 0, codes.unreadable, "", f"YAML error: {exc}"))
        return None


def load_yaml(path: Path, display: str, problems: list[Problem],
              codes: YamlCodes = RULE_PACK_CODES, encoding: str = "utf-8") -> Any:
    """Parse one YAML file; problems are appended, never raised. Returns None on failure."""
    node = compose_yaml(path, display, problems, codes, encoding)
    if node is None:
        return None
    return _Builder(display, problems, codes).build_root(node)


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def load_shipped(path: Path) -> Any:
    """A YAML file shipped with mutasi (column map, SIASN profile, code tables), read by the
    same safe loader as plain dicts and lists; a problem in it is a packaging defect."""
    problems: list[Problem] = []
    data = load_yaml(path, str(path), problems)
    if problems:
        raise ValueError("; ".join(str(p) for p in problems))
    return _plain(data)
