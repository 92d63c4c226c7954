"""Read a voluntary round's rankings file (an alternative to ranking in the portal).

CSV, UTF-8 (BOM allowed), comma or semicolon, header row, one row per ranked position:
``nip,rank,position_id`` (rank 1 = first choice). Every problem is collected (file, row,
column, field, stable MUT-V25x code), sorted, and raised together; nothing is half-read.
Format: docs/plan-and-review.md ("Voluntary round").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.csvsrc import read_csv_text
from engine.problems import MutasiError, Problem, suggest
from mutasi.store.review_input import NIP_RE, normalise_nip

FIELDS = ("nip", "rank", "position_id")
MAX_BYTES = 4 * 1024 * 1024


class RoundInputError(MutasiError):
    """The rankings file (or its match with the store and the offer) has problems (exit 1)."""


@dataclass(frozen=True)
class RankedChoice:
    line: int  # row number as a spreadsheet shows it (header = 1)
    rank: int
    position_id: str


def _p(file: str, line: int, col: int, code: str, field: str, msg: str, hint: str = "") -> Problem:
    return Problem(file=file, line=line, col=col, code=code, field=field, message=msg, hint=hint)


def read_rankings(path: Path, display: str | None = None) -> dict[str, list[RankedChoice]]:
    """NIP -> choices sorted by rank. Raises RoundInputError listing every problem."""
    shown = display or str(path)
    problems: list[Problem] = []
    try:
        if path.stat().st_size > MAX_BYTES:
            raise RoundInputError("rankings file too large", [_p(
                shown, 1, 0, "MUT-V250", "", "file larger than 4 MiB", "check the file")])
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RoundInputError("cannot read the rankings file", [_p(
            shown, 1, 0, "MUT-V250", "", f"cannot read file: {exc}", "save it as UTF-8 CSV")]) from exc
    table = read_csv_text(text)
    for issue in table.issues:
        problems.append(_p(shown, issue.line, issue.col, "MUT-V250", "", issue.message, issue.hint))
    header = table.header
    col = {h: i for i, h in enumerate(header)}
    for i, h in enumerate(header):
        if h not in FIELDS:
            problems.append(_p(shown, 1, i + 1, "MUT-V251", h, f"unknown column '{h}'",
                               suggest(h, FIELDS, "columns: " + ", ".join(FIELDS))))
    for f in FIELDS:
        if f not in col and header:
            problems.append(_p(shown, 1, 0, "MUT-V251", f, f"column '{f}' is missing",
                               "columns: " + ", ".join(FIELDS)))
    out: dict[str, list[RankedChoice]] = {}
    if problems:
        raise RoundInputError(f"{shown}: {len(problems)} problem(s)", problems)
    for line, cells in table.rows:
        nip = normalise_nip(cells[col["nip"]].strip())
        rank_text = cells[col["rank"]].strip()
        pid = cells[col["position_id"]].strip()
        if not NIP_RE.match(nip):
            problems.append(_p(shown, line, col["nip"] + 1, "MUT-V252", "nip",
                               f"NIP '{nip}' is not 18 digits"))
        if not (rank_text.isdigit() and 1 <= int(rank_text) <= 99):
            problems.append(_p(shown, line, col["rank"] + 1, "MUT-V252", "rank",
                               f"rank '{rank_text}' is not a whole number 1..99"))
        if not pid:
            problems.append(_p(shown, line, col["position_id"] + 1, "MUT-V252", "position_id",
                               "position_id is empty"))
        if NIP_RE.match(nip) and rank_text.isdigit() and pid:
            out.setdefault(nip, []).append(RankedChoice(line, int(rank_text), pid))
    for nip, lst in sorted(out.items()):
        seen_rank: dict[int, int] = {}
        seen_pos: dict[str, int] = {}
        for c in lst:
            if c.rank in seen_rank:
                problems.append(_p(shown, c.line, col["rank"] + 1, "MUT-V253", "rank",
                                   f"NIP {nip} gives rank {c.rank} twice",
                                   f"first on row {seen_rank[c.rank]}"))
            if c.position_id in seen_pos:
                problems.append(_p(shown, c.line, col["position_id"] + 1, "MUT-V253", "position_id",
                                   f"NIP {nip} ranks {c.position_id} twice",
                                   f"first on row {seen_pos[c.position_id]}"))
            seen_rank.setdefault(c.rank, c.line)
            seen_pos.setdefault(c.position_id, c.line)
        lst.sort(key=lambda c: c.rank)
    if not out and not problems:
        problems.append(_p(shown, 1, 0, "MUT-V251", "", "the file ranks nothing",
                           "one row per ranked position: nip,rank,position_id"))
    if problems:
        raise RoundInputError(f"{shown}: {len(problems)} problem(s)", problems)
    return out
