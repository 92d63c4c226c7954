"""Accounts: argon2id password hashes, TOTP, one-time activation codes for employees."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, select, update

from mutasi.errors import UsageError
from mutasi.portal.roles import STAFF, TOTP_REQUIRED, Role
from mutasi.store.models import Employee, table_of
from mutasi.store.portal_models import Account, ActivationCode

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
MIN_PASSWORD = 10
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
NIP = re.compile(r"^\d{18}$")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed from paper
ACTIVATION_DAYS = 30

A = table_of(Account)
C = table_of(ActivationCode)
EMP = table_of(Employee)


@dataclass(frozen=True)
class AccountView:
    id: int
    username: str
    role: Role
    nip: str | None
    display_name: str
    has_totp: bool
    demo: bool


def _view(row: object) -> AccountView:
    r = row
    return AccountView(r.id, r.username, Role(r.role), r.nip, r.display_name,  # type: ignore[attr-defined]
                       bool(r.totp_secret), bool(r.demo))  # type: ignore[attr-defined]


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_problem(password: str, again: str | None = None) -> str | None:
    """Message key of what is wrong with a new password, or None."""
    if again is not None and password != again:
        return "err_password_mismatch"
    if len(password) < MIN_PASSWORD:
        return "err_password_short"
    return None


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_ok(secret: str, code: str, now: datetime) -> bool:
    code = (code or "").strip().replace(" ", "")
    return bool(code.isdigit() and len(code) == 6 and pyotp.TOTP(secret).verify(code, for_time=now, valid_window=1))


def totp_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="mutasi")


def create_account(engine: Engine, username: str, role: Role, display_name: str, now: datetime,
                   nip: str | None = None, password: str | None = None, totp_secret: str | None = None,
                   demo: bool = False) -> AccountView:
    """Create one account; staff get a TOTP secret (the caller shows it once)."""
    username = username.strip().lower()
    if role is Role.EMPLOYEE:
        if not nip or not NIP.match(nip):
            raise UsageError(f"an employee account needs an 18-digit NIP, not {nip!r}")
        username = nip
    elif not USERNAME.match(username):
        raise UsageError(f"username {username!r}: 3-64 lower-case letters, digits, '.', '_' or '-'")
    if not display_name.strip():
        raise UsageError("an account needs a display name")
    if role in TOTP_REQUIRED and totp_secret is None:
        totp_secret = new_totp_secret()
    with engine.begin() as conn:
        if nip is not None and conn.execute(select(EMP.c.nip).where(EMP.c.nip == nip)).first() is None:
            raise UsageError(f"NIP {nip} is not in the store (import the employees first)")
        if conn.execute(select(A.c.id).where(A.c.username == username)).first() is not None:
            raise UsageError(f"account {username!r} already exists")
        conn.execute(A.insert().values(
            username=username, role=role.value, nip=nip, display_name=display_name.strip(),
            password_hash=hash_password(password) if password else None, totp_secret=totp_secret,
            active=True, demo=demo, created_at=now))
        row = conn.execute(select(A).where(A.c.username == username)).one()
    return _view(row)


def get_account(engine: Engine, account_id: int) -> AccountView | None:
    with engine.connect() as conn:
        row = conn.execute(select(A).where(A.c.id == account_id, A.c.active.is_(True))).first()
    return _view(row) if row else None


def find_account(engine: Engine, username: str) -> AccountView | None:
    with engine.connect() as conn:
        row = conn.execute(select(A).where(A.c.username == username.strip().lower())).first()
    return _view(row) if row else None


def list_accounts(engine: Engine) -> list[AccountView]:
    with engine.connect() as conn:
        return [_view(r) for r in conn.execute(select(A).order_by(A.c.role, A.c.username))]


def check_credentials(engine: Engine, username: str, password: str, code: str,
                      now: datetime) -> tuple[AccountView | None, str | None]:
    """(account, None) when password and, where needed, the TOTP code are right; else
    (None, message key). The message never says which part was wrong."""
    with engine.connect() as conn:
        row = conn.execute(select(A).where(A.c.username == username.strip().lower(),
                                           A.c.active.is_(True))).first()
    stored = row.password_hash if row is not None else None
    try:
        ok = stored is not None and _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if row is None or not ok:
        if row is None:
            _HASHER.hash(password or "x")  # spend the same time: no account-existence oracle
        return None, "err_signin"
    needs_totp = bool(row.totp_secret) or Role(row.role) in TOTP_REQUIRED
    if needs_totp and not (row.totp_secret and totp_ok(row.totp_secret, code, now)):
        return None, "err_signin_totp"
    if stored is not None and _HASHER.check_needs_rehash(stored):
        with engine.begin() as conn:
            conn.execute(update(A).where(A.c.id == row.id).values(password_hash=hash_password(password)))
    return _view(row), None


def totp_secret_of(engine: Engine, username: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(A.c.totp_secret).where(A.c.username == username)).scalar()


def set_totp(engine: Engine, account_id: int, secret: str | None) -> None:
    with engine.begin() as conn:
        conn.execute(update(A).where(A.c.id == account_id).values(totp_secret=secret))


def _code_hash(code: str) -> str:
    clean = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(clean.encode("ascii", "ignore")).hexdigest()


def issue_codes(engine: Engine, nips: list[str], now: datetime,
                days: int = ACTIVATION_DAYS) -> list[tuple[str, str, str, datetime]]:
    """A new activation code for each NIP (earlier unused codes stop working): (nip, name,
    code, expires_at). All NIPs are checked first; nothing is written if one is unknown."""
    seen: set[str] = set()
    with engine.begin() as conn:
        names = dict(conn.execute(select(EMP.c.nip, EMP.c.name).where(EMP.c.nip.in_(nips))).all())
        bad = [n for n in nips if n not in names]
        if bad:
            raise UsageError(f"{len(bad)} NIP(s) not in the store: {', '.join(bad[:5])}"
                             f"{' ...' if len(bad) > 5 else ''}; no code was written")
        out = []
        expires = now + timedelta(days=days)
        for nip in nips:
            if nip in seen:
                continue
            seen.add(nip)
            conn.execute(update(C).where(C.c.nip == nip, C.c.used_at.is_(None)).values(used_at=now))
            raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
            code = "-".join(raw[i:i + 4] for i in range(0, 12, 4))
            conn.execute(C.insert().values(nip=nip, code_sha256=_code_hash(code), created_at=now,
                                           expires_at=expires, used_at=None))
            out.append((nip, str(names[nip]), code, expires))
    return out


def activate(engine: Engine, nip: str, code: str, password: str, now: datetime) -> AccountView:
    """Redeem an activation code: create (or reset the password of) the NIP's employee
    account. Raises UsageError with a message key; nothing is written then."""
    nip = nip.strip()
    with engine.begin() as conn:
        row = conn.execute(select(C).where(C.c.code_sha256 == _code_hash(code), C.c.nip == nip)).first()
        if row is None or row.used_at is not None or _aware(row.expires_at) < now:
            raise UsageError("err_activation")
        name = conn.execute(select(EMP.c.name).where(EMP.c.nip == nip)).scalar()
        acct = conn.execute(select(A).where(A.c.nip == nip)).first()
        if acct is not None and Role(acct.role) in STAFF:
            raise UsageError("err_activation")
        conn.execute(update(C).where(C.c.id == row.id).values(used_at=now))
        if acct is None:
            conn.execute(A.insert().values(username=nip, role=Role.EMPLOYEE.value, nip=nip,
                                           display_name=str(name or nip), password_hash=hash_password(password),
                                           totp_secret=None, active=True, demo=False, created_at=now))
        else:
            conn.execute(update(A).where(A.c.id == acct.id).values(password_hash=hash_password(password)))
        out = conn.execute(select(A).where(A.c.nip == nip)).one()
    return _view(out)


def _aware(value: datetime) -> datetime:
    """SQLite gives naive datetimes back: they were stored as UTC."""
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)
