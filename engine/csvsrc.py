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
from collections.abc import Callable, Iterator, Sequence
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
    delimiter = sniff_delimiter(text)
    raw: list[str] = []
    counter = {"line": 0}

    def lines() -> Iterator[str]:
        for ln in io.StringIO(text, newline=""):
            counter["line"] += 1
            raw.append(ln)
            yield ln

    reader = csv.reader(lines(), delimiter=delimiter, strict=True)
    out = CsvTable([], [])
    header: list[str] | None = None
    start = 1
    while True:
        start = counter["line"] + 1
        raw.clear()
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.issues.append(CsvIssue(CsvFault.MALFORMED, start, 0, f"malformed CSV: {exc}",
                                       "a quote (\") opened in this row is never closed, or text "
                                       "follows a closing quote"))
            break
        if "".join(raw).count('"') % 2:
            out.issues.append(CsvIssue(CsvFault.QUOTES, start, 0, "unbalanced quote (\") in this row",
                                       "quote a cell that holds a quote, and double the inner quote"))
            continue
        out.issues += check_cells(start, record)
        if header is None:
            header = [h.strip() for h in record]
            out.issues += check_header(header, normalize)
            continue
        if not any(c.strip() for c in record):
            continue  # blank row
        if len(record) != len(header):
            col = min(len(record), len(header)) + 1
            what = "more" if len(record) > len(header) else "fewer"
            out.issues.append(CsvIssue(
                CsvFault.CELLS, start, col,
                f"the row has {len(record)} cells, {what} than the header's {len(header)}",
                f"an unquoted '{delimiter}' splits a cell: quote cells that hold it" if what == "more"
                else "every row needs one cell per column, empty cells too"))
            continue
        out.rows.append((start, record))
    if header is None:
        out.issues.append(CsvIssue(CsvFault.EMPTY, 1, 0, "the file is empty (no header row)"))
    out.header = header or []
    return out
