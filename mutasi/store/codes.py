"""Code tables shipped as data (mutasi/store/codes/*.yaml): SIASN ids and names -> mutasi values.

Each table file names its source and, where a value is uncertain, says so in its note. A code
missing from a table is a cell error (MUT-D042) naming the table and its file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cache
from pathlib import Path

from engine.yamlsrc import load_shipped
from mutasi.store.parse import CellError

CODES_DIR = Path(__file__).resolve().parent / "codes"


def code_key(value: str) -> str:
    """Ids and names compare without case, spaces or punctuation; '01' = '1'."""
    s = re.sub(r"[\s_\-./()]+", "", value).lower()
    return str(int(s)) if s.isdigit() else s


@dataclass(frozen=True)
class CodeTable:
    name: str
    field: str
    path: Path
    source: str
    note: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    index: dict[str, tuple[str, ...]] = dc_field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        for row in self.rows:
            for cell in row[:2]:  # id, name
                if cell:
                    self.index.setdefault(code_key(cell), row)

    def lookup(self, raw: str, take: str = "value") -> str | None:
        """The ``take`` column of the row whose id or name is ``raw``; '' in the table = empty."""
        row = self.index.get(code_key(raw))
        if row is None:
            known = ", ".join(f"{r[0]} {r[1]}".strip() for r in self.rows[:8])
            more = ", ..." if len(self.rows) > 8 else ""
            raise CellError(
                "MUT-D042",
                f"'{raw}' is not a known {self.field} (code table {self.name}, "
                f"mutasi/store/codes/{self.path.name})",
                f"known: {known}{more}",
            )
        value = row[self.columns.index(take)]
        return value or None

    def match_prefix(self, text: str) -> str | None:
        """The value of the longest name that ``text`` starts with (case ignored), or None."""
        low = " ".join(text.lower().split())
        best: tuple[int, str] | None = None
        for r in self.rows:
            for cand in (r[0].lower(), r[1].lower()):
                if cand and low.startswith(cand) and (best is None or len(cand) > best[0]):
                    best = (len(cand), r[self.columns.index("value")])
        return best[1] if best else None


@cache
def code_table(name: str) -> CodeTable:
    path = CODES_DIR / f"{name}.yaml"
    raw = load_shipped(path)
    columns = tuple(raw["columns"])
    rows = tuple(tuple(str(c) for c in row) for row in raw["codes"])
    if not {"id", "name", "value"} <= set(columns) or any(len(r) != len(columns) for r in rows):
        raise ValueError(f"{path}: every row needs the columns {columns}")  # a packaging bug
    return CodeTable(
        raw["table"], raw["field"], path, raw["source"], raw.get("note", ""), columns, rows
    )


def table_names() -> list[str]:
    return sorted(p.stem for p in CODES_DIR.glob("*.yaml"))
