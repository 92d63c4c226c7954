"""The voluntary round's mechanism (engine/round): hand-worked examples, and properties
checked on generated instances: capacities hold, only eligible assignments, no justified
envy, the fallback never leaves anyone worse than their current post, and no misreported
ranking ever helps (strategy-proofness, by brute force over every misreport)."""

from __future__ import annotations

import hashlib
from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.outcome import Decision, Outcome, Reason, Verdict
from engine.round import (
    Offer,
    Ranking,
    RoundReason,
    RoundResult,
    RoundSettings,
    build_round,
    deferred_acceptance,
)


def _item(points: float | None, weight: float = 1.0, cid: str = "bareme_a") -> Reason:
    return Reason(criterion_id=cid, criterion_version=1, kind="score", scope="candidate_position",
                  outcome=Outcome.MISSING if points is None else Outcome.SCORED,
                  title={"id": "Butir", "en": "Item"}, legal_basis=[], source="x.yaml:1",
                  facts_read={}, threshold={"weight": weight, "points": [], "use": "round"},
                  points=points, weight=weight)


def _decision(nip: str, pid: str, points: float | None, verdict: Verdict = Verdict.ELIGIBLE) -> Decision:
    return Decision(scope="candidate_position", subject={"nip": nip, "position_id": pid},
                    verdict=verdict, reasons=(_item(points),),
                    deciding=("tenure_min",) if verdict is Verdict.NOT_ELIGIBLE else (),
                    pack={"id": "t", "version": "1", "hash": "h"}, as_of="2026-11-22")


def _run(caps: dict[str, int], prefs: dict[str, list[str]], pts: dict[tuple[str, str], float | None],
         *, keep_current: bool = True, seed: int = 1,
         verdicts: dict[tuple[str, str], Verdict] | None = None) -> RoundResult:
    verdicts = verdicts or {}
    offers = [Offer(p, "U", c) for p, c in caps.items()]
    rankings = [Ranking(n, f"OLD-{n}", tuple(ch)) for n, ch in prefs.items()]
    decisions = {k: _decision(k[0], k[1], v, verdicts.get(k, Verdict.ELIGIBLE)) for k, v in pts.items()}
    return build_round(offers=offers, rankings=rankings, decisions=decisions,
                       settings=RoundSettings(seed=seed, keep_current=keep_current))


def _person(res: RoundResult, nip: str):  # type: ignore[no-untyped-def]
    return next(p for p in res.people if p.nip == nip)


def _position(res: RoundResult, pid: str):  # type: ignore[no-untyped-def]
    return next(p for p in res.positions if p.position_id == pid)


# ---- hand-worked examples -------------------------------------------------------------------

def test_three_people_two_posts_worked_by_hand() -> None:
    # pass 1: n1->A, n2->A, n3->B; A keeps n2 (20 > 10), n1 rejected; B keeps n3.
    # pass 2: n1->B: B has n3 (5) and n1 (10): keeps n1, n3 displaced.
    # pass 3: n3->A: A has n2 (20) and n3 (30): keeps n3, n2 displaced; n2 has no more choices.
    # result: n1 B, n3 A, n2 none. Cut-offs: A 30, B 10.
    res = _run({"A": 1, "B": 1}, {"n1": ["A", "B"], "n2": ["A"], "n3": ["B", "A"]},
               {("n1", "A"): 10, ("n1", "B"): 10, ("n2", "A"): 20, ("n3", "B"): 5, ("n3", "A"): 30})
    assert res.assignment() == {"n1": "B", "n3": "A"}
    assert (_position(res, "A").cutoff, _position(res, "B").cutoff) == (30, 10)
    n1, n2, n3 = (_person(res, n) for n in ("n1", "n2", "n3"))
    assert [b.reason for b in n1.bids] == [RoundReason.BELOW_CUTOFF, RoundReason.ADMITTED]
    assert [b.reason for b in n3.bids] == [RoundReason.BELOW_CUTOFF, RoundReason.ADMITTED]
    assert n2.outcome is RoundReason.KEPT_CURRENT and n2.bids[0].reason is RoundReason.BELOW_CUTOFF
    assert n2.bids[0].points == 20 and n2.bids[0].cutoff == 30
    assert [(s["pass"], s["nip"], s["result"]) for s in res.steps if s["result"] == "displaced"] == \
        [(2, "n3", "displaced"), (3, "n2", "displaced")]
    assert res.summary["passes"] == 3
    assert res.plan_then["remaining_deficits"] == []
    assert res.plan_then["vacated_positions"] == ["OLD-n1", "OLD-n3"]


def test_without_fallback_the_unplaced_have_no_post() -> None:
    res = _run({"A": 1}, {"n1": ["A"], "n2": ["A"]}, {("n1", "A"): 3, ("n2", "A"): 7},
               keep_current=False)
    assert res.assignment() == {"n2": "A"}
    assert _person(res, "n1").outcome is RoundReason.NO_POST
    assert res.plan_then["not_admitted"] == ["n1"]


def test_equal_points_go_by_the_published_lottery() -> None:
    # The rule as published: lower sha256("seed:NIP") hex is drawn first.
    def draw(seed: int, nip: str) -> str:
        return hashlib.sha256(f"{seed}:{nip}".encode()).hexdigest()

    for seed in (1, 2, 3, 4):
        res = _run({"A": 1}, {"x1": ["A"], "x2": ["A"]}, {("x1", "A"): 15, ("x2", "A"): 15}, seed=seed)
        winner = min(("x1", "x2"), key=lambda n: draw(seed, n))
        loser = "x2" if winner == "x1" else "x1"
        assert res.assignment() == {winner: "A"}
        assert _person(res, loser).bids[0].reason is RoundReason.TIE_LOTTERY
        assert _position(res, "A").cutoff_by_lottery is True
        assert res.summary["settings"]["seed"] == seed


def test_not_eligible_and_missing_points_never_take_part() -> None:
    res = _run({"A": 2}, {"e": ["A"], "ne": ["A"], "dm": ["A"]},
               {("e", "A"): 1, ("ne", "A"): 99, ("dm", "A"): None},
               verdicts={("ne", "A"): Verdict.NOT_ELIGIBLE})
    assert res.assignment() == {"e": "A"}
    ne, dm = _person(res, "ne"), _person(res, "dm")
    assert ne.bids[0].reason is RoundReason.NOT_ELIGIBLE and ne.bids[0].deciding == ("tenure_min",)
    assert dm.bids[0].reason is RoundReason.POINTS_MISSING and dm.bids[0].missing_items == ("bareme_a",)
    pos = _position(res, "A")
    # one slot left: no cut-off (every admissible applicant got in), one slot for the plan
    assert (pos.applicants, pos.admissible, pos.cutoff, pos.remaining) == (3, 1, None, 1)


def test_a_lower_choice_is_not_needed_once_a_higher_one_admits() -> None:
    res = _run({"A": 1, "B": 1}, {"n": ["A", "B"]}, {("n", "A"): 1, ("n", "B"): 1})
    assert [b.reason for b in _person(res, "n").bids] == [RoundReason.ADMITTED,
                                                         RoundReason.HIGHER_CHOICE_ADMITTED]


def test_points_are_the_weighted_sum_of_the_items() -> None:
    d = Decision(scope="candidate_position", subject={"nip": "n", "position_id": "A"},
                 verdict=Verdict.ELIGIBLE,
                 reasons=(_item(1.0, 40, "masa"), _item(0.5, 30, "kinerja")), deciding=(),
                 pack={"id": "t", "version": "1", "hash": "h"}, as_of="2026-11-22")
    res = build_round(offers=[Offer("A", "U", 1)], rankings=[Ranking("n", None, ("A",))],
                      decisions={("n", "A"): d}, settings=RoundSettings())
    bid = res.people[0].bids[0]
    assert bid.points == 55.0  # 1.0 x 40 + 0.5 x 30
    assert [(i.criterion_id, i.contribution) for i in bid.items] == [("kinerja", 15.0), ("masa", 40.0)]


# ---- properties on generated instances ------------------------------------------------------

@st.composite
def instances(draw, max_people: int = 6, max_positions: int = 4):  # type: ignore[no-untyped-def]
    m = draw(st.integers(1, max_positions))
    n = draw(st.integers(1, max_people))
    pos = [f"P{j}" for j in range(m)]
    caps = {p: draw(st.integers(1, 2)) for p in pos}
    people = [f"N{i}" for i in range(n)]
    prefs = {nip: draw(st.permutations(pos).flatmap(lambda ps: st.integers(0, len(ps)).map(lambda k, ps=ps: list(ps[:k]))))
             for nip in people}
    pts = {(nip, p): float(draw(st.integers(0, 3))) for nip in people for p in pos}
    verdicts = {k: draw(st.sampled_from([Verdict.ELIGIBLE, Verdict.ELIGIBLE, Verdict.NOT_ELIGIBLE]))
                for k in pts}
    seed = draw(st.integers(0, 50))
    return caps, prefs, pts, verdicts, seed


def _stronger(res: RoundResult, a: str, b: str, pid: str, pts: dict[tuple[str, str], float | None]) -> bool:
    la, lb = _person(res, a).lottery, _person(res, b).lottery
    pa, pb = pts[(a, pid)] or 0.0, pts[(b, pid)] or 0.0
    return pa > pb or (pa == pb and la < lb)


@settings(max_examples=300, deadline=None)
@given(instances())
def test_capacity_eligibility_no_justified_envy_and_fallback(inst) -> None:  # type: ignore[no-untyped-def]
    caps, prefs, pts, verdicts, seed = inst
    res = _run(caps, prefs, pts, verdicts=verdicts, seed=seed)
    got = res.assignment()
    for pid, cap in caps.items():
        assert sum(1 for v in got.values() if v == pid) <= cap
    for nip, pid in got.items():
        assert pid in prefs[nip] and verdicts[(nip, pid)] is Verdict.ELIGIBLE
    for nip, ranked in prefs.items():
        mine = got.get(nip)
        better = ranked[: ranked.index(mine)] if mine else ranked
        for pid in better:
            if verdicts[(nip, pid)] is not Verdict.ELIGIBLE:
                continue
            holders = [h for h, p in got.items() if p == pid]
            assert len(holders) == caps[pid], "an eligible applicant was refused a free slot"
            for h in holders:
                assert _stronger(res, h, nip, pid, pts), f"{nip} justifiably envies {h} at {pid}"
    for p in res.people:  # the fallback: a ranked post (wanted more than staying) or the current one
        assert p.outcome in (RoundReason.MOVED, RoundReason.KEPT_CURRENT)
        assert (p.assigned_position_id in prefs[p.nip]) if p.outcome is RoundReason.MOVED \
            else p.assigned_position_id is None


def _all_reports(positions: list[str]) -> list[list[str]]:
    return [list(c) for k in range(len(positions) + 1) for c in permutations(positions, k)]


@settings(max_examples=60, deadline=None)
@given(instances(max_people=4, max_positions=3))
def test_no_misreport_ever_helps(inst) -> None:  # type: ignore[no-untyped-def]
    caps, prefs, pts, verdicts, seed = inst
    truthful = _run(caps, prefs, pts, verdicts=verdicts, seed=seed).assignment()

    def value(nip: str, pid: str | None) -> int:  # by the TRUE ranking; unranked = staying
        true = prefs[nip]
        return true.index(pid) if pid in true else len(true)

    for nip in prefs:
        honest = value(nip, truthful.get(nip))
        for report in _all_reports(sorted(caps)):
            lie = _run(caps, {**prefs, nip: report}, pts, verdicts=verdicts, seed=seed).assignment()
            assert value(nip, lie.get(nip)) >= honest, (nip, report)


def test_mechanism_alone_matches_a_known_instance() -> None:
    # Gale & Shapley's setting with capacities 1: the proposing side's optimal stable matching.
    prefs = {"a": ["X", "Y"], "b": ["Y", "X"]}
    prio = {("a", "X"): (2,), ("a", "Y"): (1,), ("b", "X"): (1,), ("b", "Y"): (2,)}
    got, _ = deferred_acceptance(prefs, prio, {"X": 1, "Y": 1})
    # positions prefer the other person, but each person gets their first choice
    assert got == {"a": "X", "b": "Y"}
