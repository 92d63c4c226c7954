"""`mutasi plan` (optimal transfer plan) and `mutasi review` (SK-draft review)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from engine.plan import DEFAULT_FILL_WEIGHT, DEFAULT_TIE_BREAK_SEED
from mutasi.cli.common import (
    actor_option,
    as_of_option,
    console,
    db_option,
    emit_json,
    err_console,
    json_option,
)
from mutasi.cli.eval_cmd import pack_option
from mutasi.errors import EXIT_FINDINGS, EXIT_OK
from mutasi.paths import EXAMPLES

DEFAULT_CATALOG = EXAMPLES / "plan" / "training_catalog.yaml"


@click.command("plan")
@db_option
@pack_option
@as_of_option
@actor_option
@json_option
@click.option("--fill-weight", type=float, default=DEFAULT_FILL_WEIGHT, show_default=True,
              help="Points a placement earns for the deficit slot it fills (workload balance).")
@click.option("--training-catalog", "catalog_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="YAML mapping competency -> training name "
              "(default: examples/plan/training_catalog.yaml).")
@click.option("--conflicts", "conflicts_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="YAML mapping NIP -> family relation of the decision-maker "
              "with that person; their pairs are left out (UU 30/2014 Pasal 42-43).")
@click.option("--record-all-pairs", is_flag=True,
              help="Record every pair decision evaluated in the audit trail, also the not-eligible "
              "ones (default: those are counted in the plan's reasons only; pairs the pair screen "
              "rules out are never evaluated, only counted).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write plan.json, workload.csv and workload.png into this folder.")
@click.option("--tie-break-seed", type=int, default=DEFAULT_TIE_BREAK_SEED, show_default=True,
              help="Seed of the lottery that orders candidates of equal value (recorded in the run).")
@click.option("--after-round", "after_round", type=click.IntRange(1), default=None, metavar="RUN",
              help="Build on a recorded voluntary round (its run number): its moves are made "
              "first, its movers are no candidates, the plan fills what is left; same pack and "
              "as-of date as the round (recorded in the run).")
def plan_cmd(db: str, pack_path: Path, as_of: date, actor: str, as_json: bool, fill_weight: float,
             catalog_path: Path | None, conflicts_path: Path | None, record_all_pairs: bool,
             out_dir: Path | None, tie_break_seed: int, after_round: int | None) -> int:
    """Compute the optimal transfer plan: fill deficit positions from surplus positions.

    Every employee is decided at candidate level; eligible people in surplus positions are
    paired with every open deficit position; a min-cost-flow solver picks the plan with the
    largest total of (score + fill weight), ties by a seeded lottery recorded in the run. Each placement says why
    this person, why not the runner-up, competency gaps and training; each eligible person
    not placed and each position left open has a reason. Recorded in the audit trail.

    Example: mutasi plan --as-of 2026-11-22 --actor "Tim BKPSDM" --out out/plan
    Example: mutasi plan --after-round 5 --pack rules/kota-dumai --as-of 2027-01-15 --actor "Tim BKPSDM"
    """
    from engine.plan import PlanSettings
    from mutasi.runs.plan_run import run_plan
    from mutasi.store.review_input import read_mapping

    catalog_path = catalog_path or (DEFAULT_CATALOG if DEFAULT_CATALOG.exists() else None)
    catalog = read_mapping(catalog_path, "training catalog") if catalog_path else {}
    conflicts = read_mapping(conflicts_path, "conflicts") if conflicts_path else {}
    # progress goes to stderr so that --json output stays clean
    with err_console.status("Rencana mutasi / planning") as status:
        result = run_plan(db, pack_path, as_of, actor, conflicts=conflicts, training_catalog=catalog,
                          settings=PlanSettings(fill_weight=fill_weight, tie_break_seed=tie_break_seed),
                          record_all_pairs=record_all_pairs, out_dir=out_dir, after_round=after_round,
                          progress=lambda stage: status.update(f"Rencana mutasi / planning: {stage}"))
    plan = result.plan
    if as_json:
        emit_json(plan)
        return EXIT_OK
    _print_plan(plan)
    return EXIT_OK


def _print_plan(plan: dict[str, Any]) -> None:
    s = plan["summary"]
    t = Table(title=f"Rencana mutasi / transfer plan (run {plan['run']}, as of {plan['as_of']})")
    for col in ("NIP", "Dari / from", "Ke / to", "Skor / score"):
        t.add_column(col, no_wrap=True)
    for col in ("Pembanding / runner-up", "Kesenjangan / gaps", "Keputusan / decision"):
        t.add_column(col)
    for p in plan["placements"]:
        ru = p["runner_up"]
        ru_text = f"{ru['nip']} ({ru['score']}, {ru['why']})" if ru else "-"
        t.add_row(p["nip"], str(p["from_position_id"]), p["position_id"], str(p["score"]), ru_text,
                  ", ".join(p["competency_gaps"]) or "-", p["decision_id"])
    console.print(t)
    basis = (plan.get("inputs") or {}).get("after_round")
    if basis:
        console.print(f"setelah putaran sukarela / after the voluntary round: run {basis['run']} "
                      f"({len(basis['moves'])} moved by the round; round hash {basis['round_hash'][:12]})",
                      highlight=False, soft_wrap=True)
    w = Table(title="Beban kerja per unit / workload per unit")
    for col in ("Unit", "Kebutuhan / needed", "Ada sebelum / before", "Masuk / in",
                "Keluar / out", "Ada sesudah / after", "Selisih / balance"):
        w.add_column(col)
    for r in plan["workload"]:
        w.add_row(r["unit_id"], str(r["staff_needed"]), str(r["on_post_before"]),
                  str(r["moves_in"]), str(r["moves_out"]), str(r["on_post_after"]),
                  f"{r['balance_before']:+d} -> {r['balance_after']:+d}")
    console.print(w)
    console.print(
        f"filled {s['slots_filled']} of {s['slots_open_before']} deficit slots; "
        f"{len(plan['unplaced'])} eligible not placed; {len(plan['open_positions'])} positions "
        f"still open; total score {s['total_score']}; pack {plan['pack']['id']} "
        f"{plan['pack']['version']} {plan['pack']['hash'][:12]}"
    )


@click.command("review")
@click.argument("moves_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--context", "context_file", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML with the round's context: decision date, signer, dates, documents.")
@db_option
@pack_option
@actor_option
@json_option
def review_cmd(moves_file: Path, context_file: Path, db: str, pack_path: Path, actor: str,
               as_json: bool) -> int:
    """Tinjau rancangan SK / review an SK draft: is each proposed move allowed, and why (not)?

    Tiap usulan mutasi: boleh dilaksanakan, terhalang, memerlukan persetujuan, boleh melalui
    pengecualian, atau data belum lengkap, dengan alasannya.

    Review an SK draft: each proposed move is allowed, blocked, needs an approval (which
    one, from whom), allowed through an exception (which document), or has data missing,
    each with its reasons. The as-of date is the context's decision_date. Exit 1 when any
    move is blocked or has data missing (a finding), 0 otherwise. Recorded in the audit
    trail.

    Example: mutasi review examples/review/sk_draft.csv --context examples/review/context.yaml --actor "Inspektorat"
    """
    from mutasi.runs.review_run import run_review

    result = run_review(db, pack_path, moves_file, context_file, actor)
    review = result.review
    if as_json:
        emit_json(review)
    else:
        t = Table(title=f"Telaah rancangan SK / SK-draft review (run {review['run']}, "
                        f"as of {review['as_of']})")
        for col in ("Mutasi / move", "NIP", "Hasil / outcome", "Keputusan / decision"):
            t.add_column(col, no_wrap=col != "Hasil / outcome")
        from reports.i18n import move_outcome_both

        for m in review["moves"]:
            t.add_row(m["move_id"], m["nip"], move_outcome_both(m["outcome"]), m["decision_id"])
        console.print(t)
        # reasons on their own lines: a table column would cut them at terminal width
        console.print("Alasan / reasons:", highlight=False)
        for m in review["moves"]:
            console.print(f"  {m['move_id']}  {_reasons_text(m)}", highlight=False, markup=False,
                          soft_wrap=True)
        console.print(", ".join(f"{move_outcome_both(k)}: {v}" for k, v in review["counts"].items()),
                      highlight=False, soft_wrap=True)
    return EXIT_FINDINGS if review["findings"] else EXIT_OK


def _reasons_text(m: dict[str, Any]) -> str:
    parts = [f"blocked: {b['criterion_id']}"
             + (f" (missing at signing: {b['missing_document']['type']})" if b.get("missing_at_signing") else "")
             for b in m["blocked_by"]]
    needed: dict[tuple[str, str], list[str]] = {}
    for a in m["approvals_needed"]:
        who = (a.get("from") or {}).get("id", "?")
        needed.setdefault((a["type"], who), []).append(a["criterion_id"])
    for (kind, who), cids in sorted(needed.items()):
        parts.append(f"needs {kind} from {who} ({', '.join(cids)})")
    for e in m["exceptions_used"]:
        docs = ", ".join(d["number"] for d in e["on_file"]) or (e["document"] or {}).get("type", "?")
        parts.append(f"exception {e['criterion_id']}: {docs}")
    for x in m["missing"]:
        parts.append(f"missing {x['criterion_id']}: {', '.join(sorted(x['missing']))}")
    return "; ".join(parts) or "-"


def register(cli: click.Group) -> None:
    cli.add_command(plan_cmd)
    cli.add_command(review_cmd)
