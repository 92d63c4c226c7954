"""`mutasi evaluate` and `mutasi demo`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from rich.table import Table

from mutasi.cli.common import (
    F,
    actor_option,
    as_of_option,
    console,
    db_option,
    emit_json,
    json_option,
    progress_bar,
)
from mutasi.paths import DEFAULT_PACK


def pack_option(f: F) -> F:
    return click.option(
        "--pack",
        "pack_path",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=DEFAULT_PACK,
        show_default="rules/nasional",
        help="Rule pack folder (a regional pack brings its national base with it).",
    )(f)


@click.command("evaluate")
@db_option
@pack_option
@as_of_option
@actor_option
@json_option
@click.option("--workers", type=click.IntRange(0, 64), default=0, show_default=True,
              help="Worker processes deciding in parallel; 0 = one per CPU (one for a small store). "
              "The audit trail is the same bytes for any number.")
def evaluate_cmd(db: str, pack_path: Path, as_of: date, actor: str, as_json: bool, workers: int) -> None:
    """Evaluate every employee against the pack's candidate criteria and record the run.

    Each decision, its reasons and the facts the engine saw go into the audit trail in one
    transaction; an interrupted run leaves nothing behind. The progress bar counts each
    employee twice: decided, then recorded.

    Example: mutasi evaluate --as-of 2026-11-22 --actor "Tim BKPSDM" --pack rules/kota-dumai
    """
    from mutasi.runs.evaluate_run import run_evaluate

    with progress_bar(quiet=as_json) as bar:
        task = bar.add_task("Evaluasi / evaluating", total=None)
        result = run_evaluate(db, pack_path, as_of, actor, workers=workers,
                              progress=lambda done, total: bar.update(task, completed=done, total=total))
    if as_json:
        emit_json({"run": result.run, "pack": result.pack, "as_of": result.as_of,
                   "input_hash": result.input_hash, "employees": result.employees,
                   "verdicts": result.verdicts})
        return
    table = Table(title=f"Run {result.run}: {result.pack['id']} {result.pack['version']} as of {result.as_of}")
    table.add_column("Putusan / verdict")
    table.add_column("Jumlah / count", justify="right")
    from reports.i18n import verdict_label

    for verdict, count in result.verdicts.items():
        table.add_row(f"{verdict_label(verdict, 'id')} / {verdict_label(verdict, 'en')}", str(count))
    console.print(table)
    console.print(f"pack hash {result.pack['hash']}  input hash {result.input_hash}")


def register(cli: click.Group) -> None:
    cli.add_command(evaluate_cmd)
