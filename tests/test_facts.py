"""Fact derivation: whole months, missing data, discipline, SKP, retirement."""

from __future__ import annotations

from datetime import date

import pytest

from engine.facts import (
    FACTS,
    MISSING_KEY,
    add_months,
    candidate_facts,
    day_number,
    months_between,
    move_facts,
    pair_facts,
    years_between,
)
from engine.records import (
    Document,
    Employee,
    Position,
    PositionWorkload,
    ProposedMove,
    Punishment,
    ReviewContext,
    SkpRecord,
    World,
)

PARAMS = {
    "retirement_age_by_kind": {"pengawas": 58, "jpt_pratama": 60, "jf_keahlian.ahli_utama": 65},
    "discipline_lookback_months": 24,
    "skp_score_predicates": {"PP 46/2011": [{"min": 91, "predicate": "Sangat Baik"},
                                            {"min": 76, "predicate": "Baik"},
                                            {"min": 0, "predicate": "Kurang"}]},
    "potential_cutoffs": {"medium": 60, "high": 80},
    "election_window_months_before": 6,
}


@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),   # clamped to the leap February's last day
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),  # leap day + 1 year
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2025, 11, 30), 3, date(2026, 2, 28)),
    (date(2025, 4, 1), -7, date(2024, 9, 1)),
])
def test_add_months(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


@pytest.mark.parametrize(("start", "end", "months"), [
    (date(2025, 4, 1), date(2026, 11, 22), 19),  # 12 + 7 = 19; 2026-11-01 <= 22 Nov
    (date(2025, 4, 23), date(2026, 11, 22), 18),  # 2026-11-23 > 22 Nov, so one less
    (date(2024, 1, 31), date(2024, 2, 29), 1),  # 31 Jan + 1 month = 29 Feb
    (date(2024, 1, 31), date(2024, 2, 28), 0),
    (date(2024, 2, 29), date(2025, 2, 28), 12),  # 29 Feb + 12 months clamps to 28 Feb
    (date(2024, 2, 29), date(2025, 2, 27), 11),
    (date(2026, 11, 22), date(2026, 11, 22), 0),
    (date(2026, 12, 1), date(2026, 11, 22), -1),
])
def test_months_between(start: date, end: date, months: int) -> None:
    assert months_between(start, end) == months


def test_missing_tmt_jabatan_is_missing_with_a_reason_not_zero() -> None:
    f = candidate_facts(Employee(nip="1", name="A", status="PNS"), World(), date(2026, 11, 22), PARAMS)
    assert f["months_in_post"] is None
    assert f[MISSING_KEY]["months_in_post"] == "no_tmt_jabatan"
    assert f["inspektorat_cleared"] is None  # not on file: never False
    assert f[MISSING_KEY]["skp_predicate_last_year"] == "no_skp_for_year"


def test_candidate_facts_values() -> None:
    pos = Position(id="p1", unit_id="u1", name="Kasi", kind="pengawas", job_family="kesehatan")
    world = World(positions={"p1": pos}, workloads={"p1": PositionWorkload(
        "p1", 2.2, 2, "nearest", 1250, on_post=3)})
    emp = Employee(
        nip="198609262015051001", name="A", birth_date=date(1986, 9, 26), status="PNS",
        golongan="III/c", education_level="S1", position_id="p1", tmt_jabatan=date(2025, 4, 1),
        tmt_pns=date(2016, 5, 1),
        skp=(SkpRecord(2025, predicate="Baik"), SkpRecord(2024, score=92.0, regulation="PP 46/2011")),
        punishments=(Punishment("sedang", "tunkin 25% 6 bulan", date(2025, 1, 1), date(2025, 6, 30)),
                     Punishment("ringan", "teguran lisan", date(2026, 11, 1), date(2026, 12, 31))),
        potential="tinggi")
    f = candidate_facts(emp, world, date(2026, 11, 22), PARAMS)
    assert f["months_in_post"] == 19
    assert f["months_since_tmt_pns"] == 126  # 10 years 6 months: 2016-05-01 -> 2026-11-01
    assert f["rank_ordinal"] == 11  # III/c is the 11th rank
    assert f["skp_predicate_year_before"] == "Sangat Baik"  # 92 >= 91 in the PP 46/2011 table
    assert f["punishment_active"] is True  # the light one runs 1 Nov - 31 Dec 2026
    # lookback 24 months: since 2024-11-22; the medium one ended 2025-06-30 -> counted
    assert f["medium_heavy_punishments_in_lookback"] == 1
    # BUP pengawas 58: 26 Sep 2044 -> pension from 1 Oct 2044
    assert f["retirement_date"] == "2044-10-01"
    # 2026-11-22 -> 2044-10-01: 17 years 10 months = 214 (2044-09-22 <= 1 Oct, 2044-10-22 > it)
    assert f["months_to_retirement"] == 214
    assert f["nine_box"] == 8  # Baik = meets expectation, potential tinggi = high
    assert f["origin_unit_balance"] == 1  # 3 on post - 2 needed
    assert f["is_jpt"] is False


def test_pair_and_move_facts() -> None:
    target = Position(id="t", unit_id="u2", name="Kabid", kind="administrator",
                      rank_min="III/d", rank_max="IV/a", required_education_levels=("S1", "S2"),
                      required_competencies=("a", "b", "c"))
    emp = Employee(nip="1", name="A", competencies=("a", "c"), education_level="D3",
                   preferences=("u9", "u2"))
    f = pair_facts(emp, target, World(), date(2026, 11, 22), PARAMS)
    assert f["competency_fit"] == round(2 / 3, 4)
    assert f["competency_gaps"] == ["b"]
    assert f["education_fits"] is False
    assert f["preference_rank"] == 2
    ctx = ReviewContext(decision_date=date(2026, 11, 22), signer_kind="pj",
                        candidate_determination_date=date(2027, 3, 1), term_end_date=date(2027, 12, 31),
                        documents=(Document("persetujuan_mendagri", "1", date(2026, 11, 1), covers=("m1",)),
                                   Document("lain", "2", date(2026, 11, 1), covers=("m2",))))
    m = move_facts(ProposedMove("m1", "1", None, "t", "rotation"), World(positions={"t": target}), ctx, PARAMS)
    # window starts 6 months before 2027-03-01 = 2026-09-01 <= 22 Nov 2026 <= term end
    assert m["round.in_election_window"] is True
    assert m["round.documents_on_file"] == ["persetujuan_mendagri"]  # m2's document does not cover m1


def test_fact_schema_is_complete() -> None:
    assert FACTS["months_in_post"].anchor == "tmt_jabatan"
    assert FACTS["age_years"].protected and FACTS["months_to_retirement"].protected
    for spec in FACTS.values():
        assert spec.title["id"] and spec.title["en"]
        if spec.anchor:
            assert FACTS[spec.anchor].type == "date"


@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2025, 12, 15), 1, date(2026, 1, 15)),  # over the year end
    (date(2026, 1, 15), -1, date(2025, 12, 15)),
    (date(2025, 12, 31), 2, date(2026, 2, 28)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),  # backwards, clamped too
    (date(2026, 5, 31), 1, date(2026, 6, 30)),
    (date(2026, 5, 17), 0, date(2026, 5, 17)),
    (date(2026, 5, 17), 12, date(2027, 5, 17)),
    (date(2026, 5, 17), -24, date(2024, 5, 17)),
])
def test_add_months_across_years_and_backwards(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


@pytest.mark.parametrize(("start", "end", "months"), [
    (date(2024, 1, 15), date(2024, 2, 14), 0),  # one day short of a month
    (date(2024, 1, 15), date(2024, 2, 15), 1),
    (date(2025, 12, 20), date(2026, 1, 19), 0),  # across the year end
    (date(2025, 12, 20), date(2026, 1, 20), 1),
    (date(2024, 3, 15), date(2024, 1, 20), -2),  # 15 Jan <= 20 Jan, 15 Feb is not
    (date(2024, 3, 15), date(2024, 1, 10), -3),
    (date(2020, 6, 1), date(2026, 5, 31), 71),
])
def test_months_between_more(start: date, end: date, months: int) -> None:
    assert months_between(start, end) == months


@pytest.mark.parametrize(("start", "end", "years"), [
    (date(1970, 6, 15), date(2026, 6, 14), 55),  # the day before the birthday
    (date(1970, 6, 15), date(2026, 6, 15), 56),
    (date(1972, 2, 29), date(2026, 2, 28), 54),  # a 29 Feb birthday counts on 28 Feb
    (date(2024, 3, 15), date(2023, 3, 20), -1),  # whole years round down
])
def test_years_between(start: date, end: date, years: int) -> None:
    assert years_between(start, end) == years


def test_day_number_counts_days() -> None:
    assert day_number("0001-01-01") == 1
    assert day_number("2024-03-01") - day_number("2024-02-01") == 29  # leap February
    assert day_number("2025-03-01") - day_number("2025-02-01") == 28
    assert day_number("2026-01-01") - day_number("2025-12-31") == 1


@pytest.mark.parametrize(("until", "source", "active"), [
    (date(2026, 11, 22), None, True),  # the bond's last day is the as-of date: still bound
    (date(2026, 11, 21), None, False),  # ended the day before
    (None, "Surat keterangan 800/45/BKPSDM/2026", False),  # "no bond", with its source
    (date(2027, 12, 31), "Surat keterangan 800/45/BKPSDM/2026", True),  # a bond date decides
    (None, None, None),  # nothing on file: data missing, never "no bond"
])
def test_service_bond_needs_a_date_or_a_sourced_statement_of_none(
        until: date | None, source: str | None, active: bool | None) -> None:
    emp = Employee(nip="1", name="A", status="PNS", service_bond_until=until, no_service_bond_source=source)
    f = candidate_facts(emp, World(), date(2026, 11, 22), PARAMS)
    assert f["service_bond_active"] is active
    assert ("service_bond_active" in f[MISSING_KEY]) is (active is None)
    if active is None:
        assert f[MISSING_KEY]["service_bond_active"] == "no_service_bond_record"
