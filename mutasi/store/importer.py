"""`mutasi import`: read files, validate everything, then upsert in one transaction.

Phases: (1) read and parse every file, (2) check references and duplicates across all files
and the database, (3) if any problem: raise DataImportError with all of them, sorted, and
write nothing; else (4) upsert by natural key in one transaction. Importing the same file
again changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, select, update

from mutasi.errors import MutasiError, Problem, UsageError
from mutasi.store import models
from mutasi.store.columns import (
    FILE_SUFFIXES,
    KIND_BY_NAME,
    KIND_ORDER,
    ColumnMap,
    kind_for_file,
    load_column_map,
    resolve_columns,
)
from mutasi.store.parse import CellError
from mutasi.store.rows import KEY_FIELDS, KEYS, PARSERS, ROW_CHECKS
from mutasi.store.tables import TableError, read_table

Progress = Callable[[str, int, int], None]  # (file, rows done, rows total)

TABLES: dict[str, tuple[Any, str]] = {  # kind -> (model, key column)
    "units": (models.Unit, "id"),
    "positions": (models.Position, "id"),
    "employees": (models.Employee, "nip"),
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
NIP_KINDS = (
    "skp",
    "discipline",
    "position_history",
    "rank_history",
    "education",
    "training",
    "competencies",
    "preferences",
)


class DataImportError(MutasiError):
    """Problems in the input files; nothing was written."""


@dataclass
class Row:
    line: int
    values: dict[str, Any]
    cols: dict[str, int]  # field -> 1-based column
    headers: dict[str, str]  # field -> the column name in the file
    bad: set[str] = field(default_factory=set)  # fields that failed to parse

    def problem(
        self, file: str, field_name: str, code: str, message: str, hint: str = ""
    ) -> Problem:
        return Problem(
            file,
            self.line,
            self.cols.get(field_name, 0),
            code,
            self.headers.get(field_name, field_name),
            message,
            hint,
        )


@dataclass
class ParsedFile:
    path: Path
    kind: str
    sha256: str
    present: frozenset[str]
    rows: list[Row]


@dataclass
class FileSummary:
    file: str
    kind: str
    rows: int
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportSummary:
    files: list[FileSummary]

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, "files": [asdict(f) for f in self.files]}


def collect_files(paths: list[Path], kind: str | None) -> list[tuple[Path, str]]:
    """(file, kind) pairs in dependency order; a folder contributes every file it knows."""
    if kind is not None and kind not in KIND_BY_NAME:
        raise UsageError(f"--kind: '{kind}' is not a file kind; known: {', '.join(KIND_BY_NAME)}")
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            for f in sorted(path.iterdir()):
                if f.suffix.lower() in FILE_SUFFIXES and not f.name.startswith((".", "~$")):
                    k = kind_for_file(f)
                    if k is not None:
                        found.append((f, k))
            continue
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        k = kind or kind_for_file(path)
        if k is None:
            problems.append(
                Problem(
                    str(path),
                    1,
                    0,
                    "MUT-D002",
                    "",
                    "cannot tell the file kind from its name",
                    f"use --kind; known kinds: {', '.join(KIND_BY_NAME)}",
                )
            )
        else:
            found.append((path, k))
    if problems:
        raise DataImportError("cannot import: unknown file kinds", problems)
    if not found:
        raise UsageError("no known data files found (see docs/input-formats.md for file names)")
    return sorted(found, key=lambda pk: (KIND_ORDER[pk[1]], str(pk[0])))


def parse_file(
    path: Path,
    kind: str,
    cmap: ColumnMap,
    problems: list[Problem],
    progress: Progress | None = None,
) -> ParsedFile | None:
    name = str(path)
    try:
        table = read_table(path)
    except TableError as exc:
        problems.append(exc.problem)
        return None
    cols = resolve_columns(kind, table.headers, cmap)
    missing = [f for f in KIND_BY_NAME[kind].required if f not in cols]
    for f in missing:
        problems.append(
            Problem(
                name,
                1,
                0,
                "MUT-D003",
                f,
                f"required column missing (accepted names: {', '.join(cmap[kind][f])})",
            )
        )
    if missing:
        return None
    headers = {f: table.headers[i] for f, i in cols.items()}
    parsers = PARSERS[kind]
    required = KIND_BY_NAME[kind].required
    check = ROW_CHECKS.get(kind)
    rows: list[Row] = []
    total = len(table.rows)
    for n, (line, cells) in enumerate(table.rows, start=1):
        row = Row(line, {}, {f: i + 1 for f, i in cols.items()}, headers)
        for f, i in cols.items():
            raw = cells[i] if i < len(cells) else None
            try:
                row.values[f] = parsers[f](raw)
            except CellError as exc:
                row.bad.add(f)
                row.values[f] = None
                problems.append(row.problem(name, f, exc.code, exc.message, exc.hint))
        for f in required:
            if row.values.get(f) is None and f not in row.bad:
                row.bad.add(f)
                problems.append(row.problem(name, f, "MUT-D004", "required value is empty"))
        if check is not None:
            for f, code, message in check(row.values):
                if f in row.bad:
                    continue  # already reported: one problem per cell
                problems.append(row.problem(name, f, code, message))
                row.bad.add(f)
        rows.append(row)
        if progress is not None and (n % 1000 == 0 or n == total):
            progress(name, n, total)
    return ParsedFile(path, kind, table.sha256, frozenset(cols), rows)


def import_paths(
    engine: Engine,
    paths: list[Path],
    kind: str | None = None,
    column_map: Path | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Validate all files, then write them all in one transaction, or nothing."""
    files = collect_files(paths, kind)
    cmap, problems = load_column_map(column_map)
    if problems:
        raise DataImportError("the column map has problems", problems)
    parsed = [
        pf for path, k in files if (pf := parse_file(path, k, cmap, problems, progress)) is not None
    ]
    with engine.connect() as conn:
        problems.extend(check_references(conn, parsed))
    if problems:
        raise DataImportError(f"{len(problems)} problem(s) found; nothing was imported", problems)
    summaries: list[FileSummary] = []
    with engine.begin() as conn:
        for pf in parsed:
            summaries.append(write_file(conn, pf))
    return ImportSummary(summaries)


def check_references(conn: Connection, parsed: list[ParsedFile]) -> list[Problem]:
    """Unknown unit/position, history for an unknown NIP, duplicates across all files."""
    problems: list[Problem] = []
    unit_t, pos_t, emp_t = (_table(m) for m in (models.Unit, models.Position, models.Employee))
    units = {r[0] for r in conn.execute(select(unit_t.c.id))}
    positions = {r[0]: r[1] for r in conn.execute(select(pos_t.c.id, pos_t.c.unit_id))}
    nips_in_files: set[str] = set()
    for pf in parsed:
        for row in pf.rows:
            v = row.values
            if pf.kind == "units" and v.get("id"):
                units.add(v["id"])
            elif pf.kind == "positions" and v.get("id"):
                positions[v["id"]] = v.get("unit_id")
            elif pf.kind == "employees" and v.get("nip"):
                nips_in_files.add(v["nip"])
    wanted = sorted(
        {
            r.values["nip"]
            for pf in parsed
            if pf.kind in NIP_KINDS
            for r in pf.rows
            if r.values.get("nip")
        }
        - nips_in_files
    )
    known_nips = set(nips_in_files)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        known_nips.update(
            r[0] for r in conn.execute(select(emp_t.c.nip).where(emp_t.c.nip.in_(chunk)))
        )

    seen: dict[tuple[str, str], tuple[str, int]] = {}
    pref_ranks: dict[tuple[str, int], tuple[str, int]] = {}
    for pf in parsed:
        name = str(pf.path)
        for row in pf.rows:
            v = row.values
            if (
                pf.kind in ("positions", "employees")
                and v.get("unit_id")
                and "unit_id" not in row.bad
                and v["unit_id"] not in units
            ):
                problems.append(
                    row.problem(
                        name,
                        "unit_id",
                        "MUT-D030",
                        f"unknown unit '{v['unit_id']}'",
                        "import its row in the units file first",
                    )
                )
            if pf.kind == "employees" and v.get("position_id") and "position_id" not in row.bad:
                pid = v["position_id"]
                if pid not in positions:
                    problems.append(
                        row.problem(
                            name,
                            "position_id",
                            "MUT-D031",
                            f"unknown position '{pid}'",
                            "not in the position map (peta jabatan)",
                        )
                    )
                elif v.get("unit_id") and positions[pid] != v["unit_id"]:
                    problems.append(
                        row.problem(
                            name,
                            "position_id",
                            "MUT-D034",
                            f"position '{pid}' belongs to unit '{positions[pid]}', not '{v['unit_id']}'",
                        )
                    )
            if pf.kind == "abk" and v.get("position_id") and v["position_id"] not in positions:
                problems.append(
                    row.problem(
                        name, "position_id", "MUT-D031", f"unknown position '{v['position_id']}'"
                    )
                )
            if pf.kind in NIP_KINDS and v.get("nip") and v["nip"] not in known_nips:
                problems.append(
                    row.problem(
                        name,
                        "nip",
                        "MUT-D033",
                        f"no employee with NIP {v['nip']}",
                        "import the employee first",
                    )
                )
            if pf.kind == "preferences":
                if v.get("unit_id") and v["unit_id"] not in units:
                    problems.append(
                        row.problem(name, "unit_id", "MUT-D030", f"unknown unit '{v['unit_id']}'")
                    )
                if v.get("nip") and v.get("rank") is not None:
                    rk = (v["nip"], v["rank"])
                    if rk in pref_ranks:
                        f0, l0 = pref_ranks[rk]
                        problems.append(
                            row.problem(
                                name,
                                "rank",
                                "MUT-D032",
                                f"NIP {v['nip']} has preference rank {v['rank']} twice (first at {f0}:{l0})",
                            )
                        )
                    else:
                        pref_ranks[rk] = (name, row.line)
            if any(f in row.bad or v.get(f) is None for f in KEY_FIELDS[pf.kind]):
                continue
            key = (pf.kind, KEYS[pf.kind](v))
            if key in seen:
                f0, l0 = seen[key]
                first = KEY_FIELDS[pf.kind][0]
                problems.append(
                    row.problem(
                        name,
                        first,
                        "MUT-D032",
                        f"duplicate {pf.kind} row '{key[1]}' (first at {f0}:{l0})",
                    )
                )
            else:
                seen[key] = (name, row.line)
    return problems


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _defaults(table: Table) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in table.columns:
        if c.name in ("required_education_levels", "required_majors", "required_competencies"):
            out[c.name] = []
        elif c.name == "is_sekda":
            out[c.name] = False
    return out


def _record(pf: ParsedFile, row: Row) -> dict[str, Any]:
    """Database columns of one row (key columns included; fields absent from the file left out)."""
    v = dict(row.values)
    if pf.kind == "employees" and "on_study_assignment" not in pf.present and v.get("kedudukan"):
        v["on_study_assignment"] = v["kedudukan"] == "tugas_belajar"
    if pf.kind == "positions" and v.get("is_sekda") is None:
        v["is_sekda"] = False
    for list_field in ("required_education_levels", "required_majors", "required_competencies"):
        if list_field in v and v[list_field] is None:
            v[list_field] = []
    model, keycol = TABLES[pf.kind]
    if keycol == "key":
        v["key"] = KEYS[pf.kind](row.values)
    columns = set(_table(model).columns.keys())
    return {k: val for k, val in v.items() if k in columns}


def write_file(conn: Connection, pf: ParsedFile) -> FileSummary:
    model, keycol = TABLES[pf.kind]
    table = _table(model)
    summary = FileSummary(str(pf.path), pf.kind, len(pf.rows))
    defaults = _defaults(table)
    records = [_record(pf, row) for row in pf.rows]
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
                full = {c.name: None for c in table.columns if c.name != "id" or keycol == "id"}
                full.update(defaults)
                full.update(rec)
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
