"""Evaluator: outcomes with reasons, counterfactual dates, missing data, policy, isolation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine import Evaluator, Outcome, PackError, Verdict, decide_verdict, load_pack
from engine.outcome import Decision, Reason
from engine.pack import Pack
from engine.records import (
    Document,
    Employee,
    Position,
    PositionWorkload,
    ProposedMove,
    ReviewContext,
    SkpRecord,
    World,
)

PACKS = Path(__file__).parent / "packs"
AS_OF = date(2026, 11, 22)
BACKENDS = ["durable", "reference"]


def clean(**kw: object) -> Employee:
    base: dict[str, object] = dict(
        nip="198609262015051001", name="Andi", status="PNS", golongan="III/c",
        tmt_jabatan=date(2023, 1, 2), education_level="S1", inspektorat_cleared=True,
        under_examination=False, skp=(SkpRecord(2025, "Baik"), SkpRecord(2024, "Sangat Baik")))
    base.update(kw)
    return Employee(**base)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(PACKS / "basic")


def reasons(d: Decision) -> dict[str, Reason]:
    return {r.criterion_id: r for r in d.reasons}


@pytest.mark.parametrize("backend", BACKENDS)
def test_19_months_fails_tenure_min_with_the_date_24_months_are_reached(pack: Pack, backend: str) -> None:
    ev = Evaluator(pack, AS_OF, backend=backend)
    d = ev.evaluate_candidate(clean(tmt_jabatan=date(2025, 4, 1)), World())
    r = reasons(d)["tenure_min"]
    # 2025-04-01 -> 2026-11-22: 2026-11-01 <= 22 Nov, 2026-12-01 is not: 19 months
    assert r.outcome is Outcome.FAIL
    assert r.facts_read == {"months_in_post": 19}
    assert r.threshold == {"fact": "months_in_post", "op": ">=", "value": 24, "param": "tenure_min_months"}
    # 24 months after 2025-04-01 is 2027-04-01
    assert r.counterfactual is not None and r.counterfactual["passes_on"] == "2027-04-01"
    assert r.counterfactual["kind"] == "date"
    assert r.legal_basis == [{"regulation": "PP 11/2017 jo. PP 17/2020", "article": "Pasal 190 ayat (3)"}]
    assert r.source == "packs/basic/criteria/candidate.yaml:10"
    assert d.verdict is Verdict.NOT_ELIGIBLE and d.deciding == ("tenure_min",)
    assert d.pack == {"id": "basic", "version": "1.2.0", "hash": pack.hash}


@pytest.mark.parametrize("backend", BACKENDS)
def test_month_end_anchor_passes_on_clamped_date(pack: Pack, backend: str) -> None:
    # started 2024-12-31; 24 months later is 2026-12-31 (no clamping needed); as-of 22 Nov -> 22 months
    d = Evaluator(pack, AS_OF, backend=backend).evaluate_candidate(clean(tmt_jabatan=date(2024, 12, 31)), World())
    r = reasons(d)["tenure_min"]
    assert r.facts_read == {"months_in_post": 22}
    assert r.counterfactual["passes_on"] == "2026-12-31"  # type: ignore[index]


@pytest.mark.parametrize("backend", BACKENDS)
def test_missing_tmt_jabatan_is_data_missing_not_pass(pack: Pack, backend: str) -> None:
    d = Evaluator(pack, AS_OF, backend=backend).evaluate_candidate(clean(tmt_jabatan=None), World())
    r = reasons(d)["tenure_min"]
    assert r.outcome is Outcome.MISSING
    assert r.missing == {"months_in_post": "no_tmt_jabatan"}
    assert r.counterfactual is None
    assert reasons(d)["tenure_max"].outcome is Outcome.MISSING  # advisory: missing too, no verdict effect
    assert d.verdict is Verdict.DATA_MISSING and d.deciding == ("tenure_min",)


@pytest.mark.parametrize("backend", BACKENDS)
def test_clean_employee_is_eligible_and_every_criterion_has_one_reason(pack: Pack, backend: str) -> None:
    d = Evaluator(pack, AS_OF, backend=backend).evaluate_candidate(clean(), World())
    ids = [r.criterion_id for r in d.reasons]
    # candidate criteria in force on 2026-11-22 (retired_rule_2019 ended 2019-12-31)
    assert ids == ["clean_record", "inspektorat_cleared", "long_career_leader", "rank_band_check",
                   "skp_baik", "status_pns", "tenure_max", "tenure_min"]
    assert d.verdict is Verdict.ELIGIBLE
    r = reasons(d)
    # III/c = 11 is within 9..12, so the advisory warns; the verdict stays eligible
    assert r["rank_band_check"].outcome is Outcome.WARNING
    # no competencies held: "contains kepemimpinan" is false, so the all() is false whatever
    # tmt_pns (not on file) would be
    assert r["long_career_leader"].outcome is Outcome.PASS
    ev = Evaluator(pack, AS_OF, backend=backend)
    d2 = ev.evaluate_candidate(clean(competencies=("kepemimpinan",), tmt_jabatan=date(2020, 1, 1)), World())
    # now contains is true and 2020-01-01 lies in [2015-01-01, 2022-12-31]: only tmt_pns unknown
    r2 = reasons(d2)["long_career_leader"]
    assert r2.outcome is Outcome.MISSING and r2.missing == {"tmt_pns": "no_tmt_pns"}
    assert d2.verdict is Verdict.ELIGIBLE  # an advisory never changes the verdict
    assert all(r[c].outcome is Outcome.PASS for c in ids if c != "rank_band_check")


@pytest.mark.parametrize("backend", BACKENDS)
def test_not_and_any_three_valued(pack: Pack, backend: str) -> None:
    ev = Evaluator(pack, AS_OF, backend=backend)
    # clean_record = not (punishment_active or under_examination)
    # under_examination True decides even though the discipline record is unknown
    d = ev.evaluate_candidate(clean(under_examination=True, discipline_record_known=False), World())
    assert reasons(d)["clean_record"].outcome is Outcome.FAIL
    assert reasons(d)["clean_record"].counterfactual == {"kind": "none", "why": "complex"}
    # under_examination False, punishment unknown -> unknown -> missing
    d = ev.evaluate_candidate(clean(discipline_record_known=False), World())
    assert reasons(d)["clean_record"].outcome is Outcome.MISSING
    assert reasons(d)["clean_record"].missing == {"punishment_active": "no_discipline_record"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_pair_scope_scores_and_field_compare(pack: Pack, backend: str) -> None:
    target = Position(id="t", unit_id="u", name="Kasi", kind="pengawas", rank_min="III/c",
                      rank_max="III/d", required_competencies=("a", "b"))
    world = World(positions={"t": target},
                  workloads={"t": PositionWorkload("t", 2.4, 2, "nearest", 1250, on_post=1)})
    ev = Evaluator(pack, AS_OF, backend=backend)
    d = ev.evaluate_pair(clean(competencies=("a",)), target, world)
    r = reasons(d)
    assert r["rank_in_range"].outcome is Outcome.PASS  # 11 within 11..12
    assert r["status_pns"].outcome is Outcome.PASS  # candidate criteria apply to pairs too
    # score = 0.5 * (1 of 2 competencies = 0.5) + 2 * 1 (balance 1 - 2 = -1 < 0) = 2.25
    assert d.score == pytest.approx(2.25)
    d = ev.evaluate_pair(clean(golongan="IV/a", competencies=("a",)), target, world)
    r = reasons(d)
    assert r["rank_in_range"].outcome is Outcome.FAIL  # 13 > 12
    assert r["rank_in_range"].counterfactual == {"kind": "value", "fact": "rank_ordinal", "op": "<=",
                                                  "needed": 12, "current": 13}


@pytest.mark.parametrize("backend", BACKENDS)
def test_move_exception_and_approval(pack: Pack, backend: str) -> None:
    ev = Evaluator(pack, AS_OF, backend=backend)
    emp = clean(tmt_jabatan=date(2025, 4, 1))  # 19 months
    world = World(positions={"t": Position(id="t", unit_id="u", name="T", kind="pengawas")})
    move = ProposedMove("m1", emp.nip, None, "t", "rotation", grounds=("penataan_organisasi",))
    ctx = ReviewContext(decision_date=AS_OF, signer_kind="definitive")
    d = ev.evaluate_move(move, world, ctx, emp)
    r = reasons(d)
    assert r["move_tenure"].outcome is Outcome.FAIL
    assert r["early_rotation"].outcome is Outcome.NOT_APPLICABLE  # grounds, but no document
    assert d.verdict is Verdict.NOT_ELIGIBLE
    doc = Document("dokumen_rotasi_dini", "1/2026", date(2026, 11, 1))
    ctx = ReviewContext(decision_date=AS_OF, signer_kind="pj", documents=(doc,))
    d = ev.evaluate_move(move, world, ctx, emp)
    r = reasons(d)
    assert r["early_rotation"].outcome is Outcome.EXCEPTED
    assert r["acting_head"].outcome is Outcome.APPROVAL_NEEDED
    assert d.verdict is Verdict.NEEDS_APPROVAL and d.deciding == ("acting_head",)
    ctx = ReviewContext(decision_date=AS_OF, signer_kind="pj", documents=(
        doc, Document("persetujuan_mendagri", "2/2026", date(2026, 11, 2))))
    d = ev.evaluate_move(move, world, ctx, emp)
    assert reasons(d)["acting_head"].outcome is Outcome.APPROVED
    assert d.verdict is Verdict.ELIGIBLE_THROUGH_EXCEPTION
    assert d.deciding == ("early_rotation", "move_tenure")


def test_two_evaluators_in_one_process_do_not_see_each_other(pack: Pack) -> None:
    regional = load_pack(PACKS / "regional")
    a = Evaluator(pack, AS_OF)
    b = Evaluator(regional, AS_OF)
    emp = clean(tmt_jabatan=date(2024, 6, 1), education_level="SMA")  # 29 months
    # basic: 29 >= 24 passes; regional: 29 < 36 fails, and SMA (3) < 8 fails incoming_education
    da, db = a.evaluate_candidate(emp, World()), b.evaluate_candidate(emp, World())
    assert reasons(da)["tenure_min"].outcome is Outcome.PASS
    assert "incoming_education" not in reasons(da)
    assert reasons(db)["tenure_min"].outcome is Outcome.FAIL
    assert reasons(db)["incoming_education"].outcome is Outcome.FAIL
    assert "inspektorat_cleared" not in reasons(db)
    # and again after interleaving: still the same answers
    assert a.evaluate_candidate(emp, World()).to_dict() == da.to_dict()
    a.close()
    assert b.evaluate_candidate(emp, World()).to_dict() == db.to_dict()


def test_decide_many_equals_decide_one_by_one(pack: Pack) -> None:
    ev = Evaluator(pack, AS_OF)
    emps = [clean(nip=str(i), tmt_jabatan=date(2020 + i, 1, 1)) for i in range(6)]
    items = [({"nip": e.nip}, ev.candidate_facts(e, World())) for e in emps]
    many = ev.decide_many("candidate", items)
    assert [d.to_dict() for d in many] == [ev.decide("candidate", s, f).to_dict() for s, f in items]


def test_pack_not_in_force_and_parameter_without_value() -> None:
    regional = load_pack(PACKS / "regional")
    with pytest.raises(PackError) as exc:
        Evaluator(regional, date(2020, 6, 1))  # regional starts 2021-01-01
    assert exc.value.problems[0].code == "MUT-R023"
    with pytest.raises(PackError) as exc:
        Evaluator(regional, date(2022, 6, 1))  # incoming_min_education starts 2024-01-01
    assert [p.code for p in exc.value.problems] == ["MUT-R024"]


def _r(cid: str, kind: str, outcome: Outcome, lifts: list[str] | None = None) -> Reason:
    return Reason(cid, 1, kind, "move", outcome, {}, {}, "", {},
                  exception={"lifts": lifts} if lifts is not None else None)


def test_policy_is_total_and_order_independent() -> None:
    fail, ok = _r("b_req", "requirement", Outcome.FAIL), _r("a_req", "requirement", Outcome.PASS)
    miss = _r("c_req", "requirement", Outcome.MISSING)
    need = _r("d_app", "approval", Outcome.APPROVAL_NEEDED)
    exc = _r("e_exc", "exception", Outcome.EXCEPTED, ["b_req"])
    warn = _r("f_adv", "advisory", Outcome.WARNING)
    assert decide_verdict([ok, fail, miss, need]) == (Verdict.NOT_ELIGIBLE, ("b_req",))
    assert decide_verdict([need, miss, fail, exc]) == (Verdict.DATA_MISSING, ("c_req",))
    assert decide_verdict([need, fail, exc, ok]) == (Verdict.NEEDS_APPROVAL, ("d_app",))
    assert decide_verdict([exc, fail, ok]) == (Verdict.ELIGIBLE_THROUGH_EXCEPTION, ("b_req", "e_exc"))
    assert decide_verdict([warn, ok]) == (Verdict.ELIGIBLE, ("a_req",))
    assert decide_verdict([]) == (Verdict.ELIGIBLE, ())
    # a missing exception that lifts a failed (and otherwise lifted) requirement counts as missing
    exc_missing = _r("g_exc", "exception", Outcome.MISSING, ["b_req"])
    assert decide_verdict([fail, exc, exc_missing]) == (Verdict.DATA_MISSING, ("g_exc",))
    # advisory missing never changes the verdict
    assert decide_verdict([ok, _r("h_adv", "advisory", Outcome.MISSING)])[0] is Verdict.ELIGIBLE


@pytest.mark.parametrize("backend", BACKENDS)
def test_regression_contains_false_is_false_not_missing(pack: Pack, backend: str) -> None:
    """Found by the differential test: lists reach durable_rules only as flags, so the
    'absent' test of a contains atom must look at the flag, not at the list field."""
    ev = Evaluator(pack, AS_OF, backend=backend)
    emp = clean(competencies=("lain",), tmt_jabatan=date(2020, 1, 1), tmt_pns=date(1990, 1, 1))
    r = reasons(ev.evaluate_candidate(emp, World()))["long_career_leader"]
    # tmt_pns < 2000 true, contains false, is_missing false true, between true -> all() false
    assert r.outcome is Outcome.PASS
    emp = clean(competencies=("kepemimpinan",), tmt_jabatan=date(2020, 1, 1), tmt_pns=date(1990, 1, 1))
    r = reasons(ev.evaluate_candidate(emp, World()))["long_career_leader"]
    assert r.outcome is Outcome.WARNING


def test_shared_reasons_keep_each_subjects_values(pack: Pack) -> None:
    """Reasons reused between subjects must still show each subject's own values and types."""
    ev = Evaluator(pack, AS_OF)
    base = ev.candidate_facts(clean(), World())
    as_float = {**base, "months_in_post": float(base["months_in_post"])}
    d1, d2, d3 = ev.decide_many("candidate", [({"nip": "1"}, base), ({"nip": "2"}, as_float),
                                              ({"nip": "3"}, base)])
    r1, r2 = reasons(d1)["tenure_min"], reasons(d2)["tenure_min"]
    assert type(r1.facts_read["months_in_post"]) is int
    assert type(r2.facts_read["months_in_post"]) is float
    fresh = Evaluator(pack, AS_OF).decide("candidate", {"nip": "2"}, as_float)
    assert fresh.to_dict() == d2.to_dict()  # a replay of one decision gives the same record
    assert d3.to_dict() == {**d1.to_dict(), "subject": {"nip": "3"}}
