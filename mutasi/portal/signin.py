"""Sign-in rate limit and lockout, per account name and per address.

After MAX_PER_ACCOUNT failed attempts on one account name, or MAX_PER_ADDRESS from one
address, within WINDOW, further attempts are refused (even with the right password) until
the oldest failure leaves the window. A successful sign-in does not erase failures: an
attacker who knows one password cannot reset the counter for the others.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, select

from mutasi.store.models import table_of
from mutasi.store.portal_models import SignInAttempt

WINDOW = timedelta(minutes=15)
MAX_PER_ACCOUNT = 5
MAX_PER_ADDRESS = 20
T = table_of(SignInAttempt)


def locked_for(engine: Engine, username: str, address: str, now: datetime) -> int:
    """Minutes until sign-in is allowed again (0 = allowed now)."""
    since = now - WINDOW
    name = username.strip().lower()[:100]
    with engine.connect() as conn:
        waits = []
        for col, value, limit in ((T.c.username, name, MAX_PER_ACCOUNT), (T.c.address, address, MAX_PER_ADDRESS)):
            rows = conn.execute(select(T.c.at).where(col == value, T.c.ok.is_(False), T.c.at >= since)
                                .order_by(T.c.at.desc()).limit(limit)).all()
            if len(rows) >= limit:
                oldest = rows[-1].at
                oldest = oldest if oldest.tzinfo else oldest.replace(tzinfo=now.tzinfo)
                waits.append(oldest + WINDOW - now)
    if not waits:
        return 0
    return max(1, -(-int(max(waits).total_seconds()) // 60))  # whole minutes, rounded up


def record(engine: Engine, username: str, address: str, ok: bool, now: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(T.insert().values(username=username.strip().lower()[:100], address=address[:64],
                                       ok=ok, at=now))
        # old attempts tell nothing any more
        conn.execute(delete(T).where(T.c.at < now - 8 * WINDOW))


def failures(engine: Engine, username: str, now: datetime) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(
            T.c.username == username.strip().lower(), T.c.ok.is_(False), T.c.at >= now - WINDOW)).scalar() or 0)
