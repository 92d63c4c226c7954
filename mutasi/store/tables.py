"""Read a CSV (UTF-8 with or without BOM, comma or semicolon) or XLSX file as header + rows."""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from engine.csvsrc import (
    CsvFault,
    CsvIssue,
    CsvStream,
    check_cells,
    check_header,
    read_csv_text,
    sniff_delimiter,
)
from mutasi.errors import MutasiError, Problem
from mutasi.store.columns import normalize_header


@dataclass
class Table:
    path: Path
    headers: list[str]
    rows: list[tuple[int, list[object]]]  # (row number as a spreadsheet shows it, cells)
    sha256: str


class TableError(MutasiError):
    """A file that cannot be read as a table; ``problems`` say where and why (all of them)."""

    def __init__(self, problem: Problem, more: list[Problem] | None = None) -> None:
        super().__init__(str(problem), [problem, *(more or [])])
        self.problem = problem


# Strict-reading faults -> import codes (docs/errors.md).
_FAULT_CODES = {
    CsvFault.CELLS: "MUT-D060",
    CsvFault.DUPLICATE_HEADER: "MUT-D061",
    CsvFault.CONTROL: "MUT-D062",
}


def _refuse(path: Path, issues: list[CsvIssue], headers: list[str]) -> None:
    """Raise every strict-reading issue at once (nothing of a file read half-way is used);
    each names the column's header when the column has one."""
    if not issues:
        return
    probs = [
        Problem(str(path), i.line, i.col, _FAULT_CODES.get(i.fault, "MUT-D001"),
                headers[i.col - 1] if 0 < i.col <= len(headers) else "", i.message, i.hint)
        for i in sorted(issues, key=lambda i: (i.line, i.col))
    ]
    raise TableError(probs[0], probs[1:])


def read_table(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableError(
            Problem(str(path), 1, 0, "MUT-D001", "", f"cannot read the file: {exc.strerror}")
        ) from None
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() == ".xlsx":
        headers, rows = _read_xlsx(path, data)
    else:
        headers, rows = _read_csv(path, data)
    return Table(path, headers, rows, digest)


def _read_csv(path: Path, data: bytes) -> tuple[list[str], list[tuple[int, list[object]]]]:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(
            Problem(
                str(path),
                line,
                0,
                "MUT-D001",
                "",
                "the file is not UTF-8 text",
                "save it as CSV UTF-8",
            )
        ) from None
    table = read_csv_text(content, normalize_header)
    _refuse(path, table.issues, table.header)
    rows: list[tuple[int, list[object]]] = [(n, list(cells)) for n, cells in table.rows]
    return table.header, rows


def _read_xlsx(path: Path, data: bytes) -> tuple[list[str], list[tuple[int, list[object]]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableError(
            Problem(str(path), 1, 0, "MUT-D001", "", f"not a readable XLSX workbook: {exc}")
        ) from None
    try:
        ws = wb.worksheets[0]
        it: Iterator[tuple[object, ...]] = ws.iter_rows(values_only=True)
        header_row = next(it, None)
        if header_row is None:
            raise TableError(
                Problem(str(path), 1, 0, "MUT-D001", "", "the first sheet is empty (no header row)")
            )
        headers = ["" if h is None else str(h).strip() for h in header_row]
        issues = check_cells(1, list(headers)) + check_header(headers, normalize_header)
        rows: list[tuple[int, list[object]]] = []
        for n, record in enumerate(it, start=2):
            if all(c is None or str(c).strip() == "" for c in record):
                continue
            issues += check_cells(n, list(record))
            rows.append((n, list(record)))
        _refuse(path, issues, headers)
        return headers, rows
    finally:
        wb.close()


CHUNK = 1 << 20  # bytes read at a time


class TableStream:
    """A file's rows read as they are needed (issue 18: a national file is never held whole).

    ``headers`` is known on opening; iterating ``rows()`` yields (row number, cells) and, once
    the file is read to its end, raises TableError with every issue found in it (the caller
    then uses nothing of the file, as read_table's callers do). ``sha256`` is the digest of
    the whole file once ``rows()`` is exhausted; ``total`` is an estimate of the row count,
    for progress bars.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sha256 = ""
        self.total = 0
        self._hash = hashlib.sha256()
        self._first: tuple[int, list[object]] | None = None
        self._issues: list[CsvIssue] = []
        try:
            if path.suffix.lower() == ".xlsx":
                self._it = self._xlsx()
            else:
                self._it = self._csv()
            self._first = next(self._it, None)
        except OSError as exc:
            raise TableError(
                Problem(str(path), 1, 0, "MUT-D001", "", f"cannot read the file: {exc.strerror}")
            ) from None

    def rows(self) -> Iterator[tuple[int, list[object]]]:
        if self._first is not None:
            yield self._first
            self._first = None
        yield from self._it
        self.sha256 = self._hash.hexdigest()
        _refuse(self.path, self._issues, self.headers)

    # -- CSV
    def _csv(self) -> Iterator[tuple[int, list[object]]]:
        with self.path.open("rb") as f:
            self.total = max(0, sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b"")) - 1)
        lines = self._csv_lines()
        first = next(lines, "")
        stream = CsvStream(itertools.chain((first,), lines) if first else (), sniff_delimiter(first),
                           normalize_header)
        self._issues = stream.issues
        it = iter(stream)
        row = next(it, None)  # reads the header (and the first row)
        self.headers = stream.header
        if row is None:
            return
        yield row  # type: ignore[misc]
        yield from it  # type: ignore[misc]

    def _csv_lines(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        carry = ""
        with self.path.open("rb") as f:
            while True:
                chunk = f.read(CHUNK)
                self._hash.update(chunk)
                try:
                    text = carry + decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError:
                    raise self._not_utf8() from None
                lines = io.StringIO(text, newline="").readlines()
                # a last line without its end (or a \r whose \n may follow) waits for more
                carry = lines.pop() if chunk and lines and not lines[-1].endswith("\n") else ""
                yield from lines
                if not chunk:
                    return

    def _not_utf8(self) -> TableError:
        data = self.path.read_bytes()  # only on this error: say where, as read_table does
        try:
            data.decode("utf-8-sig")
            line = 1
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
        return TableError(
            Problem(str(self.path), line, 0, "MUT-D001", "", "the file is not UTF-8 text",
                    "save it as CSV UTF-8")
        )

    # -- XLSX (read-only workbooks stream their rows)
    def _xlsx(self) -> Iterator[tuple[int, list[object]]]:
        import zipfile

        from openpyxl import load_workbook

        self._hash.update(self.path.read_bytes())
        try:
            wb = load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise TableError(
                Problem(str(self.path), 1, 0, "MUT-D001", "", f"not a readable XLSX workbook: {exc}")
            ) from None
        try:
            ws = wb.worksheets[0]
            self.total = max(0, (ws.max_row or 1) - 1)
            it: Iterator[tuple[object, ...]] = ws.iter_rows(values_only=True)
            header_row = next(it, None)
            if header_row is None:
                raise TableError(
                    Problem(str(self.path), 1, 0, "MUT-D001", "", "the first sheet is empty (no header row)")
                )
            self.headers = ["" if h is None else str(h).strip() for h in header_row]
            self._issues = check_cells(1, list(self.headers)) + check_header(self.headers, normalize_header)
            for n, record in enumerate(it, start=2):
                if all(c is None or str(c).strip() == "" for c in record):
                    continue
                self._issues += check_cells(n, list(record))
                yield n, list(record)
        finally:
            wb.close()
