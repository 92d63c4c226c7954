"""The portal's ASGI application: routes from mutasi/web/routes, security headers on every
response, errors as pages (never a traceback)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from audit.log import AuditLog
from mutasi.web.config import PortalConfig
from mutasi.web.deps import ROUTES, build_ctx, finish
from mutasi.web.views import STATIC, error

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


class SecurityHeaders:
    def __init__(self, app: ASGIApp, https: bool) -> None:
        self.app, self.https = app, https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = {
                    b"content-security-policy": CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"DENY",
                    b"referrer-policy": b"same-origin",
                    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
                    b"cross-origin-opener-policy": b"same-origin",
                    b"cache-control": b"no-store",
                }
                if self.https:
                    extra[b"strict-transport-security"] = b"max-age=31536000"
                headers += [(k, v) for k, v in extra.items() if k not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _not_found(request: Request, exc: Exception) -> Response:
    ctx = build_ctx(request)
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    key = "err_not_found" if status == 404 else "err_bad_form"
    return finish(ctx, error(ctx, status, key))


async def _internal(request: Request, exc: Exception) -> Response:
    ctx = build_ctx(request)
    return error(ctx, 500, "err_internal")


def create_app(cfg: PortalConfig) -> Starlette:
    import mutasi.web.routes  # noqa: F401  (registers every page in ROUTES)

    routes: list[Route | Mount] = [Route(r.path, r.endpoint, methods=list(r.methods), name=r.name)
                                   for r in ROUTES]
    routes.append(Mount("/static", StaticFiles(directory=str(STATIC)), name="static"))
    app = Starlette(routes=routes,
                    middleware=[Middleware(SecurityHeaders, https=cfg.https)],
                    exception_handlers={HTTPException: _not_found, Exception: _internal})
    app.state.cfg = cfg
    app.state.audit = AuditLog(cfg.engine)
    return app
