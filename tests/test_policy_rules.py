"""The verdict policy against its five written rules (docs/design.md "Verdict policy").

Both evaluation backends share engine.policy, so the differential test cannot see a mistake
there. Here a brute-force reading of the written rules, step by step, is the oracle over
generated outcome combinations, and the cases named in issue #22 are worked by hand.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.outcome import Outcome, Reason, Verdict
from engine.policy import decide_verdict

OUTCOMES_BY_KIND = {
    "requirement": (Outcome.PASS, Outcome.FAIL, Outcome.MISSING),
    "approval": (Outcome.APPROVED, Outcome.APPROVAL_NEEDED, Outcome.NOT_APPLICABLE, Outcome.MISSING,
                 Outcome.FAIL),
    "exception": (Outcome.EXCEPTED, Outcome.NOT_APPLICABLE, Outcome.MISSING),
    "advisory": (Outcome.PASS, Outcome.WARNING, Outcome.MISSING),
    "score": (Outcome.SCORED, Outcome.MISSING),
}
REQUIREMENTS = ("r1", "r2", "r3")


def reason(cid: str, kind: str, outcome: Outcome, lifts: tuple[str, ...] = ()) -> Reason:
    return Reason(criterion_id=cid, criterion_version=1, kind=kind, scope="candidate",
                  outcome=outcome, title={"id": cid, "en": cid}, legal_basis={}, source="x.yaml:1",
                  facts_read={}, exception={"lifts": list(lifts), "document": "d"}
                  if kind == "exception" else None)


def written_rules(reasons: list[Reason]) -> tuple[Verdict, tuple[str, ...]]:
    """docs/design.md, read literally: the first rule that applies decides."""
    of = {r.criterion_id: r for r in reasons}

    def outcome(cid: str) -> Outcome:
        return of[cid].outcome

    requirements = [c for c in of if of[c].kind == "requirement"]
    exceptions = [c for c in of if of[c].kind == "exception"]
    approvals = [c for c in of if of[c].kind == "approval"]
    failed = [c for c in requirements if outcome(c) is Outcome.FAIL]

    def lifters(req: str) -> list[str]:
        return [e for e in exceptions if outcome(e) is Outcome.EXCEPTED
                and req in (of[e].exception or {})["lifts"]]

    # 1. any requirement fail not lifted by an excepted exception, or any approval fail (an
    #    exception lifts only requirements: the pack checker refuses anything else)
    rule1 = [c for c in failed if not lifters(c)]
    rule1 += [c for c in approvals if outcome(c) is Outcome.FAIL]
    if rule1:
        return Verdict.NOT_ELIGIBLE, tuple(sorted(rule1))
    # 2. any missing on a requirement, approval or applicable exception -> data_missing
    #    (applicable: it would lift a requirement that failed)
    rule2 = [c for c in requirements + approvals if outcome(c) is Outcome.MISSING]
    rule2 += [e for e in exceptions if outcome(e) is Outcome.MISSING
              and any(f in (of[e].exception or {})["lifts"] for f in failed)]
    if rule2:
        return Verdict.DATA_MISSING, tuple(sorted(rule2))
    # 3. any approval_needed -> needs_approval
    rule3 = [c for c in approvals if outcome(c) is Outcome.APPROVAL_NEEDED]
    if rule3:
        return Verdict.NEEDS_APPROVAL, tuple(sorted(rule3))
    # 4. any requirement failed but lifted -> eligible_through_exception
    if failed:
        behind = set(failed) | {e for f in failed for e in lifters(f)}
        return Verdict.ELIGIBLE_THROUGH_EXCEPTION, tuple(sorted(behind))
    # 5. eligible: the requirements that passed and the approvals on file
    ok = [c for c in requirements if outcome(c) is Outcome.PASS]
    ok += [c for c in approvals if outcome(c) is Outcome.APPROVED]
    return Verdict.ELIGIBLE, tuple(sorted(ok))


@st.composite
def outcome_sets(draw: st.DrawFn) -> list[Reason]:
    out = [reason(r, "requirement", draw(st.sampled_from(OUTCOMES_BY_KIND["requirement"])))
           for r in REQUIREMENTS[: draw(st.integers(0, 3))]]
    for i in range(draw(st.integers(0, 2))):
        out.append(reason(f"a{i}", "approval", draw(st.sampled_from(OUTCOMES_BY_KIND["approval"]))))
    for i in range(draw(st.integers(0, 3))):
        lifts = tuple(sorted(draw(st.sets(st.sampled_from(REQUIREMENTS), max_size=2))))
        out.append(reason(f"e{i}", "exception", draw(st.sampled_from(OUTCOMES_BY_KIND["exception"])),
                          lifts))
    for kind in ("advisory", "score"):
        if draw(st.booleans()):
            out.append(reason(f"z_{kind}", kind, draw(st.sampled_from(OUTCOMES_BY_KIND[kind]))))
    return out


@settings(max_examples=400, deadline=None)
@given(outcome_sets(), st.randoms(use_true_random=False))
def test_policy_matches_its_written_rules(reasons: list[Reason], rnd: random.Random) -> None:
    want = written_rules(reasons)
    assert decide_verdict(reasons) == want
    shuffled = list(reasons)
    rnd.shuffle(shuffled)
    assert decide_verdict(shuffled) == want  # the set decides, never the order


def test_missing_exception_for_a_requirement_that_passed_changes_nothing() -> None:
    # Issue #22: the exception would lift r1, but r1 passed; nothing is missing that matters.
    rs = [reason("r1", "requirement", Outcome.PASS), reason("e1", "exception", Outcome.MISSING, ("r1",))]
    assert decide_verdict(rs) == (Verdict.ELIGIBLE, ("r1",))


def test_missing_exception_for_a_failed_requirement_is_data_missing() -> None:
    rs = [reason("r1", "requirement", Outcome.FAIL), reason("r2", "requirement", Outcome.PASS),
          reason("e1", "exception", Outcome.EXCEPTED, ("r1",)),
          reason("e2", "exception", Outcome.MISSING, ("r2", "r1"))]
    assert decide_verdict(rs) == (Verdict.DATA_MISSING, ("e2",))


def test_advisory_and_score_are_never_deciding() -> None:
    rs = [reason("a_ok", "approval", Outcome.APPROVED), reason("adv", "advisory", Outcome.PASS),
          reason("r1", "requirement", Outcome.PASS), reason("sc", "score", Outcome.SCORED),
          reason("adv2", "advisory", Outcome.MISSING), reason("e1", "exception", Outcome.EXCEPTED, ("r1",))]
    assert decide_verdict(rs) == (Verdict.ELIGIBLE, ("a_ok", "r1"))


def test_failed_requirement_lifted_lists_requirement_and_its_exceptions() -> None:
    rs = [reason("r2", "requirement", Outcome.FAIL), reason("r1", "requirement", Outcome.PASS),
          reason("e2", "exception", Outcome.EXCEPTED, ("r2",)), reason("e1", "exception", Outcome.EXCEPTED, ("r2",)),
          reason("e3", "exception", Outcome.EXCEPTED, ("r1",)), reason("e4", "exception", Outcome.NOT_APPLICABLE, ("r2",))]
    assert decide_verdict(rs) == (Verdict.ELIGIBLE_THROUGH_EXCEPTION, ("e1", "e2", "r2"))


def test_unlifted_failure_wins_over_missing_and_approval() -> None:
    rs = [reason("r3", "requirement", Outcome.FAIL), reason("r1", "requirement", Outcome.FAIL),
          reason("r2", "requirement", Outcome.MISSING), reason("a1", "approval", Outcome.APPROVAL_NEEDED),
          reason("e1", "exception", Outcome.EXCEPTED, ("r1",))]
    assert decide_verdict(rs) == (Verdict.NOT_ELIGIBLE, ("r3",))


def test_missing_approval_is_data_missing_before_approval_needed() -> None:
    rs = [reason("a2", "approval", Outcome.MISSING), reason("a1", "approval", Outcome.APPROVAL_NEEDED),
          reason("r1", "requirement", Outcome.PASS)]
    assert decide_verdict(rs) == (Verdict.DATA_MISSING, ("a2",))
    rs[0] = reason("a2", "approval", Outcome.NOT_APPLICABLE)
    assert decide_verdict(rs) == (Verdict.NEEDS_APPROVAL, ("a1",))


def test_an_approval_missing_from_a_signed_sk_blocks_even_with_exceptions() -> None:
    rs = [reason("r1", "requirement", Outcome.FAIL), reason("e1", "exception", Outcome.EXCEPTED, ("r1",)),
          reason("a1", "approval", Outcome.FAIL), reason("a2", "approval", Outcome.MISSING)]
    assert decide_verdict(rs) == (Verdict.NOT_ELIGIBLE, ("a1",))


def test_no_criteria_at_all_is_eligible_with_nothing_deciding() -> None:
    assert decide_verdict([]) == (Verdict.ELIGIBLE, ())


def test_an_approval_that_does_not_apply_is_not_deciding() -> None:
    rs = [reason("a1", "approval", Outcome.NOT_APPLICABLE), reason("a2", "approval", Outcome.APPROVED),
          reason("r1", "requirement", Outcome.PASS)]
    assert decide_verdict(rs) == (Verdict.ELIGIBLE, ("a2", "r1"))
