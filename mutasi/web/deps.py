"""Per-request context and the one route decorator: parse, check permission and CSRF, call
the handler in a worker thread (database work is synchronous), render.

    @page("/saya", Permission.OWN_DATA)
    def home(ctx: Ctx) -> Response: ...

Every route is registered in ROUTES with its permission, so tests walk them all.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from mutasi.portal import accounts, sessions
from mutasi.portal.accounts import AccountView
from mutasi.web.config import PortalConfig
from mutasi.web.permissions import Permission, allowed

SESSION_COOKIE = "mutasi_session"
ANON_COOKIE = "mutasi_anon"  # anonymous CSRF token for sign-in and activation forms
LANG_COOKIE = "mutasi_lang"


@dataclass
class Ctx:
    request: Request
    cfg: PortalConfig
    now: datetime
    lang: str
    user: AccountView | None
    session_token: str | None
    csrf: str
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, UploadFile] = field(default_factory=dict)
    set_anon: str | None = None  # a new anonymous token to set as cookie

    @property
    def address(self) -> str:
        client = self.request.client
        return client.host if client else "unknown"

    def path_param(self, name: str) -> str:
        return str(self.request.path_params.get(name, ""))


@dataclass(frozen=True)
class RouteSpec:
    path: str
    methods: tuple[str, ...]
    permission: Permission
    endpoint: Callable[[Request], Any]
    name: str
    read_only: bool = False  # a POST that changes no data (it may only append audit entries)


ROUTES: list[RouteSpec] = []


def _anon_csrf(secret: bytes, anon: str) -> str:
    return hmac.new(secret, b"csrf:" + anon.encode("utf-8"), hashlib.sha256).hexdigest()


def build_ctx(request: Request) -> Ctx:
    cfg: PortalConfig = request.app.state.cfg
    now = cfg.now()
    lang = request.cookies.get(LANG_COOKIE, "id")
    lang = lang if lang in ("id", "en") else "id"
    token = request.cookies.get(SESSION_COOKIE)
    user = None
    csrf = ""
    if token:
        info = sessions.lookup(cfg.engine, cfg.secret, token, now)
        if info is not None:
            user = accounts.get_account(cfg.engine, info.account_id)
            csrf = info.csrf if user is not None else ""
        if user is None:
            token = None
    ctx = Ctx(request, cfg, now, lang, user, token, csrf)
    if user is None:
        anon = request.cookies.get(ANON_COOKIE, "")
        if not (20 <= len(anon) <= 100):
            anon = secrets.token_urlsafe(24)
            ctx.set_anon = anon
        ctx.csrf = _anon_csrf(cfg.secret, anon)
    return ctx


def finish(ctx: Ctx, resp: Response) -> Response:
    if ctx.set_anon:
        resp.set_cookie(ANON_COOKIE, ctx.set_anon, httponly=True, samesite="strict",
                        secure=ctx.cfg.https, path="/")
    return resp


def page(path: str, permission: Permission, methods: tuple[str, ...] = ("GET",),
         read_only: bool = False) -> Callable[..., Any]:
    """Register a handler `fn(ctx) -> Response` for `path` behind `permission`. `read_only`:
    a POST that changes no data (an inspector's upload to verify, a replay); only the audit
    log may grow (tests/test_portal_inspector.py checks it)."""

    def deco(fn: Callable[[Ctx], Response]) -> Callable[[Ctx], Response]:
        async def endpoint(request: Request) -> Response:
            from mutasi.web import views

            ctx = await run_in_threadpool(build_ctx, request)
            if not allowed(ctx.user, permission):
                if ctx.user is None:
                    return finish(ctx, RedirectResponse("/masuk?sesi=habis", status_code=303))
                return finish(ctx, views.error(ctx, 403, "err_forbidden"))
            if request.method == "POST":
                problem = await _read_form(ctx)
                if problem is not None:
                    return finish(ctx, views.error(ctx, problem[0], problem[1], **problem[2]))
                sent = ctx.form.get("csrf", "")
                if not ctx.csrf or not hmac.compare_digest(sent.encode(), ctx.csrf.encode()):
                    return finish(ctx, views.error(ctx, 403, "err_csrf"))
            resp = await run_in_threadpool(fn, ctx)
            return finish(ctx, resp)

        ROUTES.append(RouteSpec(path, methods, permission, endpoint, fn.__name__, read_only))
        return fn

    return deco


async def _read_form(ctx: Ctx) -> tuple[int, str, dict[str, Any]] | None:
    from starlette.formparsers import MultiPartException

    limit = ctx.cfg.max_upload
    length = ctx.request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit + 64 * 1024:
        return 413, "err_too_large", {"mb": limit // (1024 * 1024)}
    try:
        form: FormData = await ctx.request.form(max_files=2, max_fields=60, max_part_size=limit + 1)
    except MultiPartException:
        return 400, "err_bad_form", {}
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            if value.filename:
                ctx.files[key] = value
        elif key not in ctx.form:
            ctx.form[key] = value
        else:  # repeated fields (ranked choices) are joined; handlers split them
            ctx.form[key] += "\n" + value
    return None
