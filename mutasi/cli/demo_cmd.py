"""`mutasi demo`: generate the synthetic region and run the whole pipeline on it.

Each stage runs as the CLI verb a user would type (so the demo shows real output), against
the default database, so `mutasi explain NIP` or `mutasi audit verify` work afterwards.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

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
    SIASN-style CSV files, imported, evaluated, planned, an example SK draft reviewed, a
    voluntary round run and published (seeded rankings of 40 employees, rules/kota-dumai), the
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

    trust = _keys(out_dir, _log_is_empty(db))
    with _signing(out_dir / "keys" / "agency.key"):
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
        _voluntary_round(db, out_dir, as_of, seed)
        # The witness (in real life the Inspektorat, on its own machine) cosigns the agency's
        # latest signed checkpoint; from then on a rewrite is caught without a hand-kept file.
        witness = out_dir / "saksi-inspektorat"
        _step(["audit", "witness", "--db", db, "--key", str(witness / "witness.key"), "--state",
               str(witness / "state.txt"), "--log-key", _vkey(out_dir / "keys" / "agency.key")])
        _step(["audit", "verify", "--db", db, "--trust", str(trust)])
        checkpoint = out_dir / "audit" / "checkpoint.txt"
        checkpoint.parent.mkdir(parents=True, exist_ok=True)
        _step(["audit", "checkpoint", "--db", db, "--out", str(checkpoint)])
        formats = ["html", "pdf"] if pdf else ["html"]
        from mutasi.report_source import AuditStoreSource
        from reports.source import pick_run

        # the reports read the plan (the latest run is the voluntary round)
        plan_run = pick_run(AuditStoreSource(db), None, ("plan",)).run_id
        for kind in ("committee", "inspector", "fairness", "monitoring"):
            for lang in ("id", "en"):
                for fmt in formats:
                    _step(["report", kind, "--db", db, "--lang", lang, "--format", fmt, "--run", plan_run,
                           "--out", str(reports_dir / kind), "--trust", str(trust)])
        # Letters in the form of examples/letters/config.yaml (fictional office); plan run, and
        # the review run's letters about the SK draft's moves.
        config = str(EXAMPLES / "letters" / "config.yaml")
        runs: list[list[str]] = [[]]
        if reviewed:
            runs.append(["--run", pick_run(AuditStoreSource(db), None, ("review",)).run_id])
        for extra in runs:
            for lang in ("id", "en"):
                _step(["report", "letters", "--db", db, "--lang", lang, "--format", "html", "--config", config,
                       "--out", str(reports_dir / "letters"), "--trust", str(trust), *extra])

        _summary(db, out_dir, reviewed, checkpoint, trust)
    _portal(db, _placed_nip(out_dir / "plan" / "plan.json"))
    return EXIT_OK


def _has_round(db: str) -> bool:
    from mutasi.report_source import AuditStoreSource

    return any(r.kind == "round" for r in AuditStoreSource(db).runs())


def _voluntary_round(db: str, out_dir: Path, as_of: date, seed: int) -> None:
    """A published voluntary round on the demo region (rules/kota-dumai, its round points):
    open two weeks before the as-of date and closed on it, with seeded rankings
    (mutasi/demo/round.py) saved as the portal would, then run and published with the CLI."""
    from datetime import UTC, datetime, timedelta

    from engine.round import RoundSettings
    from mutasi.demo.round import demo_rankings
    from mutasi.portal import voluntary as V
    from mutasi.runs.round_run import offers_from
    from mutasi.store.convert import load_world
    from mutasi.store.db import open_store
    from mutasi.store.round_input import RankedChoice

    plan_json = out_dir / "plan" / "plan.json"
    try:
        plan = json.loads(plan_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    now = datetime.now(UTC).replace(microsecond=0)  # when the rows were written; decides nothing
    engine = open_store(db)
    try:
        offered = [o.position_id for o in offers_from(load_world(engine), None)]
        ranked = demo_rankings(plan, offered, seed, include=_placed_nip(plan_json))
        if not ranked:  # nobody eligible for an offered post in this region
            return
        _circumstances(engine, out_dir, ranked, seed, as_of, _placed_nip(plan_json))
        rnd = V.open_round(engine, title="Putaran mutasi sukarela (demo)", opens_on=as_of - timedelta(days=14),
                           closes_on=as_of, pack="kota-dumai", positions=None,
                           settings=RoundSettings(seed=seed), by=ACTOR, now=now)
        V.import_rankings(engine, rnd.id, {nip: [RankedChoice(i, i, pid) for i, pid in enumerate(pids, 1)]
                                           for nip, pids in ranked.items()}, "mutasi demo", now)
        V.close_round(engine, rnd.id, now, as_of)  # closes on the as-of date, whatever today is
    finally:
        engine.dispose()
    console.print(f"putaran sukarela / voluntary round {rnd.id}: {len(ranked)} pegawai memilih / people ranked",
                  highlight=False)
    _step(["round", "run", str(rnd.id), "--db", db, "--actor", ACTOR])
    _step(["round", "publish", str(rnd.id), "--db", db])


def _circumstances(engine: Any, out_dir: Path, ranked: dict[str, list[str]], seed: int, as_of: date,
                   include: str | None) -> None:
    """Some participants' declared circumstances (mutasi/demo/round.py), imported as a BKPSDM
    would: a keadaan_pegawai.csv file whose rows carry the committee's verification."""
    import csv
    from datetime import timedelta

    from mutasi.demo.round import demo_circumstances
    from mutasi.demo.tables import CIRCUMSTANCES_FILE
    from mutasi.store import import_paths
    from mutasi.store.convert import load_world

    world = load_world(engine)
    place = {pid: world.units[p.unit_id].region_code or "" for pid, p in world.positions.items()
             if p.unit_id in world.units}
    rows = demo_circumstances(ranked, place, seed, (as_of - timedelta(days=7)).strftime("%d-%m-%Y"), include)
    if not rows:
        return
    path = out_dir / "round" / CIRCUMSTANCES_FILE[0]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(CIRCUMSTANCES_FILE[1])
        w.writerows(rows)
    import_paths(engine, [path])
    verified = sum(1 for r in rows if r[4])
    console.print(f"keadaan pegawai / declared circumstances: {len(rows)} ({verified} diverifikasi / verified), "
                  f"{path}", highlight=False)


def _portal(db: str, nip: str | None) -> None:
    """Demo accounts for every role (marked demo-only), an open preference round and the
    published runs, then how to sign in as each."""
    from datetime import UTC, datetime

    from mutasi.portal.demo import DEMO_PASSWORD, seed_portal
    from mutasi.store.db import open_store

    engine = open_store(db)
    try:
        demo = seed_portal(engine, nip, datetime.now(UTC))
    finally:
        engine.dispose()
    if demo is None:
        return
    console.rule("Portal web (akun demo saja / demo accounts only)", style="cyan")
    console.print("  mulai / start:   .venv/bin/mutasi serve      lalu buka / then open http://127.0.0.1:8000",
                  highlight=False, soft_wrap=True)
    console.print(f"  pegawai / employee:  NIP {demo.employee_nip} ({demo.employee_name}), "
                  f"kata sandi / password {DEMO_PASSWORD}", highlight=False, soft_wrap=True)
    for username, role in demo.staff:
        console.print(f"  {role:10} {username:15} kata sandi / password {DEMO_PASSWORD}; kode autentikator / "
                      f"TOTP code: mutasi users totp {username}", highlight=False, soft_wrap=True)
    if demo.activation_nip and demo.activation_code:
        console.print(f"  aktivasi / activation: NIP {demo.activation_nip}, kode / code {demo.activation_code} "
                      "(at /aktivasi)", highlight=False, soft_wrap=True)
    console.print("  Akun demo jangan dipakai untuk data sungguhan. / Never use demo accounts for real data.",
                  highlight=False, soft_wrap=True)


def _vkey(key_file: Path) -> str:
    from audit.signed import load_signer

    return load_signer(key_file).verifier.vkey()


def _log_is_empty(db: str) -> bool:
    from sqlalchemy import func, inspect, select

    from audit.migrate import engine_for
    from audit.schema import audit_entry

    try:
        engine = engine_for(db)
        with engine.connect() as conn:
            empty = not inspect(conn).has_table(audit_entry.name) or not conn.execute(
                select(func.count()).select_from(audit_entry)).scalar()
        engine.dispose()
        return bool(empty)
    except Exception:  # no database yet (or unreachable: the import step will say so)
        return True


def _keys(out_dir: Path, fresh_log: bool) -> Path:
    """The agency's signing key (every run gets a signed checkpoint), one witness's key, and
    the trust policy naming both. Kept from an earlier demo in the same folder; the witness
    forgets an earlier demo's log when this one starts from an empty database."""
    agency, witness = out_dir / "keys" / "agency.key", out_dir / "saksi-inspektorat" / "witness.key"
    if fresh_log:
        (witness.parent / "state.txt").unlink(missing_ok=True)
    for path, name, extra in ((agency, "bkpsdm.kota-contoh.go.id/mutasi", []),
                              (witness, "inspektorat.kota-contoh.go.id", ["--witness"])):
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            _step(["keys", "init", "--name", name, "--out", str(path), *extra])
    policy = out_dir / "trust-policy.txt"
    policy.write_text("# Kebijakan kepercayaan / trust policy (docs/audit-format.md section 12)\n"
                      f"log {_vkey(agency)}\nwitness inspektorat {_vkey(witness)}\nquorum inspektorat\n",
                      encoding="utf-8")
    return policy


@contextmanager
def _signing(key_file: Path) -> Iterator[None]:
    """Sign every run of the demo with the agency's key; the caller's environment is restored."""
    from audit.signed import KEY_ENV, KEY_FILE_ENV

    saved = {k: os.environ.get(k) for k in (KEY_ENV, KEY_FILE_ENV)}
    os.environ.pop(KEY_ENV, None)
    os.environ[KEY_FILE_ENV] = str(key_file)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _summary(db: str, out_dir: Path, reviewed: bool, checkpoint: Path, trust: Path) -> None:
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
    table.add_row("kunci & kebijakan / keys, trust policy", f"{out_dir / 'keys'}/, {trust}")
    table.add_row("saksi / witness", f"{out_dir / 'saksi-inspektorat'}/ (witness.key, state.txt)")
    if _has_round(db):  # read in the portal; `mutasi report round-report` prints its cut-offs
        table.add_row("putaran sukarela / voluntary round",
                      "portal /tim/putaran-sukarela, /saya/putaran-sukarela; mutasi report round-report")
    if reviewed:
        table.add_row("contoh draf SK / SK draft", str(REVIEW_EXAMPLE / "sk_draft.csv"))
    console.print(table)
    nip = _placed_nip(out_dir / "plan" / "plan.json")
    console.print("Berikutnya / next:", highlight=False)
    if nip:
        console.print(f"  mutasi explain {nip}            # surat untuk satu pegawai / one employee's letter",
                      highlight=False)
    console.print(f"  export MUTASI_SIGNING_KEY_FILE={out_dir / 'keys' / 'agency.key'}"
                  "   # sign the checkpoint of every new run", highlight=False)
    console.print(f"  mutasi audit verify --trust {trust}", highlight=False)
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
