"""`mutasi round run`: store -> engine (a pair decision per ranked position) -> deferred
acceptance -> audit, one transaction.

Offers are the ABK deficits (capacity = slots), optionally only the positions a round
offers, and after a recorded plan what it left open. Each ranked position of each person
is decided with the pack's candidate and candidate-position criteria (eligibility) and
carries the round's points items (score criteria with ``use: round``). The audit run (kind
``round``) holds each participant's facts, every bid's decision, and the round itself
(offers, rankings, settings, outcome with reasons, proposal log) as its ``plan`` entry, so
``mutasi audit replay RUN`` can re-run it (audit/round_replay.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from audit import AuditLog
from engine import Decision
from engine.pack import Pack
from engine.plan import open_slots
from engine.problems import Problem, UsageError
from engine.round import Offer, Ranking, RoundOrder, RoundResult, RoundSettings, build_round
from mutasi.runs.common import InputHasher, open_session, started_at
from mutasi.store.convert import iter_employees
from mutasi.store.round_input import RankedChoice, RoundInputError

BATCH = 500


@dataclass
class RoundRun:
    run: int
    payload: dict[str, Any]  # the round as recorded (RoundResult.to_dict() + inputs and run fields)
    result: RoundResult


def has_round_points(pack: Pack, as_of: date) -> bool:
    return any(c.kind == "score" and c.body.get("use") == "round" and c.in_force(as_of)
               for c in pack.criteria)


def offers_from(world: Any, positions: Sequence[str] | None,
                taken: Mapping[str, int] | None = None,
                capacities: Mapping[str, int] | None = None) -> list[Offer]:
    """The ABK deficits (capacity = slots), only ``positions`` when given, less ``taken``.
    ``capacities``: the slots a stored round published when it opened (they stand, even if
    the ABK changed since)."""
    taken = taken or {}
    wanted = set(positions) if positions is not None else None
    out = []
    if capacities is not None:
        for pid in sorted(capacities):
            left = capacities[pid] - taken.get(pid, 0)
            if pid in world.positions and left > 0 and (wanted is None or pid in wanted):
                out.append(Offer(pid, world.positions[pid].unit_id, left))
        return out
    for s in open_slots(world):
        if wanted is not None and s.position_id not in wanted:
            continue
        left = s.capacity - taken.get(s.position_id, 0)
        if left > 0:
            out.append(Offer(s.position_id, s.unit_id, left))
    return out


def run_round(db_url: str, pack_path: Path, as_of: date, actor: str, *,
              rankings: Mapping[str, Sequence[RankedChoice]], source: str,
              settings: RoundSettings, positions: Sequence[str] | None = None,
              capacities: Mapping[str, int] | None = None,
              max_choices: int | None = None,
              progress: Callable[[str], None] | None = None) -> RoundRun:
    say = progress or (lambda _stage: None)
    with open_session(db_url, pack_path, as_of) as ses:
        ev, world, pack = ses.ev, ses.world, ses.pack
        if not has_round_points(pack, as_of):
            raise RoundInputError("the pack declares no round points", [Problem(
                str(pack_path), 1, 0, "MUT-V256", "use",
                f"pack {pack.id} has no score criterion with `use: round` in force on {as_of}",
                "declare the round's points items in the pack (docs/plan-and-review.md)")])
        log = AuditLog(ses.store)
        placed_by_plan: dict[str, str] = {}
        taken: Counter[str] = Counter()
        if settings.order is RoundOrder.AFTER_PLAN:
            plan = _plan_of(log, settings.plan_run)
            for p in plan.get("placements", []):
                taken[str(p["position_id"])] += 1
                if p["nip"] in rankings:
                    placed_by_plan[str(p["nip"])] = str(p["position_id"])
        offers = offers_from(world, positions, taken, capacities)
        offered = {o.position_id for o in offers}
        wanted = set(rankings)
        employees = {e.nip: e for e in iter_employees(ses.store) if e.nip in wanted}
        _check(rankings, source, employees, offered)
        say(f"peserta / participants: {len(employees)}")
        cand: dict[str, dict[str, Any]] = {}
        items: list[tuple[dict[str, str], dict[str, Any]]] = []
        for nip in sorted(employees):
            cand[nip] = ev.candidate_facts(employees[nip], world)
            if nip in placed_by_plan:
                continue
            for c in rankings[nip]:
                facts = ev.pair_facts(employees[nip], world.positions[c.position_id], world, cand[nip])
                items.append(({"nip": nip, "position_id": c.position_id}, facts))
        say(f"pilihan / ranked positions: {len(items)}")
        decided: list[Decision] = [d for i in range(0, len(items), BATCH)
                                   for d in ev.decide_many("candidate_position", items[i:i + BATCH])]
        decisions = {(d.subject["nip"], d.subject["position_id"]): d for d in decided}
        ranks = [Ranking(nip, employees[nip].position_id,
                         tuple(c.position_id for c in rankings[nip])) for nip in sorted(employees)]
        inputs = {"offers": [o.to_dict() for o in offers],
                  "rankings": [r.to_dict() for r in ranks],
                  "settings": settings.to_dict(),
                  "placed_by_plan": dict(sorted(placed_by_plan.items())),
                  "positions_chosen": sorted(positions) if positions is not None else None,
                  "max_choices": max_choices,
                  "source": source}
        hasher = InputHasher([(nip, cand[nip]) for nip in sorted(cand)])
        for subject, facts in items:
            hasher.add(f"{subject['nip']}@{subject['position_id']}", facts)
        hasher.add("round_inputs", inputs)
        say("penempatan / deferred acceptance")
        with log.run("round", as_of, pack.info, actor, hasher.hexdigest(), started_at()) as run:
            run.store_pack_text(pack.canonical_text())
            for nip in sorted(cand):
                run.add_snapshot(nip, cand[nip])
            ids: dict[tuple[str, str], str] = {}
            for subject, facts in items:
                key = f"{subject['nip']}@{subject['position_id']}"
                run.add_snapshot(key, facts, base=subject["nip"])
                pair = (subject["nip"], subject["position_id"])
                ids[pair] = run.add_decision(decisions[pair], key)
            result = build_round(offers=offers, rankings=ranks, decisions=decisions,
                                 settings=settings, placed_by_plan=placed_by_plan, decision_ids=ids)
            payload = round_payload(result, inputs, as_of, pack)
            run.add_plan(payload)
            payload["run"] = run.run_seq
    return RoundRun(run=run.run_seq, payload=payload, result=result)


def round_payload(result: RoundResult, inputs: dict[str, Any], as_of: date | str,
                  pack: Pack | Mapping[str, str]) -> dict[str, Any]:
    """What the audit records as the round run's `plan` entry (and --json prints)."""
    info = dict(pack.info) if isinstance(pack, Pack) else dict(pack)
    return {"kind": "round", **result.to_dict(), "inputs": inputs,
            "as_of": as_of if isinstance(as_of, str) else as_of.isoformat(), "pack": info}


def _plan_of(log: AuditLog, run_seq: int | None) -> dict[str, Any]:
    if run_seq is None:
        raise UsageError("a round after the plan needs the plan's run number (--plan-run N)")
    header = log.run_header(run_seq)
    plan = log.plan(run_seq) if header is not None and header.kind == "plan" else None
    if plan is None:
        raise UsageError(f"run {run_seq} is not a recorded plan run (mutasi audit verify lists runs)")
    return plan


def _check(rankings: Mapping[str, Sequence[RankedChoice]], source: str,
           employees: Mapping[str, Any], offered: set[str]) -> None:
    """Every NIP on file, every choice offered and not the person's own post; all listed."""
    problems: list[Problem] = []
    for nip in sorted(rankings):
        for c in rankings[nip]:
            where = (source, c.line, 0)
            if nip not in employees:
                problems.append(Problem(*where, "MUT-V254", "nip", f"NIP {nip} is not in the store",
                                        "import the employee data first"))
                break
            if c.position_id == employees[nip].position_id:
                problems.append(Problem(*where, "MUT-V254", "position_id",
                                        f"{c.position_id} is the current post of NIP {nip}",
                                        "rank only other positions; staying is the fallback"))
            elif c.position_id not in offered:
                problems.append(Problem(*where, "MUT-V254", "position_id",
                                        f"position {c.position_id} is not offered in this round",
                                        f"offered: {', '.join(sorted(offered)[:12]) or 'none'}"))
    if problems:
        raise RoundInputError(f"{source}: {len(problems)} problem(s) against the store", problems)
