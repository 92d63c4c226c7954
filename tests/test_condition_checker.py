"""The condition checker (engine/conditions.py ConditionChecker) and evaluation, rule by rule.

Each case is read from the condition language in docs/design.md and docs/errors.md: what
the pack author wrote, the canonical condition or the one problem (code, field, line:col)
expected. Issue #22: these rules could be deleted without a test failing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from engine import condition_tree as T
from engine.conditions import ConditionChecker
from engine.problems import Problem
from engine.yamlsrc import load_yaml

PARAMS = {"n_int": "int", "n_float": "float", "s": "str", "d": "date", "b": "bool",
          "li": "list[int]", "lf": "list[float]", "ls": "list[str]", "ld": "list[date]"}


# The tree functions read the typed tree; these cases are written in its canonical JSON form.
def eval_atom(atom: dict[str, Any], facts: dict[str, Any]) -> bool | None:
    return T.eval_atom(T.from_json(atom), facts)  # type: ignore[arg-type]


def eval3(cond: dict[str, Any], facts: dict[str, Any]) -> bool | None:
    return T.eval3(T.from_json(cond), facts)


def facts_read(cond: dict[str, Any]) -> list[str]:
    return T.facts_read(T.from_json(cond))


def params_used(cond: dict[str, Any]) -> list[str]:
    return T.params_used(T.from_json(cond))


def resolve(cond: dict[str, Any], value_of: Any) -> dict[str, Any]:
    return T.to_json(T.resolve(T.from_json(cond), value_of))


def check(tmp_path: Path, text: str, scope: str = "candidate", age: bool = False,
          ) -> tuple[Any, list[Problem]]:
    f = tmp_path / "c.yaml"
    f.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    node = load_yaml(f, "c.yaml", problems)
    assert problems == []
    cond = ConditionChecker(scope, PARAMS, age, problems).parse(node, node.loc, "cond")
    return cond, problems


def ok(tmp_path: Path, text: str, **kw: Any) -> Any:
    cond, problems = check(tmp_path, text, **kw)
    assert problems == [], problems
    assert cond is not None
    return cond


def one(tmp_path: Path, text: str, **kw: Any) -> Problem:
    cond, problems = check(tmp_path, text, **kw)
    assert cond is None
    assert len(problems) == 1, problems
    return problems[0]


def where(p: Problem) -> tuple[str, str, int, int]:
    return p.code, p.field, p.line, p.col


# ---- forms -------------------------------------------------------------------------------

def test_forms_parse_to_canonical_dicts(tmp_path: Path) -> None:
    assert ok(tmp_path, "all:\n  - {fact: rank_ordinal, op: '>=', value: 9}\n"
                        "  - not: {fact: status, op: '==', value: cpns}\n") == {
        "all": [{"fact": "rank_ordinal", "op": ">=", "value": 9},
                {"not": {"fact": "status", "op": "==", "value": "cpns"}}]}
    assert ok(tmp_path, "any: [{fact: is_jpt, op: '==', value: true}]") == {
        "any": [{"fact": "is_jpt", "op": "==", "value": True}]}


def test_a_condition_must_be_a_mapping(tmp_path: Path) -> None:
    assert where(one(tmp_path, "all:\n  - just text\n")) == ("MUT-R005", "cond.all[0]", 2, 5)


@pytest.mark.parametrize("text", ["all: []\n", "all: x\n", "any: {a: 1}\n"])
def test_all_and_any_need_a_non_empty_list(tmp_path: Path, text: str) -> None:
    p = one(tmp_path, text)
    assert (p.code, p.field, p.line, p.col) == ("MUT-R005", f"cond.{text[:3]}", 1, 6)


def test_one_bad_part_spoils_the_whole_condition_and_is_named(tmp_path: Path) -> None:
    p = one(tmp_path, "any:\n  - {fact: rank_ordinal, op: '>=', value: 9}\n  - {fact: nosuch, op: '==', value: 1}\n")
    assert (p.code, p.field, p.line) == ("MUT-R010", "cond.any[1].fact", 3)
    p = one(tmp_path, "not: {fact: nosuch, op: '==', value: 1}\n")
    assert (p.code, p.field) == ("MUT-R010", "cond.not.fact")


def test_unknown_form_is_named_with_a_hint(tmp_path: Path) -> None:
    p = one(tmp_path, "alll: []\n")
    assert (p.code, p.field, p.line, p.col, p.hint) == ("MUT-R019", "cond", 1, 1, "did you mean all?")
    p = one(tmp_path, "{all: [], any: []}\n")
    assert (p.code, p.message) == ("MUT-R019", "a condition is one of all / any / not / fact")


# ---- facts -------------------------------------------------------------------------------

def test_fact_names(tmp_path: Path) -> None:
    assert where(one(tmp_path, "{fact: 5, op: '==', value: 1}")) == ("MUT-R005", "cond.fact", 1, 8)
    p = one(tmp_path, "{fact: gender, op: '==', value: x}")
    assert (p.code, p.field) == ("MUT-R013", "cond.fact")
    p = one(tmp_path, "{fact: rank_ordinl, op: '==', value: 9}")
    assert (p.code, p.hint) == ("MUT-R010", "did you mean rank_ordinal?")


def test_age_needs_a_declared_basis(tmp_path: Path) -> None:
    p = one(tmp_path, "{fact: age_years, op: '<=', value: 56}")
    assert (p.code, p.field) == ("MUT-R013", "cond.fact")
    assert ok(tmp_path, "{fact: age_years, op: '<=', value: 56}", age=True) == {
        "fact": "age_years", "op": "<=", "value": 56}


def test_a_criterion_reads_only_the_facts_of_its_scope(tmp_path: Path) -> None:
    p = one(tmp_path, "{fact: position.kind, op: '==', value: pelaksana}")
    assert (p.code, p.field) == ("MUT-R020", "cond.fact")
    assert ok(tmp_path, "{fact: position.kind, op: '==', value: pelaksana}", scope="candidate_position")
    p = one(tmp_path, "{fact: move.kind, op: '==', value: x}", scope="candidate_position")
    assert p.code == "MUT-R020"


# ---- operators ---------------------------------------------------------------------------

def test_unknown_key_in_an_atom_is_named_but_the_atom_still_reads(tmp_path: Path) -> None:
    cond, problems = check(tmp_path, "{fact: rank_ordinal, op: '>=', value: 9, vlue: 3}")
    assert cond == {"fact": "rank_ordinal", "op": ">=", "value": 9}
    assert [(p.code, p.field, p.hint) for p in problems] == [("MUT-R003", "cond", "did you mean value?")]


def test_operators(tmp_path: Path) -> None:
    p = one(tmp_path, "{fact: rank_ordinal, op: '=', value: 9}")
    assert (p.code, p.field, p.line, p.col, p.hint) == ("MUT-R019", "cond.op", 1, 26, "use ==")
    p = one(tmp_path, "{fact: rank_ordinal, value: 9}")
    assert (p.code, p.field, p.col, p.message) == ("MUT-R019", "cond.op", 1, "operator missing")
    assert p.hint.startswith("one of ==, !=, <")
    p = one(tmp_path, "{fact: rank_ordinal, op: betwen, value: [1, 2]}")
    assert (p.code, p.hint) == ("MUT-R019", "did you mean between?")
    _, problems = check(tmp_path, "{fact: nosuch, op: '=', value: 9}")
    assert [p.code for p in problems] == ["MUT-R010", "MUT-R019"]


@pytest.mark.parametrize(("fact", "op"), [
    ("rank_ordinal", "contains"), ("status", "<"), ("is_jpt", ">="), ("competencies", "=="),
    ("tmt_jabatan", "in"), ("status", "between"),
])
def test_an_operator_must_fit_the_facts_type(tmp_path: Path, fact: str, op: str) -> None:
    p = one(tmp_path, f"{{fact: {fact}, op: '{op}', value: 1}}")
    assert (p.code, p.field) == ("MUT-R012", "cond.op")


def test_is_missing(tmp_path: Path) -> None:
    assert ok(tmp_path, "{fact: tmt_jabatan, op: is_missing}") == {
        "fact": "tmt_jabatan", "op": "is_missing", "value": True}
    assert ok(tmp_path, "{fact: tmt_jabatan, op: is_missing, value: false}")["value"] is False
    p = one(tmp_path, "{fact: tmt_jabatan, op: is_missing, value: 1}")
    assert (p.code, p.field) == ("MUT-R012", "cond.value")


def test_a_value_is_needed(tmp_path: Path) -> None:
    assert where(one(tmp_path, "{fact: rank_ordinal, op: '>='}")) == ("MUT-R004", "cond.value", 1, 1)


# ---- values ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("{fact: rank_ordinal, op: '>=', value: 9}", 9),
    ("{fact: rank_ordinal, op: '>=', value: 9.5}", 9.5),  # numbers compare with numbers
    ("{fact: tmt_jabatan, op: '<', value: 2026-01-31}", "2026-01-31"),
    ("{fact: status, op: in, value: [pns, cpns]}", ["pns", "cpns"]),
    ("{fact: rank_ordinal, op: between, value: [9, 9]}", [9, 9]),  # low == high is allowed
    ("{fact: tmt_jabatan, op: between, value: [2020-01-01, 2021-01-01]}", ["2020-01-01", "2021-01-01"]),
    ("{fact: competencies, op: contains, value: k1}", "k1"),
    ("{fact: rank_ordinal, op: '<=', value: {fact: origin_unit_balance}}", {"fact": "origin_unit_balance"}),
])
def test_values_that_fit(tmp_path: Path, text: str, value: Any) -> None:
    assert ok(tmp_path, text)["value"] == value


@pytest.mark.parametrize("text", [
    "{fact: rank_ordinal, op: '>=', value: nine}",
    "{fact: rank_ordinal, op: '>=', value: true}",  # a flag is not a number
    "{fact: status, op: '==', value: 3}",
    "{fact: is_jpt, op: '==', value: 1}",
    "{fact: tmt_jabatan, op: '<', value: '2026'}",
    "{fact: status, op: in, value: pns}",
    "{fact: status, op: in, value: []}",
    "{fact: status, op: in, value: [pns, 3]}",
    "{fact: rank_ordinal, op: between, value: [1, 2, 3]}",
    "{fact: rank_ordinal, op: between, value: [9]}",
    "{fact: rank_ordinal, op: between, value: [10, 9]}",  # low above high
    "{fact: competencies, op: contains, value: 3}",
    # comparing a text fact with a number fact, or with an operator no other fact can serve
    "{fact: status, op: '==', value: {fact: rank_ordinal}}",
    "{fact: rank_ordinal, op: in, value: {fact: nine_box}}",
    "{fact: rank_ordinal, op: '==', value: {nofact: 1}}",
])
def test_values_that_do_not_fit(tmp_path: Path, text: str) -> None:
    p = one(tmp_path, text)
    assert p.code in ("MUT-R012", "MUT-R005") and p.field == "cond.value", p
    assert p.line == 1 and p.col > 1


def test_compared_fact_must_exist(tmp_path: Path) -> None:
    p = one(tmp_path, "{fact: rank_ordinal, op: '<=', value: {fact: rank_max}}")
    assert (p.code, p.field) == ("MUT-R010", "cond.value")


# ---- parameters --------------------------------------------------------------------------

@pytest.mark.parametrize(("fact", "op", "param"), [
    ("rank_ordinal", ">=", "n_int"), ("rank_ordinal", ">=", "n_float"), ("status", "==", "s"),
    ("tmt_jabatan", "<", "d"), ("is_jpt", "==", "b"), ("rank_ordinal", "in", "li"),
    ("rank_ordinal", "between", "lf"), ("status", "not_in", "ls"), ("competencies", "contains", "s"),
    ("tmt_jabatan", "between", "ld"),
])
def test_parameters_of_the_right_type(tmp_path: Path, fact: str, op: str, param: str) -> None:
    assert ok(tmp_path, f"{{fact: {fact}, op: '{op}', value: {{param: {param}}}}}")["value"] == {"param": param}


@pytest.mark.parametrize(("fact", "op", "param"), [
    ("rank_ordinal", ">=", "s"), ("status", "==", "n_int"), ("rank_ordinal", "in", "n_int"),
    ("rank_ordinal", ">=", "li"), ("status", "in", "s"), ("status", "in", "li"),
    ("competencies", "contains", "ls"), ("tmt_jabatan", "<", "s"), ("is_jpt", "==", "n_int"),
    ("tmt_jabatan", "between", "li"), ("rank_ordinal", "in", "ls"), ("rank_ordinal", "between", "ld"),
])
def test_parameters_of_the_wrong_type(tmp_path: Path, fact: str, op: str, param: str) -> None:
    p = one(tmp_path, f"{{fact: {fact}, op: '{op}', value: {{param: {param}}}}}")
    assert (p.code, p.field) == ("MUT-R012", "cond.value")


def test_unknown_parameter(tmp_path: Path) -> None:
    p = one(tmp_path, "{fact: rank_ordinal, op: '>=', value: {param: n_it}}")
    assert (p.code, p.hint) == ("MUT-R011", "did you mean n_int?")


# ---- working with canonical conditions ---------------------------------------------------

COND = {"all": [{"fact": "rank_ordinal", "op": ">=", "value": {"param": "min"}},
                {"not": {"any": [{"fact": "status", "op": "in", "value": ["cpns"]},
                                 {"fact": "months_in_post", "op": "<", "value": {"fact": "nine_box"}}]}}]}


def test_facts_read_and_params_used() -> None:
    assert facts_read(COND) == ["months_in_post", "nine_box", "rank_ordinal", "status"]
    assert params_used(COND) == ["min"]


def test_resolve_inlines_parameters_and_keeps_their_names() -> None:
    r = resolve(COND, {"min": 9}.__getitem__)
    assert r["all"][0] == {"fact": "rank_ordinal", "op": ">=", "value": 9, "param": "min"}
    assert r["all"][1] == COND["all"][1]
    assert resolve({"any": [{"fact": "x", "op": "==", "value": 1}]}, str) == {
        "any": [{"fact": "x", "op": "==", "value": 1}]}


@pytest.mark.parametrize(("op", "value", "x", "want"), [
    ("between", [9, 11], 9, True), ("between", [9, 11], 11, True),  # both ends included
    ("between", [9, 11], 8, False), ("between", [9, 11], 12, False),
    ("==", 9, 9, True), ("!=", 9, 9, False), ("<", 9, 9, False), ("<=", 9, 9, True),
    (">", 9, 9, False), (">=", 9, 9, True), ("<", 9, 8, True), (">", 9, 10, True),
    ("in", [1, 2], 2, True), ("not_in", [1, 2], 2, False), ("not_in", [1, 2], 3, True),
    ("contains", "k1", ["k1"], True), ("contains", "k2", ["k1"], False),
    ("is_missing", True, None, True), ("is_missing", False, None, False), ("is_missing", True, 1, False),
])
def test_atoms_evaluate_by_their_operator(op: str, value: Any, x: Any, want: bool) -> None:
    assert eval_atom({"fact": "f", "op": op, "value": value}, {"f": x}) is want


def test_unknowns_stay_unknown() -> None:
    assert eval_atom({"fact": "f", "op": ">=", "value": 1}, {}) is None
    assert eval_atom({"fact": "f", "op": ">=", "value": {"fact": "g"}}, {"f": 1}) is None
    assert eval_atom({"fact": "f", "op": ">=", "value": {"fact": "g"}}, {"f": 1, "g": 1}) is True
    t, f, u = ({"fact": "f", "op": "==", "value": v} for v in (1, 2, None))
    facts = {"f": 1}
    u = {"fact": "g", "op": "==", "value": 1}
    assert [eval3({"all": c}, facts) for c in ([t, u], [f, u], [t, t])] == [None, False, True]
    assert [eval3({"any": c}, facts) for c in ([f, u], [t, u], [f, f])] == [None, True, False]
    assert [eval3({"not": c}, facts) for c in (t, f, u)] == [False, True, None]


def test_dates_compare_as_iso_text() -> None:
    assert eval_atom({"fact": "d", "op": "<", "value": "2026-01-31"}, {"d": date(2026, 1, 5).isoformat()})


def test_hints_and_fields_of_two_more_problems(tmp_path: Path) -> None:
    p = one(tmp_path, "{fact: status, op: '<', value: x}")
    assert (p.field, p.hint) == ("cond.op", "use one of ==, !=, in, not_in, is_missing")
    assert p.message == "operator '<' does not apply to status (str)"
    p = one(tmp_path, "{fact: rank_ordinal, op: '>=', value: {param: nope}}")
    assert (p.code, p.field, p.message) == ("MUT-R011", "cond.value", "unknown parameter 'nope'")


def test_a_resolved_threshold_reads_back_with_its_parameter_name() -> None:
    threshold = {"fact": "rank_ordinal", "op": ">=", "value": 9, "param": "min"}
    assert T.to_json(T.from_json(threshold)) == threshold
