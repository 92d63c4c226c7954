"""Write parsed files: upsert by natural key, so the same file twice changes nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import JSON, Connection, Date, DateTime, Table, select, update

from mutasi.store import models
from mutasi.store.joins import unit_kind_for
from mutasi.store.parsed import Row
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
    "circumstances": (models.CircumstanceEntry, "key"),
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


def _record(kind: str, present: frozenset[str], row: Row, columns: frozenset[str]) -> dict[str, Any]:
    """Database columns of one row (key columns included; fields absent from the file left out)."""
    values = row.values
    v = {f: values.get(f) for f in present}
    if kind == "employees" and "on_study_assignment" not in present and v.get("kedudukan"):
        v["on_study_assignment"] = v["kedudukan"] == "tugas_belajar"
    if kind == "units" and "kind" in v and v["kind"] is None:
        v["kind"] = unit_kind_for(v.get("name"))  # unit.kind is required: told by the name
    if kind == "positions" and v.get("is_sekda") is None:
        v["is_sekda"] = False
    for list_field in ("required_education_levels", "required_majors", "required_competencies"):
        if list_field in v and v[list_field] is None:
            v[list_field] = []
    keycol = TABLES[kind][1]
    if keycol == "key":
        v["key"] = KEYS[kind](v)
    return {k: val for k, val in v.items() if k in columns}


class Writer:
    """Writes one file's rows a batch at a time. A table that was empty when the import began
    (``fresh``) gets plain inserts (through the DB-API on SQLite: SQLAlchemy's per-row
    statement handling was most of an import's cost), its unique key refusing a duplicate;
    otherwise each row is upserted by its natural key, as before."""

    def __init__(self, conn: Connection, kind: str, present: frozenset[str], name: str, fresh: bool) -> None:
        model, self.keycol = TABLES[kind]
        self.conn = conn
        self.kind = kind
        self.present = present
        self.table = _table(model)
        self.fresh = fresh
        self.summary = FileSummary(name, kind, 0)
        self.defaults = _defaults(self.table)
        self.columns = frozenset(c.name for c in self.table.columns)
        self.insert_cols = [c.name for c in self.table.columns if c.name != "id" or self.keycol == "id"]
        self.raw = conn.dialect.name == "sqlite"
        if self.raw:
            q = conn.dialect.identifier_preparer.quote
            self.sql = (f"INSERT INTO {q(self.table.name)} ({', '.join(q(c) for c in self.insert_cols)}) "
                        f"VALUES ({', '.join('?' * len(self.insert_cols))})")
            self.convert = [(i, _sqlite_value(self.table.c[c].type)) for i, c in enumerate(self.insert_cols)
                            if _sqlite_value(self.table.c[c].type) is not None]

    def _full(self, rec: dict[str, Any]) -> dict[str, Any]:
        full: dict[str, Any] = dict.fromkeys(self.insert_cols)
        full.update(self.defaults)
        full.update(rec)
        if self.kind == "units" and full.get("kind") is None:
            full["kind"] = unit_kind_for(full.get("name"))
        return full

    def write(self, pf_kind_rows: list[Row]) -> None:
        self.summary.rows += len(pf_kind_rows)
        records = [_record(self.kind, self.present, row, self.columns) for row in pf_kind_rows]
        if self.fresh:
            self._insert(records if self.raw and self.kind != "units" else [self._full(r) for r in records])
            return
        keycol, table = self.keycol, self.table
        keys = [r[keycol] for r in records]
        existing = {
            r._mapping[keycol]: dict(r._mapping)
            for r in self.conn.execute(select(table).where(table.c[keycol].in_(keys)))
        }
        inserts: list[dict[str, Any]] = []
        for rec in records:
            old = existing.get(rec[keycol])
            if old is None:
                inserts.append(self._full(rec))
                continue
            changes = {c: val for c, val in rec.items() if old.get(c) != val}
            if changes:
                self.conn.execute(update(table).where(table.c[keycol] == rec[keycol]).values(**changes))
                old.update(changes)
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1
        self._insert(inserts)

    def _insert(self, rows: list[dict[str, Any]]) -> None:
        """Insert whole rows, or (raw) records whose missing columns take their defaults."""
        if not rows:
            return
        if self.raw:
            cols, convert, dflt = self.insert_cols, self.convert, self.defaults
            tuples = []
            for rec in rows:
                t = [rec[c] if c in rec else dflt.get(c) for c in cols]
                for i, f in convert:
                    if t[i] is not None:
                        t[i] = f(t[i])
                tuples.append(tuple(t))
            self.conn.exec_driver_sql(self.sql, tuples)
        else:
            self.conn.execute(self.table.insert(), rows)
        self.summary.inserted += len(rows)

    def finish(self, sha256: str, path_name: str) -> FileSummary:
        src = _table(models.SourceFile)
        seen = self.conn.execute(
            select(src.c.sha256).where(src.c.sha256 == sha256, src.c.kind == self.kind)
        ).first()
        if seen is None:
            self.conn.execute(
                src.insert().values(sha256=sha256, kind=self.kind, name=path_name, rows=self.summary.rows)
            )
        return self.summary


def _sqlite_value(t: Any) -> Any:
    """How a value reaches SQLite as SQLAlchemy would store it (dates ISO text, JSON text)."""
    if isinstance(t, Date) and not isinstance(t, DateTime):
        return date.isoformat
    if isinstance(t, JSON):
        return json.dumps
    return None
