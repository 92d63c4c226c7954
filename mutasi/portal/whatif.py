"""The committee's "what if" page without HTTP: which parameters can be changed, a copy of
the pack with one value changed, the run whose candidates are re-decided.

The pack is the one recorded with the run (its canonical text in the audit log): the copy is
made in memory and never written anywhere, so the installed pack cannot change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine

from audit import AuditLog
from engine.check_ranges import ENGINE_RANGES
from engine.pack import Pack, Parameter
from engine.unit_ranges import ANY_RANGE, UNIT_RANGES
from mutasi.portal.decisions import pack_of_run

NUMERIC = ("int", "float")


@dataclass(frozen=True)
class Choice:
    name: str
    title: dict[str, str]
    unit: str
    type: str
    value: Any  # in force at the run's as-of date
    range: tuple[float, float] | None


@dataclass(frozen=True)
class Base:
    run: int
    as_of: date
    pack: Pack


def latest_base(engine: Engine) -> Base | None:
    """The latest evaluate or plan run with its recorded pack."""
    log = AuditLog(engine, migrate=False)
    if not log.exists():
        return None
    for head in reversed(log.list_runs()):
        if head.kind in ("evaluate", "plan"):
            pack = pack_of_run(engine, head.run_seq)
            if pack is not None:
                return Base(head.run_seq, date.fromisoformat(head.as_of), pack)
    return None


def choices(pack: Pack, as_of: date) -> list[Choice]:
    """Number parameters with a value at ``as_of`` that some criterion in force reads."""
    from engine.analyze.params import users

    used = users(pack)
    out = []
    for name in sorted(pack.parameters):
        p = pack.parameters[name]
        entry = p.entry_at(as_of)
        if p.type not in NUMERIC or entry is None or name not in used:
            continue
        # a recorded pack carries no declared range: the unit's (months 0..1200, ...) applies
        rng = p.range or ENGINE_RANGES.get(name) or UNIT_RANGES.get(p.unit, ANY_RANGE)
        out.append(Choice(name, p.title, p.unit, p.type, entry.value, rng))
    return out


class BadValue(ValueError):
    """The typed value does not fit the parameter (MUT-R202); ``key`` names the message."""

    def __init__(self, key: str, **kw: Any) -> None:
        super().__init__(key)
        self.key, self.kw = key, kw


def parse_value(choice: Choice, raw: str) -> int | float:
    text = raw.strip().replace(",", ".")
    try:
        value: int | float = int(text) if choice.type == "int" else float(text)
    except ValueError:
        raise BadValue("wi_bad_int" if choice.type == "int" else "wi_bad_number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise BadValue("wi_bad_number")
    if choice.range is not None and not (choice.range[0] <= value <= choice.range[1]):
        lo, hi = choice.range
        raise BadValue("wi_out_of_range", low=_plain(lo), high=_plain(hi))
    return value


def _plain(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def with_value(pack: Pack, name: str, value: Any, as_of: date) -> Pack:
    """A copy of ``pack`` whose parameter ``name`` has ``value`` in the entry in force at
    ``as_of`` (the dated history otherwise unchanged)."""
    p: Parameter = pack.parameters[name]
    entry = p.entry_at(as_of)
    assert entry is not None
    values = tuple(replace(v, value=value) if v is entry else v for v in p.values)
    params = {**pack.parameters, name: replace(p, values=values)}
    return replace(pack, parameters=params)
