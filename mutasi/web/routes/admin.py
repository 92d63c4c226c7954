"""Admin pages: staff accounts created in the portal (as `mutasi users add` does)."""

from __future__ import annotations

import secrets

from starlette.responses import Response

from mutasi.errors import UsageError
from mutasi.portal import accounts
from mutasi.portal.roles import Role
from mutasi.web import auditing
from mutasi.web.deps import Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.text import tr
from mutasi.web.views import render

ROLES = (Role.COMMITTEE, Role.INSPECTOR, Role.ADMIN)


def _page(ctx: Ctx, status: int = 200, message: str = "", created: dict[str, str] | None = None) -> Response:
    every = accounts.list_accounts(ctx.cfg.engine)
    # staff accounts only: employees' accounts are personal data this page does not need
    staff = [a for a in every if a.role is not Role.EMPLOYEE]
    return render(ctx, "admin_accounts.html.j2", status=status, accounts=staff, employees=len(every) - len(staff),
                  roles=[r.value for r in ROLES], message=message, created=created)


@page("/admin/akun", Permission.ADMIN)
def admin_accounts(ctx: Ctx) -> Response:
    return _page(ctx)


@page("/admin/akun", Permission.ADMIN, methods=("POST",))
def admin_create_account(ctx: Ctx) -> Response:
    role = ctx.form.get("role", "")
    if role not in {r.value for r in ROLES}:
        return _page(ctx, 400, tr("err_bad_form", ctx.lang))
    password = secrets.token_urlsafe(12)
    try:
        acct = accounts.create_account(ctx.cfg.engine, ctx.form.get("username", "")[:64], Role(role),
                                       ctx.form.get("display_name", "")[:200], ctx.now, password=password)
    except UsageError:
        return _page(ctx, 400, tr("err_account", ctx.lang))
    secret = accounts.totp_secret_of(ctx.cfg.engine, acct.username) or ""
    auditing.record(ctx, "account_created", None, {"username": acct.username, "role": role})
    return _page(ctx, created={"username": acct.username, "password": password, "totp": secret,
                               "uri": accounts.totp_uri(secret, acct.username)})
