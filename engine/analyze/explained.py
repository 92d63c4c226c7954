"""A pack's explained findings (analysis.yaml beside pack.yaml): findings kept on purpose,
each with its reason in both languages. The file is not part of the pack's hash: it explains
the rules, it does not decide anything.

    explained:
      - finding: vacuous            # a finding kind (engine/analyze/findings.py CODES)
        criteria: [inspektorat_clearance]
        part: applies_when          # optional: which condition (or parameter name)
        reason: {id: ..., en: ...}
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.analyze.findings import CODES, Finding
from engine.errors import PackError
from engine.problems import Problem, problem, suggest
from engine.yamlsrc import LMap, LSeq, load_yaml

FILE = "analysis.yaml"
KEYS = ("finding", "criteria", "part", "reason")


@dataclass(frozen=True)
class Explained:
    finding: str
    criteria: tuple[str, ...]
    part: str | None
    reason: dict[str, str]

    def matches(self, f: Finding) -> bool:
        return (f.kind == self.finding and f.criteria == self.criteria
                and (self.part is None or self.part == f.part))


def load_explained(pack_dir: Path, criteria: set[str]) -> list[Explained]:
    path = pack_dir / FILE
    if not path.is_file():
        return []
    disp = str(path)
    problems: list[Problem] = []
    doc = load_yaml(path, disp, problems)
    out: list[Explained] = []
    items = doc.get("explained") if isinstance(doc, LMap) else None
    if not problems and not isinstance(items, LSeq):
        problems.append(problem(disp, 1, 1, "MUT-R203", "explained", "needs a list 'explained'"))
    for i, (node, loc) in enumerate(zip(items or [], getattr(items, "locs", []), strict=False)):
        where = f"explained[{i}]"

        def bad(field: str, msg: str, hint: str = "", at: Any = loc, where: str = where) -> None:
            problems.append(problem(disp, at.line, at.col, "MUT-R203", f"{where}.{field}", msg, hint))
        if not isinstance(node, LMap):
            bad("", "must be a mapping")
            continue
        for k in node:
            if k not in KEYS:
                bad(k, f"unknown key '{k}'", suggest(k, KEYS), node.kloc(k))
        kind = node.get("finding")
        if kind not in CODES:
            bad("finding", f"unknown finding {kind!r}", suggest(str(kind), CODES))
        ids = node.get("criteria") or []
        if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids):
            bad("criteria", "criteria must be a list of criterion ids")
            ids = []
        for cid in ids:
            if cid not in criteria:
                bad("criteria", f"no criterion '{cid}' in the pack", suggest(cid, criteria))
        reason = node.get("reason")
        if not (isinstance(reason, dict) and isinstance(reason.get("id"), str)
                and isinstance(reason.get("en"), str) and reason["id"].strip() and reason["en"].strip()):
            bad("reason", "reason must be {id: ..., en: ...}, both given")
            continue
        part = node.get("part")
        out.append(Explained(str(kind), tuple(sorted(ids)), None if part is None else str(part),
                             {"id": reason["id"], "en": reason["en"]}))
    if problems:
        raise PackError(f"{disp}: {len(problems)} problem(s)", problems)
    return out
