"""engine/unit_ranges.yaml is the table docs/rule-packs.md states in words ("months 0..1200,
years 0..150, days 0..36600, hours 0..100000, percent 0..100, count 0..10^9, points / ratio
within ±10^6, rank 0..10^6, any other unit ±10^9"). The expected table below is written by
hand from that sentence, not read from the file. The edges' effect on the checker is tested
in tests/test_literal_limits.py."""

from __future__ import annotations

from engine.fact_schema import FACTS
from engine.unit_ranges import ANY_RANGE, UNIT_RANGES

DOCUMENTED = {
    "months": (0, 1200), "years": (0, 150), "days": (0, 36600), "hours": (0, 100_000),
    "percent": (0, 100), "count": (0, 10**9), "points": (-(10**6), 10**6),
    "ratio": (-(10**6), 10**6), "rank": (0, 10**6),
}


def test_the_table_is_the_documented_one() -> None:
    assert UNIT_RANGES == DOCUMENTED
    assert ANY_RANGE == (-(10**9), 10**9)


def test_every_number_fact_has_its_units_range() -> None:
    # the default range is for parameters of other units; no number fact falls back to it
    units = {f.unit for f in FACTS.values() if f.type in ("int", "float")}
    assert units and units <= set(UNIT_RANGES), sorted(units - set(UNIT_RANGES))


def test_months_and_days_keep_date_arithmetic_in_range() -> None:
    # a counterfactual date is the as-of date plus a literal: the largest literal of a unit
    # from any as-of date this century must stay a valid date (year <= 9999)
    from datetime import date, timedelta

    assert date(2099, 12, 31) + timedelta(days=UNIT_RANGES["days"][1]) < date.max
    assert 2099 + UNIT_RANGES["months"][1] // 12 + UNIT_RANGES["years"][1] < 9999
