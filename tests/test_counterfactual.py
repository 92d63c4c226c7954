"""What would make a failed requirement pass (engine/counterfactual.py), worked by hand.

Both backends share this code, so the differential test cannot see a mistake here: each
expected answer below is computed from the rule in docs/design.md "Counterfactual".
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine import condition_tree as T
from engine import counterfactual as C
from engine.facts import months_between


# Conditions are written in their canonical JSON form (docs/rule-packs.md).
def counterfactual(cond: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    return C.counterfactual(T.from_json(cond), facts)


def eval3(cond: dict[str, Any], facts: dict[str, Any]) -> bool | None:
    return T.eval3(T.from_json(cond), facts)


def atom(fact: str, op: str, value: Any) -> dict[str, Any]:
    return {"fact": fact, "op": op, "value": value}


COMPLEX = {"kind": "none", "why": "complex"}
NOT_CHANGEABLE = {"kind": "none", "why": "not_changeable"}


def test_tenure_at_least_24_months_passes_on_the_day_24_months_are_reached() -> None:
    facts = {"months_in_post": 10, "tmt_jabatan": "2025-03-15"}
    assert counterfactual(atom("months_in_post", ">=", 24), facts) == {
        "kind": "date", "fact": "months_in_post", "passes_on": "2027-03-15", "needed": 24,
        "anchor": "tmt_jabatan"}


def test_strictly_more_than_24_months_needs_25_not_24() -> None:
    # 31 Jan 2025 + 25 months = 28 Feb 2027 (no 31 Feb: the month's last day).
    facts = {"months_in_post": 20, "tmt_jabatan": "2025-01-31"}
    assert counterfactual(atom("months_in_post", ">", 24), facts) == {
        "kind": "date", "fact": "months_in_post", "passes_on": "2027-02-28", "needed": 25,
        "anchor": "tmt_jabatan"}


def test_time_based_fact_without_its_start_date_has_no_date() -> None:
    assert counterfactual(atom("months_since_tmt_pns", ">=", 12), {"months_since_tmt_pns": 3}) == COMPLEX


def test_at_most_n_months_in_post_is_not_reached_by_waiting() -> None:
    # Waiting only makes months_in_post grow: "<=" cannot be dated, and the fact is not
    # something a person changes on request either.
    facts = {"months_in_post": 70, "tmt_jabatan": "2020-01-01"}
    assert counterfactual(atom("months_in_post", "<=", 60), facts) == NOT_CHANGEABLE


def test_age_is_nothing_a_person_can_change() -> None:
    assert counterfactual(atom("age_years", "<=", 56), {"age_years": 57}) == NOT_CHANGEABLE
    assert counterfactual(atom("age_years", ">=", 30), {"age_years": 28}) == NOT_CHANGEABLE
    # even when compared with another fact
    assert counterfactual(atom("age_years", "<=", {"fact": "position.retirement_age"}),
                          {"age_years": 60, "position.retirement_age": 58}) == NOT_CHANGEABLE


def test_an_unchangeable_fact_gets_no_value_to_reach() -> None:
    assert counterfactual(atom("kedudukan", "==", "aktif"), {"kedudukan": "cuti"}) == NOT_CHANGEABLE
    assert counterfactual(atom("punishment_active", "==", False),
                          {"punishment_active": True}) == NOT_CHANGEABLE
    assert counterfactual(atom("nine_box", ">", {"fact": "origin_unit_balance"}),
                          {"nine_box": 1, "origin_unit_balance": 3}) == NOT_CHANGEABLE


def test_strict_bounds_on_whole_numbers_become_the_next_whole_number() -> None:
    assert counterfactual(atom("rank_ordinal", ">", 9), {"rank_ordinal": 8}) == {
        "kind": "value", "fact": "rank_ordinal", "op": ">=", "needed": 10, "current": 8}
    assert counterfactual(atom("rank_ordinal", "<", 13), {"rank_ordinal": 14}) == {
        "kind": "value", "fact": "rank_ordinal", "op": "<=", "needed": 12, "current": 14}


def test_other_operators_name_the_value_itself() -> None:
    assert counterfactual(atom("rank_ordinal", ">=", 9), {"rank_ordinal": 8}) == {
        "kind": "value", "fact": "rank_ordinal", "op": ">=", "needed": 9, "current": 8}
    assert counterfactual(atom("education_level", "in", ["S1", "S2"]), {"education_level": "D3"}) == {
        "kind": "value", "fact": "education_level", "op": "in", "needed": ["S1", "S2"],
        "current": "D3"}
    assert counterfactual(atom("competency_fit", ">", 0.5), {"competency_fit": 0.25}) == {
        "kind": "value", "fact": "competency_fit", "op": ">", "needed": 0.5, "current": 0.25}
    assert counterfactual(atom("competencies", "contains", "k1"), {"competencies": []}) == {
        "kind": "value", "fact": "competencies", "op": "contains", "needed": "k1", "current": []}


def test_no_single_value_undoes_a_not_equal_or_not_in() -> None:
    assert counterfactual(atom("status", "!=", "cpns"), {"status": "cpns"}) == COMPLEX
    assert counterfactual(atom("status", "not_in", ["cpns"]), {"status": "cpns"}) == COMPLEX


def test_compared_with_another_fact_the_other_value_is_needed() -> None:
    facts = {"rank_ordinal": 12, "position.rank_max_ordinal": 10}
    assert counterfactual(atom("rank_ordinal", "<=", {"fact": "position.rank_max_ordinal"}), facts) == {
        "kind": "value", "fact": "rank_ordinal", "op": "<=", "needed": 10, "current": 12}
    # the other fact missing, or an operator with no single value to reach
    assert counterfactual(atom("rank_ordinal", "<=", {"fact": "position.rank_max_ordinal"}),
                          {"rank_ordinal": 12}) == COMPLEX
    assert counterfactual(atom("rank_ordinal", "<", {"fact": "position.rank_max_ordinal"}), facts) == COMPLEX


def test_only_one_failing_part_of_an_all_is_explained() -> None:
    facts = {"rank_ordinal": 8, "education_level": "D3", "kedudukan": "aktif"}
    one = {"all": [atom("kedudukan", "==", "aktif"), atom("rank_ordinal", ">=", 9)]}
    assert counterfactual(one, facts) == {
        "kind": "value", "fact": "rank_ordinal", "op": ">=", "needed": 9, "current": 8}
    nested = {"all": [atom("kedudukan", "==", "aktif"), one]}
    assert counterfactual(nested, facts)["needed"] == 9
    two = {"all": [atom("education_level", "==", "S1"), atom("rank_ordinal", ">=", 9)]}
    assert counterfactual(two, facts) == COMPLEX
    assert counterfactual({"any": [atom("rank_ordinal", ">=", 9)]}, facts) == COMPLEX
    assert counterfactual({"not": atom("rank_ordinal", "<", 9)}, facts) == COMPLEX


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
       st.integers(0, 120), st.sampled_from([">=", ">"]))
def test_on_the_date_given_the_tenure_requirement_passes_and_not_a_day_before(
        start: date, months: int, op: str) -> None:
    cf = counterfactual(atom("months_in_post", op, months),
                        {"months_in_post": -1, "tmt_jabatan": start.isoformat()})
    on = date.fromisoformat(cf["passes_on"])
    cond = atom("months_in_post", op, months)
    assert eval3(cond, {"months_in_post": months_between(start, on)}) is True
    assert eval3(cond, {"months_in_post": months_between(start, on - timedelta(days=1))}) is False
