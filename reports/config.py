"""Report configuration: who receives objections (keberatan) and within what period.

The objection period is not in shared/domain/REFERENCE.md, so it is configuration, never a
constant: the neutral default names no period and tells the person to ask BKPSDM.
reports/config.example.yaml shows a filled-in example (UU 30/2014 Pasal 77: 21 working days
for an objection to an administrative decision); an office confirms it with its legal
department before using it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from engine.problems import Problem, UsageError
from engine.yamlsrc import YamlCodes, load_yaml
from reports.fmt import fdate
from reports.letter_form import LetterForm, parse_form

DEFAULT_TO = {
    "id": "Pejabat Pembina Kepegawaian melalui BKPSDM",
    "en": "the appointing authority (PPK) through the regional HR office (BKPSDM)",
}


@dataclass(frozen=True)
class ReportConfig:
    objection_days: int | None = None
    objection_day_kind: str = "working"  # working (Mon-Fri, minus holidays) / calendar
    objection_basis: str = ""  # e.g. "UU 30/2014 Pasal 77"
    objection_to: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TO))
    notice_date: date | None = None  # day the letters are handed over; starts the period
    holidays: tuple[date, ...] = ()
    form: LetterForm = field(default_factory=LetterForm)  # the letter's official form (letter:)


def add_days(start: date, days: int, kind: str, holidays: tuple[date, ...] = ()) -> date:
    """``days`` days after ``start``; working days skip Saturdays, Sundays and ``holidays``."""
    if kind == "calendar":
        return start + timedelta(days=days)
    d, left, off = start, days, set(holidays)
    while left > 0:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in off:
            left -= 1
    return d


def objection_text(cfg: ReportConfig, lang: str) -> str:
    to = cfg.objection_to.get(lang) or cfg.objection_to.get("id", "")
    basis = f" ({cfg.objection_basis})" if cfg.objection_basis else ""
    if cfg.objection_days is None:
        if lang == "id":
            return (f"Bila Anda tidak sependapat, Anda dapat mengajukan keberatan secara tertulis kepada {to}, "
                    "dengan menyebut nomor keputusan di bawah. Tanyakan batas waktu pengajuan keberatan kepada BKPSDM.")
        return (f"If you disagree, you may object in writing to {to}, quoting the decision id below. "
                "Ask the HR office (BKPSDM) for the deadline for objections.")
    unit_id = "hari kerja" if cfg.objection_day_kind == "working" else "hari"
    unit_en = "working days" if cfg.objection_day_kind == "working" else "days"
    if cfg.notice_date is not None:
        end = add_days(cfg.notice_date, cfg.objection_days, cfg.objection_day_kind, cfg.holidays)
        when_id = f"paling lambat {fdate(end, 'id')} ({cfg.objection_days} {unit_id} sejak {fdate(cfg.notice_date, 'id')})"
        when_en = f"by {fdate(end, 'en')} at the latest ({cfg.objection_days} {unit_en} from {fdate(cfg.notice_date, 'en')})"
    else:
        when_id = f"dalam {cfg.objection_days} {unit_id} sejak surat ini Anda terima"
        when_en = f"within {cfg.objection_days} {unit_en} of receiving this letter"
    if lang == "id":
        return (f"Bila Anda tidak sependapat, Anda dapat mengajukan keberatan secara tertulis kepada {to} "
                f"{when_id}{basis}, dengan menyebut nomor keputusan di bawah.")
    return (f"If you disagree, you may object in writing to {to} {when_en}{basis}, "
            "quoting the decision id below.")


def load_config(path: str | Path | None) -> ReportConfig:
    """Read a YAML report configuration; all problems at once, naming file and field."""
    if path is None:
        return ReportConfig()
    p = Path(path)
    problems: list[Problem] = []
    raw: Any = load_yaml(p, str(p), problems, YamlCodes.one("MUT-L001"))
    if problems:  # unreadable, or refused by the safe loader (aliases, depth, size, numbers)
        raise UsageError(f"{p}: cannot read report configuration", problems)
    raw = raw or {}

    def bad(fld: str, msg: str) -> None:
        problems.append(Problem(str(p), 1, 0, "MUT-L001", fld, msg))

    if not isinstance(raw, dict):
        raise UsageError(f"{p}: report configuration must be a mapping")
    known = {"objection_days", "objection_day_kind", "objection_basis", "objection_to", "notice_date", "holidays",
             "letter"}
    for key in sorted(set(raw) - known):
        bad(key, f"unknown field (known: {', '.join(sorted(known))})")
    days = raw.get("objection_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days <= 0):
        bad("objection_days", "must be a positive whole number")
    kind = raw.get("objection_day_kind", "working")
    if kind not in ("working", "calendar"):
        bad("objection_day_kind", "must be 'working' or 'calendar'")
    to = raw.get("objection_to", DEFAULT_TO)
    if not isinstance(to, dict) or not all(isinstance(to.get(k), str) for k in ("id", "en")):
        bad("objection_to", "must be a mapping with 'id' and 'en' texts")
    notice = raw.get("notice_date")
    if notice is not None and not isinstance(notice, date):
        bad("notice_date", "must be a date YYYY-MM-DD")
    hols = raw.get("holidays", []) or []
    if not isinstance(hols, list) or not all(isinstance(h, date) for h in hols):
        bad("holidays", "must be a list of dates YYYY-MM-DD")
    form = parse_form(raw.get("letter"), str(p), problems)
    if problems:
        raise UsageError(f"{p}: invalid report configuration", problems)
    return ReportConfig(
        objection_days=days,
        objection_day_kind=kind,
        objection_basis=str(raw.get("objection_basis", "") or ""),
        objection_to=dict(to),
        notice_date=notice,
        holidays=tuple(sorted(hols)),
        form=form,
    )
