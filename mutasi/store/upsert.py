"""Write parsed files: upsert by natural key, so the same file twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, select, update

from mutasi.store import models
from mutasi.store.joins import unit_kind_for
from mutasi.store.parsed import ParsedFile, Row
from mutasi.store.rows import KEYS

TABLES: dict[str, tuple[Any, str]] = {  # kind -> (model, key column)
    "units": (models.Unit, "id"),
    "positions": (models.Position, "id"),
    "employees": (models.Employee, "nip"),
    "employee_details": (models.Employee, "nip"),
    "skp": (models.SkpEntry, "key"),
    "discipline": (models.DisciplineEntry, "key"),
    "position_history": (models.PositionHistoryEntry, "key"),
    "rank_history": (models.RankHistoryEntry, "key"),
    "education": (models.EducationEntry, "key"),
    "training": (models.TrainingEntry, "key"),
    "competencies": (models.CompetencyEntry, "key"),
    "abk": (models.AbkTask, "key"),
    "preferences": (models.Preference, "key"),
}


@dataclass
class FileSummary:
    file: str
    kind: str
    rows: int
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


_table = models.table_of


def _defaults(table: Table) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in table.columns:
        if c.name in ("required_education_levels", "required_majors", "required_competencies"):
            out[c.name] = []
        elif c.name == "is_sekda":
            out[c.name] = False
    return out


def _record(pf: ParsedFile, row: Row, columns: frozenset[str]) -> dict[str, Any]:
    """Database columns of one row (key columns included; fields absent from the file left out)."""
    v = {f: row.values.get(f) for f in pf.present}
    if pf.kind == "employees" and "on_study_assignment" not in pf.present and v.get("kedudukan"):
        v["on_study_assignment"] = v["kedudukan"] == "tugas_belajar"
    if pf.kind == "units" and "kind" in v and v["kind"] is None:
        v["kind"] = unit_kind_for(v.get("name"))  # unit.kind is required: told by the name
    if pf.kind == "positions" and v.get("is_sekda") is None:
        v["is_sekda"] = False
    for list_field in ("required_education_levels", "required_majors", "required_competencies"):
        if list_field in v and v[list_field] is None:
            v[list_field] = []
    keycol = TABLES[pf.kind][1]
    if keycol == "key":
        v["key"] = KEYS[pf.kind](v)
    return {k: val for k, val in v.items() if k in columns}


def write_file(conn: Connection, pf: ParsedFile) -> FileSummary:
    model, keycol = TABLES[pf.kind]
    table = _table(model)
    summary = FileSummary(str(pf.path), pf.kind, len(pf.rows))
    defaults = _defaults(table)
    columns = frozenset(c.name for c in table.columns)
    records = [_record(pf, row, columns) for row in pf.rows]
    for i in range(0, len(records), 500):
        chunk = records[i : i + 500]
        keys = [r[keycol] for r in chunk]
        existing = {
            r._mapping[keycol]: dict(r._mapping)
            for r in conn.execute(select(table).where(table.c[keycol].in_(keys)))
        }
        inserts: list[dict[str, Any]] = []
        for rec in chunk:
            old = existing.get(rec[keycol])
            if old is None:
                full: dict[str, Any] = {
                    c.name: None for c in table.columns if c.name != "id" or keycol == "id"
                }
                full.update(defaults)
                full.update(rec)
                if pf.kind == "units" and full.get("kind") is None:
                    full["kind"] = unit_kind_for(full.get("name"))
                inserts.append(full)
                continue
            changes = {c: val for c, val in rec.items() if old.get(c) != val}
            if changes:
                conn.execute(update(table).where(table.c[keycol] == rec[keycol]).values(**changes))
                summary.updated += 1
            else:
                summary.unchanged += 1
        if inserts:
            conn.execute(table.insert(), inserts)
            summary.inserted += len(inserts)
    src = _table(models.SourceFile)
    seen = conn.execute(
        select(src.c.sha256).where(src.c.sha256 == pf.sha256, src.c.kind == pf.kind)
    ).first()
    if seen is None:
        conn.execute(
            src.insert().values(
                sha256=pf.sha256, kind=pf.kind, name=pf.path.name, rows=len(pf.rows)
            )
        )
    return summary
