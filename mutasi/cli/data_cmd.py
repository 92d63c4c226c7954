"""Data verbs: `mutasi import`, `mutasi workload`, `mutasi demo`."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from engine.workload import DEFAULT_EFFECTIVE_HOURS, ROUNDING_MODES, unit_workloads
from mutasi.cli.common import console, db_option, emit_json, err_console, json_option, parse_as_of
from mutasi.errors import EXIT_FINDINGS, EXIT_OK, MutasiError, UsageError
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
@db_option
@json_option
def import_cmd(
    paths: tuple[Path, ...], kind: str | None, column_map: Path | None, db: str, as_json: bool
) -> int:
    """Impor data SIASN/SIMPEG (CSV/XLSX). Import HR data files or a folder of them.

    All files of one command are one transaction: on any problem nothing is written, every
    problem is listed as file:row:column with its code, and the exit code is 1. Importing
    the same file again changes nothing. File kinds and columns: docs/input-formats.md.

    \b
    Examples:
      mutasi import examples/import
      mutasi import --kind employees pegawai_2026.xlsx --column-map peta_kolom.yaml --json
    """
    from mutasi.store import DataImportError, import_paths, open_store

    engine = open_store(db)
    try:
        if as_json:
            summary = import_paths(engine, list(paths), kind=kind, column_map=column_map)
        else:
            with _progress() as progress:
                tasks: dict[str, Any] = {}

                def report(file: str, done: int, total: int) -> None:
                    if total < LARGE_FILE_ROWS:
                        return
                    if file not in tasks:
                        tasks[file] = progress.add_task(Path(file).name, total=total)
                    progress.update(tasks[file], completed=done)

                summary = import_paths(
                    engine, list(paths), kind=kind, column_map=column_map, progress=report
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


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console,
        transient=True,
    )


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


@click.command(
    "demo",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("demo"),
    show_default=True,
    help="Folder for the generated files and outputs.",
)
@click.option("--employees", type=click.IntRange(1, 4_027_968), default=3000, show_default=True)
@click.option("--seed", type=int, default=20261122, show_default=True)
@click.option(
    "--as-of",
    "as_of_text",
    default="2026-11-22",
    show_default=True,
    help="Date the demo region is generated as of.",
)
@click.option("--db", default=None, help="SQLAlchemy URL (default: sqlite file OUT/mutasi.db).")
@click.option("--files-only", is_flag=True, help="Only write the import files.")
def demo_cmd(
    out_dir: Path, employees: int, seed: int, as_of_text: str, db: str | None, files_only: bool
) -> int:
    """Wilayah contoh sintetis. Generate a synthetic region, import it, run the pipeline.

    Seeded and deterministic (same seed, same bytes). Writes OUT/data/*.csv, imports them
    into the store, shows the workload, then runs the later stages that are installed.

    \b
    Examples:
      mutasi demo
      mutasi demo --out demo-region --employees 3000 --seed 20261122 --as-of 2026-11-22
      mutasi demo --out bench --employees 100000 --files-only
    """
    from mutasi.demo import generate_demo

    as_of: date = parse_as_of(as_of_text)
    data_dir = out_dir / "data"
    generate_demo(data_dir, employees=employees, seed=seed, as_of=as_of)
    console.print(f"data files: {data_dir}")
    if files_only:
        return EXIT_OK
    url = db or f"sqlite:///{(out_dir / 'mutasi.db').resolve()}"
    day, actor = as_of.isoformat(), "mutasi demo"
    steps: list[list[str]] = [
        ["import", str(data_dir), "--db", url],
        ["workload", "--db", url],
        ["evaluate", "--db", url, "--as-of", day, "--actor", actor],
        ["plan", "--db", url, "--as-of", day, "--actor", actor, "--out", str(out_dir / "plan")],
        ["audit", "verify", "--db", url],
        *(
            [
                "report",
                kind,
                "--db",
                url,
                "--format",
                "html",
                "--out",
                str(out_dir / "reports" / kind),
            ]
            for kind in ("committee", "inspector", "fairness", "monitoring", "letters")
        ),
    ]
    from mutasi.cli.app import cli

    failed: list[str] = []
    for args in steps:
        if args[0] not in cli.commands:
            console.print(f"(skipped: `mutasi {args[0]}` is not installed)", highlight=False)
            continue
        if (
            args[:2] in (["report", "fairness"], ["report", "monitoring"])
            and "plan" not in cli.commands
        ):
            console.print(
                f"(skipped: `mutasi {' '.join(args[:2])}` needs a plan run)", highlight=False
            )
            continue
        console.print(f"[bold]== mutasi {' '.join(args)}[/bold]", highlight=False)
        code = _run_step(cli, args)
        if code not in (EXIT_OK, EXIT_FINDINGS):
            failed.append(f"{' '.join(args[:2])} (exit {code})")
        if args[0] == "import" and code != EXIT_OK:
            return code  # nothing to run the pipeline on
    console.print(f"data:     {data_dir}\ndatabase: {url}\noutputs:  {out_dir}", highlight=False)
    if failed:
        err_console.print("demo steps that failed: " + "; ".join(failed), highlight=False)
        return EXIT_FINDINGS
    return EXIT_OK


def _run_step(cli: click.Group, args: list[str]) -> int:
    """One verb as the CLI would run it; its errors are shown, not raised."""
    try:
        rv = cli.main(args=args, prog_name="mutasi", standalone_mode=False)
    except MutasiError as exc:
        err_console.print(f"error: {exc}", highlight=False, markup=False)
        for problem in exc.problems[:20]:
            err_console.print(f"  {problem}", highlight=False, markup=False)
        return exc.exit_code
    except click.exceptions.ClickException as exc:
        exc.show()
        return exc.exit_code
    return rv if isinstance(rv, int) else EXIT_OK


def register(cli: click.Group) -> None:
    """Add this module's verbs to the command group."""
    cli.add_command(import_cmd)
    cli.add_command(workload_cmd)
    cli.add_command(demo_cmd)
