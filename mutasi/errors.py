"""Errors a user can act on, and the exit codes the CLI maps them to.

Exit codes (docs/cli.md): 0 ok, 1 rule or data errors found, 2 usage, 3 integrity failure.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTEGRITY = 3


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in an input (pack, data file, moves file), sortable by location."""

    file: str
    line: int  # 1-based; for tables: the row number as a spreadsheet shows it
    col: int  # 1-based column; 0 when unknown
    code: str  # stable, e.g. "MUT-R003"
    field: str
    message: str
    hint: str = ""

    def location(self) -> str:
        loc = f"{self.file}:{self.line}"
        return f"{loc}:{self.col}" if self.col else loc

    def __str__(self) -> str:
        where = f" [{self.field}]" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.location()}: {self.code}{where} {self.message}{hint}"


class MutasiError(Exception):
    """Base for errors shown to the user as one clear message, never a traceback."""

    exit_code = EXIT_FINDINGS

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems: list[Problem] = sorted(problems or [])


class UsageError(MutasiError):
    exit_code = EXIT_USAGE


class IntegrityError(MutasiError):
    exit_code = EXIT_INTEGRITY
