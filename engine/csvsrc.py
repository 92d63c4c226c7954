"""Strict CSV reading shared by every CSV mutasi reads (data import, SK drafts).

A CSV that a spreadsheet would read differently from us is refused, never guessed at:
every row has exactly the header's number of cells, header names are unique, no cell holds
a NUL or other control character, and every row's quotes are balanced. Each issue names the
row (as a spreadsheet shows it: the header is row 1) and the 1-based column; callers turn
issues into Problems with their own codes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CsvFault(StrEnum):
    MALFORMED = "malformed"  # the csv module cannot read on (e.g. end of file inside quotes)
    QUOTES = "quotes"  # an odd number of quote characters in a row
    CELLS = "cells"  # more or fewer cells than the header
    DUPLICATE_HEADER = "duplicate_header"
    CONTROL = "control"  # NUL or another control character in a cell
    EMPTY = "empty"  # no header row


@dataclass(frozen=True)
class CsvIssue:
    fault: CsvFault
    line: int
    col: int
    message: str
    hint: str = ""


@dataclass
class CsvTable:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells), blank rows left out
    issues: list[CsvIssue] = field(default_factory=list)


def sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _key(name: str) -> str:
    return name.strip().lower()


def check_cells(line: int, cells: Sequence[object]) -> list[CsvIssue]:
    """A NUL or other control character in a text cell (of a CSV or a workbook row)."""
    return [CsvIssue(CsvFault.CONTROL, line, i + 1, "the cell holds a NUL or other control character",
                     "re-export the file; control characters are not text")
            for i, cell in enumerate(cells) if isinstance(cell, str) and _CONTROL.search(cell)]


def check_header(header: list[str], normalize: Callable[[str], str] = _key) -> list[CsvIssue]:
    """Two columns with the same name (after ``normalize``): which one holds the value?"""
    out: list[CsvIssue] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        k = normalize(h)
        if not k:
            continue
        if k in seen:
            out.append(CsvIssue(CsvFault.DUPLICATE_HEADER, 1, i + 1,
                                f"column name '{h}' appears twice", f"first in column {seen[k]}"))
        else:
            seen[k] = i + 1
    return out


def read_csv_text(text: str, normalize: Callable[[str], str] = _key) -> CsvTable:
    """Header and rows of ``text`` (already decoded); every issue found is in ``issues``.
    ``normalize`` decides when two header names are the same column."""
    stream = CsvStream(io.StringIO(text, newline=""), sniff_delimiter(text), normalize)
    rows = list(stream)
    return CsvTable(stream.header, rows, stream.issues)


class CsvStream:
    """The rows of a CSV read line by line, so a large file is never held whole (issue 18).

    Iterating yields (row number, cells) of every data row that has no issue; ``header`` is
    set once the header row is read, and ``issues`` grows as rows are read (complete when the
    iteration ends). ``lines`` are the file's lines with their line endings, as
    ``io.StringIO(text, newline="")`` gives them.
    """

    def __init__(self, lines: Iterable[str], delimiter: str,
                 normalize: Callable[[str], str] = _key) -> None:
        self.header: list[str] = []
        self.issues: list[CsvIssue] = []
        self.delimiter = delimiter
        self._lines = lines
        self._normalize = normalize

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        raw: list[str] = []
        counter = [0]

        def lines() -> Iterator[str]:
            for ln in self._lines:
                counter[0] += 1
                raw.append(ln)
                yield ln

        reader = csv.reader(lines(), delimiter=self.delimiter, strict=True)
        issues = self.issues
        header: list[str] | None = None
        width = 0
        while True:
            start = counter[0] + 1
            raw.clear()
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                issues.append(CsvIssue(CsvFault.MALFORMED, start, 0, f"malformed CSV: {exc}",
                                       "a quote (\") opened in this row is never closed, or text "
                                       "follows a closing quote"))
                break
            whole = raw[0] if len(raw) == 1 else "".join(raw)
            if whole.count('"') % 2:
                issues.append(CsvIssue(CsvFault.QUOTES, start, 0, "unbalanced quote (\") in this row",
                                       "quote a cell that holds a quote, and double the inner quote"))
                continue
            if _CONTROL.search(whole):  # the cells are parts of the row's text: check them only then
                issues += check_cells(start, record)
            if header is None:
                header = [h.strip() for h in record]
                width = len(header)
                issues += check_header(header, self._normalize)
                self.header = header
                continue
            if len(record) != width:
                if not "".join(record).strip():
                    continue  # blank row
                col = min(len(record), width) + 1
                what = "more" if len(record) > width else "fewer"
                issues.append(CsvIssue(
                    CsvFault.CELLS, start, col,
                    f"the row has {len(record)} cells, {what} than the header's {width}",
                    f"an unquoted '{self.delimiter}' splits a cell: quote cells that hold it" if what == "more"
                    else "every row needs one cell per column, empty cells too"))
                continue
            if not "".join(record).strip():
                continue  # blank row
            yield start, record
        if header is None:
            issues.append(CsvIssue(CsvFault.EMPTY, 1, 0, "the file is empty (no header row)"))
