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
    console,
    db_option,
    emit_json,
    err_console,
    json_option,
    parse_as_of,
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


@round_group.command("open")
@click.option("--title", required=True, help="The round's title, as employees see it.")
@click.option("--opens", "opens_on", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="First day on which employees may rank (YYYY-MM-DD).")
@click.option("--closes", "closes_on", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="Last day on which employees may rank (YYYY-MM-DD).")
@click.option("--round-pack", "pack", default="kota-dumai", show_default=True,
              help="The shipped pack (folder under rules/) the round runs with; it must declare round points.")
@click.option("--position", "positions", multiple=True,
              help="Offer only this deficit position (repeat); default: every deficit position.")
@click.option("--max-choices", type=int, default=None,
              help="Positions one person may rank (default: every position offered; a shorter list "
              "can make it pay to leave out a post one wants).")
@db_option
@actor_option
@json_option
@settings_options
def open_cmd(title: str, opens_on: Any, closes_on: Any, pack: str, positions: tuple[str, ...],
             max_choices: int | None, db: str, actor: str, as_json: bool, seed: int, keep_current: bool,
             order: str, plan_run: int | None) -> int:
    """Open a voluntary round: its dates, the positions offered with their slots (the ABK
    deficits today) and its settings; employees then rank positions in the portal (or the
    committee imports a file with `round import`).

    Example: mutasi round open --title "Putaran sukarela 2027" --opens 2027-01-04 --closes 2027-01-15 --actor "Tim BKPSDM"
    """
    from mutasi.portal import voluntary as V
    from mutasi.store.db import open_store

    engine = open_store(db)
    try:
        rnd = V.open_round(engine, title=title, opens_on=opens_on.date(), closes_on=closes_on.date(),
                           pack=pack, positions=list(positions) or None,
                           settings=RoundSettings(seed=seed, keep_current=keep_current,
                                                  order=RoundOrder(order), plan_run=plan_run),
                           by=actor, now=_now(), max_choices=max_choices)
        offered = V.offers(engine, rnd.id)
    finally:
        engine.dispose()
    _say_round(rnd, as_json, offers=len(offered), slots=sum(o.capacity for o in offered))
    return EXIT_OK


@round_group.command("list")
@db_option
@json_option
def list_cmd(db: str, as_json: bool) -> int:
    """List the rounds in the store, newest first, with their state and run.

    Example: mutasi round list --json
    """
    from mutasi.portal import voluntary as V
    from mutasi.store.db import open_store

    engine = open_store(db)
    try:
        rows = [(r, V.participants(engine, r.id)) for r in V.list_rounds(engine)]
    finally:
        engine.dispose()
    if as_json:
        emit_json([{**_round_dict(r), "participants": n} for r, n in rows])
        return EXIT_OK
    t = Table(title="Putaran sukarela / voluntary rounds")
    for col in ("ID", "Judul / title", "Buka / opens", "Tutup / closes", "Status / state", "Peserta / participants", "Run"):
        t.add_column(col)
    for r, n in rows:
        t.add_row(str(r.id), r.title, r.opens_on.isoformat(), r.closes_on.isoformat(), r.state, str(n),
                  str(r.run_seq or "-"))
    console.print(t)
    return EXIT_OK


@round_group.command("import")
@click.argument("round_id", type=int)
@click.argument("rankings_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@json_option
def import_cmd(round_id: int, rankings_file: Path, db: str, as_json: bool) -> int:
    """Import rankings into an open round from a CSV file (nip,rank,position_id), instead of
    the portal; a person's rows replace their earlier ranking. All-or-nothing: every
    problem is listed and nothing is saved.

    Example: mutasi round import 1 pilihan.csv
    """
    from mutasi.portal import voluntary as V
    from mutasi.store.db import open_store
    from mutasi.store.round_input import read_rankings

    ranked = read_rankings(rankings_file)
    engine = open_store(db)
    try:
        V.import_rankings(engine, round_id, ranked, str(rankings_file), _now())
    finally:
        engine.dispose()
    if as_json:
        emit_json({"round": round_id, "participants": len(ranked)})
    else:
        console.print(f"round {round_id}: rankings of {len(ranked)} people imported", highlight=False)
    return EXIT_OK


@round_group.command("close")
@click.argument("round_id", type=int)
@db_option
@json_option
def close_cmd(round_id: int, db: str, as_json: bool) -> int:
    """Close an open round: no ranking is accepted afterwards; its as-of date becomes today
    if it closes early.

    Example: mutasi round close 1
    """
    from mutasi.portal import voluntary as V
    from mutasi.store.db import open_store

    engine = open_store(db)
    try:
        rnd = V.close_round(engine, round_id, _now(), _now().date())
    finally:
        engine.dispose()
    _say_round(rnd, as_json)
    return EXIT_OK


@round_group.command("publish")
@click.argument("round_id", type=int)
@db_option
@json_option
def publish_cmd(round_id: int, db: str, as_json: bool) -> int:
    """Publish a round that has run: employees then read their letter in the portal.

    Example: mutasi round publish 1
    """
    from mutasi.portal import voluntary as V
    from mutasi.store.db import open_store

    engine = open_store(db)
    try:
        rnd = V.publish(engine, round_id, _now())
    finally:
        engine.dispose()
    _say_round(rnd, as_json)
    return EXIT_OK


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0)  # a state change's time, never a decision input


def _round_dict(r: Any) -> dict[str, Any]:
    return {"id": r.id, "title": r.title, "opens_on": r.opens_on.isoformat(),
            "closes_on": r.closes_on.isoformat(), "pack": r.pack, "state": r.state,
            "run": r.run_seq, "max_choices": r.max_choices, "settings": r.settings.to_dict()}


def _say_round(r: Any, as_json: bool, **extra: Any) -> None:
    if as_json:
        emit_json({**_round_dict(r), **extra})
    else:
        more = "".join(f", {k} {v}" for k, v in extra.items())
        console.print(f"round {r.id} ({r.title}): {r.state}, {r.opens_on} .. {r.closes_on}{more}",
                      highlight=False, soft_wrap=True)


@round_group.command("run")
@click.argument("round_id", type=int, required=False)
@click.option("--rankings", "rankings_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV with one row per ranked position: nip,rank,position_id (instead of a stored round).")
@click.option("--position", "positions", multiple=True,
              help="Offer only this deficit position (repeat); default: every deficit position.")
@db_option
@pack_option
@click.option("--as-of", "as_of", default=None,
              callback=lambda _c, _p, v: parse_as_of(v) if v is not None else None,
              help="With --rankings: the date decided as of (YYYY-MM-DD). A stored round runs as of its closing day.")
@actor_option
@json_option
@settings_options
def run_cmd(round_id: int | None, rankings_file: Path | None, positions: tuple[str, ...], db: str,
            pack_path: Path, as_of: date | None, actor: str, as_json: bool, seed: int,
            keep_current: bool, order: str, plan_run: int | None) -> int:
    """Run a voluntary round and record it as one audit run: a closed stored round
    (ROUND_ID: its pack, offer, settings and as-of date = its closing day), or a rankings
    file (--rankings, with --pack, --as-of and the settings given here).

    Each ranked position is decided with the pack's criteria (a person is only considered
    where eligible) and scored with its round points; ties by a seeded lottery. Prints who
    moves where, each offered position's cut-off, and where the plan goes on. Exit 1 when
    the file or its match with the store has problems (all listed; nothing recorded).

    Example: mutasi round run 1 --actor "Tim BKPSDM"
    Example: mutasi round run --rankings rankings.csv --pack rules/kota-dumai --as-of 2026-11-22 --actor "Tim BKPSDM"
    """
    from mutasi.runs.round_run import run_round
    from mutasi.store.round_input import read_rankings

    if (round_id is None) == (rankings_file is None):
        raise click.UsageError("give a ROUND_ID or --rankings FILE (one of them)")
    if round_id is not None:
        from mutasi.portal import voluntary as V
        from mutasi.store.db import open_store

        engine = open_store(db)
        try:
            run = V.run_stored_round(db, engine, round_id, actor)
            payload = V.round_run_payload(engine, run)
        finally:
            engine.dispose()
        if as_json:
            emit_json(payload)
        else:
            print_round(payload)
        return EXIT_OK
    if as_of is None:
        raise click.UsageError("--as-of is required with --rankings")
    rankings = read_rankings(rankings_file)  # type: ignore[arg-type]
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


def _both(key: str) -> str:
    from reports.round_words import w

    return f"{w(key, 'id')} / {w(key, 'en')}"


def print_round(p: dict[str, Any]) -> None:
    from reports.round_words import w

    t = Table(title=f"Putaran sukarela / voluntary round (run {p['run']}, as of {p['as_of']})")
    for col in ("NIP", "Sekarang / now", "Hasil / result", "Pilihan / choices"):
        t.add_column(col)
    for person in p["people"]:
        bids = "; ".join(f"{b['rank']}. {b['position_id']} {b['points'] if b['points'] is not None else '-'}"
                         f" ({w('bid_' + b['reason'], 'id')})" for b in person["bids"])
        t.add_row(person["nip"], str(person["current_position_id"] or "-"),
                  person["assigned_position_id"] or _both(person["outcome"]), bids or "-")
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
                  f"{_both('order_' + s['settings']['order'] + '_short')}; pack {p['pack']['id']} {p['pack']['hash'][:12]}",
                  highlight=False, soft_wrap=True)


def register(cli: click.Group) -> None:
    cli.add_command(round_group)
