"""What the pack checks share: the context they fill in, the constants of the pack format,
and the small readers that turn a YAML node into a checked value or a Problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from engine.pack import Criterion, Pack, Parameter
from engine.problems import Problem, problem, suggest
from engine.yamlsrc import LMap, Loc, LSeq

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$")
PACK_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
PARAM_TYPES = ("int", "float", "bool", "str", "date", "list[str]", "list[int]", "list[float]", "table")
UNITS = ("months", "years", "days", "hours", "count", "ratio", "points", "predicate", "rank",
         "flag", "text", "list", "table", "date", "percent")
HEADER_KEYS = ("id", "version", "title", "description", "effective_from", "effective_until",
               "extends", "disable")
PARAM_KEYS = ("title", "description", "unit", "type", "legal_basis", "values", "min", "max")
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
# Optional keys of one kind: a score criterion's `use` (plan, the default, or round: a
# priority-points item of a voluntary transfer round, docs/plan-and-review.md).
OPTIONAL_KIND_KEYS = {"score": ("use",)}
SCORE_USES = ("plan", "round")


def source_path(file: Path, root: Path) -> str:
    """A file's path relative to the parent of its nearest 'rules' folder, else to the pack
    folder's grandparent: the same text wherever the repository is checked out."""
    p = file.resolve()
    for anc in p.parents:
        if anc.name == "rules":
            return p.relative_to(anc.parent).as_posix()
    return p.relative_to(root.resolve().parent.parent).as_posix()


@dataclass
class CheckContext:
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

    def legal(self, node: LMap, key: str, where: str) -> list[dict[str, str]]:
        """A list of {regulation, article, note?}; one mapping is accepted as a one-element list.

        ``note: {id, en}`` explains a citation to the reader (an article not yet verified, a
        value taken from practice) in both languages; it is kept as ``note_id`` / ``note_en``
        so a citation stays a flat mapping of strings. ``article`` may be left out only when
        the note says what the citation refers to (no article number is known)."""
        v = node.get(key)
        items = [v] if isinstance(v, LMap) else list(v) if isinstance(v, LSeq) and v else None
        if items is None or not all(_citation_ok(x) for x in items):
            if key in node:
                self.err(node.vloc(key), "MUT-R005", f"{where}.{key}",
                         "needs {regulation: ..., article: ...} or a list of them, each naming one "
                         "regulation and its article, optionally with note: {id: ..., en: ...} "
                         "(the article may be left out only when a note is given)")
            return []
        out = []
        for x in items:
            if ";" in x["regulation"]:  # "PP 11/2017; UU 30/2014": which article is whose?
                self.err(x.vloc("regulation"), "MUT-R005", f"{where}.{key}",
                         f"'{x['regulation']}' joins several regulations in one citation",
                         "list one {regulation, article} per regulation")
            c = {"regulation": x["regulation"]}
            if "article" in x:
                c["article"] = x["article"]
            if "note" in x:
                c["note_id"], c["note_en"] = x["note"]["id"], x["note"]["en"]
            out.append(c)
        return out

    def date_(self, node: LMap, key: str, where: str, required: bool = False) -> str | None:
        if key not in node or (node[key] is None and not required):
            return None
        v = node[key]
        if isinstance(v, date):
            return v.isoformat()
        self.err(node.vloc(key), "MUT-R006", f"{where}.{key}", f"{v!r} is not a date (YYYY-MM-DD)")
        return None


def _citation_ok(x: object) -> bool:
    if not isinstance(x, LMap) or "regulation" not in x or not set(x) <= {"regulation", "article", "note"}:
        return False
    note = x.get("note")
    if note is not None and not (isinstance(note, LMap) and set(note) == {"id", "en"}
                                 and all(isinstance(t, str) and t.strip() for t in note.values())):
        return False
    if "article" not in x and note is None:
        return False
    return all(isinstance(x[k], str) and x[k].strip() for k in ("regulation", "article") if k in x)


def rel_path(ctx: CheckContext, p: Path) -> str:
    return str(Path(ctx.display) / p.relative_to(ctx.root))


