"""Rendering: the portal's Jinja environment (autoescape, StrictUndefined, the reports'
Babel filters) and the error page."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse, Response

from mutasi.web.text import tr
from reports.fmt import fdate, fdatetime

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["fdate"] = fdate
    env.filters["fdatetime"] = fdatetime
    return env


def render(ctx: Any, template: str, status: int = 200, **values: Any) -> Response:
    lang = ctx.lang

    def t(key: str, **kw: Any) -> str:
        return tr(key, lang, **kw)

    user = ctx.user
    html = environment().get_template(template).render(
        t=t, lang=lang, user=user, csrf=ctx.csrf, path=ctx.request.url.path, **values)
    return HTMLResponse(html, status_code=status)


def error(ctx: Any, status: int, key: str, **values: Any) -> Response:
    return render(ctx, "error.html.j2", status=status, message=tr(key, ctx.lang, **values))
