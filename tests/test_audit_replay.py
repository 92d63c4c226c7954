"""`audit replay`: the JSON diff, replay with a stand-in evaluator, and end to end with the
real engine on the national pack's own example cases."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from test_audit_support import build_log, fake_evaluator

from audit import AuditLog
from audit.errors import AuditError
from audit.migrate import engine_for
from audit.replay import Difference, diff


def test_diff_names_each_differing_json_path() -> None:
    stored = {"verdict": "eligible", "reasons": [{"outcome": "pass", "facts_read": {"a": 1}}], "score": None}
    replayed = {"verdict": "not_eligible", "reasons": [{"outcome": "pass", "facts_read": {"a": 2, "b": 3}},
                                                       {"outcome": "fail"}], "score": None}
    assert diff(stored, replayed) == [
        Difference("$.reasons[0].facts_read.a", 1, 2),
        Difference("$.reasons[0].facts_read.b", "<absent>", 3),
        Difference("$.reasons[1]", "<absent>", {"outcome": "fail"}),
        Difference("$.verdict", "eligible", "not_eligible"),
    ]


def test_diff_tells_true_from_one_and_one_from_one_point_zero() -> None:
    assert diff({"x": True}, {"x": 1}) == [Difference("$.x", True, 1)]
    assert diff([1], [1.0]) == [Difference("$[0]", 1, 1.0)]
    assert diff({"x": [1, "a"]}, {"x": [1, "a"]}) == []


def test_replay_identical_with_a_stand_in_evaluator(sqlite_url: str) -> None:
    log, _ = build_log(sqlite_url)
    for did in ("1-1", "1-2", "1-3", "2-1", "2-2"):
        report = log.replay(did, fake_evaluator)
        assert report.identical and report.differences == [], did


def test_replay_reports_exact_differences_when_the_rule_changed(sqlite_url: str) -> None:
    log, _ = build_log(sqlite_url)

    def stricter(pack_text: str, as_of: Any) -> Any:
        inner = fake_evaluator(pack_text, as_of)

        class _Ev:
            def decide(self, scope: str, subject: dict[str, str], facts: dict[str, Any]) -> dict[str, Any]:
                d = inner.decide(scope, subject, facts)
                d["reasons"][0]["threshold"]["value"] = 36  # as if the minimum were 36 months
                return d
        return _Ev()

    report = log.replay("1-2", stricter)
    assert not report.identical
    assert report.differences == [Difference("$.reasons[0].threshold.value", 24, 36)]


def test_replay_of_unknown_decision_and_crashing_engine(sqlite_url: str) -> None:
    log, _ = build_log(sqlite_url)
    with pytest.raises(AuditError, match="MUT-A004"):
        log.replay("7-1", fake_evaluator)

    def broken(pack_text: str, as_of: Any) -> Any:
        raise ValueError("pack text unreadable")

    with pytest.raises(AuditError, match="MUT-A030 decision 1-1: the engine could not replay it: ValueError"):
        log.replay("1-1", broken)


def _national_cases(repo: Path) -> list[Any]:
    engine_mod = pytest.importorskip("engine.packtest")
    cases = []
    for f in sorted((repo / "rules" / "nasional" / "tests").glob("*.yaml")):
        found, problems = engine_mod.load_cases(f)
        assert problems == []
        cases += found
    return cases


def _facts_and_subject(ev: Any, case: Any) -> tuple[dict[str, Any], dict[str, str]]:
    if case.scope == "move":
        return (ev.move_facts(case.move, case.world, case.context, case.employee),
                {"nip": case.move.nip, "move_id": case.move.id})
    if case.scope == "candidate_position":
        return (ev.pair_facts(case.employee, case.position, case.world),
                {"nip": case.employee.nip, "position_id": case.position.id})
    return ev.candidate_facts(case.employee, case.world), {"nip": case.employee.nip}


def test_real_engine_replays_every_recorded_decision_identically(repo: Path, sqlite_url: str) -> None:
    from engine import Evaluator, load_pack

    pack = load_pack(repo / "rules" / "nasional")
    by_date: dict[Any, list[Any]] = defaultdict(list)
    for case in _national_cases(repo):
        by_date[case.as_of].append(case)
    log = AuditLog(engine_for(sqlite_url))
    ids = []
    for as_of in sorted(by_date):
        ev = Evaluator(pack, as_of)
        with log.run("evaluate", as_of, pack.info, "test", "cases", "2026-11-22T07:00:00Z") as run:
            run.store_pack_text(pack.canonical_text())
            for i, case in enumerate(by_date[as_of]):
                facts, subject = _facts_and_subject(ev, case)
                if case.scope == "candidate_position":  # pair facts stored on the candidate's
                    run.add_snapshot(f"cand:{i}", ev.candidate_facts(case.employee, case.world))
                    run.add_snapshot(f"case:{i}", facts, base=f"cand:{i}")
                else:
                    run.add_snapshot(f"case:{i}", facts)
                ids.append(run.add_decision(ev.decide(case.scope, subject, facts), f"case:{i}"))
    assert len(ids) > 20 and log.verify().ok
    with log.engine.connect() as conn:
        based = conn.execute(text("SELECT count(*) FROM audit_entry WHERE kind = 'snapshot' "
                                  "AND body LIKE '%\"base\":%'")).scalar()
    assert based == sum(c.scope == "candidate_position" for cs in by_date.values() for c in cs) > 0
    for did in ids:
        report = log.replay(did)
        assert report.identical, (did, report.differences[:3])


def test_real_engine_replay_shows_what_a_different_snapshot_changes(repo: Path, sqlite_url: str,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from engine import Evaluator, load_pack
    from mutasi.cli.app import main

    pack = load_pack(repo / "rules" / "nasional")
    case = next(c for c in _national_cases(repo) if c.scope == "candidate")
    ev = Evaluator(pack, case.as_of)
    facts, subject = _facts_and_subject(ev, case)
    decision = ev.decide("candidate", subject, facts)
    assert "months_in_post" in facts
    # the snapshot stored under "bad" is not what the engine saw: 1 month more in post
    altered = {**facts, "months_in_post": (facts["months_in_post"] or 0) + 1}
    log = AuditLog(engine_for(sqlite_url))
    with log.run("evaluate", case.as_of, pack.info, "test", "x", "2026-11-22T07:00:00Z") as run:
        run.store_pack_text(pack.canonical_text())
        run.add_snapshot("good", facts)
        run.add_snapshot("bad", altered)
        good = run.add_decision(decision, "good")
        bad = run.add_decision(decision, "bad")
    assert main(["audit", "replay", good, "--db", sqlite_url]) == 0
    assert f"{good}: identical" in capsys.readouterr().out
    report = log.replay(bad)
    paths = [d.path for d in report.differences]
    # every criterion that read months_in_post shows the changed value it read
    assert paths and all(".facts_read.months_in_post" in p or "counterfactual" in p or "outcome" in p
                         or p.startswith("$.verdict") or p.startswith("$.deciding") for p in paths)
    assert any(p.endswith(".facts_read.months_in_post") for p in paths)
    assert main(["audit", "replay", bad, "--db", sqlite_url, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["identical"] is False
