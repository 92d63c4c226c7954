"""The typed condition tree: every condition of the shipped packs survives the trip to the
tree and back to its canonical JSON unchanged, and what is not a condition is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import load_pack
from engine.condition_tree import AllOf, Atom, FactRef, Not, ParamRef, from_json, resolve, to_json

REPO = Path(__file__).resolve().parent.parent
KEYS = ("require", "required_when", "applies_when", "warn_when")


@pytest.mark.parametrize("pack", ["nasional", "kota-dumai"])
def test_pack_conditions_round_trip(pack: str) -> None:
    seen = 0
    for c in load_pack(REPO / "rules" / pack).criteria:
        conds = [c.body[k] for k in KEYS if c.body.get(k)]
        if isinstance(c.body.get("points"), list):
            conds += [p["when"] for p in c.body["points"] if "when" in p]
        for cond in conds:
            assert to_json(from_json(cond)) == cond
            seen += 1
    assert seen > 10


def test_the_tree_is_typed_and_resolve_keeps_the_parameter_name() -> None:
    tree = from_json({"all": [{"fact": "months_in_post", "op": ">=",
                               "value": {"param": "tenure_min_months"}},
                              {"not": {"fact": "rank_ordinal", "op": "<=",
                                       "value": {"fact": "position.rank_max_ordinal"}}}]})
    assert tree == AllOf((Atom("months_in_post", ">=", ParamRef("tenure_min_months")),
                          Not(Atom("rank_ordinal", "<=", FactRef("position.rank_max_ordinal")))))
    done = resolve(tree, {"tenure_min_months": 24}.__getitem__)
    assert to_json(done)["all"][0] == {"fact": "months_in_post", "op": ">=", "value": 24,
                                       "param": "tenure_min_months"}


@pytest.mark.parametrize("bad", [None, [], {"all": []}, {"fact": "x", "op": "~", "value": 1},
                                 {"weight": 0.5, "points": {"fact": "competency_fit"}}])
def test_what_is_not_a_condition_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="not a condition"):
        from_json(bad)
