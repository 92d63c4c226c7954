"""Access entries: who did what in the web portal, when, about whom (docs/audit-format.md,
kind `access`). Each is its own batch, closed by a checkpoint, like an override."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from audit import entries as E
from audit import errors
from audit import readers as R
from audit.appender import _Appender, _iso, _json_data, _transaction
from audit.errors import AuditUsageError


def append_access(engine: Engine, actor: str, role: str, action: str, nip: str | None, at: datetime | str,
                  detail: dict[str, Any] | None = None) -> int:
    """Append one access entry and its checkpoint; returns the entry's index."""
    for what, value in (("actor", actor), ("role", role), ("action", action)):
        if not (value or "").strip():
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"access entry: {what} may not be empty")
    body = {"kind": E.ACCESS, "actor": actor, "role": role, "action": action, "nip": nip,
            "at": _iso(at, "at"), "detail": _json_data(detail or {}, "detail")}
    with _transaction(engine) as conn:
        app = _Appender(conn)
        seq = app.append(body)
        app.checkpoint(None)
        app.flush()
    app.remember()
    return seq


def accesses(engine: Engine, nip: str | None = None, actor: str | None = None) -> list[R.AccessRecord]:
    """Access entries, oldest first; only those about `nip` and/or by `actor`."""
    with engine.connect() as conn:
        return R.accesses(conn, nip, actor)
