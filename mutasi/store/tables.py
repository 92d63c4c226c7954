"""Read a CSV (UTF-8 with or without BOM, comma or semicolon) or XLSX file as header + rows."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mutasi.errors import MutasiError, Problem


@dataclass
class Table:
    path: Path
    headers: list[str]
    rows: list[tuple[int, list[object]]]  # (row number as a spreadsheet shows it, cells)
    sha256: str


class TableError(MutasiError):
    """A file that cannot be read as a table; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem), [problem])
        self.problem = problem


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
    first = content.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[object]]] = []
    headers: list[str] | None = None
    try:
        for record in reader:
            if headers is None:
                headers = [h.strip() for h in record]
                continue
            if not any(c.strip() for c in record):
                continue  # blank line
            rows.append((reader.line_num, list(record)))
    except csv.Error as exc:
        raise TableError(
            Problem(str(path), reader.line_num, 0, "MUT-D001", "", f"malformed CSV: {exc}")
        ) from None
    if headers is None:
        raise TableError(
            Problem(str(path), 1, 0, "MUT-D001", "", "the file is empty (no header row)")
        )
    return headers, rows


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
        rows: list[tuple[int, list[object]]] = []
        for n, record in enumerate(it, start=2):
            if all(c is None or str(c).strip() == "" for c in record):
                continue
            rows.append((n, list(record)))
        return headers, rows
    finally:
        wb.close()
