"""Transfer plan: optimum proved by brute force, caps, tie-break, explanations."""

from __future__ import annotations

import itertools
import json
import random

from plan_helpers import cand, emp, pair, world

from engine.outcome import Verdict
from engine.plan import PlanSettings, _Arc, build_plan, solve

# -- solver vs brute force ---------------------------------------------------------------


def _brute_force(arcs, slots, pcaps, ucaps, origin) -> int:
    """Best total value over every feasible assignment (each candidate: one arc or none)."""
    by_nip: dict[str, list[_Arc | None]] = {}
    for a in arcs:
        by_nip.setdefault(a.nip, [None]).append(a)
    best = 0
    for combo in itertools.product(*by_nip.values()):
        chosen = [a for a in combo if a is not None]
        used_t: dict[str, int] = {}
        used_q: dict[str, int] = {}
        used_u: dict[str, int] = {}
        ok = True
        for a in chosen:
            q, u = origin[a.nip]
            used_t[a.position_id] = used_t.get(a.position_id, 0) + 1
            used_q[q] = used_q.get(q, 0) + 1
            used_u[u] = used_u.get(u, 0) + 1
            if (used_t[a.position_id] > slots[a.position_id] or used_q[q] > pcaps.get(q, 0)
                    or used_u[u] > ucaps.get(u, 0)):
                ok = False
                break
        if ok:
            best = max(best, sum(a.value for a in chosen))
    return best


def _random_instance(seed: int):
    rng = random.Random(seed)
    n_e, n_p = rng.randint(2, 6), rng.randint(1, 4)
    slots = {f"T{j}": rng.randint(1, 2) for j in range(n_p)}
    units = ["U1", "U2", "U3"]
    origin = {f"N{i}": (f"Q{i % 3}", units[i % 3]) for i in range(n_e)}
    pcaps = {f"Q{q}": rng.randint(0, 2) for q in range(3)}
    ucaps = {u: rng.randint(0, 3) for u in units}
    arcs = [
        _Arc(f"N{i}", f"T{j}", rng.choice([100, 150, 150, 200, 275]))
        for i in range(n_e) for j in range(n_p) if rng.random() < 0.7
    ]
    return arcs, slots, pcaps, ucaps, origin


def test_solver_matches_brute_force_on_200_small_instances() -> None:
    checked = 0
    for seed in range(200):
        arcs, slots, pcaps, ucaps, origin = _random_instance(seed)
        chosen = solve(arcs, slots, pcaps, ucaps, origin)
        # the chosen plan is feasible ...
        for key, cap in slots.items():
            assert sum(a.position_id == key for a in chosen) <= cap
        nips = [a.nip for a in chosen]
        assert len(nips) == len(set(nips))
        for q, cap in pcaps.items():
            assert sum(origin[a.nip][0] == q for a in chosen) <= cap
        for u, cap in ucaps.items():
            assert sum(origin[a.nip][1] == u for a in chosen) <= cap
        # ... and as good as the best of all feasible plans
        assert sum(a.value for a in chosen) == _brute_force(arcs, slots, pcaps, ucaps, origin)
        checked += 1
    assert checked == 200


def test_solver_is_deterministic() -> None:
    arcs, slots, pcaps, ucaps, origin = _random_instance(7)
    first = solve(arcs, slots, pcaps, ucaps, origin)
    assert all(solve(arcs, slots, pcaps, ucaps, origin) == first for _ in range(5))


# -- tie-break -----------------------------------------------------------------------------


def _two_for_one(score_a: float, score_b: float):
    # One slot in D (needed 2, on post 1: deficit 1); two people in S/Q1 (needed 1, on
    # post 3: surplus 2; unit S net +2) with pair scores score_a (NIP ...01) and score_b (...02).
    w = world([("T1", "D", 2, 1), ("Q1", "S", 1, 3)])
    employees = {"01": emp("01", "Q1", "S"), "02": emp("02", "Q1", "S")}
    cands = {"01": cand("01"), "02": cand("02")}
    pairs = {("01", "T1"): pair("01", "T1", score_a), ("02", "T1"): pair("02", "T1", score_b)}
    return build_plan(world=w, employees=employees, candidates=cands, pairs=pairs)


def test_tied_candidates_are_ordered_by_the_recorded_lottery_not_the_nip() -> None:
    from engine.plan.model import lottery_rank

    # sha256("1:01") = a301... > sha256("1:02") = 89fd...: with seed 1 the lottery draws 02
    # first, so the larger NIP wins the tie (the NIP order favoured the smaller, older one).
    assert lottery_rank(1, ["01", "02"]) == {"02": 0, "01": 1}
    plan = _two_for_one(0.7, 0.7)
    assert [(p["nip"], p["position_id"]) for p in plan.to_dict()["placements"]] == [("02", "T1")]
    ru = plan.to_dict()["placements"][0]["runner_up"]
    assert ru["nip"] == "01" and ru["difference"] == 0 and ru["why"] == "tie_lottery"
    assert [(u["nip"], u["reason"]) for u in plan.to_dict()["unplaced"]] == [("01", "not_selected")]
    assert plan.to_dict()["summary"]["objective"]["tie_break_seed"] == 1


def test_tie_term_never_beats_a_real_score_difference() -> None:
    # 0.7001 vs 0.7: one unit of the 1/10,000-point resolution beats the lottery's pick (02).
    plan = _two_for_one(0.7001, 0.7)
    assert [p["nip"] for p in plan.to_dict()["placements"]] == ["01"]
    ru = plan.to_dict()["placements"][0]["runner_up"]
    assert ru["nip"] == "02" and ru["difference"] == 0.0001 and ru["why"] == "lower_score"


# -- the plan with its caps and reasons ------------------------------------------------------


def _region():
    """Hand-built region.

    D1 (unit D): needed 3, on post 1 -> deficit 2.   D2 (unit D): needed 2, on post 1 -> 1.
    S1 (unit S): needed 1, on post 3 -> surplus 2.    unit S net +2 -> may give 2.
    R1 (unit R): needed 1, on post 2 -> surplus 1, R2 (unit R): needed 3, on post 2 -> -1:
    unit R net 0 -> gives nobody although R1 has a surplus.
    """
    w = world(
        [("D1", "D", 3, 1), ("D2", "D", 2, 1), ("S1", "S", 1, 3), ("R1", "R", 1, 2),
         ("R2", "R", 3, 2)],
        competencies={"D1": ("anggaran", "audit"), "D2": ()},
    )
    employees = {
        "11": emp("11", "S1", "S", ("anggaran",)),
        "12": emp("12", "S1", "S"),
        "13": emp("13", "S1", "S"),
        "21": emp("21", "R1", "R"),
        "31": emp("31", "D1", "D"),  # in a deficit position: may not leave
    }
    cands = {n: cand(n) for n in employees}
    cands["13"] = cand("13", Verdict.NOT_ELIGIBLE)
    pairs = {
        ("11", "D1"): pair("11", "D1", 80.0, gaps=["audit"]),
        ("11", "D2"): pair("11", "D2", 60.0),
        ("12", "D1"): pair("12", "D1", 75.0, gaps=["anggaran", "audit"]),
        ("12", "D2"): pair("12", "D2", 10.0),
        ("21", "D1"): pair("21", "D1", 99.0),
        ("21", "D2"): pair("21", "D2", 99.0),
        ("21", "R2"): pair("21", "R2", 99.0),
    }
    return w, employees, cands, pairs


def test_plan_on_a_hand_built_region() -> None:
    w, employees, cands, pairs = _region()
    plan = build_plan(world=w, employees=employees, candidates=cands, pairs=pairs,
                      training_catalog={"audit": "Diklat Auditor Ahli Pertama"},
                      settings=PlanSettings(fill_weight=50.0))
    # Unit S may give 2 (11, 12); unit R gives nobody. Options with value score+50:
    #   11->D1 (130) + 12->D2 (60) = 190;  11->D2 (110) + 12->D1 (125) = 235  <- best
    #   11->D1 + 12->D1 (130 + 125 = 255) fills D1 twice (deficit 2): allowed and better still.
    assert [(p["nip"], p["position_id"]) for p in plan.to_dict()["placements"]] == [("11", "D1"), ("12", "D1")]
    p11 = plan.to_dict()["placements"][0]
    assert p11["competency_gaps"] == ["audit"]
    assert p11["training"] == [
        {"competency": "audit", "training": "Diklat Auditor Ahli Pertama", "in_catalog": True}]
    p12 = plan.to_dict()["placements"][1]
    assert p12["training"][0] == {"competency": "anggaran", "training": None, "in_catalog": False}
    assert p11["runner_up"] is not None and p11["runner_up"]["nip"] == "21"
    assert plan.to_dict()["summary"]["slots_filled"] == 2 and plan.to_dict()["summary"]["total_score"] == 155.0

    reasons = {u["nip"]: u["reason"] for u in plan.to_dict()["unplaced"]}
    # 13 is not candidate-eligible: not listed. 31 sits in a deficit post. 21 has admissible
    # pairs but unit R has net balance 0 (R1 +1, R2 -1): its cap 0 is reached.
    assert reasons == {"21": "origin_cap_reached", "31": "origin_no_surplus"}
    opened = {o["position_id"]: (o["still_open"], o["reason"]) for o in plan.to_dict()["open_positions"]}
    # D2 deficit 1 unfilled: its admissible candidates (11, 12, 21) are placed or capped.
    # R2 deficit 1: only 21 admissible, capped by unit R.
    assert opened == {"D2": (1, "admissible_candidates_used_elsewhere"),
                      "R2": (1, "admissible_candidates_used_elsewhere")}
    d2 = next(o for o in plan.to_dict()["open_positions"] if o["position_id"] == "D2")
    assert [(a["nip"], a["status"]) for a in d2["detail"]["admissible"]] == [
        ("11", "placed_elsewhere"), ("12", "placed_elsewhere"), ("21", "origin_cap_reached")]

    rows = {r["unit_id"]: r for r in plan.to_dict()["workload"]}
    # D: needed 3+2=5, on post 1+1=2, +2 in -> 4 (balance -3 -> -1)
    assert (rows["D"]["staff_needed"], rows["D"]["on_post_before"], rows["D"]["on_post_after"],
            rows["D"]["balance_after"]) == (5, 2, 4, -1)
    # S: needed 1, on post 3, 2 out -> 1 (balance +2 -> 0)
    assert (rows["S"]["on_post_after"], rows["S"]["balance_before"], rows["S"]["balance_after"]) \
        == (1, 2, 0)


def test_conflict_of_interest_and_needs_approval_pairs_are_left_out() -> None:
    w, employees, cands, pairs = _region()
    pairs[("12", "D1")] = pair("12", "D1", 75.0, Verdict.NEEDS_APPROVAL)
    pairs[("12", "D2")] = pair("12", "D2", 10.0, Verdict.NEEDS_APPROVAL)
    plan = build_plan(world=w, employees=employees, candidates=cands, pairs=pairs,
                      conflicts={"11": "anak kandung"})
    assert plan.to_dict()["placements"] == []
    assert {e["nip"] for e in plan.to_dict()["excluded_pairs"]} == {"11"}
    by = {u["nip"]: u for u in plan.to_dict()["unplaced"]}
    assert by["11"]["reason"] == "conflict_of_interest"
    assert by["11"]["detail"] == {"relation": "anak kandung"}
    assert by["12"]["reason"] == "no_admissible_position"
    assert by["12"]["detail"]["pair_verdicts"] == {"needs_approval": 2}


def test_plan_is_reproducible() -> None:
    w, employees, cands, pairs = _region()
    a = build_plan(world=w, employees=employees, candidates=cands, pairs=pairs).to_dict()
    b = build_plan(world=w, employees=employees, candidates=cands, pairs=pairs).to_dict()
    assert a == b


def test_input_order_does_not_change_the_plan() -> None:
    w, employees, cands, pairs = _region()
    a = build_plan(world=w, employees=employees, candidates=cands, pairs=pairs).to_dict()
    rev = dict(reversed(list(pairs.items())))
    cands_rev = dict(reversed(list(cands.items())))
    b = build_plan(world=w, employees=employees, candidates=cands_rev, pairs=rev).to_dict()
    assert a == b


def test_fill_weight_trades_fit_for_filled_slots() -> None:
    # One person A (NIP 01) fits T1 with 0.9 and T2 with 0.1; B (02) fits only T1 with 0.8.
    # Each target has deficit 1; S/Q1 has surplus 2.
    #   A->T1 alone: 0.9 + f;  A->T2 + B->T1: 0.1 + 0.8 + 2f = 0.9 + 2f.
    # Any f > 0 prefers filling both: f = 1 gives 2.9 vs 1.9; f = 0.0001 (one unit of the
    # score resolution) gives 0.9002 vs 0.9001.
    w = world([("T1", "D", 2, 1), ("T2", "D", 2, 1), ("Q1", "S", 1, 3)])
    employees = {"01": emp("01", "Q1", "S"), "02": emp("02", "Q1", "S")}
    cands = {"01": cand("01"), "02": cand("02")}
    pairs = {("01", "T1"): pair("01", "T1", 0.9), ("01", "T2"): pair("01", "T2", 0.1),
             ("02", "T1"): pair("02", "T1", 0.8)}
    for f in (1.0, 0.0001):
        plan = build_plan(world=w, employees=employees, candidates=cands, pairs=pairs,
                          settings=PlanSettings(fill_weight=f))
        assert [(p["nip"], p["position_id"]) for p in plan.to_dict()["placements"]] == [("02", "T1"), ("01", "T2")]
    # A pair of score 0.1 for T2 only pays off because of the fill weight: without T2 in
    # the options, A takes T1 (0.9 > 0.8) and B is unplaced.
    del pairs[("01", "T2")]
    plan = build_plan(world=w, employees=employees, candidates=cands, pairs=pairs)
    assert [(p["nip"], p["position_id"]) for p in plan.to_dict()["placements"]] == [("01", "T1")]
    assert plan.to_dict()["placements"][0]["runner_up"]["why"] == "lower_score"


def test_the_recorded_plan_reads_back_into_the_same_typed_values() -> None:
    # #11: reports read the plan typed (engine/plan/payload.py), not as dicts. Every detail
    # kind appears: Options (21 capped), None (31 origin), UsedElsewhere (D2), Conflict and
    # VerdictCounts (second plan).
    from engine.plan.parts import Conflict, Options, UsedElsewhere, VerdictCounts
    from engine.plan.payload import PlanInputs, RecordedPlan, load_plan

    w, employees, cands, pairs = _region()
    plan = build_plan(world=w, employees=employees, candidates=cands, pairs=pairs,
                      training_catalog={"audit": "Diklat Auditor Ahli Pertama"})
    pairs[("12", "D1")] = pair("12", "D1", 75.0, Verdict.NEEDS_APPROVAL)
    pairs[("12", "D2")] = pair("12", "D2", 10.0, Verdict.NEEDS_APPROVAL)
    other = build_plan(world=w, employees=employees, candidates=cands, pairs=pairs, conflicts={"11": "anak kandung"})
    for built in (plan, other):
        rec = RecordedPlan(built, PlanInputs({"11": "anak kandung"}, {}, 1.0, 7), "2026-11-22",
                           {"id": "nasional", "version": "1", "hash": "h"})
        back = load_plan(json.loads(json.dumps(rec.to_dict())))
        assert back == rec  # frozen dataclasses: every field, nested, equal
        assert back.to_dict() == rec.to_dict()
    details = {type(u.detail) for u in plan.unplaced + other.unplaced} | {type(o.detail) for o in plan.open_positions}
    assert {Options, type(None), UsedElsewhere, Conflict, VerdictCounts} <= details
    capped = next(u for u in plan.unplaced if u.nip == "21")
    assert isinstance(capped.detail, Options) and capped.detail.unit_cap == 0
    assert plan.summary is not None and plan.summary.slots_filled == 2
