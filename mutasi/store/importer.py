"""`mutasi import`: read, check and write every file in one transaction, or nothing.

Files are read in dependency order (units, positions, employees, histories), each a batch
of rows at a time: parsed, checked (references and duplicates, by index: mutasi/store/
stage.py) and upserted by natural key. The first problem rolls everything back; the files
are then checked again without writing, so that every problem is listed, sorted. Importing
the same file again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, literal, select
from sqlalchemy.exc import IntegrityError

from mutasi.errors import MutasiError, Problem, UsageError
from mutasi.store import models
from mutasi.store.columns import (
    FILE_SUFFIXES,
    KIND_BY_NAME,
    KIND_ORDER,
    ColumnMap,
    kind_for_file,
    load_column_map,
)
from mutasi.store.joins import ImportContext
from mutasi.store.parsed import FileRows, ParsedFile, Progress, Row, open_file
from mutasi.store.profile import (
    PROFILES,
    kind_from_headers,
    peek_headers,
    siasn_kind_for_file,
    siasn_profile,
)
from mutasi.store.stage import Checker, Retry
from mutasi.store.tables import TableError
from mutasi.store.upsert import TABLES, FileSummary, Writer


class DataImportError(MutasiError):
    """Problems in the input files; nothing was written."""


@dataclass
class ImportSummary:
    files: list[FileSummary]
    warnings: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": True,
            "files": [asdict(f) for f in self.files],
            "warnings": [asdict(w) for w in self.warnings],
        }


def _kind_of(path: Path, profile: str) -> str | None:
    """The kind a file's name says; else, for a CSV, what its header says (Export Data ASN)."""
    if profile == "default":
        return kind_for_file(path)
    return (
        siasn_kind_for_file(path)
        or kind_for_file(path)
        or kind_from_headers(peek_headers(path))
    )


def collect_files(
    paths: list[Path], kind: str | None, profile: str = "auto"
) -> list[tuple[Path, str]]:
    """(file, kind) pairs in dependency order; a folder contributes every file it knows."""
    if profile not in PROFILES:
        raise UsageError(f"--profile: '{profile}' is not a profile; known: {', '.join(PROFILES)}")
    if kind is not None and kind not in KIND_BY_NAME:
        raise UsageError(f"--kind: '{kind}' is not a file kind; known: {', '.join(KIND_BY_NAME)}")
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            for f in sorted(path.iterdir()):
                if f.suffix.lower() in FILE_SUFFIXES and not f.name.startswith((".", "~$")):
                    k = _kind_of(f, profile)
                    if k is not None:
                        found.append((f, k))
            continue
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        k = kind or _kind_of(path, profile)
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


BATCH = 1000  # rows checked and written together
MAX_PROBLEMS = 10_000  # problems listed (the first, in file/row/column order); all are counted


class ProblemList(list[Problem]):
    """Problems, keeping only the first MAX_PROBLEMS in sorted order (a hostile file with a
    million bad cells must not fill memory); ``total`` counts them all."""

    def __init__(self) -> None:
        super().__init__()
        self.total = 0

    def append(self, p: Problem) -> None:
        self.total += 1
        super().append(p)
        if len(self) > 2 * MAX_PROBLEMS:
            self._trim()

    def extend(self, ps: Any) -> None:
        for p in ps:
            self.append(p)

    def _trim(self) -> None:
        kept = sorted(self)[:MAX_PROBLEMS]
        self.clear()
        super().extend(kept)

    def merge(self, other: ProblemList) -> None:
        self.total += other.total - len(other)
        self.extend(other)


def import_paths(
    engine: Engine,
    paths: list[Path],
    kind: str | None = None,
    column_map: Path | None = None,
    progress: Progress | None = None,
    profile: str = "auto",
) -> ImportSummary:
    """Check and write every file in one transaction: all of them, or nothing.

    Each file is read once, a batch of rows at a time, checked against the store and the
    rows read before it (by index), and written at once; a problem anywhere rolls all of it
    back and the files are checked again without writing, to list every problem (sorted by
    file, row and column). Memory stays flat however large the files (issue 18).

    ``profile``: "default" (mutasi's own columns), "siasn" (SIASN's files as downloaded) or
    "auto" (per file: "siasn" when its name or header says so).
    """
    files = collect_files(paths, kind, profile)
    cmap, map_problems = load_column_map(column_map)
    if map_problems:
        raise DataImportError("the column map has problems", map_problems)
    kinds = {k for _, k in files}
    with engine.begin() as conn:
        fresh = frozenset(k for k in kinds if _empty(conn, k))
    failed: Exception | None = None
    try:
        return _run(engine, files, cmap, profile, progress, fresh, slow=False)
    except (Retry, IntegrityError) as exc:
        failed = exc
    result = _run(engine, files, cmap, profile, progress, fresh, slow=True)
    if isinstance(failed, IntegrityError):  # the store refused a row the checks let through
        raise failed
    return result


def _empty(conn: Connection, kind: str) -> bool:
    table = models.table_of(TABLES[kind][0])
    return conn.execute(select(literal(1)).select_from(table).limit(1)).first() is None


def _run(
    engine: Engine,
    files: list[tuple[Path, str]],
    cmap: ColumnMap,
    profile: str,
    progress: Progress | None,
    fresh: frozenset[str],
    slow: bool,
) -> ImportSummary:
    problems = ProblemList()
    warnings: list[Problem] = []
    summaries: list[FileSummary] = []
    context = ImportContext()
    ends = siasn_profile().end_from_next_start
    with engine.begin() as conn:
        checker = Checker(conn, slow, fresh)
        for path, k in files:
            mine = ProblemList()
            fr = open_file(path, k, cmap, mine, profile, context)
            if fr is None:
                problems.merge(mine)
                if not slow:
                    raise Retry()
                continue
            file_warnings: list[Problem] = []
            writer = Writer(conn, k, fr.present, str(path), k in fresh and k != "employee_details")
            try:
                for rows, present in _batches(fr, k, mine, progress, file_warnings, context, ends):
                    writer.present = present
                    checker.check(k, fr.name, rows, mine)
                    if not slow:
                        if mine:
                            raise Retry()
                        writer.write(rows)
            except TableError as exc:  # unreadable half-way: nothing of the file counts
                if not slow:
                    raise Retry() from None
                checker.forget_file(fr.name)
                problems.extend(exc.problems)
                continue
            problems.merge(mine)
            warnings.extend(file_warnings)
            if not slow:
                summaries.append(writer.finish(fr.sha256, path.name))
        checker.close()
        if problems.total:
            conn.rollback()
            listed = sorted(problems)[:MAX_PROBLEMS]
            shown = "" if problems.total <= len(listed) else f" (the first {len(listed):,} are listed)"
            raise DataImportError(
                f"{problems.total} problem(s) found{shown}; nothing was imported", listed
            )
        if slow:  # checked again and found nothing: the fast pass's error stands
            conn.rollback()
            return ImportSummary([])
    return ImportSummary(summaries, sorted(warnings, key=lambda w: (w.file, w.line, w.col)))


def _batches(
    fr: FileRows,
    kind: str,
    problems: list[Problem],
    progress: Progress | None,
    warnings: list[Problem],
    context: ImportContext,
    ends: Any,
) -> Iterator[tuple[list[Row], frozenset[str]]]:
    """A file's rows in batches, with the fields it gives; the two transformations that need
    a whole file (a SIASN unit tree rolled up to its OPDs; SIASN post end dates from the next
    start) read it whole first (unit trees are small; SIASN post history is per person)."""
    rows = fr.rows(problems, progress, warnings)
    siasn_ends = fr.profile == "siasn" and kind in ends and kind == "position_history" \
        and "end" not in fr.present
    if kind == "units" or siasn_ends:
        pf = ParsedFile(fr.path, kind, "", fr.present, list(rows), fr.profile)
        pf = context.after_file(pf, problems, warnings, fr.profile == "siasn" and kind in ends)
        for i in range(0, len(pf.rows), BATCH):
            yield pf.rows[i : i + BATCH], pf.present
        return
    batch: list[Row] = []
    register = kind == "employees" and "pns_id" in fr.present
    for row in rows:
        if register:
            context.register(row)
        batch.append(row)
        if len(batch) == BATCH:
            yield batch, fr.present
            batch = []
    if batch:
        yield batch, fr.present
