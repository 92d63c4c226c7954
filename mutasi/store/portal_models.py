"""Tables of the web portal (docs/portal.md): accounts, sessions, sign-in attempts, activation
codes, publication of runs to employees, preference rounds, data-error reports, responses
and uploaded files.

Secrets are never stored in the clear: passwords as argon2id hashes, session tokens and
activation codes as SHA-256 of the random value (the clear value only ever exists in the
cookie or on the printed code sheet). Times are timezone-aware UTC.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


def _ts(nullable: bool = False, index: bool = False) -> datetime:
    return Field(sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


class Account(SQLModel, table=True):
    """A person who may sign in: employee (bound to one NIP), committee, inspector or admin."""

    __tablename__ = "portal_account"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=100)
    role: str = Field(max_length=20)
    nip: str | None = Field(default=None, unique=True, max_length=18)
    display_name: str = Field(max_length=200)
    password_hash: str | None = Field(default=None, max_length=200)
    totp_secret: str | None = Field(default=None, max_length=64)
    active: bool = True
    demo: bool = False  # created by `mutasi demo`: never in a real deployment
    created_at: datetime = _ts()


class ActivationCode(SQLModel, table=True):
    """A one-time code BKPSDM hands to an employee to activate their account."""

    __tablename__ = "portal_activation"
    id: int | None = Field(default=None, primary_key=True)
    nip: str = Field(index=True, max_length=18)
    code_sha256: str = Field(unique=True, max_length=64)
    created_at: datetime = _ts()
    expires_at: datetime = _ts()
    used_at: datetime | None = _ts(nullable=True)


class WebSession(SQLModel, table=True):
    """A server-side session; the cookie holds only the random token."""

    __tablename__ = "portal_session"
    token_sha256: str = Field(primary_key=True, max_length=64)
    account_id: int = Field(foreign_key="portal_account.id", index=True)
    csrf: str = Field(max_length=64)
    created_at: datetime = _ts()
    expires_at: datetime = _ts()


class SignInAttempt(SQLModel, table=True):
    """One failed (or successful) sign-in, counted per account and per address."""

    __tablename__ = "portal_signin_attempt"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, max_length=100)
    address: str = Field(index=True, max_length=64)
    ok: bool
    at: datetime = _ts(index=True)


class Publication(SQLModel, table=True):
    """A run whose decisions employees may read in the portal, and the SK behind it, if any.

    Without an SK number, what an employee sends is a tanggapan (before a decision is
    signed); with one, a keberatan counted from ``announced_on`` (UU 30/2014 Pasal 77)."""

    __tablename__ = "portal_publication"
    run_seq: int = Field(primary_key=True)
    published_on: date
    sk_number: str | None = Field(default=None, max_length=100)
    announced_on: date | None = None
    created_by: str = Field(max_length=100)


class PreferenceRound(SQLModel, table=True):
    """A period in which employees rank the units they would like to move to."""

    __tablename__ = "portal_round"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    opens_on: date
    closes_on: date  # the last day on which preferences are accepted
    max_choices: int
    created_by: str = Field(max_length=100)


class PortalPreference(SQLModel, table=True):
    """One ranked choice of an employee in a round; a new submission replaces the old one."""

    __tablename__ = "portal_preference"
    __table_args__ = (UniqueConstraint("round_id", "nip", "rank"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="portal_round.id", index=True)
    nip: str = Field(index=True, max_length=18)
    rank: int
    unit_id: str = Field(foreign_key="unit.id", max_length=64)
    submitted_at: datetime = _ts()


class Upload(SQLModel, table=True):
    """A document an employee attached; the bytes live in the upload folder, by content hash."""

    __tablename__ = "portal_upload"
    id: int | None = Field(default=None, primary_key=True)
    nip: str = Field(index=True, max_length=18)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=60)
    size: int
    sha256: str = Field(max_length=64)
    created_at: datetime = _ts()


class DataReport(SQLModel, table=True):
    """An employee's report that an item of their data is wrong (BKPSDM's queue, part 2)."""

    __tablename__ = "portal_data_report"
    id: int | None = Field(default=None, primary_key=True)
    receipt: str = Field(unique=True, max_length=40)
    nip: str = Field(index=True, max_length=18)
    item: str = Field(max_length=40)
    message: str = Field(max_length=2000)
    upload_id: int | None = Field(default=None, foreign_key="portal_upload.id")
    status: str = Field(default="received", max_length=20)  # received | accepted | rejected
    created_at: datetime = _ts()
    answer: str | None = Field(default=None, max_length=5000)  # the committee's words to the person
    answered_at: datetime | None = _ts(nullable=True)
    answered_by: str | None = Field(default=None, max_length=100)


class Response(SQLModel, table=True):
    """A tanggapan (before an SK) or keberatan (after one) about a decision."""

    __tablename__ = "portal_response"
    id: int | None = Field(default=None, primary_key=True)
    receipt: str = Field(unique=True, max_length=40)
    nip: str = Field(index=True, max_length=18)
    run_seq: int
    decision_id: str = Field(max_length=40)
    kind: str = Field(max_length=20)  # tanggapan | keberatan
    text: str = Field(max_length=5000)
    upload_id: int | None = Field(default=None, foreign_key="portal_upload.id")
    deadline: date
    status: str = Field(default="received", max_length=20)  # received | under_review | answered
    answer: str | None = Field(default=None, max_length=5000)
    answered_at: datetime | None = _ts(nullable=True)
    answered_by: str | None = Field(default=None, max_length=100)
    created_at: datetime = _ts()


class Correction(SQLModel, table=True):
    """A correction of one field of an employee's record, accepted from a data-error report:
    the value before and after, and the source (the document or register it comes from).
    The next run reads the corrected record; a later import of the source files wins."""

    __tablename__ = "portal_correction"
    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="portal_data_report.id", index=True)
    nip: str = Field(index=True, max_length=18)
    field: str = Field(max_length=60)
    old_value: str | None = Field(default=None, max_length=200)
    new_value: str = Field(max_length=200)
    source: str = Field(max_length=500)
    by: str = Field(max_length=100)
    at: datetime = _ts()


class Job(SQLModel, table=True):
    """A run the committee started in the portal, done by a worker thread of the server:
    progress for the page, and the audit run it recorded when done."""

    __tablename__ = "portal_job"
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # evaluate | plan | round
    as_of: date
    round_id: int | None = None  # round: the voluntary round run; plan: the round it builds on
    actor: str = Field(max_length=100)
    status: str = Field(default="waiting", max_length=20)  # waiting | running | done | failed
    done: int = 0
    total: int = 0
    stage: str = Field(default="", max_length=200)
    run_seq: int | None = None
    error: str | None = Field(default=None, max_length=2000)
    created_at: datetime = _ts()
    finished_at: datetime | None = _ts(nullable=True)


PORTAL_MODELS: tuple[type[SQLModel], ...] = (
    Account, ActivationCode, WebSession, SignInAttempt, Publication, PreferenceRound,
    PortalPreference, Upload, DataReport, Response, Correction, Job,
)
