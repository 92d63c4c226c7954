"""What an employee sends: a data-error report, or a response to a decision (tanggapan
before an SK, keberatan after one), each with a receipt number and an optional document.
The document and the record are written together or not at all."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from engine.pack import Pack
from mutasi.errors import UsageError
from mutasi.portal import params, uploads
from mutasi.portal.mydata import ITEMS
from mutasi.portal.publication import Published
from mutasi.portal.workdays import add_working_days
from mutasi.store.models import table_of
from mutasi.store.portal_models import DataReport, Response, Upload

DR = table_of(DataReport)
RS = table_of(Response)
UP = table_of(Upload)
STATUSES = ("received", "under_review", "answered")
MAX_TEXT = 5000


@dataclass(frozen=True)
class Deadline:
    kind: str  # tanggapan | keberatan
    start: date  # the day counting starts from (publication, or the SK's announcement)
    days: int  # working days
    deadline: date  # the last day a response is accepted
    regulation: str
    article: str
    provisional: bool  # runs past the last year whose holidays the pack lists


@dataclass(frozen=True)
class Sent:
    receipt: str
    kind: str
    subject: str  # decision id, or the data item's key
    text: str
    status: str
    answer: str | None
    created_at: datetime
    deadline: date | None
    upload_id: int | None


def deadline_for(pub: Published, pack: Pack | None) -> Deadline:
    if pub.sk_number and pub.announced_on:
        kind, start, name = "keberatan", pub.announced_on, "objection_period_working_days"
    else:
        kind, start, name = "tanggapan", pub.published_on, "response_period_working_days"
    per = params.period(pack, name, start)
    days, known_until = params.holidays(pack)
    end = add_working_days(start, per.days, days)
    return Deadline(kind, start, per.days, end, per.regulation, per.article,
                    known_until is None or end > known_until)


def _receipt(prefix: str, today: date) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return f"{prefix}-{today:%Y%m%d}-" + "".join(secrets.choice(alphabet) for _ in range(6))


def _upload(conn: Connection, folder: Path, nip: str, doc: uploads.Checked | None, now: datetime) -> int | None:
    if doc is None:
        return None
    uploads.store(folder, doc)
    conn.execute(UP.insert().values(nip=nip, filename=doc.filename, content_type=doc.content_type,
                                    size=len(doc.data), sha256=doc.sha256, created_at=now))
    return int(conn.execute(select(UP.c.id).where(UP.c.nip == nip, UP.c.sha256 == doc.sha256)
                            .order_by(UP.c.id.desc()).limit(1)).scalar_one())


def _text(value: str, limit: int, name: str) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if not text:
        raise UsageError("err_required:" + name)
    return text[:limit]


def report_error(engine: Engine, folder: Path, nip: str, item: str, message: str,
                 doc: uploads.Checked | None, now: datetime, today: date) -> str:
    if item not in ITEMS:
        raise UsageError("err_bad_form")
    text = _text(message, 2000, "report_message")
    receipt = _receipt("LD", today)
    with engine.begin() as conn:
        upload_id = _upload(conn, folder, nip, doc, now)
        conn.execute(DR.insert().values(receipt=receipt, nip=nip, item=item, message=text, upload_id=upload_id,
                                        status="received", created_at=now))
    return receipt


def file_response(engine: Engine, folder: Path, nip: str, run_seq: int, decision_id: str, dl: Deadline,
                  text: str, doc: uploads.Checked | None, now: datetime, today: date) -> str:
    if today > dl.deadline:
        raise UsageError("err_deadline_passed")
    body = _text(text, MAX_TEXT, "response_text")
    receipt = _receipt("TG" if dl.kind == "tanggapan" else "KB", today)
    with engine.begin() as conn:
        upload_id = _upload(conn, folder, nip, doc, now)
        conn.execute(RS.insert().values(receipt=receipt, nip=nip, run_seq=run_seq, decision_id=decision_id,
                                        kind=dl.kind, text=body, upload_id=upload_id, deadline=dl.deadline,
                                        status="received", answer=None, answered_at=None, answered_by=None,
                                        created_at=now))
    return receipt


def answer(engine: Engine, receipt: str, text: str, by: str, now: datetime) -> None:
    """Committee's answer (part 2 adds the page); the response becomes 'answered'."""
    body = _text(text, MAX_TEXT, "answer")
    with engine.begin() as conn:
        found = conn.execute(RS.update().where(RS.c.receipt == receipt).values(
            answer=body, answered_by=by, answered_at=now, status="answered")).rowcount
    if not found:
        raise UsageError(f"no response with receipt {receipt}")


def responses(engine: Engine, nip: str) -> list[Sent]:
    with engine.connect() as conn:
        rows = conn.execute(select(RS).where(RS.c.nip == nip).order_by(RS.c.created_at.desc(), RS.c.id.desc()))
        return [Sent(r.receipt, r.kind, r.decision_id, r.text, r.status, r.answer, r.created_at, r.deadline,
                     r.upload_id) for r in rows]


def reports(engine: Engine, nip: str) -> list[Sent]:
    with engine.connect() as conn:
        rows = conn.execute(select(DR).where(DR.c.nip == nip).order_by(DR.c.created_at.desc(), DR.c.id.desc()))
        return [Sent(r.receipt, "data", r.item, r.message, r.status, r.answer, r.created_at, None, r.upload_id)
                for r in rows]


def upload_of(engine: Engine, folder: Path, upload_id: int, nip: str | None) -> tuple[str, str, bytes] | None:
    """(filename, content type, bytes) of a document, only when it belongs to `nip`
    (None = a staff reader; the route records that read)."""
    with engine.connect() as conn:
        row = conn.execute(select(UP).where(UP.c.id == upload_id)).first()
    if row is None or (nip is not None and row.nip != nip):
        return None
    try:
        data = uploads.path_of(folder, row.sha256).read_bytes()
    except (OSError, ValueError):
        return None
    return str(row.filename), str(row.content_type), data
