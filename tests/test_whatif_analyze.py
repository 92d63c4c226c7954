"""`mutasi rules analyze` (issue 19): planted defects found with counterexamples that run as
pack example cases; the national pack has no unexplained finding; equivalence of two packs.

tests/packs/analyze_planted plants, by hand: `dead_window` (months in post >= 24 and < 12:
never holds), `rank_floor` (rank >= III/a, 9) against `rank_ceiling` (rank <= II/d, 8) in the
candidate_position scope, `useless_exception` (lifts tenure_min only from 36 months in post,
when tenure_min already passes), and `rank_min_ordinal` with no value in 2021.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from engine import load_pack
from engine.analyze import analyze_pack, case_yaml, compare_packs
from mutasi.cli.app import main
from tests.test_whatif_impact import six_month_copy

REPO = Path(__file__).resolve().parent.parent
PLANTED = REPO / "tests" / "packs" / "analyze_planted"


@pytest.fixture(scope="module")
def planted():  # type: ignore[no-untyped-def]
    return analyze_pack(load_pack(PLANTED), PLANTED)


def by_kind(analysis, kind):  # type: ignore[no-untyped-def]
    return [f for f in analysis.findings if f.kind == kind]


def test_planted_dead_criterion(planted) -> None:  # type: ignore[no-untyped-def]
    [dead] = by_kind(planted, "dead")
    assert (dead.code, dead.criteria, dead.part) == ("MUT-R210", ("dead_window",), "warn_when")
    assert dead.source.endswith("planted.yaml:11")
    # the counterexample: someone for whom the advisory does not warn (it never can)
    assert dead.case is not None and dead.case["expect"]["outcomes"] == {"dead_window": "pass"}
    assert set(dead.case["facts"]) == {"months_in_post"}


def test_planted_contradiction(planted) -> None:  # type: ignore[no-untyped-def]
    [conflict] = by_kind(planted, "conflict")
    assert (conflict.code, conflict.criteria) == ("MUT-R212", ("rank_ceiling", "rank_floor"))
    assert conflict.detail == {"scope": "candidate_position"}
    case = conflict.case
    assert case is not None and "position" in case
    # the witness passes the floor (rank >= 9) and so fails the ceiling (<= 8)
    assert case["facts"]["rank_ordinal"] >= 9
    assert case["expect"]["outcomes"] == {"rank_ceiling": "fail", "rank_floor": "pass"}


def test_planted_exception_and_parameter_gap(planted) -> None:  # type: ignore[no-untyped-def]
    [never] = by_kind(planted, "never_lifts")
    assert never.criteria == ("tenure_min", "useless_exception") and never.part == "tenure_min"
    assert never.case is not None and never.case["facts"]["months_in_post"] < 24
    assert never.case["expect"]["outcomes"]["tenure_min"] == "fail"
    [gap] = by_kind(planted, "param_gap")
    assert gap.part == "rank_min_ordinal"
    assert gap.detail == {"from": "2021-01-01", "until": "2021-12-31"}
    assert len(planted.findings) == 4 and planted.unknown == 0


def test_counterexamples_pasted_into_tests_run(planted, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "analyze_planted"
    shutil.copytree(PLANTED, pack)
    (pack / "tests").mkdir()
    cases = [f.case for f in planted.findings if f.case is not None]
    assert len(cases) == 3
    for i, case in enumerate(cases):
        (pack / "tests" / f"analisis_{i}.yaml").write_text(case_yaml(case), encoding="utf-8")
    capsys.readouterr()
    assert main(["rules", "test", str(pack), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["packs"][0]
    assert len(report["cases"]) == 3 and all(c["ok"] for c in report["cases"])
    # and the case checks something: a wrong expectation fails
    bad = yaml.safe_load(case_yaml(cases[0]))
    bad["cases"][0]["expect"]["outcomes"] = {"dead_window": "warning"}
    (pack / "tests" / "analisis_0.yaml").write_text(yaml.safe_dump(bad), encoding="utf-8")
    assert main(["rules", "test", str(pack)]) == 1


def test_cli_writes_cases_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kasus"
    assert main(["rules", "analyze", str(PLANTED), "--cases", str(out)]) == 1
    text = capsys.readouterr().out
    assert "MUT-R210" in text and "MUT-R212" in text and "tidak pernah terpenuhi" in text
    assert len(list(out.glob("*.yaml"))) == 3


def test_explained_findings_do_not_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "p"
    shutil.copytree(PLANTED, pack)
    reasons = [{"finding": k, "criteria": c, "reason": {"id": "Sengaja untuk uji.", "en": "On purpose, for tests."}}
               for k, c in (("dead", ["dead_window"]), ("conflict", ["rank_ceiling", "rank_floor"]),
                            ("never_lifts", ["tenure_min", "useless_exception"]), ("param_gap", []))]
    (pack / "analysis.yaml").write_text(yaml.safe_dump({"explained": reasons}), encoding="utf-8")
    capsys.readouterr()
    assert main(["rules", "analyze", str(pack), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["ok"] and d["unexplained"] == 0 and len(d["findings"]) == 4
    assert all(f["explained"]["en"] == "On purpose, for tests." for f in d["findings"])
    # a malformed explanation is a pack problem with its code
    (pack / "analysis.yaml").write_text("explained:\n  - finding: dead\n    criteria: [nope]\n", encoding="utf-8")
    assert main(["rules", "analyze", str(pack)]) == 1
    err = capsys.readouterr().err
    assert "MUT-R203" in err and "nope" in err


def test_national_pack_has_no_unexplained_finding(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "analyze", str(REPO / "rules" / "nasional"), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["ok"] and d["unknown"] == 0 and d["queries"] > 100
    assert d["dates"][0] == "2016-07-01"


def test_six_months_copy_differs_from_national(tmp_path: Path) -> None:
    new = six_month_copy(tmp_path)
    nas = load_pack(REPO / "rules" / "nasional")
    same = compare_packs(nas, nas, at=__import__("datetime").date(2026, 11, 22))
    assert same.findings == []
    diff = compare_packs(nas, load_pack(new), at=__import__("datetime").date(2026, 11, 22))
    cand = next(f for f in diff.findings if f.part == "candidate")
    assert cand.code == "MUT-R217"
    facts = cand.case["facts"]  # type: ignore[index]
    # by hand: only a time in post of 6..23 months is decided apart by the 6-month pack
    assert 6 <= facts["months_in_post"] < 24
    for f in diff.findings:  # the solver's verdicts are the engine's for the same facts
        assert (f.detail["verdict_old"], f.detail["verdict_new"]) == (f.detail["engine_old"], f.detail["engine_new"])
    assert (cand.detail["verdict_old"], cand.detail["verdict_new"]) == ("not_eligible", "eligible")


def test_solver_giving_up_is_reported_as_unknown(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import z3

    monkeypatch.setattr(z3.Solver, "check", lambda self, *a: z3.unknown)
    a = analyze_pack(load_pack(PLANTED), PLANTED)
    assert a.unknown > 0 and {f.kind for f in a.findings} >= {"unknown"}
    assert all(f.code == "MUT-R218" for f in a.findings if f.kind == "unknown")
    assert main(["rules", "analyze", str(PLANTED), "--lang", "en"]) == 1
    assert "Unknown: the solver did not finish within its time limit" in capsys.readouterr().out
