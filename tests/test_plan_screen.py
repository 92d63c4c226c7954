"""The plan's pair screen (engine/plan/pairscreen.py) is exact: a pair it rules out is one the
full evaluation judges not eligible, for a reason the screen names; a plan made with the screen
equals the plan made by evaluating every pair, but for the counts of pairs evaluated and the
input hash, which covers exactly the snapshots recorded (docs/audit-format.md)."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from audit import AuditLog
from engine import Evaluator, Verdict, load_pack
from engine.plan import open_slots, screen
from engine.plan.pairscreen import PairScreen, screen_criteria
from mutasi.demo import generate_demo
from mutasi.paths import DEFAULT_PACK
from mutasi.runs.plan_run import run_plan
from mutasi.store import import_paths, iter_employees, load_world, open_store

AS_OF = date(2026, 11, 22)
BACKENDS = ("durable", "reference")


def _region(url: str, folder: Path, employees: int, seed: int) -> str:
    paths = generate_demo(folder, employees=employees, seed=seed)
    engine = open_store(url)
    try:
        import_paths(engine, [paths["units"].parent])
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("screen")
    return _region(f"sqlite:///{tmp / 'r.db'}", tmp / "data", 700, 11)


@pytest.fixture(scope="module")
def lifting_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The national pack plus an exception that lifts education_fit on a document."""
    pack = tmp_path_factory.mktemp("pack") / "nasional"
    shutil.copytree(DEFAULT_PACK, pack)
    (pack / "criteria" / "zz_lift.yaml").write_text("""criteria:
  - id: education_waiver
    version: 1
    title: {id: Pengecualian pendidikan, en: Education waiver}
    legal_basis: {regulation: Contoh, note: {id: contoh, en: example}}
    scope: candidate_position
    kind: exception
    effective_from: 2020-01-01
    lifts: [education_fit]
    applies_when: {fact: position.kind, op: "==", value: pelaksana}
    document:
      type: surat_pengecualian_pendidikan
      title: {id: Surat pengecualian pendidikan, en: Education waiver letter}
""", encoding="utf-8")
    return pack


def test_a_requirement_an_exception_may_lift_is_not_a_screen_criterion(lifting_pack: Path) -> None:
    plain = Evaluator(load_pack(DEFAULT_PACK), AS_OF, "reference")
    lifted = Evaluator(load_pack(lifting_pack), AS_OF, "reference")
    early, late = screen_criteria(plain)
    ids = {cc.criterion.id for cc in early + late}
    # the pair-scope requirements of the national pack, worked out from its criteria files
    assert ids == {"career_pattern", "competency_fit_min", "education_fit", "jpt_pratama_age",
                   "jpt_pratama_education", "jpt_pratama_experience", "rank_in_range",
                   "retirement_age_at_target", "target_deficit"}
    # rank range and career pattern read only the person's and the post's own facts
    assert {"rank_in_range", "career_pattern"} <= {cc.criterion.id for cc in early}
    # education_fits and competency_fit are facts of the pair
    assert {"education_fit", "competency_fit_min"} <= {cc.criterion.id for cc in late}
    early2, late2 = screen_criteria(lifted)
    assert {cc.criterion.id for cc in early2 + late2} == ids - {"education_fit"}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("which", ["national", "lifting"])
def test_every_pair_ruled_out_is_not_eligible_for_a_reason_it_names(
        region: str, lifting_pack: Path, backend: str, which: str) -> None:
    pack = load_pack(DEFAULT_PACK if which == "national" else lifting_pack)
    ev = Evaluator(pack, AS_OF, backend)
    engine = open_store(region)
    try:
        world = load_world(engine)
        employees = {e.nip: e for e in iter_employees(engine)}
    finally:
        engine.dispose()
    try:
        cand = {n: ev.candidate_facts(employees[n], world) for n in sorted(employees)}
        decided = {d.subject["nip"]: d for d in ev.decide_many("candidate", [({"nip": n}, f) for n, f in cand.items()])}
        keep, _ = screen(decided, employees, world)
        slots = [s.position_id for s in open_slots(world)]
        pos = {p: ev.position_facts(world.positions[p], world) for p in slots}
        ps = PairScreen.of(ev)
        early = ps.rule_out_early(cand, keep, pos)
        items, named = [], []
        for nip in keep:
            through = set(early.survivors.get(nip, []))
            for pid in slots:
                pf = ev.pair_only_facts(employees[nip], world.positions[pid], world)
                facts = ev.pair_facts(employees[nip], world.positions[pid], world, cand[nip])
                late = ps.late_fails(cand[nip], pos[pid], pf) if pid in through else ()
                items.append(({"nip": nip, "position_id": pid}, facts))
                named.append((pid in through, late))
        full = ev.decide_many("candidate_position", items)
        ruled_out = 0
        for d, (passed_early, late) in zip(full, named, strict=True):
            if passed_early and not late:
                continue
            ruled_out += 1
            assert d.verdict is Verdict.NOT_ELIGIBLE, d.subject
            assert set(late) <= set(d.deciding), (d.subject, late, d.deciding)
        # the early counts name criteria the full evaluation names too
        for nip, counts in early.by_nip.items():
            fails = [d for d, (ok, _) in zip(full, named, strict=True) if not ok and d.subject["nip"] == nip]
            assert len(fails) == early.pairs_out_nip[nip]
            for cid, n in counts.items():
                assert n == sum(cid in d.deciding for d in fails), (nip, cid)
        # on this region the screen does most of the work: it must not be a no-op
        assert ruled_out > len(items) // 2
    finally:
        ev.close()


def _strip(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan without what names the run (decision ids) or counts the pairs evaluated."""
    p = json.loads(json.dumps(plan))
    for x in p["placements"]:
        x.pop("decision_id", None)
        x.pop("candidate_decision_id", None)
    for x in p["unplaced"]:
        x.pop("candidate_decision_id", None)
        if "pair_verdicts" in x["detail"]:
            x["detail"] = {"pair_verdicts": x["detail"]["pair_verdicts"]}
    for x in p["open_positions"]:
        if "pair_verdicts" in x["detail"]:
            x["detail"] = {"pair_verdicts": x["detail"]["pair_verdicts"]}
    for k in ("pairs_evaluated", "pairs_screened_out", "pair_screen"):
        p["summary"].pop(k, None)
    p.pop("run", None)
    return p


def _recorded(url: str, run: int) -> list[tuple[str, str, Any]]:
    engine = open_store(url)
    try:
        return [(r.snapshot_key, r.decision["verdict"], {k: v for k, v in r.decision.items()})
                for r in AuditLog(engine).decisions(run)]
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_screened_plan_equals_the_plan_of_every_pair(region: str, backend: str) -> None:
    full = run_plan(region, DEFAULT_PACK, AS_OF, "Tim", screen_pairs=False, backend=backend)
    fast = run_plan(region, DEFAULT_PACK, AS_OF, "Tim", backend=backend)
    assert fast.plan["placements"], "the region should allow some placements"
    assert _strip(fast.plan) == _strip(full.plan)
    s, f = fast.plan["summary"], full.plan["summary"]
    assert s["pairs_evaluated"] + s["pairs_screened_out"] == f["pairs_evaluated"]
    assert s["pairs_screened_out"] > 0 and "pairs_screened_out" not in f
    # the same decisions recorded, in the same order (ids aside)
    assert _recorded(region, fast.run) == _recorded(region, full.run)
    # a person or a position with no admissible pair: the same verdict counts either way
    for a, b in zip(fast.plan["unplaced"], full.plan["unplaced"], strict=True):
        assert a["detail"].get("pair_verdicts") == b["detail"].get("pair_verdicts")


def test_the_input_hash_covers_exactly_the_recorded_snapshots(region: str) -> None:
    got = run_plan(region, DEFAULT_PACK, AS_OF, "Tim")
    engine = open_store(region)
    try:
        log = AuditLog(engine)
        header = log.run_header(got.run)
        assert header is not None and header.input_hash == got.input_hash
        h = hashlib.sha256()
        for rec in log.decisions(got.run):  # snapshots are recorded in decision order
            facts = log.snapshot(rec.decision_id)
            h.update(json.dumps([rec.snapshot_key, facts], sort_keys=True, ensure_ascii=False,
                                separators=(",", ":")).encode("utf-8") + b"\n")
        plan = log.plan(got.run)
        assert plan is not None
        h.update(json.dumps(["plan_inputs", plan["inputs"]], sort_keys=True, ensure_ascii=False,
                            separators=(",", ":")).encode("utf-8") + b"\n")
        assert h.hexdigest() == header.input_hash
        assert log.verify().ok
    finally:
        engine.dispose()
