"""The voluntary transfer round in the store, without HTTP: the committee opens a round
(dates, offered positions with their slots, settings), employees rank offered positions
while it is open, the committee closes it, runs it (mutasi/runs/round_run.py: one audit
run) and publishes it; employees then read their letter. States: open -> closed -> run ->
published. Refusals are UsageError with a stable code and a message key for the portal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, delete, select, update

from engine.problems import Problem
from engine.round import RoundOrder, RoundSettings
from mutasi.errors import UsageError
from mutasi.paths import REPO_RULES
from mutasi.store.convert import load_world
from mutasi.store.models import Employee, Position, Unit, table_of
from mutasi.store.round_input import RankedChoice, RoundInputError
from mutasi.store.round_models import VoluntaryOffer, VoluntaryRanking, VoluntaryRound

R = table_of(VoluntaryRound)
OFF = table_of(VoluntaryOffer)
K = table_of(VoluntaryRanking)
STATES = ("open", "closed", "run", "published")


class RoundStateError(UsageError):
    """A round step asked out of order or with bad values (MUT-V255); ``key`` for the portal."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"MUT-V255 {message}")
        self.key = key


@dataclass(frozen=True)
class StoredRound:
    id: int
    title: str
    opens_on: date
    closes_on: date
    pack: str
    settings: RoundSettings
    max_choices: int
    state: str
    run_seq: int | None

    def accepts_rankings(self, today: date) -> bool:
        return self.state == "open" and self.opens_on <= today <= self.closes_on


@dataclass(frozen=True)
class OfferView:
    position_id: str
    position_name: str
    unit_name: str
    capacity: int


def _stored(r: object) -> StoredRound:
    x: object = r
    return StoredRound(
        int(x.id), str(x.title), x.opens_on, x.closes_on, str(x.pack),  # type: ignore[attr-defined]
        RoundSettings(int(x.seed), bool(x.keep_current), RoundOrder(x.run_order), x.plan_run),  # type: ignore[attr-defined]
        int(x.max_choices), str(x.state), x.run_seq)  # type: ignore[attr-defined]


def pack_path(name: str) -> Path:
    return REPO_RULES / name


def round_packs() -> list[str]:
    """Shipped packs that declare round points (offered when a round is opened)."""
    from engine import load_pack

    out = []
    for d in sorted(REPO_RULES.iterdir()):
        if (d / "pack.yaml").exists():
            try:
                pack = load_pack(d)
            except Exception:  # a broken pack is simply not offered  # noqa: BLE001
                continue
            if any(c.kind == "score" and c.body.get("use") == "round" for c in pack.criteria):
                out.append(d.name)
    return out


def open_round(engine: Engine, *, title: str, opens_on: date, closes_on: date, pack: str,
               positions: Sequence[str] | None, settings: RoundSettings, by: str, now: datetime,
               max_choices: int | None = None) -> StoredRound:
    """Open a round offering ``positions`` (default: every deficit position) with their
    slots as the ABK shows them today."""
    from mutasi.runs.round_run import offers_from

    if not title.strip():
        raise RoundStateError("vr_err_title", "a round needs a title")
    if closes_on < opens_on:
        raise RoundStateError("vr_err_dates", f"the round closes ({closes_on}) before it opens ({opens_on})")
    if pack not in round_packs():
        raise RoundStateError("vr_err_pack", f"pack {pack!r} declares no round points")
    offers = offers_from(load_world(engine), None)
    if positions is not None:
        deficit = {o.position_id for o in offers}
        wrong = sorted(set(positions) - deficit)
        if wrong:
            raise RoundStateError("vr_err_positions", f"not in deficit: {', '.join(wrong)}")
        offers = [o for o in offers if o.position_id in set(positions)]
    if not offers:
        raise RoundStateError("vr_err_positions", "no position offered")
    # default: as many choices as positions offered (a shorter list can make it pay to leave
    # out a post one wants but is unlikely to get: Haeringer & Klijn 2009)
    max_choices = len(offers) if max_choices is None else max_choices
    if not 1 <= max_choices <= 200:
        raise RoundStateError("err_bad_form", "max_choices must be 1..200")
    with engine.begin() as conn:
        rid = conn.execute(R.insert().values(
            title=title.strip(), opens_on=opens_on, closes_on=closes_on, pack=pack,
            seed=settings.seed, keep_current=settings.keep_current,
            run_order=settings.order.value, plan_run=settings.plan_run, max_choices=max_choices,
            state="open", created_by=by, created_at=now)).inserted_primary_key[0]  # type: ignore[index]
        for o in offers:
            conn.execute(OFF.insert().values(round_id=rid, position_id=o.position_id, capacity=o.capacity))
    found = get_round(engine, int(rid))
    assert found is not None
    return found


def get_round(engine: Engine, round_id: int) -> StoredRound | None:
    with engine.connect() as conn:
        row = conn.execute(select(R).where(R.c.id == round_id)).one_or_none()
    return _stored(row) if row is not None else None


def list_rounds(engine: Engine) -> list[StoredRound]:
    with engine.connect() as conn:
        return [_stored(r) for r in conn.execute(select(R).order_by(R.c.id.desc()))]


def current_round(engine: Engine, today: date) -> StoredRound | None:
    """For an employee: the latest round that has opened and is not yet run, else the
    latest published one (its letter)."""
    rounds = [r for r in list_rounds(engine) if r.opens_on <= today]
    live = [r for r in rounds if r.state in ("open", "closed")]
    published = [r for r in rounds if r.state == "published"]
    found = live or published
    return found[0] if found else None


def offers(engine: Engine, round_id: int) -> list[OfferView]:
    P, U = table_of(Position), table_of(Unit)
    q = (select(OFF.c.position_id, OFF.c.capacity, P.c.name, U.c.name.label("unit"))
         .select_from(OFF.join(P, P.c.id == OFF.c.position_id, isouter=True)
                      .join(U, U.c.id == P.c.unit_id, isouter=True))
         .where(OFF.c.round_id == round_id).order_by(U.c.name, P.c.name, OFF.c.position_id))
    with engine.connect() as conn:
        return [OfferView(str(r.position_id), str(r.name or r.position_id), str(r.unit or "-"),
                          int(r.capacity)) for r in conn.execute(q)]


def position_names(engine: Engine, position_ids: Sequence[str]) -> list[OfferView]:
    """Names of positions (and their units), for forms listing deficit positions."""
    P, U = table_of(Position), table_of(Unit)
    q = (select(P.c.id, P.c.name, U.c.name.label("unit"))
         .select_from(P.join(U, U.c.id == P.c.unit_id, isouter=True))
         .where(P.c.id.in_(sorted(position_ids))))
    with engine.connect() as conn:
        return [OfferView(str(r.id), str(r.name or r.id), str(r.unit or "-"), 0) for r in conn.execute(q)]


def ranking(engine: Engine, round_id: int, nip: str) -> tuple[list[str], datetime | None]:
    with engine.connect() as conn:
        rows = conn.execute(select(K).where(K.c.round_id == round_id, K.c.nip == nip)
                            .order_by(K.c.rank)).all()
    return [str(r.position_id) for r in rows], (rows[0].submitted_at if rows else None)


def submit(engine: Engine, rnd: StoredRound, nip: str, position_ids: Sequence[str], now: datetime,
           today: date) -> list[str]:
    """Replace the NIP's ranking. RoundStateError (key for the portal) when refused."""
    if not rnd.accepts_rankings(today):
        raise RoundStateError("vr_err_closed", "the round does not accept rankings now")
    picked = [p for p in position_ids if p]
    if not picked:
        raise RoundStateError("vr_err_no_choice", "no position chosen")
    if len(set(picked)) != len(picked):
        raise RoundStateError("vr_err_twice", "a position chosen twice")
    if len(picked) > rnd.max_choices:
        raise RoundStateError("vr_err_too_many", "too many positions chosen")
    offered = {o.position_id for o in offers(engine, rnd.id)}
    E = table_of(Employee)
    with engine.connect() as conn:
        own = conn.execute(select(E.c.position_id).where(E.c.nip == nip)).scalar()
    if any(p not in offered for p in picked):
        raise RoundStateError("err_bad_form", "a position not offered in this round")
    if own in picked:
        raise RoundStateError("vr_err_own_post", "the person's own post")
    with engine.begin() as conn:
        conn.execute(delete(K).where(K.c.round_id == rnd.id, K.c.nip == nip))
        for rank, pid in enumerate(picked, start=1):
            conn.execute(K.insert().values(round_id=rnd.id, nip=nip, rank=rank, position_id=pid,
                                           submitted_at=now))
    return picked


def all_rankings(engine: Engine, round_id: int) -> dict[str, list[RankedChoice]]:
    with engine.connect() as conn:
        rows = conn.execute(select(K).where(K.c.round_id == round_id).order_by(K.c.nip, K.c.rank)).all()
    out: dict[str, list[RankedChoice]] = {}
    for r in rows:
        out.setdefault(str(r.nip), []).append(RankedChoice(int(r.rank), int(r.rank), str(r.position_id)))
    return out


def import_rankings(engine: Engine, round_id: int, ranked: dict[str, list[RankedChoice]],
                    source: str, now: datetime) -> None:
    """Rankings from a file into an open round (all or nothing; a person's rows replace
    their earlier ranking). Checked against the store and the offer like a run's input."""
    rnd = _require(engine, round_id, ("open",), "vr_err_state")
    offered = {o.position_id for o in offers(engine, round_id)}
    E = table_of(Employee)
    with engine.connect() as conn:
        own = {str(r.nip): r.position_id for r in conn.execute(
            select(E.c.nip, E.c.position_id).where(E.c.nip.in_(sorted(ranked))))}
    problems: list[Problem] = []
    for nip in sorted(ranked):
        for c in ranked[nip]:
            if nip not in own:
                problems.append(Problem(source, c.line, 0, "MUT-V254", "nip", f"NIP {nip} is not in the store"))
                break
            if c.position_id == own[nip]:
                problems.append(Problem(source, c.line, 0, "MUT-V254", "position_id",
                                        f"{c.position_id} is the current post of NIP {nip}"))
            elif c.position_id not in offered:
                problems.append(Problem(source, c.line, 0, "MUT-V254", "position_id",
                                        f"position {c.position_id} is not offered in round {round_id}"))
        if len(ranked[nip]) > rnd.max_choices:
            problems.append(Problem(source, ranked[nip][-1].line, 0, "MUT-V254", "rank",
                                    f"NIP {nip} ranks {len(ranked[nip])} positions; at most {rnd.max_choices}"))
    if problems:
        raise RoundInputError(f"{source}: {len(problems)} problem(s)", problems)
    with engine.begin() as conn:
        for nip in sorted(ranked):
            conn.execute(delete(K).where(K.c.round_id == round_id, K.c.nip == nip))
            for rank, c in enumerate(ranked[nip], start=1):
                conn.execute(K.insert().values(round_id=round_id, nip=nip, rank=rank,
                                               position_id=c.position_id, submitted_at=now))


def round_run_payload(engine: Engine, run_seq: int) -> dict[str, object]:
    """The round as recorded by audit run ``run_seq`` (with the run number)."""
    from audit.log import AuditLog

    payload = AuditLog(engine, migrate=False).plan(run_seq) or {}
    return {**payload, "run": run_seq}


def participants(engine: Engine, round_id: int) -> int:
    return len(all_rankings(engine, round_id))


def close_round(engine: Engine, round_id: int, now: datetime, today: date) -> StoredRound:
    rnd = _require(engine, round_id, ("open",), "vr_err_state")
    closes = min(rnd.closes_on, today) if today >= rnd.opens_on else rnd.closes_on
    with engine.begin() as conn:
        conn.execute(update(R).where(R.c.id == round_id).values(state="closed", closed_at=now,
                                                                 closes_on=closes))
    return _require(engine, round_id, ("closed",), "vr_err_state")


def run_stored_round(db_url: str, engine: Engine, round_id: int, actor: str,
                     progress: Callable[[str], None] | None = None) -> int:
    """Run a closed round (as of its closing day) and record it; returns the audit run."""
    from mutasi.runs.round_run import run_round

    rnd = _require(engine, round_id, ("closed",), "vr_err_state")
    ranked = all_rankings(engine, round_id)
    if not ranked:
        raise RoundInputError(f"round {round_id}: nobody ranked a position", [Problem(
            f"round {round_id}", 0, 0, "MUT-V255", "rankings", "nobody ranked a position")])
    res = run_round(db_url, pack_path(rnd.pack), rnd.closes_on, actor, rankings=ranked,
                    source=f"round {round_id}", settings=rnd.settings,
                    positions=[o.position_id for o in offers(engine, round_id)],
                    capacities={o.position_id: o.capacity for o in offers(engine, round_id)},
                    max_choices=rnd.max_choices, progress=progress)
    with engine.begin() as conn:
        conn.execute(update(R).where(R.c.id == round_id).values(state="run", run_seq=res.run))
    return res.run


def publish(engine: Engine, round_id: int, now: datetime) -> StoredRound:
    _require(engine, round_id, ("run",), "vr_err_state")
    with engine.begin() as conn:
        conn.execute(update(R).where(R.c.id == round_id).values(state="published", published_at=now))
    return _require(engine, round_id, ("published",), "vr_err_state")


def _require(engine: Engine, round_id: int, states: tuple[str, ...], key: str) -> StoredRound:
    rnd = get_round(engine, round_id)
    if rnd is None:
        raise RoundStateError("err_not_found", f"no round {round_id}")
    if rnd.state not in states:
        raise RoundStateError(key, f"round {round_id} is {rnd.state}, not {' or '.join(states)}")
    return rnd
