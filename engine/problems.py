"""Problems a user can act on: the record, the error tree, exit codes, and THE code registry.

The bottom of the import graph (it imports nothing of mutasi): every layer (engine, audit,
reports, the app) reports through these types. Every stable code (``MUT-R`` rule packs,
``MUT-D`` data import, ``MUT-V`` review input, ``MUT-A`` audit, ``MUT-L`` letters and
reports) is registered here once with its meaning; docs/errors.md explains each one at
length. A code is checked when it is registered (shape, family, not twice) and when a
Problem or coded error is made with it (registered), so an unknown code fails at once.

Exit codes (docs/cli.md): 0 ok, 1 rule or data errors found, 2 usage, 3 integrity failure.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTEGRITY = 3

FAMILIES = {"R": "rule packs", "D": "data import", "V": "review input", "A": "audit",
            "L": "letters and reports", "P": "portal accounts"}
_CODE = re.compile(r"^MUT-([A-Z])(\d{3})$")
_registry: dict[str, str] = {}


def register(codes: Mapping[str, str]) -> None:
    """Add stable codes; refuses a malformed code, an unknown family, a code already
    registered or an empty meaning. Never renumber a code; add new ones at the end."""
    for code, meaning in codes.items():
        m = _CODE.match(code)
        if m is None or m.group(1) not in FAMILIES:
            raise ValueError(f"{code!r} is not a problem code (MUT-, a family letter, three digits; families "
                             f"{''.join(FAMILIES)})")
        if code in _registry:
            raise ValueError(f"problem code {code} is registered twice")
        if not meaning.strip():
            raise ValueError(f"problem code {code} has no meaning")
        _registry[code] = meaning


def check_code(code: str) -> str:
    """``code`` when it is registered, else ValueError (a programming error, found by tests)."""
    if code not in _registry:
        raise ValueError(f"unknown problem code {code!r}: register it in engine/problems.py "
                         "and explain it in docs/errors.md")
    return code


CODES: Mapping[str, str] = MappingProxyType(_registry)  # every code -> its meaning, read-only


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


register({
    # Rule packs (engine/load, engine/check, engine/cases)
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
    # Data import (mutasi/store)
    "MUT-D001": "the file cannot be read (encoding, CSV or XLSX form, empty)",
    "MUT-D002": "the file kind cannot be told from the file name",
    "MUT-D003": "a required column is missing",
    "MUT-D004": "a required value is empty",
    "MUT-D010": "NIP does not have 18 digits",
    "MUT-D011": "NIP birth date digits disagree with the birth date, or are no real date",
    "MUT-D012": "NIP TMT CPNS digits disagree with TMT CPNS on file",
    "MUT-D013": "NIP gender digit is not 1 or 2, or disagrees with the gender on file",
    "MUT-D020": "not a golongan/ruang (I/a .. IV/e)",
    "MUT-D021": "not a date, or a date that does not exist",
    "MUT-D022": "dates out of order",
    "MUT-D023": "a position's rank range is reversed",
    "MUT-D030": "unknown unit",
    "MUT-D031": "unknown position",
    "MUT-D032": "duplicate row",
    "MUT-D033": "a row for a NIP that is not in the database nor in the same import",
    "MUT-D034": "an employee's position belongs to another unit",
    "MUT-D035": "a SIASN history row has a PNS id no employee of the import carries",
    "MUT-D040": "a value outside its list, or not a number",
    "MUT-D041": "the column map is unreadable or names an unknown kind or field",
    "MUT-D042": "a code is not in its code table",
    "MUT-D043": "the position column that jenisJabatanId names is empty, or it is ambiguous",
    "MUT-D044": "a unit's parents loop back to it",
    "MUT-D050": "warning: a known column is present but not read",
    "MUT-D051": "warning: a field's column is empty in every row",
    "MUT-D052": "warning: a unit has no type and its name tells none",
    # Review input: SK drafts, round context, plan mappings (mutasi/inputs)
    "MUT-V001": "the file cannot be read",
    "MUT-V002": "a key appears twice in one YAML mapping",
    "MUT-V003": "unknown field or column",
    "MUT-V004": "a required field is missing or empty, or the file has the wrong shape",
    "MUT-V005": "a date cannot be read or does not exist",
    "MUT-V006": "a value is not acceptable",
    "MUT-V007": "two moves with the same id",
    # Audit trail (audit/)
    "MUT-A001": "the database refused UPDATE/DELETE on an audit table (append-only)",
    "MUT-A002": "override without a justification",
    "MUT-A003": "override verdict is not a Verdict value",
    "MUT-A004": "decision id not in the log",
    "MUT-A005": "decision refers to a snapshot not added in this run",
    "MUT-A006": "run closes, or replay runs, without the pack text stored",
    "MUT-A007": "run kind, pack info, actor, key... not acceptable",
    "MUT-A008": "another writer appended at the same time",
    "MUT-A009": "override to the verdict already in force",
    "MUT-A010": "entry missing, inserted or out of order (index gap)",
    "MUT-A011": "stored body is not valid canonical JSON",
    "MUT-A012": "an indexed column disagrees with the hashed body",
    "MUT-A013": "stored leaf hash is not SHA-256(0x00 || body)",
    "MUT-A014": "stored chain hash does not follow from the previous one",
    "MUT-A015": "checkpoint entry's size/root disagree with the leaves before it",
    "MUT-A016": "runs not well formed (unclosed run, entry outside a run...)",
    "MUT-A017": "stored pack text does not hash to its key",
    "MUT-A018": "log shorter than a saved checkpoint",
    "MUT-A019": "log is not an extension of a saved checkpoint",
    "MUT-A020": "checkpoint file malformed",
    "MUT-A021": "decision or override refers to something not in the log",
    "MUT-A022": "key file or verifier key malformed, or no signing key where one is needed",
    "MUT-A023": "signed checkpoint (note) malformed",
    "MUT-A024": "a signature line of a trusted key does not verify (forged)",
    "MUT-A025": "no checkpoint signed by the agency's key (trust policy)",
    "MUT-A026": "no signed checkpoint carries the cosignatures the policy requires",
    "MUT-A027": "entries after the last witnessed checkpoint",
    "MUT-A028": "empty or missing log while a trust policy expects one",
    "MUT-A029": "trust policy file malformed",
    "MUT-A030": "replay: the engine could not rebuild the pack or decide",
    "MUT-A031": "witness refused: checkpoint unsigned or not consistent with the one it cosigned",
    "MUT-A032": "receipt missing or malformed in a letter",
    "MUT-A033": "receipt does not verify (leaf, proof, signatures)",
    "MUT-A034": "a decision's entry does not verify against the latest signed checkpoint",
    # Letters and reports (reports/)
    "MUT-L001": "report configuration has an unknown field or a bad value",
    # Portal accounts (mutasi/cli/portal_cmd.py)
    "MUT-P001": "a row of a staff accounts file is wrong (username, role or name)",
})

register({
    # Hostile input (issue 16): the safe YAML loader (engine/yamlsrc.py), ranges, strict CSV
    "MUT-R025": "YAML aliases expand to too many values",
    "MUT-R026": "YAML nested too deep",
    "MUT-R027": "file too large",
    "MUT-R028": "number not finite or out of range",
    "MUT-R029": "value outside its range (declared min/max, its unit's, or the engine's)",
    "MUT-R030": "condition compares a fact with itself",
    "MUT-R031": "pack.yaml is empty",
    "MUT-R032": "condition the rules engine (durable_rules) cannot compile",
    "MUT-D060": "a row has more or fewer cells than the header",
    "MUT-D061": "a column name appears twice",
    "MUT-D062": "a cell holds a NUL or other control character",
    "MUT-D400": "a source column holds a bare yes/no or 'none' instead of naming a source",
    "MUT-V020": "YAML aliases expand to too many values",
    "MUT-V021": "YAML nested too deep",
    "MUT-V022": "file too large",
    "MUT-V023": "number not finite or out of range",
})

register({
    # Voluntary transfer round (issue 20): rankings file, offer, pack, replay
    "MUT-V250": "the rankings file cannot be read or is not strict CSV",
    "MUT-V251": "the rankings file has an unknown or missing column, or ranks nothing",
    "MUT-V252": "a rankings row has a bad value (NIP, rank or position)",
    "MUT-V253": "a person gives the same rank or the same position twice",
    "MUT-V254": "a ranking does not match the store or the offer (NIP, position offered, own post)",
    "MUT-V255": "a round cannot be opened, changed or run as asked (dates, state, positions)",
    "MUT-V256": "the pack declares no round points (score criteria with use: round)",
    "MUT-A250": "audit replay of a run that is not a voluntary round",
    "MUT-V257": "a plan cannot build on this run: not a round, or a round recorded after a plan",
    "MUT-V258": "the round was decided with another pack (region) or as of another date than the plan",
    "MUT-V259": "the store no longer matches the round: a person it moved is not in the post they left",
    # The round's circumstance items (issue 20): units' locations, declared circumstances
    "MUT-D260": "a region code is not a kode wilayah at kecamatan level (NN.NN.NN) or finer",
    "MUT-D261": "a declared circumstance of an unknown kind",
    "MUT-D262": "a circumstance's verification names who without when, or when without who",
    # What if the rules change (issue 19): rules diff / impact / analyze, the what-if page
    "MUT-R200": "rules impact / diff / analyze: usage (packs, dates, --run and --as-of)",
    "MUT-R201": "rules impact --run: the run is not in the log, or not an evaluate or plan run",
    "MUT-R202": "what-if: the changed parameter value does not fit the parameter",
    "MUT-R203": "rules analyze: the pack's analysis.yaml (explained findings) is malformed",
    "MUT-R210": "analysis: a condition can never hold (dead criterion)",
    "MUT-R211": "analysis: a condition always holds when its facts are known (vacuous criterion)",
    "MUT-R212": "analysis: requirements that can never all pass together (nobody eligible)",
    "MUT-R213": "analysis: an exception that can never lift what it lists",
    "MUT-R214": "analysis: an exception lifts a requirement that can never fail",
    "MUT-R215": "analysis: a parameter's dated values leave a gap",
    "MUT-R216": "analysis: a parameter's dated values overlap",
    "MUT-R217": "analysis: two packs decide some person differently",
    "MUT-R218": "analysis: the solver gave up within its time limit (unknown)",
})

register({
    # Inspector and operations (issue 14): backup and restore
    "MUT-A150": "backup archive damaged, not a mutasi backup, or its audit log does not verify",
})
