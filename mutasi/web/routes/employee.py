"""The employee's own pages. None takes a NIP from the request: every page reads the
signed-in account's NIP (permissions.py, rule 2)."""

from __future__ import annotations

from starlette.responses import Response

from mutasi.portal import mydata
from mutasi.web.deps import Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.views import error, render


def _nip(ctx: Ctx) -> str:
    assert ctx.user is not None and ctx.user.nip is not None  # Permission.OWN_DATA
    return ctx.user.nip


@page("/saya", Permission.OWN_DATA)
def my_home(ctx: Ctx) -> Response:
    return render(ctx, "my_home.html.j2", tab="home")


@page("/saya/data", Permission.OWN_DATA)
def my_data(ctx: Ctx) -> Response:
    view = mydata.person_data(ctx.cfg.engine, _nip(ctx), ctx.lang, ctx.cfg.today())
    if view is None:
        return error(ctx, 404, "err_not_found")
    return render(ctx, "data.html.j2", tab="data", data=view, own=True, reports=[],
                  max_mb=ctx.cfg.max_upload // (1024 * 1024), message="", done="")
