"""`mutasi import`: read files, validate everything, then upsert in one transaction.

Phases: (1) read and parse every file, (2) check references and duplicates across all files
and the database, (3) if any problem: raise DataImportError with all of them, sorted, and
write nothing; else (4) upsert by natural key in one transaction. Importing the same file
again changes nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from mutasi.errors import MutasiError, Problem, UsageError
from mutasi.store.columns import (
    FILE_SUFFIXES,
    KIND_BY_NAME,
    KIND_ORDER,
    kind_for_file,
    load_column_map,
)
from mutasi.store.crosscheck import check_references
from mutasi.store.parsed import Progress, parse_file
from mutasi.store.upsert import FileSummary, write_file


class DataImportError(MutasiError):
    """Problems in the input files; nothing was written."""


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
