"""`mutasi import`: read files, validate everything, then upsert in one transaction.

Phases: (1) read and parse every file, (2) check references and duplicates across all files
and the database, (3) if any problem: raise DataImportError with all of them, sorted, and
write nothing; else (4) upsert by natural key in one transaction. Importing the same file
again changes nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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
from mutasi.store.joins import ImportContext
from mutasi.store.parsed import ParsedFile, Progress, parse_file
from mutasi.store.profile import (
    PROFILES,
    kind_from_headers,
    peek_headers,
    siasn_kind_for_file,
    siasn_profile,
)
from mutasi.store.upsert import FileSummary, write_file


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


def import_paths(
    engine: Engine,
    paths: list[Path],
    kind: str | None = None,
    column_map: Path | None = None,
    progress: Progress | None = None,
    profile: str = "auto",
) -> ImportSummary:
    """Validate all files, then write them all in one transaction, or nothing.

    ``profile``: "default" (mutasi's own columns), "siasn" (SIASN's files as downloaded) or
    "auto" (per file: "siasn" when its name or header says SIASN).
    """
    files = collect_files(paths, kind, profile)
    cmap, problems = load_column_map(column_map)
    if problems:
        raise DataImportError("the column map has problems", problems)
    context = ImportContext()
    warnings: list[Problem] = []
    ends = siasn_profile().end_from_next_start
    parsed: list[ParsedFile] = []
    for path, k in files:
        pf = parse_file(path, k, cmap, problems, progress, profile, context, warnings)
        if pf is not None:
            siasn = pf.profile == "siasn" and k in ends
            parsed.append(context.after_file(pf, problems, warnings, siasn))
    with engine.connect() as conn:
        problems.extend(check_references(conn, parsed))
    if problems:
        raise DataImportError(f"{len(problems)} problem(s) found; nothing was imported", problems)
    summaries: list[FileSummary] = []
    with engine.begin() as conn:
        for pf in parsed:
            summaries.append(write_file(conn, pf))
    return ImportSummary(summaries, sorted(warnings, key=lambda w: (w.file, w.line, w.col)))
