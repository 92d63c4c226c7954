"""Preference rounds: while a round is open an employee ranks up to N units (N from the
pack); a new submission replaces the earlier one; after the closing day nothing changes.
The plan reads the latest round's choices as it reads imported preferences
(mutasi/store/convert.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, delete, select

from mutasi.errors import UsageError
from mutasi.portal import params
from mutasi.store.models import Unit, table_of
from mutasi.store.portal_models import PortalPreference, PreferenceRound

R = table_of(PreferenceRound)
P = table_of(PortalPreference)
U = table_of(Unit)


@dataclass(frozen=True)
class Round:
    id: int
    title: str
    opens_on: date
    closes_on: date
    max_choices: int

    def is_open(self, today: date) -> bool:
        return self.opens_on <= today <= self.closes_on


def _round(row: object) -> Round:
    r = row
    return Round(int(r.id), str(r.title), r.opens_on, r.closes_on, int(r.max_choices))  # type: ignore[attr-defined]


def open_round(engine: Engine, title: str, opens_on: date, closes_on: date, by: str) -> Round:
    if closes_on < opens_on:
        raise UsageError(f"the round closes ({closes_on}) before it opens ({opens_on})")
    if not title.strip():
        raise UsageError("a round needs a title")
    n = params.max_choices(opens_on)
    with engine.begin() as conn:
        conn.execute(R.insert().values(title=title.strip(), opens_on=opens_on, closes_on=closes_on,
                                       max_choices=n, created_by=by))
        row = conn.execute(select(R).order_by(R.c.id.desc()).limit(1)).one()
    return _round(row)


def latest_round(engine: Engine, today: date) -> Round | None:
    """The round open today, else the most recent one that has opened."""
    with engine.connect() as conn:
        rows = [_round(r) for r in conn.execute(select(R).where(R.c.opens_on <= today).order_by(R.c.id))]
    open_now = [r for r in rows if r.is_open(today)]
    found = open_now or rows
    return found[-1] if found else None


def units(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [(str(r.id), str(r.name)) for r in conn.execute(select(U.c.id, U.c.name).order_by(U.c.name, U.c.id))]


def choices(engine: Engine, round_id: int, nip: str) -> tuple[list[str], datetime | None]:
    with engine.connect() as conn:
        rows = conn.execute(select(P).where(P.c.round_id == round_id, P.c.nip == nip).order_by(P.c.rank)).all()
    return [str(r.unit_id) for r in rows], (rows[0].submitted_at if rows else None)


def submit(engine: Engine, rnd: Round, nip: str, unit_ids: list[str], now: datetime, today: date) -> list[str]:
    """Replace the NIP's choices in the round. UsageError with a message key when refused."""
    if not rnd.is_open(today):
        raise UsageError("err_round_closed")
    picked = [u for u in unit_ids if u]
    if not picked:
        raise UsageError("err_no_choice")
    if len(set(picked)) != len(picked):
        raise UsageError("err_choice_twice")
    if len(picked) > rnd.max_choices:
        raise UsageError("err_too_many_choices")
    known = {u for u, _ in units(engine)}
    if any(u not in known for u in picked):
        raise UsageError("err_bad_form")
    with engine.begin() as conn:
        conn.execute(delete(P).where(P.c.round_id == rnd.id, P.c.nip == nip))
        for rank, unit in enumerate(picked, start=1):
            conn.execute(P.insert().values(round_id=rnd.id, nip=nip, rank=rank, unit_id=unit, submitted_at=now))
    return picked



def all_rounds(engine: Engine) -> list[Round]:
    """Every round, newest first."""
    with engine.connect() as conn:
        return [_round(r) for r in conn.execute(select(R).order_by(R.c.id.desc()))]


def close_round(engine: Engine, round_id: int, on: date) -> Round:
    """Close a round early: `on` becomes its last day (never before it opened; a round that
    already closed keeps its day)."""
    with engine.begin() as conn:
        row = conn.execute(select(R).where(R.c.id == round_id)).first()
        if row is None:
            raise UsageError("err_not_found")
        rnd = _round(row)
        if on < rnd.opens_on or on >= rnd.closes_on:
            raise UsageError("err_close_day")
        conn.execute(R.update().where(R.c.id == round_id).values(closes_on=on))
    return Round(rnd.id, rnd.title, rnd.opens_on, on, rnd.max_choices)


@dataclass(frozen=True)
class Answered:
    nip: str
    name: str
    units: tuple[str, ...]  # unit names, most wanted first
    submitted_at: datetime


def responded(engine: Engine, round_id: int) -> list[Answered]:
    """Who ranked units in the round, by NIP, with their choices in words."""
    from mutasi.store.models import Employee

    emp = table_of(Employee)
    with engine.connect() as conn:
        rows = conn.execute(select(P.c.nip, P.c.rank, P.c.submitted_at, U.c.name, emp.c.name.label("person"))
                            .join(U, U.c.id == P.c.unit_id).join(emp, emp.c.nip == P.c.nip, isouter=True)
                            .where(P.c.round_id == round_id).order_by(P.c.nip, P.c.rank)).all()
    people: dict[str, Answered] = {}
    for r in rows:
        prev = people.get(r.nip)
        units = (prev.units if prev else ()) + (str(r.name),)
        people[r.nip] = Answered(str(r.nip), str(r.person or "-"), units, r.submitted_at)
    return list(people.values())
