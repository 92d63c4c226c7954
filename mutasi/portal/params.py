"""The pack parameters the portal reads (rules/nasional/parameters.yaml, "Portal pegawai"):
preference choices, response and objection periods, dated holidays. Taken from the pack of
the run in question when it has them (the pack text is in the audit log), else from the
shipped national pack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from engine.pack import Pack, Parameter


@dataclass(frozen=True)
class Period:
    days: int
    regulation: str
    article: str


@cache
def shipped_pack() -> Pack:
    from engine import load_pack
    from mutasi.paths import DEFAULT_PACK

    return load_pack(DEFAULT_PACK)


def _param(pack: Pack | None, name: str) -> Parameter:
    if pack is not None and name in pack.parameters:
        return pack.parameters[name]
    return shipped_pack().parameters[name]


def int_at(pack: Pack | None, name: str, on: date) -> int:
    p = _param(pack, name)
    entry = p.entry_at(on) or p.values[0]
    return int(entry.value)


def period(pack: Pack | None, name: str, on: date) -> Period:
    p = _param(pack, name)
    entry = p.entry_at(on) or p.values[0]
    basis: Any = entry.legal_basis or p.legal_basis
    # a list of {regulation, article} (older pack texts in the audit log: one mapping)
    first = basis[0] if isinstance(basis, list) and basis else basis if isinstance(basis, dict) else {}
    return Period(int(entry.value), str(first.get("regulation", "")), str(first.get("article", "")))


def holidays(pack: Pack | None) -> tuple[frozenset[date], date | None]:
    """Every holiday listed in any dated value, and the last day of the last year listed
    (a deadline after it is provisional: that year's holidays are not known yet)."""
    p = _param(pack, "public_holidays")
    days = {date.fromisoformat(str(d)) for v in p.values for d in (v.value or [])}
    until = date(max(d.year for d in days), 12, 31) if days else None
    return frozenset(days), until


def max_choices(on: date) -> int:
    return int_at(None, "portal_preference_max_choices", on)
