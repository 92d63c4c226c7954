"""Facts of the voluntary round's circumstance items (issue 20): family reunion, distance to
home, hardship postings. Pure functions of records and the as-of date; engine/facts.py puts
their values.

Three states, never folded together: the person did not claim it (the value
``not_claimed``), the claim is verified and the position's unit lies in the same kecamatan,
the same kabupaten/kota or elsewhere, or data missing with a reason (claim not verified by the
as-of date, the unit's location not on file).

Region codes are kode wilayah administrasi pemerintahan as published by Kemendagri:
"14.72.01" = province 14, kabupaten/kota 72, kecamatan 01 (a desa/kelurahan adds a fourth
part). Two places are in the same kecamatan when their first three parts are equal, in the
same kabupaten/kota when their first two are.
"""

from __future__ import annotations

from datetime import date

from engine.dates import months_between
from engine.records import Circumstance, Employee, Position, World

CIRCUMSTANCE_KINDS = ("spouse_workplace", "domicile")
NOT_CLAIMED = "not_claimed"
AREAS = ("same_kecamatan", "same_kabkota", "elsewhere", NOT_CLAIMED)  # values of the area facts


def same_area(a: str, b: str) -> str:
    """How close two region codes are: same_kecamatan, same_kabkota or elsewhere."""
    pa, pb = a.split("."), b.split(".")
    if pa[:3] == pb[:3] and len(pa) >= 3 and len(pb) >= 3:
        return "same_kecamatan"
    if pa[:2] == pb[:2]:
        return "same_kabkota"
    return "elsewhere"


def declared(emp: Employee, kind: str) -> Circumstance | None:
    """The person's declaration of that kind (the last one by region code when several)."""
    found = sorted((c for c in emp.circumstances if c.kind == kind), key=lambda c: c.region_code)
    return found[-1] if found else None


def area_at(emp: Employee, pos: Position, world: World, kind: str,
            as_of: date) -> tuple[str | None, str]:
    """Where the position's unit lies relative to the declared place: a value or (None, why)."""
    c = declared(emp, kind)
    if c is None:
        return NOT_CLAIMED, ""
    if c.verified_on is None or not c.verified_by or c.verified_on > as_of:
        return None, "claim_not_verified"
    unit = world.units.get(pos.unit_id)
    if unit is None or not unit.region_code:
        return None, "unit_location_unknown"
    return same_area(unit.region_code, c.region_code), ""


def hardship_months(emp: Employee, world: World, as_of: date) -> tuple[int | None, str]:
    """Whole months served, up to the as-of date, in units flagged as hardship postings, from
    the position history. Missing when there is no history, a history row names no unit, or
    a unit served in is not on file or has no hardship flag stated."""
    rows = [p for p in emp.postings if p.start <= as_of]
    if not rows:
        return None, "no_position_history"
    total = 0
    for p in sorted(rows, key=lambda p: (p.start, p.unit_id or "")):
        if not p.unit_id:
            return None, "posting_unit_unknown"
        unit = world.units.get(p.unit_id)
        if unit is None or unit.hardship is None:
            return None, "unit_hardship_not_stated"
        if unit.hardship:
            end = min(p.end or as_of, as_of)
            total += months_between(p.start, end) if end > p.start else 0
    return total, ""
