"""`mutasi evaluate`: decide every employee against the candidate-level criteria of a pack.

Facts are derived twice (a cheap pass to hash the input for the run header, then the run
itself) so that a run of any size streams instead of holding every snapshot in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from audit import AuditLog
from engine import Evaluator, load_pack
from mutasi.errors import MutasiError
from mutasi.runs.common import InputHasher, started_at
from mutasi.store.convert import iter_employees, load_world
from mutasi.store.db import open_store, require_existing

Progress = Callable[[int, int], None]  # (decided so far, total)


@dataclass
class EvaluateResult:
    run: int
    pack: dict[str, str]
    as_of: str
    input_hash: str
    employees: int
    verdicts: dict[str, int] = field(default_factory=dict)
    decision_ids: dict[str, str] = field(default_factory=dict)  # nip -> decision id


def run_evaluate(db_url: str, pack_path: Path, as_of: date, actor: str,
                 progress: Progress | None = None) -> EvaluateResult:
    require_existing(db_url)
    engine_ = open_store(db_url)
    try:
        pack = load_pack(pack_path)
        world = load_world(engine_)
        ev = Evaluator(pack, as_of)
        try:
            hasher = InputHasher()
            seen = 0
            for emp in iter_employees(engine_):
                hasher.add(emp.nip, ev.candidate_facts(emp, world))
                seen += 1
            if seen == 0:
                raise MutasiError("no employees in the store: import data first (mutasi import ...)")
            log = AuditLog(engine_)
            counts: Counter[str] = Counter()
            ids: dict[str, str] = {}
            with log.run("evaluate", as_of, pack.info, actor, hasher.hexdigest(), started_at()) as run:
                run.store_pack_text(pack.canonical_text())
                batch: list[tuple[dict[str, str], dict]] = []

                def flush() -> None:
                    for decision in ev.decide_many("candidate", batch):
                        nip = decision.subject["nip"]
                        ids[nip] = run.add_decision(decision, nip)
                        counts[decision.verdict.value] += 1
                    if progress:
                        progress(sum(counts.values()), seen)
                    batch.clear()

                for emp in iter_employees(engine_):
                    facts = ev.candidate_facts(emp, world)
                    run.add_snapshot(emp.nip, facts)
                    batch.append(({"nip": emp.nip}, facts))
                    if len(batch) >= 500:
                        flush()
                flush()
                run_no = run.run_seq
        finally:
            ev.close()
    finally:
        engine_.dispose()
    return EvaluateResult(run=run_no, pack=pack.info, as_of=as_of.isoformat(),
                          input_hash=hasher.hexdigest(), employees=sum(counts.values()),
                          verdicts=dict(sorted(counts.items())), decision_ids=ids)
