"""Rule-pack problems: PackError and the stable MUT-R codes (listed in docs/errors.md)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from mutasi.errors import MutasiError, Problem

# Stable codes. Never renumber; add new ones at the end.
CODES: dict[str, str] = {
    "MUT-R001": "YAML syntax error",
    "MUT-R002": "duplicate key in a mapping",
    "MUT-R003": "unknown key",
    "MUT-R004": "required key missing",
    "MUT-R005": "value has the wrong type or shape",
    "MUT-R006": "bad date",
    "MUT-R007": "version is not semantic (MAJOR.MINOR.PATCH)",
    "MUT-R008": "duplicate id (criterion or parameter) in the effective pack",
    "MUT-R009": "value not in the allowed set (kind, scope, unit, type)",
    "MUT-R010": "unknown fact",
    "MUT-R011": "unknown parameter",
    "MUT-R012": "operator does not fit the fact's type",
    "MUT-R013": "criterion reads a protected attribute",
    "MUT-R014": "overlapping or unordered dated values",
    "MUT-R015": "exception lifts an unknown criterion (or one that is not a requirement)",
    "MUT-R016": "disabled criterion without a reason, or unknown",
    "MUT-R017": "effective_from is after effective_until",
    "MUT-R018": "pack not found, or extends a pack that cannot be loaded",
    "MUT-R019": "unknown operator or condition form",
    "MUT-R020": "fact not available in the criterion's scope",
    "MUT-R021": "parameter value does not fit the parameter's type",
    "MUT-R022": "pack example case is malformed",
    "MUT-R023": "pack is not in force at the as-of date",
    "MUT-R024": "parameter has no value in force at the as-of date",
    "MUT-R025": "YAML aliases expand to too many values",
    "MUT-R026": "YAML nested too deep",
    "MUT-R027": "file too large",
    "MUT-R028": "number not finite or out of range",
    "MUT-R029": "value outside the parameter's declared range (min/max)",
    "MUT-R030": "condition can never depend on the data (a fact compared with itself)",
    "MUT-R031": "pack file is empty",
}


def suggest(name: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint, or '' when nothing is close."""
    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else ""


def problem(
    file: str, line: int, col: int, code: str, field: str, message: str, hint: str = ""
) -> Problem:
    assert code in CODES, code
    return Problem(file=file, line=line, col=col, code=code, field=field, message=message, hint=hint)


class PackError(MutasiError):
    """A pack that cannot be loaded or used; carries every problem found, sorted."""
