"""`rules check` refuses a literal beyond what a fact's unit can be (MUT-R029), at the exact
edge: the largest magnitude a unit allows is accepted, one more is refused. The limits are
written here by hand from docs/rule-packs.md's table of units, not read from the code. Also
what the checker's problems say: the condition they point at, and their words."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import check_paths

# unit: (a number fact of that unit, the largest magnitude a literal may have)
LIMITS = {
    "months": ("months_in_post", 1200),
    "years": ("retirement_age", 150),
    "count": ("education_ordinal", 1_000_000_000),
    "rank": ("rank_ordinal", 1_000_000),
    "ratio": ("competency_fit", 1_000_000),  # -1,000,000 .. 1,000,000
}


def _problems(tmp: Path, cond: str) -> list:
    (tmp / "criteria").mkdir(parents=True, exist_ok=True)
    (tmp / "pack.yaml").write_text(
        "id: edge\nversion: 1.0.0\ntitle: {id: Uji batas, en: Edge test}\neffective_from: 2020-01-01\n", "utf-8")
    (tmp / "criteria" / "c.yaml").write_text(
        "criteria:\n  - id: edge\n    version: 1\n    title: {id: Batas, en: Edge}\n"
        "    legal_basis: {regulation: Uji, article: '-'}\n    scope: candidate_position\n"
        f"    kind: advisory\n    warn_when: {cond}\n", "utf-8")
    return check_paths([tmp])


def _codes(tmp: Path, fact: str, value: int) -> list[str]:
    return [p.code for p in _problems(tmp, f"{{fact: {fact}, op: '<=', value: {value}}}")]


@pytest.mark.parametrize("unit", sorted(LIMITS))
def test_a_literal_at_the_units_edge_is_accepted_and_one_beyond_refused(unit: str, tmp_path: Path) -> None:
    fact, edge = LIMITS[unit]
    assert _codes(tmp_path / "at", fact, edge) == []
    assert _codes(tmp_path / "below", fact, -edge if unit == "ratio" else edge - 1) == []
    assert _codes(tmp_path / "beyond", fact, edge + 1) == ["MUT-R029"]
    assert _codes(tmp_path / "beyond-negative", fact, -(edge + 1)) == ["MUT-R029"]


def test_a_literal_beyond_the_unit_names_the_condition_and_the_limit(tmp_path: Path) -> None:
    (p,) = _problems(tmp_path, "{fact: months_in_post, op: '>=', value: 1300}")
    assert (p.code, p.field) == ("MUT-R029", "edge.warn_when.value")  # the value is at fault
    assert p.message == "value 1300 is beyond what months_in_post (months) can be: at most 1200 either way"


def test_a_fact_compared_with_itself_names_the_condition(tmp_path: Path) -> None:
    (p,) = _problems(tmp_path, "{fact: months_in_post, op: '>=', value: {fact: months_in_post}}")
    assert (p.code, p.field) == ("MUT-R030", "edge.warn_when.value")
    assert p.message.startswith("months_in_post is compared with itself")
    assert p.hint == "compare with a parameter, a value or another fact"


def test_of_two_unknown_condition_keys_the_first_in_order_is_named(tmp_path: Path) -> None:
    (p,) = _problems(tmp_path, "{zzz: 1, faact: months_in_post}")
    assert (p.code, p.field) == ("MUT-R019", "edge.warn_when")
    assert p.message == "unknown condition form 'faact'" and "fact" in p.hint
