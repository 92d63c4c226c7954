"""Server-side sessions: the cookie holds a random token; the table holds its keyed hash,
the account, a CSRF token and the expiry. A new session is made at every sign-in (the old
cookie never becomes a signed-in session)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select

from mutasi.store.models import table_of
from mutasi.store.portal_models import WebSession

LIFETIME = timedelta(hours=8)
T = table_of(WebSession)


@dataclass(frozen=True)
class SessionInfo:
    account_id: int
    csrf: str
    expires_at: datetime


def token_key(secret: bytes, token: str) -> str:
    return hmac.new(secret, token.encode("utf-8"), hashlib.sha256).hexdigest()


def create(engine: Engine, secret: bytes, account_id: int, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(delete(T).where(T.c.expires_at < now))
        conn.execute(T.insert().values(token_sha256=token_key(secret, token), account_id=account_id,
                                       csrf=secrets.token_urlsafe(32), created_at=now,
                                       expires_at=now + LIFETIME))
    return token


def lookup(engine: Engine, secret: bytes, token: str, now: datetime) -> SessionInfo | None:
    if not token or len(token) > 100:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(T).where(T.c.token_sha256 == token_key(secret, token))).first()
    if row is None:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires <= now:
        return None
    return SessionInfo(int(row.account_id), str(row.csrf), expires)


def end(engine: Engine, secret: bytes, token: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(T).where(T.c.token_sha256 == token_key(secret, token)))
