"""Parse one input file into rows of clean values, reporting every cell problem."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mutasi.errors import Problem
from mutasi.store.columns import KIND_BY_NAME, ColumnMap
from mutasi.store.parse import CellError
from mutasi.store.plausible import plausibility
from mutasi.store.profile import ColumnCellError, Resolver, choose_profile, plan_file
from mutasi.store.rows import PARSERS, ROW_CHECKS
from mutasi.store.tables import TableError, TableStream

Progress = Callable[[str, int, int], None]  # (file, rows done, rows total)

_NONE_BAD: frozenset[str] = frozenset()


@dataclass(slots=True)
class Row:
    """One parsed row; kept small (slots, shared column maps) since a file may be large."""

    line: int
    values: dict[str, Any]  # parsed, non-empty values only
    cols: dict[str, int]  # field -> 1-based column (shared by the rows of a file)
    headers: dict[str, str]  # field -> the column name in the file (shared)
    bad: set[str] | frozenset[str] = _NONE_BAD  # fields that failed to parse or check

    def mark_bad(self, field_name: str) -> None:
        if self.bad is _NONE_BAD:
            self.bad = set()
        assert isinstance(self.bad, set)
        self.bad.add(field_name)

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
    profile: str = "default"


class _NoJoins:
    def nip_for(self, pns_id: str) -> str | None:
        return None

    def rollup(self, unit_id: str) -> str:
        return unit_id


class FileRows:
    """One file, planned from its header; ``rows()`` parses its rows as they are read
    (issue 18: a national file is never held whole). Cell problems go to ``problems`` as
    each row is parsed; a file-level fault raises TableError from ``rows()`` (nothing of
    the file may then be used). ``sha256`` is known once ``rows()`` is exhausted."""

    def __init__(self, table: TableStream, kind: str, plan: Any, chosen: str, name: str) -> None:
        self.table = table
        self.path = table.path
        self.kind = kind
        self.plan = plan
        self.profile = chosen
        self.name = name
        self.present: frozenset[str] = frozenset(plan.getters)

    @property
    def sha256(self) -> str:
        return self.table.sha256

    def rows(
        self,
        problems: list[Problem],
        progress: Progress | None = None,
        warnings: list[Problem] | None = None,
    ) -> Iterator[Row]:
        table, plan, kind, name = self.table, self.plan, self.kind, self.name
        headers_in = table.headers
        getters = list(plan.getters.items())
        headers = {f: f if i is None else headers_in[i] for f, i in plan.first_col.items()}
        cols1 = {f: 0 if i is None else i + 1 for f, i in plan.first_col.items()}
        parsers = PARSERS[kind]
        required = KIND_BY_NAME[kind].required
        check = ROW_CHECKS.get(kind)
        unseen = set(plan.getters)  # fields no row has had yet (MUT-D051)
        total = table.total
        n = 0
        for n, (line, cells) in enumerate(table.rows(), start=1):
            row = Row(line, {}, cols1, headers)
            values = row.values
            for f, get in getters:
                at: int | None = None
                try:
                    raw, at = get(cells)
                    value = parsers[f](raw)
                except ColumnCellError as exc:
                    row.mark_bad(f)
                    problems.append(
                        Problem(
                            name, line, exc.column + 1, exc.code, headers_in[exc.column],
                            exc.message, exc.hint,
                        )
                    )
                    continue
                except CellError as exc:
                    row.mark_bad(f)
                    if at is not None and at + 1 != cols1[f]:  # read from a fallback column
                        problems.append(
                            Problem(name, line, at + 1, exc.code, headers_in[at], exc.message, exc.hint)
                        )
                    else:
                        problems.append(row.problem(name, f, exc.code, exc.message, exc.hint))
                    continue
                if value is not None:
                    values[f] = value
            for f in required:
                if values.get(f) is None and f not in row.bad:
                    row.mark_bad(f)
                    problems.append(row.problem(name, f, "MUT-D004", "required value is empty"))
            findings = check(values) if check is not None else []
            for f, code, message in findings + plausibility(kind, values):
                if f in row.bad:
                    continue  # already reported: one problem per cell
                problems.append(row.problem(name, f, code, message))
                row.mark_bad(f)
            if unseen:
                unseen.difference_update(values)
                unseen.difference_update(row.bad)
            if progress is not None and n % 1000 == 0:
                progress(name, n, max(total, n))
            yield row
        if progress is not None:
            progress(name, n, n)
        if warnings is not None:
            warnings.extend(
                Problem(name, 1, col + 1, "MUT-D050", header, msg) for col, header, msg in plan.warnings
            )
            if n:
                for f in plan.getters:
                    if f in unseen:
                        warnings.append(
                            Problem(
                                name, 1, cols1[f], "MUT-D051", headers[f],
                                f"{f} is empty in every row: it is stored as not on file",
                            )
                        )


def open_file(
    path: Path,
    kind: str,
    cmap: ColumnMap,
    problems: list[Problem],
    profile: str = "auto",
    resolver: Resolver | None = None,
) -> FileRows | None:
    """The file planned from its header, or None (its problems in ``problems``) when it
    cannot be read or lacks a required column."""
    name = str(path)
    try:
        table = TableStream(path)
    except TableError as exc:
        problems.extend(exc.problems)
        return None
    chosen = choose_profile(profile, path, table.headers)
    plan = plan_file(kind, table.headers, cmap, chosen, resolver or _NoJoins())
    missing = [f for f in KIND_BY_NAME[kind].required if f not in plan.getters]
    if not missing:
        return FileRows(table, kind, plan, chosen, name)
    try:
        for _ in table.rows():  # a file that cannot be read is reported as that, first
            pass
    except TableError as exc:
        problems.extend(exc.problems)
        return None
    for f in missing:
        problems.append(
            Problem(
                name,
                1,
                0,
                "MUT-D003",
                f,
                "required column missing (accepted names: "
                f"{', '.join(plan.accepted.get(f) or cmap[kind][f])})",
            )
        )
    return None
