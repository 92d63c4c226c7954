"""The Jinja environment: autoescape, StrictUndefined, Babel filters, one render call."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from reports.fmt import fdate, fdatetime, fmonths, fnum
from reports.i18n import run_kind, t, verdict_label

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["t"] = t
    env.filters["fdate"] = fdate
    env.filters["fdatetime"] = fdatetime
    env.filters["fnum"] = fnum
    env.filters["fmonths"] = fmonths
    env.filters["verdict"] = verdict_label
    env.filters["runkind"] = run_kind
    return env


@cache
def print_css() -> str:
    return (TEMPLATES / "print.css").read_text(encoding="utf-8")


def context_dict(ctx: Any) -> dict[str, Any]:
    """Top-level fields only: nested views stay objects so templates read attributes."""
    return {f.name: getattr(ctx, f.name) for f in dataclasses.fields(ctx)}


def render(template: str, ctx: Any) -> str:
    return environment().get_template(template).render(context_dict(ctx))
