"""The one CSV writer of mutasi's outputs, escaped against formula injection.

A spreadsheet runs a cell that starts with = + - @ (or tab / carriage return, which some
strip first) as a formula: a unit or person named "=HYPERLINK(...)" would run when HR opens
the file. Following the OWASP rule, such a text cell is written with a leading apostrophe,
which spreadsheets show as text. Plain numbers ("-5", "+62") stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """``value`` as it may go into a CSV cell: text that a spreadsheet would run is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_csv(fh: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Header, then rows; every cell through ``safe_cell``. Lines end in CRLF (RFC 4180), so
    a cell holding a lone CR is quoted too."""
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow([safe_cell(h) for h in header])
    for row in rows:
        w.writerow([safe_cell(v) for v in row])


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    write_csv(buf, header, rows)
    return buf.getvalue()
