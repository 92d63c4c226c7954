"""The one way the portal shows a problem (engine/problems.Problem) to a civil servant: where
it is (file, row, column), the code's short title in the reader's language (Bahasa
Indonesia first, engine/problem_codes.yaml), the stable code in small print as a reference,
and the English detail message folded under it (templates/_problems.html.j2 renders these
views). A failed background job stores its problems as JSON (mutasi/portal/jobs.record) so
its page shows them the same way later; an unexpected error stores no text of its own."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from engine.problems import CODES, MutasiError, Problem, problems_of, title
from mutasi.web.text import TEXT, tr

PROBLEM_TEXT: dict[str, tuple[str, str]] = {
    "problem_row": ("baris {n}", "row {n}"),
    "problem_line": ("baris {n}", "line {n}"),
    "problem_column": ("kolom {name}", "column {name}"),
    "problem_column_n": ("kolom ke-{n}", "column {n}"),
    "problem_field": ("isian {name}", "field {name}"),
    "problem_code": ("kode {code}", "code {code}"),
    "problem_details": ("Rincian (English)", "Details"),
    "problem_uncoded": ("permintaan tidak dapat dijalankan", "the request cannot be carried out"),
    "err_not_recorded": ("Tidak ada yang dicatat: {detail}.", "Nothing was recorded: {detail}."),
    "problem_more": ("… dan {n} masalah lain.", "… and {n} more problems."),
    "job_failed_unexpected": ("Proses gagal karena kesalahan yang tidak terduga; tidak ada yang dicatat. Hubungi "
                              "admin BKPSDM dan sebutkan nomor pekerjaan {n}.",
                              "The run failed because of an unexpected error; nothing was recorded. Contact the "
                              "BKPSDM admin and give job number {n}."),
}
TEXT.update(PROBLEM_TEXT)

_TABLES = (".csv", ".xlsx", ".xls", ".tsv")


@dataclass(frozen=True)
class ProblemView:
    """One problem as a reader sees it; every text already in the reader's language."""

    where: str  # "rancangan.csv, baris 3, kolom nip", or "" when the problem has no place
    title: str  # the code's title, or a plain sentence for an uncoded problem
    code: str  # "kode MUT-V006" (small print), or ""
    detail: str  # the English message (and hint), for support


def _where(p: Problem, lang: str, plain: Callable[[str], str]) -> str:
    name = PurePosixPath(plain(p.file)).name
    if not PurePosixPath(name).suffix:  # not a file ("--after-round", "round 3"): no place to show
        return ""
    table = name.lower().endswith(_TABLES)
    parts = [name]
    if p.line > 0:
        parts.append(tr("problem_row" if table else "problem_line", lang, n=p.line))
    if p.field:
        parts.append(tr("problem_column" if table else "problem_field", lang, name=p.field))
    elif p.col > 0 and table:  # a YAML file's column is a character position: no help to a reader
        parts.append(tr("problem_column_n", lang, n=p.col))
    return ", ".join(parts)


def view(p: Problem, lang: str, plain: Callable[[str], str] = str) -> ProblemView:
    detail = p.message + (f" ({p.hint})" if p.hint else "")
    return ProblemView(_where(p, lang, plain), title(p.code, lang), tr("problem_code", lang, code=p.code),
                       plain(detail))


def views(exc: MutasiError, lang: str, plain: Callable[[str], str] = str) -> list[ProblemView]:
    """What a page lists for ``exc``: its problems, or one plain line with the English message."""
    found = problems_of(exc)
    if found:
        return [view(p, lang, plain) for p in found]
    return [ProblemView("", tr("problem_uncoded", lang), "", plain(str(exc)))]


def sentence(exc: MutasiError, lang: str, limit: int = 3) -> str:
    """The problems of ``exc`` in one line (a page that shows one message): each title, with
    its place and code, the first ``limit`` of them."""
    out = []
    for v in views(exc, lang)[:limit]:
        head = f"{v.where}: {v.title}" if v.where else v.title
        out.append(f"{head} ({v.code})" if v.code else f"{head} ({v.detail})")
    return "; ".join(out)


# ---- a failed job (mutasi/portal/jobs.record stores it) ---------------------------------------

@dataclass(frozen=True)
class Failure:
    """A failed job as its page shows it."""

    unexpected: bool
    problems: list[ProblemView]
    more: str  # "… and 4 more problems.", or ""


def failure(stored: str | None, lang: str) -> Failure:
    """Read what jobs.record stored (or the plain text of an older row) for the page."""
    try:
        data = json.loads(stored or "")
    except ValueError:  # an older row: its message, or a bare class name (never shown)
        data = {"message": stored} if stored and " " in stored.strip() else {"unexpected": True}
    if not isinstance(data, dict) or data.get("unexpected"):
        return Failure(True, [], "")
    if "problems" in data:
        found = [Problem(**row) for row in data["problems"] if row.get("code") in CODES]
        more = int(data.get("more", 0))
        return Failure(False, [view(p, lang) for p in found], tr("problem_more", lang, n=more) if more else "")
    return Failure(False, views(MutasiError(str(data.get("message", ""))), lang), "")

