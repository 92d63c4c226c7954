"""Strict YAML loader that keeps file:line:col for every mapping key and value.

Mappings become ``LMap`` (a dict with ``key_loc`` / ``val_loc`` per key and ``loc`` for
itself), sequences ``LSeq`` (a list with ``locs``). Duplicate keys and YAML syntax errors
become Problems; the loader never raises on bad input. Their codes belong to the caller's
input (``YamlCodes``): a rule pack's (MUT-R...) by default, a review input's (MUT-V...).
"""

from __future__ import annotations

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

    def __post_init__(self) -> None:
        for code in (self.unreadable, self.duplicate, self.shape, self.date):
            check_code(code)


RULE_PACK_CODES = YamlCodes("MUT-R001", "MUT-R002", "MUT-R005", "MUT-R006")
REVIEW_INPUT_CODES = YamlCodes("MUT-V001", "MUT-V002", "MUT-V005", "MUT-V005")


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
    def __init__(self, file: str, problems: list[Problem], codes: YamlCodes) -> None:
        self.file = file
        self.problems = problems
        self.codes = codes
        self.ctor = SafeConstructor()

    def build(self, node: Node) -> Any:
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
        try:
            return self.ctor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            loc = _loc(self.file, node)
            code = self.codes.date if node.tag.endswith(":timestamp") else self.codes.shape
            self.problems.append(problem(self.file, loc.line, loc.col, code, "",
                                         f"cannot read value {node.value!r}: {exc}"))
            return None


def load_yaml(path: Path, display: str, problems: list[Problem],
              codes: YamlCodes = RULE_PACK_CODES) -> Any:
    """Parse one YAML file; problems are appended, never raised. Returns None on failure."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(problem(display, 1, 0, codes.unreadable, "", f"cannot read file: {exc}"))
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 0)
        problems.append(problem(display, line, col, codes.unreadable, "",
                                f"YAML syntax error: {exc.problem or exc}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(problem(display, 1, 0, codes.unreadable, "", f"YAML error: {exc}"))
        return None
    if node is None:
        return None
    return _Builder(display, problems, codes).build(node)
