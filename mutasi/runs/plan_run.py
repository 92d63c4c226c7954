"""`mutasi plan`: store -> engine (candidates, then pairs) -> solver -> audit, one transaction.

Screening: every employee is decided at candidate level; only candidate-eligible people who
sit in a surplus position are paired with the open deficit positions (pair evaluation is the
expensive part). The audit run holds every candidate decision with its snapshot, the pair
decisions that are not ``not_eligible`` (admissible, needs approval, data missing) with
theirs, and the plan itself under snapshot key ``plan`` (docs/plan-and-review.md). Pairs
judged not eligible enter the input hash and the plan's reason counts; ``record_all_pairs``
records them one by one too (slower: the audit hashes every entry).

``after_round``: a recorded voluntary round the plan builds on (the round first; the plan
fills what is left): its moves are made in the organisation first, its movers are no
candidates, and the round (run, hashes, moves) is recorded in the plan's inputs
(engine/plan/after_round.py, mutasi/runs/plan_basis.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from audit import AuditLog
from engine import Decision, Evaluator, Verdict
from engine.plan import PlanResult, PlanSettings, build_plan, open_slots, screen
from engine.plan.after_round import RoundBasis, without_movers, world_after_round
from engine.plan.payload import PlanInputs, RecordedPlan
from mutasi.runs.common import InputHasher, open_session, started_at
from mutasi.runs.plan_files import write_plan_files
from mutasi.store.convert import iter_employees

BATCH = 500


@dataclass
class PlanRun:
    run: int
    pack: dict[str, str]
    as_of: str
    input_hash: str
    plan: dict[str, Any]  # the plan payload as recorded (PlanResult.to_dict() + run fields)
    result: PlanResult  # the same plan, typed


def pair_key(nip: str, position_id: str) -> str:
    return f"{nip}@{position_id}"


def run_plan(db_url: str, pack_path: Path, as_of: date, actor: str, *,
             conflicts: Mapping[str, str] | None = None,
             training_catalog: Mapping[str, str] | None = None,
             settings: PlanSettings | None = None,
             record_all_pairs: bool = False,
             progress: Callable[[str], None] | None = None,
             out_dir: Path | None = None,
             after_round: int | None = None) -> PlanRun:
    """Decide, plan and record; with ``out_dir`` also write plan.json, workload.csv and
    workload.png there (the same files for the CLI and any other caller)."""
    say = progress or (lambda _stage: None)
    settings = settings or PlanSettings()
    with open_session(db_url, pack_path, as_of) as ses:
        ev, world, pack = ses.ev, ses.world, ses.pack
        employees = {e.nip: e for e in iter_employees(ses.store)}
        basis: RoundBasis | None = None
        if after_round is not None:
            from mutasi.runs.plan_basis import check_store, round_basis

            basis = round_basis(AuditLog(ses.store), after_round, pack.info, as_of)
            check_store(basis, employees)
            world = world_after_round(world, basis.moves)
            employees = without_movers(employees, basis.moves)
            say(f"setelah putaran / after round run {after_round}: {len(basis.moves)} moved")
        say(f"kandidat / candidates: {len(employees)}")
        snaps: list[tuple[str, dict[str, Any]]] = []
        cand_items = []
        cand_facts: dict[str, dict[str, Any]] = {}
        for nip in sorted(employees):
            cand_facts[nip] = facts = ev.candidate_facts(employees[nip], world)
            snaps.append((nip, facts))
            cand_items.append(({"nip": nip}, facts))
        candidates = {d.subject["nip"]: d for d in _decide_all(ev, "candidate", cand_items)}
        keep, _ = screen(candidates, employees, world)
        slots = open_slots(world)
        pair_items = []
        for nip in keep:
            for slot in slots:
                if slot.position_id == employees[nip].position_id:
                    continue
                facts = ev.pair_facts(employees[nip], world.positions[slot.position_id], world,
                                      cand_facts[nip])
                snaps.append((pair_key(nip, slot.position_id), facts))
                pair_items.append(({"nip": nip, "position_id": slot.position_id}, facts))
        say(f"pasangan / candidate x position pairs: {len(pair_items)}")
        pairs = {(d.subject["nip"], d.subject["position_id"]): d
                 for d in _decide_all(ev, "candidate_position", pair_items)}
        say("solver (min-cost flow)")
        built = build_plan(world=world, employees=employees, candidates=candidates,
                           pairs=pairs, conflicts=conflicts, training_catalog=training_catalog,
                           settings=settings)
        hasher = InputHasher(snaps)
        inputs = PlanInputs(conflicts=dict(conflicts or {}), training_catalog=dict(training_catalog or {}),
                            fill_weight=settings.fill_weight, tie_break_seed=settings.tie_break_seed,
                            after_round=basis)
        hasher.add("plan_inputs", inputs.to_dict())
        say("jejak audit / audit trail")
        with AuditLog(ses.store).run("plan", as_of, pack.info, actor, hasher.hexdigest(),
                                     started_at()) as run:
            run.store_pack_text(pack.canonical_text())
            ids: dict[str, str] = {}
            recorded = {pair_key(n, p) for (n, p), d in pairs.items()
                        if record_all_pairs or d.verdict is not Verdict.NOT_ELIGIBLE}
            for key, facts in snaps:
                if key in candidates:
                    run.add_snapshot(key, facts)
                elif key in recorded:
                    # a pair repeats its candidate's facts: store only what differs
                    run.add_snapshot(key, facts, base=key.split("@", 1)[0])
            for nip in sorted(candidates):
                ids[nip] = run.add_decision(candidates[nip], nip)
            for nip, pid in sorted(pairs):
                if pair_key(nip, pid) in recorded:
                    ids[pair_key(nip, pid)] = run.add_decision(pairs[(nip, pid)],
                                                               pair_key(nip, pid))
            built = built.with_decision_ids(ids, len(recorded))
            result = RecordedPlan(built, inputs, as_of.isoformat(), dict(pack.info)).to_dict()
            run.add_plan(result)
            result["run"] = run.run_seq
    if out_dir is not None:
        write_plan_files(result, out_dir)
    return PlanRun(run=run.run_seq, pack=dict(pack.info), as_of=as_of.isoformat(),
                   input_hash=hasher.hexdigest(), plan=result, result=built)


def _decide_all(ev: Evaluator, scope: str,
                items: list[tuple[dict[str, str], dict[str, Any]]]) -> list[Decision]:
    """Decide in batches (the engine's unit of work), in the order given."""
    return [d for i in range(0, len(items), BATCH)
            for d in ev.decide_many(scope, items[i:i + BATCH])]
