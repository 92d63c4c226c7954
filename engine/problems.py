"""Problems a user can act on: the record, the error tree, exit codes, and THE code registry.

The bottom of the import graph (it imports nothing of mutasi): every layer (engine, audit,
reports, the app) reports through these types. Every stable code (``MUT-R`` rule packs,
``MUT-D`` data import, ``MUT-V`` review input, ``MUT-A`` audit, ``MUT-L`` letters and
reports) is registered here once with its meaning; docs/errors.md explains each one at
length. A code is checked when it is registered (shape, family, not twice) and when a
Problem or coded error is made with it (registered), so an unknown code fails at once.

Each code has a short title in Bahasa Indonesia and in English, kept side by side in
engine/problem_codes.yaml (read here when the module loads): the portal shows the
Indonesian title first (mutasi/web/problem_text.py); the CLI prints the English messages.

Exit codes (docs/cli.md): 0 ok, 1 rule or data errors found, 2 usage, 3 integrity failure.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTEGRITY = 3

FAMILIES = {"R": "rule packs", "D": "data import", "V": "review input", "A": "audit",
            "L": "letters and reports", "P": "portal accounts"}
_CODE = re.compile(r"^MUT-([A-Z])(\d{3})$")
CODES_FILE = Path(__file__).resolve().parent / "problem_codes.yaml"
LANGS = ("id", "en")
_registry: dict[str, str] = {}  # code -> English title
_titles_id: dict[str, str] = {}  # code -> Indonesian title


def register(codes: Mapping[str, Mapping[str, str]]) -> None:
    """Add stable codes, each with its title in both languages (``{"id": ..., "en": ...}``);
    refuses a malformed code, an unknown family, a code already registered or a missing or
    empty title. Never renumber a code; add new ones at the end."""
    for code, titles in codes.items():
        m = _CODE.match(code)
        if m is None or m.group(1) not in FAMILIES:
            raise ValueError(f"{code!r} is not a problem code (MUT-, a family letter, three digits; families "
                             f"{''.join(FAMILIES)})")
        if code in _registry:
            raise ValueError(f"problem code {code} is registered twice")
        if not isinstance(titles, Mapping) or set(titles) != set(LANGS) \
                or not all(isinstance(t, str) and t.strip() for t in titles.values()):
            raise ValueError(f"problem code {code} has no meaning: give its title as {{id: Bahasa Indonesia, "
                             f"en: English}} (engine/problem_codes.yaml)")
        _registry[code] = titles["en"]
        _titles_id[code] = titles["id"]


def check_code(code: str) -> str:
    """``code`` when it is registered, else ValueError (a programming error, found by tests)."""
    if code not in _registry:
        raise ValueError(f"unknown problem code {code!r}: register it in engine/problems.py "
                         "and explain it in docs/errors.md")
    return code


CODES: Mapping[str, str] = MappingProxyType(_registry)  # every code -> its English title, read-only
TITLES_ID: Mapping[str, str] = MappingProxyType(_titles_id)  # every code -> its Indonesian title


def title(code: str, lang: str) -> str:
    """The short title of a registered code in ``lang`` ("en", else Bahasa Indonesia)."""
    return _registry[check_code(code)] if lang == "en" else _titles_id[check_code(code)]


def codes_of(family: str) -> dict[str, str]:
    """The codes of one family ("R", "D", "V", "A", "L", "P"), sorted."""
    return {c: m for c, m in sorted(_registry.items()) if c[4] == family}


def suggest(name: str, choices: Iterable[str], otherwise: str = "") -> str:
    """The one "did you mean" hint: the closest choice, else ``otherwise`` (default '')."""
    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else otherwise


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in an input (pack, data file, moves file), sortable by location."""

    file: str
    line: int  # 1-based; for tables: the row number as a spreadsheet shows it
    col: int  # 1-based column; 0 when unknown
    code: str  # stable and registered, e.g. "MUT-R003"
    field: str
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        check_code(self.code)

    def location(self) -> str:
        loc = f"{self.file}:{self.line}"
        return f"{loc}:{self.col}" if self.col else loc

    def __str__(self) -> str:
        where = f" [{self.field}]" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.location()}: {self.code}{where} {self.message}{hint}"


def problem(
    file: str, line: int, col: int, code: str, field: str, message: str, hint: str = ""
) -> Problem:
    return Problem(file=file, line=line, col=col, code=code, field=field, message=message, hint=hint)


class MutasiError(Exception):
    """Base for errors shown to the user as one clear message, never a traceback."""

    exit_code = EXIT_FINDINGS

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems: list[Problem] = sorted(problems or [])


_LEADING_CODE = re.compile(r"^\s*(MUT-[A-Z]\d{3})\b[:\s]*")


def problems_of(exc: MutasiError) -> list[Problem]:
    """The problems an error carries; else one made from its code (``exc.code``, or the
    registered code its message starts with) and message, without a place; else []."""
    if exc.problems:
        return list(exc.problems)
    text = str(exc)
    m = _LEADING_CODE.match(text)
    code = str(getattr(exc, "code", "") or (m.group(1) if m else ""))
    if code not in _registry:
        return []
    return [Problem("", 0, 0, code, "", text[m.end():] if m else text)]


class UsageError(MutasiError):
    exit_code = EXIT_USAGE


class IntegrityError(MutasiError):
    exit_code = EXIT_INTEGRITY


class UnknownChoiceError(UsageError, ValueError):
    """A name outside a fixed set (engine backend, decision scope). A ValueError too, as
    callers catching the old ValueError expect."""

    def __init__(self, what: str, name: str, choices: Iterable[str]) -> None:
        options = sorted(choices)
        hint = suggest(name, options, "one of " + ", ".join(options))
        super().__init__(f"unknown {what} {name!r} ({hint})")


class _StrictLoader(yaml.SafeLoader):
    """Refuses a key twice in one mapping (a code listed twice would hide the first)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        twice = sorted({str(k) for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"{node.start_mark.name}: listed twice: {', '.join(twice)}")
        return super().construct_mapping(node, deep=deep)


def _read_codes(path: Path) -> dict[str, dict[str, str]]:
    data = yaml.load(path.read_text("utf-8"), Loader=_StrictLoader)  # noqa: S506  (our own file, strict safe loader)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of problem codes")
    return data


register(_read_codes(CODES_FILE))
