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
from typing import Any

from audit import AuditLog
from mutasi.errors import MutasiError
from mutasi.runs.common import InputHasher, open_session, started_at
from mutasi.store.convert import iter_employees

Progress = Callable[[int, int], None]  # (decided so far, total)
BATCH = 500


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
    with open_session(db_url, pack_path, as_of) as s:
        hasher = InputHasher()
        total = 0
        for emp in iter_employees(s.store):
            hasher.add(emp.nip, s.ev.candidate_facts(emp, s.world))
            total += 1
        if total == 0:
            raise MutasiError("no employees in the store: import data first (mutasi import ...)")
        counts: Counter[str] = Counter()
        ids: dict[str, str] = {}
        with AuditLog(s.store).run("evaluate", as_of, s.pack.info, actor, hasher.hexdigest(),
                                   started_at()) as run:
            run.store_pack_text(s.pack.canonical_text())
            batch: list[tuple[dict[str, str], dict[str, Any]]] = []

            def flush() -> None:
                for decision in s.ev.decide_many("candidate", batch):
                    nip = decision.subject["nip"]
                    ids[nip] = run.add_decision(decision, nip)
                    counts[decision.verdict.value] += 1
                if progress:
                    progress(sum(counts.values()), total)
                batch.clear()

            for emp in iter_employees(s.store):
                facts = s.ev.candidate_facts(emp, s.world)
                run.add_snapshot(emp.nip, facts)
                batch.append(({"nip": emp.nip}, facts))
                if len(batch) >= BATCH:
                    flush()
            flush()
    return EvaluateResult(run=run.run_seq, pack=s.pack.info, as_of=as_of.isoformat(),
                          input_hash=hasher.hexdigest(), employees=sum(counts.values()),
                          verdicts=dict(sorted(counts.items())), decision_ids=ids)
