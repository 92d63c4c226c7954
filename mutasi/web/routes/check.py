"""The public "check a letter" page (issue 15): no sign-in; a letter file or its printed
verification code; failures are rate-limited per address like sign-in."""

from __future__ import annotations

from starlette.responses import Response

from mutasi.portal import letter_public, signin
from mutasi.web import text_inspector as _texts  # noqa: F401  (registers the page's sentences)
from mutasi.web.deps import Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.text import tr
from mutasi.web.views import render
from reports.fmt import fdate


def _limit_name(ctx: Ctx) -> str:
    return f"~periksa-surat:{ctx.address}"  # its own counter per address, never an account's


def _page(ctx: Ctx, status: int = 200, verdict: str = "", ok: bool = False, reason: str = "") -> Response:
    return render(ctx, "check_letter.html.j2", status=status, verdict=verdict, ok=ok, reason=reason,
                  available=ctx.cfg.trust is not None, mb=ctx.cfg.max_upload // (1024 * 1024))


@page("/periksa-surat", Permission.PUBLIC)
def check_form(ctx: Ctx) -> Response:
    return _page(ctx)


@page("/periksa-surat", Permission.PUBLIC, methods=("POST",))
def check_post(ctx: Ctx) -> Response:
    cfg = ctx.cfg
    if cfg.trust is None:
        return _page(ctx, 404)  # no trust policy configured: there is no check to run
    wait = signin.locked_for(cfg.engine, _limit_name(ctx), ctx.address, ctx.now)
    if wait:
        return _page(ctx, 429, reason=tr("check_locked", ctx.lang, minutes=wait))
    f = ctx.files.get("letter")
    data = f.file.read(cfg.max_upload + 1) if f is not None else b""
    if len(data) > cfg.max_upload:
        return _page(ctx, 413, reason=tr("err_too_large", ctx.lang, mb=cfg.max_upload // (1024 * 1024)))
    code = ctx.form.get("code", "").strip()[:60]
    if not data and not code:
        return _page(ctx, 400, reason=tr("check_need_input", ctx.lang))
    result = letter_public.check(cfg.engine, cfg.trust, data or None, (f.filename if f else "") or "", code)
    if not result.ok:
        signin.record(cfg.engine, _limit_name(ctx), ctx.address, False, ctx.now)
        return _page(ctx, 200, verdict=tr("check_invalid", ctx.lang), reason=tr(result.why, ctx.lang))
    return _page(ctx, 200, ok=True, verdict=tr("check_valid", ctx.lang, day=fdate(result.as_of, ctx.lang),
                                                run=result.run))
