"""Write portal events to the audit log (kind `access`, docs/audit-format.md)."""

from __future__ import annotations

from typing import Any

from audit.access import append_access
from audit.log import AuditLog
from mutasi.web.deps import Ctx


def record(ctx: Ctx, action: str, nip: str | None, detail: dict[str, Any] | None = None,
           actor: str | None = None, role: str | None = None) -> None:
    user = ctx.user
    log: AuditLog = ctx.request.app.state.audit
    append_access(log.engine, actor or (user.username if user else "anonymous"),
                   role or (user.role.value if user else "anonymous"),
                   action, nip, ctx.now.isoformat(timespec="seconds"),
                   {"address": ctx.address, **(detail or {})})
