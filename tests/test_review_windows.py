"""Each round-level approval rule alone, with the real national pack (no database).

The shipped example (examples/review) triggers the election window, the post-inauguration
window and the acting head together; here each one is isolated.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import Evaluator, load_pack
from engine.records import Document, Employee, Position, ProposedMove, ReviewContext, Unit, World
from engine.review import review_move
from mutasi.paths import DEFAULT_PACK

NIP = "198001192008041001"
WORLD = World(
    units={"DLH": Unit("DLH", "Dinas Lingkungan Hidup")},
    positions={"A": Position("A", "DLH", "Pengadministrasi", "pelaksana"),
               "B": Position("B", "DLH", "Pengolah Data", "pelaksana")},
)
# in post since 2021-04-18: 67 months on 2026-11-22, well past the 24-month minimum
EMP = Employee(nip=NIP, name="Contoh", status="PNS", tmt_pns=date(2009, 4, 1),
               unit_id="DLH", position_id="A", tmt_jabatan=date(2021, 4, 18))
MOVE = ProposedMove("M1", NIP, "A", "B", "rotation")
TPK = Document("pertimbangan_tpk", "800/TPK/1/2026", date(2026, 11, 1))
MENDAGRI = Document("persetujuan_mendagri", "100.2.2.6/1/OTDA", date(2026, 11, 2))


@pytest.fixture(scope="module")
def ev():
    e = Evaluator(load_pack(DEFAULT_PACK), date(2026, 11, 22))
    yield e
    e.close()


def _review(ev, ctx: ReviewContext) -> dict:
    d = ev.decide("move", {"nip": NIP, "move_id": "M1"}, ev.move_facts(MOVE, WORLD, ctx, EMP))
    return review_move(MOVE, d, documents=ctx.documents)


CASES = {
    # definitive head inaugurated 2021-02-26 (69 months), no election scheduled: only TPK
    "quiet": (ReviewContext(date(2026, 11, 22), "definitive", date(2021, 2, 26),
                            no_election_scheduled=True, documents=(TPK,)), "allowed", []),
    # the same round, but nobody said whether an election is scheduled: the window is
    # unknown, so the move cannot be called allowed (never a silent pass)
    "election_unknown": (ReviewContext(date(2026, 11, 22), "definitive", date(2021, 2, 26),
                                       documents=(TPK,)), "data_missing", []),
    # inaugurated 2026-08-20: 3 months < 6 (UU 10/2016 Pasal 162(3))
    "new_head": (ReviewContext(date(2026, 11, 22), "definitive", date(2026, 8, 20),
                               no_election_scheduled=True, documents=(TPK,)), "needs_approval", ["post_inauguration_approval"]),
    # a Pj signs (PP 49/2008 Pasal 132A)
    "acting": (ReviewContext(date(2026, 11, 22), "pj", date(2021, 2, 26),
                             no_election_scheduled=True, documents=(TPK,)),
               "needs_approval", ["acting_head_approval"]),
    # penetapan paslon 2027-03-01: window from 2026-09-01 to term end 2027-12-31
    "election": (ReviewContext(date(2026, 11, 22), "definitive", date(2021, 2, 26),
                               candidate_determination_date=date(2027, 3, 1),
                               term_end_date=date(2027, 12, 31), documents=(TPK,)),
                 "needs_approval", ["election_window_approval"]),
    # decision 2026-08-31 is one day before the window opens (2026-09-01)
    "before_window": (ReviewContext(date(2026, 8, 31), "definitive", date(2021, 2, 26),
                                    candidate_determination_date=date(2027, 3, 1),
                                    term_end_date=date(2027, 12, 31), documents=(TPK,)),
                      "allowed", []),
    # the same election round with the Minister's approval on file
    "election_approved": (ReviewContext(date(2026, 11, 22), "definitive", date(2021, 2, 26),
                                        candidate_determination_date=date(2027, 3, 1),
                                        term_end_date=date(2027, 12, 31),
                                        documents=(MENDAGRI, TPK)), "allowed", []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_round_rules_one_at_a_time(ev, name: str) -> None:
    ctx, outcome, needed = CASES[name]
    r = _review(ev, ctx)
    assert r["outcome"] == outcome, r
    assert sorted(a["criterion_id"] for a in r["approvals_needed"]) == needed
    for a in r["approvals_needed"]:
        assert a["type"] == "persetujuan_mendagri"
        assert a["from"]["id"] == "Menteri Dalam Negeri"


def test_unknown_election_window_names_the_missing_fact(ev) -> None:
    ctx = ReviewContext(date(2026, 11, 22), "definitive", date(2021, 2, 26), documents=(TPK,))
    d = ev.decide("move", {"nip": NIP, "move_id": "M1"}, ev.move_facts(MOVE, WORLD, ctx, EMP))
    reason = next(r for r in d.reasons if r.criterion_id == "election_window_approval")
    assert reason.outcome.value == "missing"
    assert reason.missing == {"round.in_election_window": "no_candidate_determination_date"}


def test_pair_facts_reuse_the_candidate_facts_exactly(ev) -> None:
    target = WORLD.positions["B"]
    fresh = ev.pair_facts(EMP, target, WORLD)
    reused = ev.pair_facts(EMP, target, WORLD, ev.candidate_facts(EMP, WORLD))
    assert reused == fresh
    assert fresh["months_in_post"] == 67 and fresh["position.kind"] == "pelaksana"
