"""Plan reason codes: why someone was not placed, a position stays open, or the runner-up
lost. Reports translate every member (a test fails when one has no words in both languages)."""

from __future__ import annotations

from enum import StrEnum


class PlanReason(StrEnum):
    """Why someone was not placed, a position stays open, or the runner-up lost."""

    # a person not placed
    ORIGIN_NO_SURPLUS = "origin_no_surplus"
    ORIGIN_NO_POSITION = "origin_no_position"
    ORIGIN_NO_WORKLOAD = "origin_no_workload"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    NO_ADMISSIBLE_POSITION = "no_admissible_position"
    ORIGIN_CAP_REACHED = "origin_cap_reached"
    NOT_SELECTED = "not_selected"
    # a position left open
    NO_CANDIDATE_EVALUATED = "no_candidate_evaluated"
    NO_ADMISSIBLE_CANDIDATE = "no_admissible_candidate"
    ADMISSIBLE_CANDIDATES_USED_ELSEWHERE = "admissible_candidates_used_elsewhere"
    # the runner-up of a placement (and an admissible candidate of an open position)
    PLACED_ELSEWHERE = "placed_elsewhere"
    LOWER_SCORE = "lower_score"
    TIE_SMALLER_NIP_PREFERRED = "tie_smaller_nip_preferred"  # kept for plans recorded before the lottery
    TIE_LOTTERY = "tie_lottery"
    TIE_PLAN_TOTAL = "tie_plan_total"
    ORIGIN_CAP_OR_PLAN_TOTAL = "origin_cap_or_plan_total"
