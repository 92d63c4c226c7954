"""Sign-in, sign-out, activation with a one-time code, language switch, home redirect."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from mutasi.errors import UsageError
from mutasi.portal import accounts, sessions, signin
from mutasi.portal.accounts import password_problem
from mutasi.portal.roles import Role
from mutasi.web import auditing
from mutasi.web.deps import LANG_COOKIE, SESSION_COOKIE, Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.text import tr
from mutasi.web.views import render


@page("/", Permission.PUBLIC)
def index(ctx: Ctx) -> Response:
    if ctx.user is None:
        return RedirectResponse("/masuk", status_code=303)
    return RedirectResponse("/saya" if ctx.user.role is Role.EMPLOYEE else "/staf", status_code=303)


def _signin_page(ctx: Ctx, message: str = "", status: int = 200, username: str = "") -> Response:
    notice = ""
    if ctx.request.query_params.get("sesi") == "habis":
        notice = tr("session_expired", ctx.lang)
    elif ctx.request.query_params.get("keluar") == "1":
        notice = tr("signed_out", ctx.lang)
    elif ctx.request.query_params.get("aktif") == "1":
        notice = tr("activated", ctx.lang)
    return render(ctx, "signin.html.j2", status=status, message=message, notice=notice, username=username)


@page("/masuk", Permission.PUBLIC)
def signin_form(ctx: Ctx) -> Response:
    return _signin_page(ctx)


@page("/masuk", Permission.PUBLIC, methods=("POST",))
def signin_post(ctx: Ctx) -> Response:
    cfg = ctx.cfg
    username = ctx.form.get("username", "").strip()[:100]
    password = ctx.form.get("password", "")[:1000]
    code = ctx.form.get("totp", "")[:20]
    wait = signin.locked_for(cfg.engine, username, ctx.address, ctx.now)
    if wait:
        auditing.record(ctx, "sign_in_failed", None, {"username": username, "why": "locked"})
        return _signin_page(ctx, tr("err_locked", ctx.lang, minutes=wait), 429, username)
    account, problem = accounts.check_credentials(cfg.engine, username, password, code, ctx.now)
    signin.record(cfg.engine, username, ctx.address, account is not None, ctx.now)
    if account is None:
        auditing.record(ctx, "sign_in_failed", None, {"username": username})
        return _signin_page(ctx, tr(problem or "err_signin", ctx.lang), 401, username)
    if ctx.session_token:  # rotate: a session from before sign-in never carries over
        sessions.end(cfg.engine, cfg.secret, ctx.session_token)
    token = sessions.create(cfg.engine, cfg.secret, account.id, ctx.now)
    auditing.record(ctx, "sign_in", account.nip, actor=account.username, role=account.role.value)
    resp = RedirectResponse("/saya" if account.role is Role.EMPLOYEE else "/staf", status_code=303)
    resp.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=cfg.https, path="/",
                    max_age=int(sessions.LIFETIME.total_seconds()))
    return resp


@page("/keluar", Permission.SIGNED_IN, methods=("POST",))
def signout(ctx: Ctx) -> Response:
    if ctx.session_token:
        sessions.end(ctx.cfg.engine, ctx.cfg.secret, ctx.session_token)
    auditing.record(ctx, "sign_out", ctx.user.nip if ctx.user else None)
    resp = RedirectResponse("/masuk?keluar=1", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


@page("/aktivasi", Permission.PUBLIC)
def activate_form(ctx: Ctx) -> Response:
    return render(ctx, "activate.html.j2", message="", nip="")


@page("/aktivasi", Permission.PUBLIC, methods=("POST",))
def activate_post(ctx: Ctx) -> Response:
    nip = ctx.form.get("nip", "").strip()[:18]
    code = ctx.form.get("code", "")[:40]
    password, again = ctx.form.get("password", "")[:1000], ctx.form.get("password_again", "")[:1000]
    key = password_problem(password, again)
    wait = signin.locked_for(ctx.cfg.engine, nip, ctx.address, ctx.now)
    if wait:
        return render(ctx, "activate.html.j2", status=429, message=tr("err_locked", ctx.lang, minutes=wait), nip=nip)
    if key is None:
        try:
            account = accounts.activate(ctx.cfg.engine, nip, code, password, ctx.now)
        except UsageError as exc:
            key = str(exc) if str(exc).startswith("err_") else "err_activation"
            signin.record(ctx.cfg.engine, nip, ctx.address, False, ctx.now)
        else:
            auditing.record(ctx, "activate", account.nip, actor=account.username, role=account.role.value)
            return RedirectResponse("/masuk?aktif=1", status_code=303)
    return render(ctx, "activate.html.j2", status=400, message=tr(key, ctx.lang), nip=nip)


@page("/bahasa/{lang}", Permission.PUBLIC)
def switch_language(ctx: Ctx) -> Response:
    lang = ctx.path_param("lang")
    back = ctx.request.query_params.get("kembali", "/")
    if not back.startswith("/") or back.startswith("//"):  # never an open redirect
        back = "/"
    resp = RedirectResponse(back, status_code=303)
    if lang in ("id", "en"):
        resp.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="lax", secure=ctx.cfg.https, path="/",
                        max_age=365 * 24 * 3600)
    return resp
