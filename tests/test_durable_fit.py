"""Conditions durable_rules refuses as one formula: split by the adapter, or reported.

durable_rules 2.0.28 refuses some nestings of any/all (create_ruleset error 113); an "all"
of six "any"s, which an officer may well write, is one of them. The adapter splits a refused
rule into rules over its disjuncts (same truths); what cannot be split small enough is
reported by `rules check` and stops an evaluation with MUT-R032, never an internal error.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine import Evaluator, load_pack
from engine.errors import PackError

HERE = Path(__file__).parent
AS_OF = date(2026, 11, 22)


@pytest.fixture(scope="module")
def nested() -> Evaluator:
    ev = Evaluator(load_pack(HERE / "packs" / "nested"), AS_OF, "durable")
    yield ev
    ev.close()


# six_alternatives: for i = 0..5, months_in_post >= 24 + 12i or months_since_tmt_pns >= 60 + 24i
# (the second branch needs 60, 84, 108, 132, 156, 180).
@pytest.mark.parametrize(("in_post", "since_pns", "truth"), [
    (84, None, True),     # 84 >= 84: every first branch holds; the missing fact is not needed
    (None, 200, True),    # 200 >= 180: every second branch holds
    (30, 70, False),      # i = 1: 30 < 36 and 70 < 84, both known: false
    (None, 100, None),    # i = 2: 100 < 108 and months in post unknown: unknown
    (None, None, None),
])
def test_an_all_of_six_anys_is_decided_by_durable_rules(nested: Evaluator, in_post: int | None,
                                                        since_pns: int | None,
                                                        truth: bool | None) -> None:
    facts = {"months_in_post": in_post, "months_since_tmt_pns": since_pns}
    (row,) = nested.backend.truths_many(["six_alternatives"], [facts])
    assert row["six_alternatives"] == [truth]


def test_the_refused_rule_was_split_not_dropped(nested: Evaluator) -> None:
    assert nested.backend.uncompilable == ()
    split = [n for n in nested.backend._rules if "x" in n]  # type: ignore[attr-defined]
    assert split, "the all-of-six-anys rule should need splitting"


def test_a_condition_that_cannot_be_split_small_enough_stops_evaluation() -> None:
    pack = load_pack(HERE / "broken_packs" / "engine_too_complex")  # loads: the schema is fine
    with pytest.raises(PackError) as exc:
        Evaluator(pack, AS_OF, "durable")
    (p,) = exc.value.problems
    assert (p.code, p.field, p.line) == ("MUT-R032", "too_complex", 4)
    assert p.file.endswith("engine_too_complex/criteria/c.yaml")
    # the plain-Python reference has no such limit; it is the production engine that refuses
    Evaluator(pack, AS_OF, "reference").close()
