"""`mutasi round ...`: the voluntary transfer round (published points, deferred acceptance).

`round run` takes the rankings from a file (``--rankings``) or from a round opened in the
store (the portal's round; see `round open`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from engine.round import DEFAULT_ROUND_SEED, RoundOrder, RoundSettings
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
from mutasi.errors import EXIT_OK


@click.group("round")
def round_group() -> None:
    """Putaran mutasi sukarela / voluntary transfer round.

    Employees rank the positions offered (the ABK deficits); each person's points at each
    position come from the pack's published points items (score criteria with `use: round`);
    employee-proposing deferred acceptance assigns: nobody with fewer points at a position
    gets it ahead of someone who ranked it higher, and ranking honestly is always best.
    Docs: docs/plan-and-review.md, "Voluntary round".
    """


def settings_options(f: Any) -> Any:
    f = click.option("--seed", type=int, default=DEFAULT_ROUND_SEED, show_default=True,
                     help="Seed of the published lottery that orders equal points (recorded in the run).")(f)
    f = click.option("--fallback/--no-fallback", "keep_current", default=True, show_default=True,
                     help="Whether a person admitted nowhere keeps their current post.")(f)
    f = click.option("--order", type=click.Choice([o.value for o in RoundOrder]),
                     default=RoundOrder.BEFORE_PLAN.value, show_default=True,
                     help="The round before the organisational plan (the plan then fills what is "
                     "left), or after a recorded plan (--plan-run: the round offers what it left).")(f)
    f = click.option("--plan-run", type=int, default=None,
                     help="With --order after_plan: the plan run whose leftovers are offered.")(f)
    return f


@round_group.command("run")
@click.option("--rankings", "rankings_file", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV with one row per ranked position: nip,rank,position_id.")
@click.option("--position", "positions", multiple=True,
              help="Offer only this deficit position (repeat); default: every deficit position.")
@db_option
@pack_option
@as_of_option
@actor_option
@json_option
@settings_options
def run_cmd(rankings_file: Path, positions: tuple[str, ...], db: str, pack_path: Path,
            as_of: date, actor: str, as_json: bool, seed: int, keep_current: bool, order: str,
            plan_run: int | None) -> int:
    """Run a voluntary round from a rankings file and record it as one audit run.

    Each ranked position is decided with the pack's criteria (a person is only considered
    where eligible) and scored with its round points; ties by a seeded lottery. Prints who
    moves where, each offered position's cut-off, and where the plan goes on. Exit 1 when
    the file or its match with the store has problems (all listed; nothing recorded).

    Example: mutasi round run --rankings examples/round/rankings.csv --pack rules/kota-dumai --as-of 2026-11-22 --actor "Tim BKPSDM"
    """
    from mutasi.runs.round_run import run_round
    from mutasi.store.round_input import read_rankings

    rankings = read_rankings(rankings_file)
    settings = RoundSettings(seed=seed, keep_current=keep_current, order=RoundOrder(order),
                             plan_run=plan_run)
    with err_console.status("Putaran sukarela / voluntary round") as status:
        result = run_round(db, pack_path, as_of, actor, rankings=rankings, source=str(rankings_file),
                           settings=settings, positions=list(positions) or None,
                           progress=lambda s: status.update(f"Putaran sukarela / voluntary round: {s}"))
    if as_json:
        emit_json(result.payload)
    else:
        print_round(result.payload)
    return EXIT_OK


def print_round(p: dict[str, Any]) -> None:
    t = Table(title=f"Putaran sukarela / voluntary round (run {p['run']}, as of {p['as_of']})")
    for col in ("NIP", "Sekarang / now", "Hasil / result", "Pilihan / choices"):
        t.add_column(col)
    for person in p["people"]:
        bids = "; ".join(f"{b['rank']}. {b['position_id']} {b['points'] if b['points'] is not None else '-'}"
                         f" ({b['reason']})" for b in person["bids"])
        t.add_row(person["nip"], str(person["current_position_id"] or "-"),
                  person["assigned_position_id"] or person["outcome"], bids or "-")
    console.print(t)
    c = Table(title="Batas nilai per jabatan / cut-off per position")
    for col in ("Jabatan / position", "Kuota / slots", "Peminat / applicants", "Diterima / admitted",
                "Batas / cut-off", "Sisa / left"):
        c.add_column(col)
    quiet = [pos for pos in p["positions"] if not pos["applicants"]]
    for pos in p["positions"]:
        if not pos["applicants"]:
            continue
        cut = "-" if pos["cutoff"] is None else f"{pos['cutoff']}{' (undian)' if pos['cutoff_by_lottery'] else ''}"
        c.add_row(pos["position_id"], str(pos["capacity"]), str(pos["applicants"]),
                  str(len(pos["admitted"])), cut, str(pos["remaining"]))
    console.print(c)
    if quiet:
        console.print(f"{len(quiet)} other offered positions had no applicant "
                      f"({sum(q['capacity'] for q in quiet)} slots left for the plan)", highlight=False)
    s = p["summary"]
    console.print(f"{s['moved']} moved, {s['kept_current']} keep their post, {s['no_post']} without a "
                  f"post from the round; {s['passes']} passes; seed {s['settings']['seed']}; "
                  f"order {s['settings']['order']}; pack {p['pack']['id']} {p['pack']['hash'][:12]}",
                  highlight=False, soft_wrap=True)


def register(cli: click.Group) -> None:
    cli.add_command(round_group)
