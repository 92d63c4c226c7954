"""The committee's queue: responses and objections (answered in text) and data-error reports
(accepted with the correction and its source, or rejected with a reason), oldest deadline
first. Each change is one transaction; the route records it in the audit log."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Engine, select, update

from mutasi.errors import UsageError
from mutasi.portal.requests import MAX_TEXT
from mutasi.store.models import Employee, SkpEntry, table_of
from mutasi.store.parse import (
    CellError,
    parse_date,
    parse_education,
    parse_golongan,
    parse_predicate,
    text,
)
from mutasi.store.portal_models import Correction, DataReport, Response
from mutasi.store.rows import KEYS

DR = table_of(DataReport)
RS = table_of(Response)
CO = table_of(Correction)
EMP = table_of(Employee)
SKP = table_of(SkpEntry)

SKP_FIELD = "skp_predicate"
# Fields of the employee record a data-error report can correct, each read with the same
# parser as an import (mutasi/store/parse.py): field -> (report item, label id, label en).
CORRECTABLE: dict[str, tuple[str, str, str]] = {
    "golongan": ("rank", "Pangkat/golongan (mis. III/c)", "Rank (e.g. III/c)"),
    "tmt_golongan": ("rank", "TMT pangkat/golongan (tanggal)", "Rank effective date"),
    "tmt_jabatan": ("tenure", "TMT jabatan (tanggal mulai menjabat)", "Date the current post began"),
    "education_level": ("education", "Jenjang pendidikan (mis. S1)", "Education level (e.g. S1)"),
    "education_major": ("education", "Jurusan pendidikan", "Field of study"),
    "tmt_cpns": ("status", "TMT CPNS (tanggal)", "Date of CPNS appointment"),
    "tmt_pns": ("status", "TMT PNS (tanggal)", "Date of PNS appointment"),
    # a row of the SKP history, not a field of the record: "2025 Sangat Baik"
    SKP_FIELD: ("skp", "Predikat SKP satu tahun (tahun dan predikat, mis. 2025 Sangat Baik)",
                "SKP rating of one year (year and rating, e.g. 2025 Sangat Baik)"),
}
_PARSERS = {"golongan": parse_golongan, "tmt_golongan": parse_date, "tmt_jabatan": parse_date,
            "education_level": parse_education, "education_major": text, "tmt_cpns": parse_date,
            "tmt_pns": parse_date}
_SKP_VALUE = re.compile(r"\s*(\d{4})\s*[:,;-]?\s*(\S.*)")


@dataclass(frozen=True)
class QueueItem:
    kind: str  # tanggapan | keberatan | data
    receipt: str
    nip: str
    text: str
    created_at: datetime
    deadline: date | None  # the last day the person could respond (responses only)
    status: str
    answer: str | None
    upload_id: int | None
    decision_id: str | None
    run_seq: int | None
    item: str | None  # the data item a report is about


def field_label(name: str, lang: str) -> str:
    entry = CORRECTABLE[name]
    return entry[2] if lang == "en" else entry[1]


def _order(q: QueueItem) -> tuple[bool, date, datetime, str]:
    return (q.deadline is None, q.deadline or date.max, q.created_at, q.receipt)


def items(engine: Engine, waiting_only: bool = True) -> list[QueueItem]:
    """Responses by their deadline, then data-error reports by the day they came (stable)."""
    with engine.connect() as conn:
        rs = conn.execute(select(RS)).all()
        dr = conn.execute(select(DR)).all()
    out = [QueueItem(r.kind, r.receipt, r.nip, r.text, r.created_at, r.deadline, r.status, r.answer, r.upload_id,
                     r.decision_id, r.run_seq, None) for r in rs]
    out += [QueueItem("data", r.receipt, r.nip, r.message, r.created_at, None, r.status, r.answer, r.upload_id,
                      None, None, r.item) for r in dr]
    if waiting_only:
        out = [q for q in out if q.status in ("received", "under_review")]
    return sorted(out, key=_order)


def find(engine: Engine, receipt: str) -> QueueItem | None:
    return next((q for q in items(engine, waiting_only=False) if q.receipt == receipt), None)


def _body(value: str, name: str) -> str:
    body = (value or "").replace("\r\n", "\n").strip()
    if not body:
        raise UsageError("err_required:" + name)
    return body[:MAX_TEXT]


def answer_response(engine: Engine, receipt: str, answer: str, by: str, now: datetime) -> None:
    body = _body(answer, "answer")
    with engine.begin() as conn:
        found = conn.execute(update(RS).where(RS.c.receipt == receipt).values(
            answer=body, answered_by=by, answered_at=now, status="answered")).rowcount
    if not found:
        raise UsageError("err_not_found")


def parse_correction(field: str, value: str) -> str:
    """The value as the store keeps it (ISO date, III/c, S1, text); UsageError naming the
    field when it cannot be read."""
    if field not in CORRECTABLE:
        raise UsageError("err_bad_form")
    if field == SKP_FIELD:
        return _parse_skp(value)
    try:
        parsed = _PARSERS[field](value)
    except CellError:
        raise UsageError("err_correction_value") from None
    if parsed is None:
        raise UsageError("err_required:correction_value")
    return parsed.isoformat() if isinstance(parsed, date) else str(parsed)[:200]


def _parse_skp(value: str) -> str:
    """'2025 Sangat Baik' -> '2025: Sangat Baik' (the predicate read as an import reads it)."""
    if not (value or "").strip():
        raise UsageError("err_required:correction_value")
    m = _SKP_VALUE.fullmatch(value.strip())
    if m is None or not 1990 <= int(m.group(1)) <= 2100:
        raise UsageError("err_correction_value")
    try:
        predicate = parse_predicate(m.group(2))
    except CellError:
        raise UsageError("err_correction_value") from None
    if predicate is None:
        raise UsageError("err_correction_value")
    return f"{int(m.group(1))}: {predicate}"


def _correct_skp(conn: Connection, nip: str, new: str) -> str | None:
    """Set the predicate of one SKP year (adding the year when it is not on file); the old
    value as '2025: Baik', or None. A later import of the SKP file wins, as for any field."""
    year_text, predicate = new.split(": ", 1)
    year = int(year_text)
    row = conn.execute(select(SKP).where(SKP.c.nip == nip, SKP.c.year == year)).first()
    if row is None:
        conn.execute(SKP.insert().values(key=KEYS["skp"]({"nip": nip, "year": year}), nip=nip, year=year,
                                         predicate=predicate))
        return None
    conn.execute(update(SKP).where(SKP.c.id == row.id).values(predicate=predicate))
    return f"{year}: {row.predicate}" if row.predicate else None


def accept_report(engine: Engine, receipt: str, answer: str, field: str, value: str, source: str, by: str,
                  now: datetime) -> tuple[str, str | None, str]:
    """Accept a data-error report: correct one field of the person's record (with the
    source the correction comes from) and answer the person; all in one transaction.
    Returns (field, old value, new value)."""
    body = _body(answer, "answer")
    new = parse_correction(field, value)
    src = (source or "").strip()[:500]
    if not src:
        raise UsageError("err_required:correction_source")
    with engine.begin() as conn:
        rep = conn.execute(select(DR).where(DR.c.receipt == receipt)).first()
        if rep is None:
            raise UsageError("err_not_found")
        if rep.status in ("accepted", "rejected"):
            raise UsageError("err_already_handled")
        if field == SKP_FIELD:
            old_text = _correct_skp(conn, rep.nip, new)
        else:
            old = conn.execute(select(EMP.c[field]).where(EMP.c.nip == rep.nip)).scalar()
            stored: object = date.fromisoformat(new) if field in ("tmt_golongan", "tmt_jabatan", "tmt_cpns", "tmt_pns") else new
            conn.execute(update(EMP).where(EMP.c.nip == rep.nip).values({field: stored}))
            old_text = old.isoformat() if isinstance(old, date) else (str(old) if old is not None else None)
        conn.execute(CO.insert().values(report_id=rep.id, nip=rep.nip, field=field, old_value=old_text,
                                        new_value=new, source=src, by=by, at=now))
        conn.execute(update(DR).where(DR.c.id == rep.id).values(status="accepted", answer=body, answered_by=by,
                                                                answered_at=now))
    return field, old_text, new


def reject_report(engine: Engine, receipt: str, reason: str, by: str, now: datetime) -> None:
    body = _body(reason, "reject_reason")
    with engine.begin() as conn:
        rep = conn.execute(select(DR).where(DR.c.receipt == receipt)).first()
        if rep is None:
            raise UsageError("err_not_found")
        if rep.status in ("accepted", "rejected"):
            raise UsageError("err_already_handled")
        conn.execute(update(DR).where(DR.c.id == rep.id).values(status="rejected", answer=body, answered_by=by,
                                                                answered_at=now))


@dataclass(frozen=True)
class CorrectionView:
    field: str
    old_value: str | None
    new_value: str
    source: str
    by: str
    at: datetime


def corrections(engine: Engine, nip: str) -> list[CorrectionView]:
    with engine.connect() as conn:
        rows = conn.execute(select(CO).where(CO.c.nip == nip).order_by(CO.c.id)).all()
    return [CorrectionView(r.field, r.old_value, r.new_value, r.source, r.by, r.at) for r in rows]
