"""`mutasi demo`: generate the synthetic region and run the whole pipeline on it.

Each stage runs as the CLI verb a user would type (so the demo shows real output), against
the default database, so `mutasi explain NIP` or `mutasi audit verify` work afterwards.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
from rich.table import Table

from mutasi.cli.common import console, db_option, print_error
from mutasi.errors import EXIT_FINDINGS, EXIT_OK, MutasiError
from mutasi.paths import EXAMPLES

REVIEW_EXAMPLE = EXAMPLES / "review"
DEMO_SEED = 20261122
DEMO_EMPLOYEES = 3000
ACTOR = "mutasi demo"


def _step(args: list[str], ok: tuple[int, ...] = (EXIT_OK,)) -> int:
    """Run one verb as the CLI would (through the command group this command belongs to);
    its errors are shown, not raised."""
    cli = click.get_current_context().find_root().command

    console.rule(f"mutasi {' '.join(args)}", style="cyan")
    try:
        rv = cli.main(args=args, prog_name="mutasi", standalone_mode=False)
        code = rv if isinstance(rv, int) else EXIT_OK
    except MutasiError as exc:
        print_error(exc)
        code = exc.exit_code
    except click.exceptions.ClickException as exc:
        exc.show()
        code = exc.exit_code
    if code not in ok:
        raise click.exceptions.Exit(code)
    return code


def _files(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.is_file()) if folder.is_dir() else []


@click.command("demo")
@db_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("mutasi-demo"), show_default=True,
              help="Folder for the generated data and every output.")
@click.option("--employees", type=click.IntRange(1, 4_000_000), default=DEMO_EMPLOYEES, show_default=True)
@click.option("--seed", type=int, default=DEMO_SEED, show_default=True)
@click.option("--as-of", "as_of_text", default="2026-11-22", show_default=True,
              help="Date the region is generated and decided as of.")
@click.option("--pdf/--no-pdf", default=True, show_default=True,
              help="Also render the committee, inspector, fairness and monitoring reports as PDF.")
@click.option("--files-only", is_flag=True, help="Only write the import files.")
@click.option("--shape", type=click.Choice(["mutasi", "siasn", "siasn-export"]), default="mutasi",
              show_default=True,
              help="Files as mutasi's own format, as SIASN web-service CSVs, or with the "
                   "Export Data ASN download for the employees.")
def demo_cmd(db: str, out_dir: Path, employees: int, seed: int, as_of_text: str, pdf: bool,
             files_only: bool, shape: str = "mutasi") -> int:
    """Wilayah contoh: generate a synthetic region and run the whole pipeline on it.

    A seeded, deterministic kabupaten/kota (about 25 OPD, 3,000 employees) is written as
    SIASN-style CSV files, imported, evaluated, planned, an example SK draft reviewed, the
    audit trail verified, and letters and reports rendered. Same seed, same bytes.

    \b
    Example: mutasi demo
    Example: mutasi demo --db sqlite:///wilayah.db --out wilayah --employees 5000 --no-pdf
    Example: mutasi demo --files-only --shape siasn --out unduhan
    """
    from mutasi.demo import generate_demo

    as_of = date.fromisoformat(as_of_text)
    data_dir, reports_dir = out_dir / "data", out_dir / "reports"
    day = as_of.isoformat()
    with console.status("Membuat data contoh / generating the demo region"):
        if shape == "mutasi":
            generate_demo(data_dir, employees=employees, seed=seed, as_of=as_of)
        else:
            from mutasi.demo_siasn import generate_siasn_demo

            generate_siasn_demo(data_dir, employees=employees, seed=seed, as_of=as_of,
                                export=shape == "siasn-export")
    console.print(f"data files: {data_dir}", highlight=False)
    if files_only:
        return EXIT_OK

    _step(["import", str(data_dir), "--db", db])
    _step(["workload", "--db", db])
    _step(["evaluate", "--db", db, "--as-of", day, "--actor", ACTOR])
    _step(["plan", "--db", db, "--as-of", day, "--actor", ACTOR, "--out", str(out_dir / "plan")])
    # The shipped SK draft names people and posts of the default demo region only.
    reviewed = employees == DEMO_EMPLOYEES and seed == DEMO_SEED
    if reviewed:
        # exit 1 is the expected finding: the draft contains blocked moves on purpose
        _step(["review", str(REVIEW_EXAMPLE / "sk_draft.csv"), "--context",
               str(REVIEW_EXAMPLE / "context.yaml"), "--db", db, "--actor", ACTOR],
              ok=(EXIT_OK, EXIT_FINDINGS))
    _step(["audit", "verify", "--db", db])
    checkpoint = out_dir / "audit" / "checkpoint.txt"
    checkpoint.parent.mkdir(parents=True, exist_ok=True)
    _step(["audit", "checkpoint", "--db", db, "--out", str(checkpoint)])
    formats = ["html", "pdf"] if pdf else ["html"]
    for kind in ("committee", "inspector", "fairness", "monitoring"):
        for lang in ("id", "en"):
            for fmt in formats:
                _step(["report", kind, "--db", db, "--lang", lang, "--format", fmt,
                       "--out", str(reports_dir / kind)])
    # Letters in the form of examples/letters/config.yaml (fictional office); plan run, and
    # the review run's letters about the SK draft's moves.
    config = str(EXAMPLES / "letters" / "config.yaml")
    runs: list[list[str]] = [[]]
    if reviewed:
        from mutasi.report_source import AuditStoreSource
        from reports.source import pick_run

        runs.append(["--run", pick_run(AuditStoreSource(db), None, ("review",)).run_id])
    for extra in runs:
        for lang in ("id", "en"):
            _step(["report", "letters", "--db", db, "--lang", lang, "--format", "html", "--config", config,
                   "--out", str(reports_dir / "letters"), *extra])

    _summary(db, out_dir, reviewed, checkpoint)
    return EXIT_OK


def _summary(db: str, out_dir: Path, reviewed: bool, checkpoint: Path) -> None:
    reports_dir = out_dir / "reports"
    table = Table(title="Hasil demo / demo outputs", show_lines=False)
    table.add_column("apa / what")
    table.add_column("di mana / where")
    table.add_row("basis data / database", db)
    table.add_row("data impor / import files", f"{out_dir / 'data'}/ ({len(_files(out_dir / 'data'))} files)")
    table.add_row("rencana mutasi / plan", f"{out_dir / 'plan'}/ (plan.json, workload.csv, workload.png)")
    letters = _files(reports_dir / "letters")
    table.add_row("surat pegawai / letters", f"{reports_dir / 'letters'}/ ({len(letters)} files, id + en)")
    for kind, label in (("committee", "laporan tim / committee"), ("inspector", "laporan inspektur / inspector"),
                        ("fairness", "laporan keadilan / fairness"), ("monitoring", "pemantauan / monitoring")):
        names = ", ".join(p.name for p in _files(reports_dir / kind))
        table.add_row(label, f"{reports_dir / kind}/ ({names})")
    table.add_row("titik periksa audit / checkpoint", str(checkpoint))
    if reviewed:
        table.add_row("contoh draf SK / SK draft", str(REVIEW_EXAMPLE / "sk_draft.csv"))
    console.print(table)
    nip = _placed_nip(out_dir / "plan" / "plan.json")
    console.print("Berikutnya / next:", highlight=False)
    if nip:
        console.print(f"  mutasi explain {nip}            # surat untuk satu pegawai / one employee's letter",
                      highlight=False)
    console.print("  mutasi audit verify --checkpoint " + str(checkpoint), highlight=False)
    console.print("  mutasi rules test rules/", highlight=False)


def _placed_nip(plan_json: Path) -> str | None:
    try:
        plan = json.loads(plan_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    placements = plan.get("placements") or []
    return str(placements[0]["nip"]) if placements else None


def register(cli: click.Group) -> None:
    cli.add_command(demo_cmd)
