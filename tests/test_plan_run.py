"""`mutasi plan` end to end: store -> engine -> solver -> audit, on a small demo region."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from audit import AuditLog, readers
from mutasi.cli.app import main
from mutasi.demo import generate_demo
from mutasi.paths import DEFAULT_PACK
from mutasi.runs.plan_run import run_plan
from mutasi.store import import_paths, load_world, open_store

AS_OF = date(2026, 11, 22)


@pytest.fixture
def region(db_url: str, tmp_path: Path) -> str:
    paths = generate_demo(tmp_path / "small", employees=800, seed=11)  # 4 placements
    engine = open_store(db_url)
    try:
        import_paths(engine, [paths["units"].parent])
    finally:
        engine.dispose()
    return db_url


def test_plan_run_is_feasible_recorded_and_reproducible(region: str) -> None:
    first = run_plan(region, DEFAULT_PACK, AS_OF, "Tim BKPSDM")
    plan = first.plan
    assert plan["placements"], "the small demo region should allow some placements"

    engine = open_store(region)
    try:
        world = load_world(engine)
        log = AuditLog(engine)
        # every placement fills a deficit position, at most its deficit
        for pid in {p["position_id"] for p in plan["placements"]}:
            n = sum(p["position_id"] == pid for p in plan["placements"])
            assert n <= -world.workloads[pid].balance
        # each person moves at most once, never out of a position without a surplus
        nips = [p["nip"] for p in plan["placements"]]
        assert len(nips) == len(set(nips))
        for p in plan["placements"]:
            assert world.workloads[p["from_position_id"]].balance > 0
            rec = log.decision(p["decision_id"])
            assert rec is not None
        # the run is in the log, intact, and holds the plan payload
        header = log.run_header(first.run)
        assert header is not None and header.kind == "plan" and header.actor == "Tim BKPSDM"
        assert log.verify().ok
        with engine.connect() as conn:
            stored = readers.plan(conn, first.run)
        assert stored is not None
        assert [(p["nip"], p["position_id"]) for p in stored["placements"]] == [
            (p["nip"], p["position_id"]) for p in plan["placements"]]
    finally:
        engine.dispose()

    # same data, same pack -> same plan (ids differ: they name the run)
    second = run_plan(region, DEFAULT_PACK, AS_OF, "Tim BKPSDM")

    def core(p: dict) -> list:
        return [(x["nip"], x["position_id"], x["score"], x["runner_up"]) for x in p["placements"]]

    assert core(second.plan) == core(plan)
    assert second.input_hash == first.input_hash
    assert second.run == first.run + 1


def test_plan_cli_json_and_out(region: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = main(["plan", "--db", region, "--as-of", "2026-11-22", "--actor", "Tim",
                 "--json", "--out", str(out)])
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert (out / "workload.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    header = (out / "workload.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("unit_id,unit_name,staff_needed,on_post_before")
    # workload rows add up: after = before + in - out
    for row in printed["workload"]:
        assert row["on_post_after"] == row["on_post_before"] + row["moves_in"] - row["moves_out"]
