"""Data verbs: `mutasi import`, `mutasi workload`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from engine.workload import DEFAULT_EFFECTIVE_HOURS, ROUNDING_MODES, unit_workloads
from mutasi.cli.common import (
    console,
    db_option,
    emit_json,
    err_console,
    json_option,
    progress_bar,
)
from mutasi.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from mutasi.store.columns import KIND_BY_NAME

LARGE_FILE_ROWS = 5000  # show a progress bar from this many rows on


@click.command(
    "import",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(list(KIND_BY_NAME)),
    help="File kind, when the file name does not say it.",
)
@click.option(
    "--column-map",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="YAML file overriding column names.",
)
@click.option(
    "--profile",
    type=click.Choice(["auto", "default", "siasn"]),
    default="auto",
    show_default=True,
    help="Column profile: siasn = SIASN files as downloaded (web-service CSVs, Export Data "
    "ASN); default = mutasi's own columns; auto = siasn for files whose name or header says so.",
)
@db_option
@json_option
def import_cmd(
    paths: tuple[Path, ...],
    kind: str | None,
    column_map: Path | None,
    profile: str,
    db: str,
    as_json: bool,
) -> int:
    """Impor data SIASN/SIMPEG (CSV/XLSX). Import HR data files or a folder of them.

    All files of one command are one transaction: on any problem nothing is written, every
    problem is listed as file:row:column with its code, and the exit code is 1. Importing
    the same file again changes nothing. File kinds and columns: docs/input-formats.md.

    \b
    Examples:
      mutasi import examples/import
      mutasi import --kind employees pegawai_2026.xlsx --column-map peta_kolom.yaml --json
      mutasi import --profile siasn unduhan_siasn/
    """
    from mutasi.store import DataImportError, import_paths, open_store

    engine = open_store(db)
    try:
        if as_json:
            summary = import_paths(
                engine, list(paths), kind=kind, column_map=column_map, profile=profile
            )
        else:
            with progress_bar() as progress:
                tasks: dict[str, Any] = {}

                def report(file: str, done: int, total: int) -> None:
                    if total < LARGE_FILE_ROWS:
                        return
                    if file not in tasks:
                        tasks[file] = progress.add_task(Path(file).name, total=total)
                    progress.update(tasks[file], completed=done)

                summary = import_paths(
                    engine,
                    list(paths),
                    kind=kind,
                    column_map=column_map,
                    progress=report,
                    profile=profile,
                )
    except DataImportError as exc:
        if not as_json:
            raise
        emit_json({"ok": False, "message": str(exc), "problems": [asdict(p) for p in exc.problems]})
        return EXIT_FINDINGS
    finally:
        engine.dispose()
    if as_json:
        emit_json(summary.to_json())
        return EXIT_OK
    for w in summary.warnings:
        err_console.print(f"warning: {w}", highlight=False, markup=False, soft_wrap=True)
    table = Table(title="Impor selesai / Import done")
    for col in ("file", "kind", "rows", "inserted", "updated", "unchanged"):
        table.add_column(
            col, justify="right" if col not in ("file", "kind") else "left", overflow="fold"
        )
    for f in summary.files:
        table.add_row(
            f.file, f.kind, str(f.rows), str(f.inserted), str(f.updated), str(f.unchanged)
        )
    console.print(table)
    return EXIT_OK


@click.command(
    "workload",
)
@db_option
@click.option(
    "--effective-hours",
    type=float,
    default=DEFAULT_EFFECTIVE_HOURS,
    show_default=True,
    help="Effective working time per year (hours).",
)
@click.option(
    "--rounding",
    type=click.Choice(ROUNDING_MODES),
    default="down",
    show_default=True,
    help="How staff needed is rounded.",
)
@click.option("--unit", "unit_id", help="Only this unit (OPD id).")
@json_option
def workload_cmd(
    db: str, effective_hours: float, rounding: str, unit_id: str | None, as_json: bool
) -> int:
    """Analisis beban kerja (ABK): staff needed vs on post, per unit and position.

    Staff needed = sum(completion time x yearly volume) / effective working time, rounded
    as --rounding says; balance = on post - needed (positive surplus, negative deficit).

    \b
    Examples:
      mutasi workload --rounding down
      mutasi workload --effective-hours 1300 --unit DINKES --json
    """
    from mutasi.store import load_world, open_store
    from mutasi.store.db import require_existing

    require_existing(db)
    engine = open_store(db)
    try:
        world = load_world(engine, effective_hours=effective_hours, rounding=rounding)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    finally:
        engine.dispose()
    if unit_id is not None and unit_id not in world.units:
        raise UsageError(f"--unit: no unit '{unit_id}' in the store")
    by_unit = unit_workloads(world.workloads, world.positions)
    rows = [
        {
            **asdict(w),
            "unit_id": world.positions[pid].unit_id,
            "position_name": world.positions[pid].name,
            "balance": w.balance,
        }
        for pid, w in world.workloads.items()
        if unit_id is None or world.positions[pid].unit_id == unit_id
    ]
    units = [
        {**asdict(u), "unit_name": world.units[uid].name, "balance": u.balance}
        for uid, u in by_unit.items()
        if unit_id is None or uid == unit_id
    ]
    params = {"effective_hours": effective_hours, "rounding": rounding}
    if as_json:
        emit_json({"parameters": params, "positions": rows, "units": units})
        return EXIT_OK
    note = f"jam kerja efektif {effective_hours:g} jam/tahun, pembulatan: {rounding}"
    ut = Table(title=f"ABK per unit ({note})")
    for col in ("unit", "needed", "on post", "balance"):
        ut.add_column(col, justify="left" if col == "unit" else "right")
    for u in units:
        ut.add_row(
            f"{u['unit_id']} {u['unit_name']}",
            str(u["staff_needed"]),
            str(u["on_post"]),
            _signed(u["balance"]),
        )
    console.print(ut)
    if unit_id is not None:
        pt = Table(title=f"ABK per jabatan ({note})")
        for col in ("position", "exact", "needed", "on post", "balance"):
            pt.add_column(col, justify="left" if col == "position" else "right")
        for row in rows:
            pt.add_row(
                f"{row['position_id']} {row['position_name']}",
                f"{row['staff_needed_exact']:.3f}",
                str(row["staff_needed"]),
                str(row["on_post"]),
                _signed(row["balance"]),
            )
        console.print(pt)
    return EXIT_OK


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def register(cli: click.Group) -> None:
    """Add this module's verbs to the command group."""
    cli.add_command(import_cmd)
    cli.add_command(workload_cmd)
