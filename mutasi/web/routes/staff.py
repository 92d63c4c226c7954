"""Staff (committee, inspector, admin) pages of part 1: a home page and one person's data.
The committee and inspector workspaces (issue 14) add their modules next to this one."""

from __future__ import annotations

from starlette.responses import Response

from mutasi.portal import mydata
from mutasi.web import auditing
from mutasi.web.deps import Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.views import error, render


@page("/staf", Permission.STAFF)
def staff_home(ctx: Ctx) -> Response:
    return render(ctx, "staff_home.html.j2")


@page("/staf/pegawai", Permission.STAFF)
def staff_person(ctx: Ctx) -> Response:
    nip = ctx.request.query_params.get("nip", "").strip()
    view = mydata.person_data(ctx.cfg.engine, nip, ctx.lang) if nip.isdigit() and len(nip) == 18 else None
    if view is None:
        return error(ctx, 404, "err_not_found")
    auditing.record(ctx, "view", nip, {"page": "data"})
    return render(ctx, "data.html.j2", data=view, own=False, reports=[], max_mb=ctx.cfg.max_upload // (1024 * 1024),
                  message="", done="")
