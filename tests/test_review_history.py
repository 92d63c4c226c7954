"""SKs of any year are reviewed under the rules in force on their decision date; a rule is
absent before its start; a date before the earliest supported is refused; a missing approval
is needs_approval on a draft and blocked (the document named) on a signed SK."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine.errors import PackError
from engine.evaluate import Evaluator
from engine.load import load_pack
from engine.outcome import Outcome, Verdict
from engine.records import Document, Employee, Position, ProposedMove, ReviewContext, Unit, World
from engine.review import review_move

NASIONAL = Path(__file__).parent.parent / "rules" / "nasional"
NIP = "197501012000031001"
WORLD = World(
    units={"u": Unit("u", "Dinas"), "setda": Unit("setda", "Setda", "sekretariat")},
    positions={"a": Position("a", "u", "Pelaksana A", "pelaksana"),
               "b": Position("b", "u", "Pelaksana B", "pelaksana"),
               "jpt": Position("jpt", "u", "Kepala Dinas", "jpt_pratama"),
               "jpt2": Position("jpt2", "setda", "Staf Ahli", "jpt_pratama")})


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(NASIONAL)


def _ids(pack, d: date) -> set[str]:  # type: ignore[no-untyped-def]
    ev = Evaluator(pack, d, backend="reference")
    return {c.id for c in ev.criteria}


@pytest.mark.parametrize("day,present,absent", [
    # 2016: UU 10/2016 and UU 5/2014 rules; PP 11/2017 (TPK, 2-year tenure, Pasal 144) not yet
    (date(2016, 12, 8), {"election_window_approval", "jpt_two_year_lock", "sekda_governor_approval",
                         "acting_head_approval", "no_family_conflict"},
     {"tpk_consideration", "move_tenure_min", "demotion_grounds", "jpt_early_rotation",
      "inspektorat_governor_approval", "target_in_position_map", "jpt_two_year_lock_2023"}),
    # 2018: PP 11/2017 in force; SE MenPANRB 19/2023 and PP 72/2019 not yet
    (date(2018, 6, 1), {"tpk_consideration", "move_tenure_min", "demotion_grounds", "jpt_two_year_lock"},
     {"jpt_early_rotation", "inspektorat_governor_approval", "promotion_no_recent_punishment",
      "jpt_two_year_lock_2023", "inter_agency_10_years"}),
    # 2022: PP 72/2019, PP 94/2021 and Peraturan BKN 5/2019 in force; UU 5/2014 still
    (date(2022, 10, 27), {"inspektorat_governor_approval", "promotion_no_recent_punishment",
                          "target_in_position_map", "jpt_two_year_lock"},
     {"jpt_early_rotation", "jpt_two_year_lock_2023", "inter_agency_10_years"}),
    # after UU 20/2023 revoked UU 5/2014 (31 October 2023)
    (date(2024, 3, 21), {"jpt_two_year_lock_2023", "jpt_early_rotation"},
     {"jpt_two_year_lock", "jpt_early_replacement_president", "inter_agency_10_years"}),
])
def test_rules_in_force_on_the_decision_date(pack, day: date, present: set[str],  # type: ignore[no-untyped-def]
                                             absent: set[str]) -> None:
    ids = _ids(pack, day)
    assert present <= ids, present - ids
    assert not (absent & ids), absent & ids


def test_a_rule_gives_no_reason_before_its_start(pack) -> None:  # type: ignore[no-untyped-def]
    move = ProposedMove("M1", NIP, "a", "b", "rotation")
    emp = Employee(NIP, "A", position_id="a", tmt_jabatan=date(2016, 6, 1), status="PNS")
    for day, has_tpk in ((date(2017, 4, 6), False), (date(2017, 4, 7), True)):
        ctx = ReviewContext(day, "definitive", no_election_scheduled=True, no_recent_inauguration=True)
        d = Evaluator(pack, day, backend="reference").evaluate_move(move, WORLD, ctx, emp)
        assert ("tpk_consideration" in {r.criterion_id for r in d.reasons}) is has_tpk


def test_the_2022_circular_pre_approves_only_moves_between_agencies(pack) -> None:  # type: ignore[no-untyped-def]
    emp = Employee(NIP, "A", position_id="a", tmt_jabatan=date(2015, 1, 5))
    for day, kind, want in ((date(2022, 9, 13), "inter_agency", Outcome.APPROVAL_NEEDED),
                            (date(2022, 9, 14), "inter_agency", Outcome.NOT_APPLICABLE),
                            (date(2022, 9, 14), "rotation", Outcome.APPROVAL_NEEDED)):
        ctx = ReviewContext(day, "pj", no_election_scheduled=True, no_recent_inauguration=True)
        d = Evaluator(pack, day).evaluate_move(ProposedMove("M1", NIP, "a", "b", kind), WORLD, ctx, emp)
        assert {r.criterion_id: r.outcome for r in d.reasons}["acting_head_approval"] is want, (day, kind)


def test_a_date_before_the_earliest_supported_is_refused(pack) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PackError) as exc:
        Evaluator(pack, date(2016, 6, 30))
    assert "not in force on 2016-06-30" in str(exc.value)
    assert [p.code for p in exc.value.problems] == ["MUT-R023"]
    assert "2016-07-01" in exc.value.problems[0].message


def test_missing_approval_draft_vs_issued_names_the_document(pack) -> None:  # type: ignore[no-untyped-def]
    move = ProposedMove("M1", NIP, "a", "b", "rotation")
    emp = Employee(NIP, "A", position_id="a", tmt_jabatan=date(2015, 1, 5))
    day = date(2026, 11, 22)
    late = Document("pertimbangan_tpk", "800/TPK/12/2026", date(2026, 12, 1))
    ev = Evaluator(pack, day)
    draft = ReviewContext(day, "definitive", no_election_scheduled=True, no_recent_inauguration=True,
                          sk_status="draft")
    issued = ReviewContext(day, "definitive", no_election_scheduled=True, no_recent_inauguration=True,
                           sk_status="issued", sk_number="821/1", sk_date=day, documents=(late,))
    d = ev.evaluate_move(move, WORLD, draft, emp)
    assert d.verdict is Verdict.NEEDS_APPROVAL and d.deciding == ("tpk_consideration",)
    d = ev.evaluate_move(move, WORLD, issued, emp)
    assert d.verdict is Verdict.NOT_ELIGIBLE and d.deciding == ("tpk_consideration",)
    out = review_move(move, d, documents=issued.documents)
    assert out["outcome"] == "blocked"
    [b] = out["blocked_by"]
    assert b["criterion_id"] == "tpk_consideration" and b["missing_at_signing"] is True
    assert b["missing_document"]["type"] == "pertimbangan_tpk"
    assert b["missing_document"]["from"]["en"].startswith("The agency's civil-service performance")
    on_time = Document("pertimbangan_tpk", "800/TPK/11/2026", date(2026, 11, 10))
    ok = ReviewContext(day, "definitive", no_election_scheduled=True, no_recent_inauguration=True,
                       sk_status="issued", sk_number="821/1", sk_date=day, documents=(on_time,))
    assert ev.evaluate_move(move, WORLD, ok, emp).verdict is Verdict.ELIGIBLE


@pytest.mark.parametrize("backend", ["durable", "reference"])
def test_empty_list_membership_agrees_in_both_backends(pack, backend: str) -> None:  # type: ignore[no-untyped-def]
    # Regression: `not_in []` (acting_head_preapproved_kinds before 2022-09-14) compiled to an
    # empty $and in the durable backend and made the approval apply to every signer.
    emp = Employee(NIP, "A", position_id="a", tmt_jabatan=date(2015, 1, 5))
    day = date(2020, 1, 6)
    ctx = ReviewContext(day, "definitive", no_election_scheduled=True, no_recent_inauguration=True)
    d = Evaluator(pack, day, backend=backend).evaluate_move(ProposedMove("M1", NIP, "a", "b", "rotation"),
                                                            WORLD, ctx, emp)
    assert {r.criterion_id: r.outcome for r in d.reasons}["acting_head_approval"] is Outcome.NOT_APPLICABLE
