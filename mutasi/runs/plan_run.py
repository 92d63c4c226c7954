"""`mutasi plan`: store -> engine (candidates, then pairs) -> solver -> audit, one transaction.

Screening: every employee is decided at candidate level; only candidate-eligible people who
sit in a surplus position are paired with the open deficit positions, and the pair screen
(engine/plan/pairscreen.py) rules out, before their facts are derived, the pairs a
requirement no exception can lift already fails (pair evaluation is the expensive part).
Pairs are decided in batches as they are made; only those recorded are kept. The audit run
holds every candidate decision with its snapshot, the pair decisions that are not
``not_eligible`` (admissible, needs approval, data missing) with theirs, and the plan as its
`plan` entry (docs/plan-and-review.md). The input hash covers exactly the recorded snapshots
(docs/audit-format.md). Pairs not eligible are counted in the plan's reasons;
``record_all_pairs`` records every pair evaluated too (slower: the audit hashes every entry).

``after_round``: a recorded voluntary round the plan builds on (the round first; the plan
fills what is left): its moves are made in the organisation first, its movers are no
candidates, and the round (run, hashes, moves) is recorded in the plan's inputs
(engine/plan/after_round.py, mutasi/runs/plan_basis.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from audit import AuditLog
from engine import Decision, Evaluator, Verdict
from engine.facts import merge
from engine.plan import ADMISSIBLE, PlanResult, PlanSettings, build_plan, open_slots, screen
from engine.plan.after_round import RoundBasis, without_movers, world_after_round
from engine.plan.pairscreen import PairScreen, PairTally
from engine.plan.payload import PlanInputs, RecordedPlan
from engine.records import Employee, World
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
             screen_pairs: bool = True,
             backend: str = "durable",
             progress: Callable[[str], None] | None = None,
             out_dir: Path | None = None,
             after_round: int | None = None) -> PlanRun:
    """Decide, plan and record; with ``out_dir`` also write plan.json, workload.csv and
    workload.png there (the same files for the CLI and any other caller). ``screen_pairs``
    False evaluates every pair (tests compare the two: the screen must change nothing but
    the pairs evaluated, the counts and the input hash)."""
    say = progress or (lambda _stage: None)
    settings = settings or PlanSettings()
    with open_session(db_url, pack_path, as_of, backend) as ses:
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
        cand_facts = {nip: ev.candidate_facts(employees[nip], world) for nip in sorted(employees)}
        candidates = {d.subject["nip"]: d for d in _decide_all(
            ev, "candidate", [({"nip": nip}, facts) for nip, facts in cand_facts.items()])}
        keep, _ = screen(candidates, employees, world)
        pairs, pair_only, pos_facts, tally = _decide_pairs(ev, world, employees, cand_facts, keep,
                                                           record_all_pairs, screen_pairs, say)

        def pair_facts() -> Iterator[tuple[tuple[str, str], dict[str, Any]]]:
            # a pair's snapshot, merged again when needed (only its own facts are kept)
            for (nip, pid), pf in pair_only.items():
                yield (nip, pid), merge(cand_facts[nip], pos_facts[pid], pf)

        say("solver (min-cost flow)")
        built = build_plan(world=world, employees=employees, candidates=candidates,
                           pairs={k: d for k, d in pairs.items() if d.verdict in ADMISSIBLE},
                           conflicts=conflicts, training_catalog=training_catalog,
                           settings=settings, tally=tally)
        # the input hash covers what the run records, in its order (docs/audit-format.md)
        hasher = InputHasher(cand_facts.items())
        for (nip, pid), facts in pair_facts():
            hasher.add(pair_key(nip, pid), facts)
        inputs = PlanInputs(conflicts=dict(conflicts or {}), training_catalog=dict(training_catalog or {}),
                            fill_weight=settings.fill_weight, tie_break_seed=settings.tie_break_seed,
                            after_round=basis)
        hasher.add("plan_inputs", inputs.to_dict())
        say("jejak audit / audit trail")
        with AuditLog(ses.store).run("plan", as_of, pack.info, actor, hasher.hexdigest(),
                                     started_at()) as run:
            run.store_pack_text(pack.canonical_text())
            ids: dict[str, str] = {}
            for nip, facts in cand_facts.items():
                run.add_snapshot(nip, facts)
            for (nip, pid), facts in pair_facts():
                # a pair repeats its candidate's facts: store only what differs
                run.add_snapshot(pair_key(nip, pid), facts, base=nip)
            for nip in sorted(candidates):
                ids[nip] = run.add_decision(candidates[nip], nip)
            for nip, pid in sorted(pairs):
                ids[pair_key(nip, pid)] = run.add_decision(pairs[(nip, pid)], pair_key(nip, pid))
            built = built.with_decision_ids(ids, len(pairs))
            result = RecordedPlan(built, inputs, as_of.isoformat(), dict(pack.info)).to_dict()
            run.add_plan(result)
            result["run"] = run.run_seq
    if out_dir is not None:
        write_plan_files(result, out_dir)
    return PlanRun(run=run.run_seq, pack=dict(pack.info), as_of=as_of.isoformat(),
                   input_hash=hasher.hexdigest(), plan=result, result=built)


def _decide_pairs(ev: Evaluator, world: World, employees: Mapping[str, Employee],
                  cand_facts: Mapping[str, dict[str, Any]], keep: list[str], record_all: bool,
                  screen_pairs: bool, say: Callable[[str], None],
                  ) -> tuple[dict[tuple[str, str], Decision], dict[tuple[str, str], dict[str, Any]],
                             dict[str, dict[str, Any]], PairTally]:
    """Pair the kept candidates with the open positions, the pair screen first; decide the
    pairs it lets through in batches and keep only those the run records (not
    ``not_eligible``, or all with ``record_all``) with their own facts (pair scope only), in
    (NIP, position) order; also the open positions' facts. Every pair is counted in the tally."""
    slots = [s.position_id for s in open_slots(world)]
    pos_facts = {pid: ev.position_facts(world.positions[pid], world) for pid in slots}
    ps = PairScreen.of(ev) if screen_pairs else PairScreen(ev)
    early = ps.rule_out_early(cand_facts, keep, pos_facts)
    tally = PairTally(criteria=ps.criteria if screen_pairs else None)
    tally.add_early(early)
    kept: dict[tuple[str, str], Decision] = {}
    kept_facts: dict[tuple[str, str], dict[str, Any]] = {}
    batch: list[tuple[dict[str, str], dict[str, Any]]] = []
    own: list[dict[str, Any]] = []

    def flush() -> None:
        for (subject, _), pf, d in zip(batch, own, ev.decide_many("candidate_position", batch), strict=True):
            nip, pid = subject["nip"], subject["position_id"]
            tally.decided(nip, pid, d.verdict.value, d.deciding)
            if record_all or d.verdict is not Verdict.NOT_ELIGIBLE:
                kept[(nip, pid)] = d
                kept_facts[(nip, pid)] = pf
        batch.clear()
        own.clear()

    for nip in keep:
        emp, cf = employees[nip], cand_facts[nip]
        for pid in early.survivors.get(nip, []):
            if pid == emp.position_id:  # never an open slot: a kept person's post has a surplus
                continue
            pos = world.positions[pid]
            pf = ev.pair_only_facts(emp, pos, world)
            failed = ps.late_fails(cf, pos_facts[pid], pf)
            if failed:
                tally.ruled_out(nip, pid, failed)
                continue
            batch.append(({"nip": nip, "position_id": pid}, merge(cf, pos_facts[pid], pf)))
            own.append(pf)
            if len(batch) >= BATCH:
                flush()
    flush()
    say(f"pasangan / candidate x position pairs: {tally.evaluated} dinilai / evaluated, "
        f"{tally.screened} disaring / screened out")
    return kept, kept_facts, pos_facts, tally


def _decide_all(ev: Evaluator, scope: str,
                items: list[tuple[dict[str, str], dict[str, Any]]]) -> list[Decision]:
    """Decide in batches (the engine's unit of work), in the order given."""
    return [d for i in range(0, len(items), BATCH)
            for d in ev.decide_many(scope, items[i:i + BATCH])]
