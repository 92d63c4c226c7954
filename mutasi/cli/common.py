"""Options and output helpers shared by every CLI verb."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from mutasi.errors import MutasiError, UsageError

console = Console()
err_console = Console(stderr=True)

DEFAULT_DB = "sqlite:///mutasi.db"

F = TypeVar("F", bound=Callable[..., Any])


def db_option(f: F) -> F:
    return click.option(
        "--db",
        envvar="MUTASI_DB",
        default=DEFAULT_DB,
        show_default=True,
        help="SQLAlchemy URL of the store (env MUTASI_DB).",
    )(f)


def as_of_option(f: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        required=True,
        callback=lambda _c, _p, v: parse_as_of(v) if v is not None else None,
        help="Date the decisions are made as of (YYYY-MM-DD). Required: mutasi never reads the clock.",
    )(f)


def lang_option(f: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["id", "en"]),
        default="id",
        show_default=True,
        help="Language of text for people: Bahasa Indonesia (id) or English (en).",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")(f)


def actor_option(f: F) -> F:
    return click.option(
        "--actor",
        envvar="MUTASI_ACTOR",
        required=True,
        help="Who runs this, as recorded in the audit trail (env MUTASI_ACTOR).",
    )(f)


def parse_as_of(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of: '{value}' is not a date in the form YYYY-MM-DD") from None


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True, default=str))
    sys.stdout.write("\n")


def print_error(exc: MutasiError) -> None:
    """One clear message, then every problem on its own line (never cut at terminal width)."""
    err_console.print(f"error: {exc}", highlight=False, markup=False, style="bold red", soft_wrap=True)
    for problem in exc.problems:
        err_console.print(f"  {problem}", highlight=False, markup=False, soft_wrap=True)


def progress_bar(quiet: bool = False) -> Progress:
    """The progress bar of every long step; on stderr, so --json output stays clean. Each
    task's description is its label."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err_console, disable=quiet, transient=True)
