"""Fairness: selection rates and impact ratios recomputed by hand (LL144 method)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from engine.outcome import Verdict
from engine.plan.model import Placement, PlanResult
from engine.plan.payload import RecordedPlan
from reports.fairness import Subject, age_band, rates
from reports.fairness_report import build_fairness
from reports.source import DecisionRecord, MemorySource, Person, RunHeader


def _subjects(attr: str, groups: list[tuple[str | None, int, int]]) -> list[Subject]:
    out = []
    for g, considered, selected in groups:
        for i in range(considered):
            out.append(Subject(f"{g}-{i}", i < selected, {attr: g}))
    return out


def test_rates_ratios_flags_and_small_group_caveat() -> None:
    subs = _subjects("religion", [("Islam", 40, 20), ("Kristen", 10, 4), ("Hindu", 1, 1), (None, 3, 3)])
    rows = {r.group: r for r in rates(subs, "religion")}
    # People with religion not on file (3) form no group: 40 + 10 + 1 = 51 counted.
    assert sorted(rows) == ["Hindu", "Islam", "Kristen"]
    # Rates: Hindu 1/1 = 1.0 (the top), Islam 20/40 = 0.5, Kristen 4/10 = 0.4.
    assert rows["Hindu"].rate == 1 and rows["Islam"].rate == Fraction(1, 2) and rows["Kristen"].rate == Fraction(2, 5)
    # Impact ratios = rate / 1.0: 1, 0.5, 0.4; the last two are below 0.8.
    assert [rows[g].impact_ratio for g in ("Hindu", "Islam", "Kristen")] == [1, Fraction(1, 2), Fraction(2, 5)]
    # Flag only with enough expected selections (overall 25/51): Islam 40 x 25/51 = 19.6 >= 5
    # is flagged; Kristen 10 x 25/51 = 4.9 < 5 is too few to flag, and says so.
    assert [rows[g].below_four_fifths for g in ("Hindu", "Islam", "Kristen")] == [False, True, False]
    assert rows["Kristen"].too_few and not rows["Islam"].too_few
    # Shares: Hindu 1/51 = 0.0196 < 0.02 -> caveat; Kristen 10/51 = 0.196 -> none.
    assert rows["Hindu"].share == Fraction(1, 51) and rows["Hindu"].small_group
    assert not rows["Kristen"].small_group and not rows["Islam"].small_group


def test_exactly_four_fifths_is_not_flagged() -> None:
    # L: 5/10 = 0.5 (top); P: 4/10 = 0.4; 0.4 / 0.5 = 0.8, not below 0.8.
    rows = {r.group: r for r in rates(_subjects("gender", [("L", 10, 5), ("P", 10, 4)]), "gender")}
    assert rows["P"].impact_ratio == Fraction(4, 5)
    assert not rows["P"].below_four_fifths


def test_nobody_selected_gives_no_ratio() -> None:
    rows = rates(_subjects("gender", [("L", 3, 0), ("P", 2, 0)]), "gender")
    assert [r.impact_ratio for r in rows] == [None, None]
    assert not any(r.below_four_fifths for r in rows)


def test_age_bands_on_the_run_date() -> None:
    on = date(2026, 11, 22)
    assert age_band(date(1996, 11, 23), on) == "<30"  # turns 30 one day later: 29
    assert age_band(date(1996, 11, 22), on) == "30-39"  # 30 on the day
    assert age_band(date(1976, 11, 22), on) == "50+"  # 50
    assert age_band(date(1976, 11, 23), on) == "40-49"  # 49
    assert age_band(None, on) is None


def _cand(nip: str, verdict: str) -> DecisionRecord:
    d = {"scope": "candidate", "subject": {"nip": nip}, "verdict": verdict, "deciding": [], "score": None,
         "pack": {"id": "p", "version": "1", "hash": "h"}, "as_of": "2026-11-22", "reasons": []}
    return DecisionRecord(decision_id=f"1-{nip}", run_seq=1, seq=0, snapshot_key=nip, decision=d)


def _placed(nip: str) -> Placement:
    return Placement(nip=nip, name=nip.upper(), position_id=f"P-{nip}", unit_id="U", from_position_id=None,
                     from_unit_id=None, verdict=Verdict.ELIGIBLE, score=1.0, score_breakdown=[], criteria=[],
                     runner_up=None, competency_gaps=[], training=[])


def test_fairness_report_from_a_plan_run() -> None:
    # Considered = eligible candidates: L: a, b, c; P: d, e. f is not eligible (not considered).
    # Placed: a, b (L) and d (P). Rates: L 2/3, P 1/2; ratio P = (1/2) / (2/3) = 3/4 = 0.75 < 0.8.
    people = {
        "a": Person("a", "A", gender="L", birth_date=date(1990, 1, 1)),
        "b": Person("b", "B", gender="L", birth_date=date(1990, 1, 1)),
        "c": Person("c", "C", gender="L", birth_date=date(1990, 1, 1)),
        "d": Person("d", "D", gender="P", birth_date=date(1990, 1, 1)),
        "e": Person("e", "E", gender="P", birth_date=None),
        "f": Person("f", "F", gender="P", birth_date=date(1990, 1, 1)),
    }
    verdicts = {"a": "eligible", "b": "eligible", "c": "eligible_through_exception", "d": "eligible", "e": "eligible", "f": "not_eligible"}
    src = MemorySource(
        run_list=[RunHeader(run_seq=1, seq=0, kind="plan", as_of="2026-11-22", pack={"id": "p", "version": "1", "hash": "h"},
                            mutasi_version="0.1.0", input_hash="i", actor="x", started_at="t")],
        decision_map={"1": [_cand(n, v) for n, v in sorted(verdicts.items())]},
        plans={"1": RecordedPlan(PlanResult(placements=[_placed(n) for n in ("a", "b", "d")]))},
        people=people,
    )
    ctx = build_fairness(src, src.runs()[0], "id")
    assert (ctx.considered_total, ctx.selected_total) == (5, 3)
    rows = {(r.attribute, r.group): r for r in ctx.rows}
    female = rows[("Jenis kelamin", "Perempuan")]
    assert (female.considered, female.selected, female.impact_ratio) == (2, 1, "0,75")
    # below four-fifths, but 2 x 3/5 = 1.2 expected selections: too few to flag
    assert female.rate == "50%" and "di bawah 4/5" not in female.flag and "terlalu sedikit" in female.flag
    # the short flag's star is explained under the table, with the threshold (5 selections)
    assert "**" in female.flag and "** Terlalu sedikit untuk ditandai" in ctx.flags_note
    assert "kurang dari 5 orang terpilih" in ctx.flags_note
    male = rows[("Jenis kelamin", "Laki-laki")]
    assert (male.rate, male.impact_ratio, male.flag) == ("66,7%", "1,00", "")
    # Age band: a, b, c, d are 36 on 2026-11-22 (30-39); e has no birth date: no group.
    assert rows[("Kelompok umur", "30-39")].considered == 4
    assert len(ctx.charts) == 2 and all(uri.startswith("data:image/png;base64,") for _, uri in ctx.charts)


def test_fisher_p_value_and_the_minimum_count_guard() -> None:
    from math import comb

    # X: 200 considered, 10 selected (5%); Y: 100 considered, 20 selected (20%). Overall
    # 30/300 = 10%; X would expect 20 selections >= 5: the ratio 0.25 is flagged.
    rows = {r.group: r for r in rates(_subjects("unit", [("X", 200, 10), ("Y", 100, 20)]), "unit")}
    assert rows["X"].impact_ratio == Fraction(1, 4) and rows["X"].below_four_fifths
    # Fisher's exact test by hand: hypergeometric P(k) of k selected in X (N=300, K=30, n=200);
    # two-sided p = sum of P(k) over k with P(k) <= P(10).
    def prob(k: int) -> float:
        return comb(30, k) * comb(270, 200 - k) / comb(300, 200)
    p10 = prob(10)
    want = sum(prob(k) for k in range(0, 31) if prob(k) <= p10 * (1 + 1e-7))
    assert abs(rows["X"].p_value - want) < 1e-9 and rows["X"].p_value < 0.001
    # A handful of selections says nothing: no flag, and the row says why.
    small = {r.group: r for r in rates(_subjects("gender", [("L", 20, 2), ("P", 4, 2)]), "gender")}
    # overall 4/24: L expects 20 x 4/24 = 3.3 < 5: the low ratio (0.2) is not flagged
    assert small["L"].impact_ratio == Fraction(1, 5) and not small["L"].below_four_fifths and small["L"].too_few


def test_fairness_chart_fits_long_unit_names_without_a_layout_warning() -> None:
    # Regression: twelve long unit names under rotated vertical bars made matplotlib warn
    # "Tight layout not applied" and squeezed the plot to nothing.
    import warnings

    from reports.charts import bar_chart

    names = [f"Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk {i}" for i in range(12)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        uri = bar_chart(names, [i / 12 for i in range(12)], "Tingkat: Unit kerja", "Tingkat", ref_line=0.7)
    assert uri.startswith("data:image/png;base64,")
