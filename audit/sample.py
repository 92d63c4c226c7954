"""Replay many decisions: every decision of a run, or a seeded random sample an outsider can
redraw without mutasi (docs/audit-format.md, section "Replaying a sample").

The draw: for each decision id D in the population (every decision of run R, or of the
whole log), compute the SHA-256 of the UTF-8 text "mutasi-sample/v1\\n<seed>\\n<D>" and take
the N ids whose hex digests sort first; they are replayed in log order. Same population,
seed and N give the same sample on any machine, in any language.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select

from audit import entries as E
from audit.errors import AuditError
from audit.replay import Difference, EvaluatorFactory, engine_evaluator, replay
from audit.schema import audit_entry as T

if TYPE_CHECKING:
    from audit.log import AuditLog

SAMPLE_METHOD = "sha256-v1"
MAX_SEED = 10**18  # a seed is a whole number 0 <= seed < MAX_SEED


class Result(StrEnum):
    IDENTICAL = "identical"
    DIFFERENT = "different"
    UNAVAILABLE = "unavailable"  # could not be replayed (engine error, missing snapshot or pack)


@dataclass(frozen=True)
class Outcome:
    decision_id: str
    result: Result
    differences: tuple[Difference, ...] = ()
    problem: str = ""  # why it could not be replayed (with its MUT code)

    def to_dict(self) -> dict[str, Any]:
        return {"decision_id": self.decision_id, "result": self.result.value, "problem": self.problem,
                "differences": [{"path": d.path, "stored": d.stored, "replayed": d.replayed}
                                for d in self.differences]}


@dataclass
class Draw:
    """What to replay: the population's size, the chosen ids (log order) and how."""

    run: int | None
    seed: int | None
    size: int | None  # requested sample size; None = every decision
    population: int
    ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"run": self.run, "seed": self.seed, "size": self.size, "population": self.population,
                "drawn": len(self.ids), "method": SAMPLE_METHOD if self.seed is not None else "all"}


def sample_key(seed: int, decision_id: str) -> str:
    return hashlib.sha256(f"mutasi-sample/v1\n{seed}\n{decision_id}".encode()).hexdigest()


def decision_ids(engine: Engine, run: int | None = None) -> list[str]:
    """Every decision id of run `run` (or of the whole log), in log order."""
    q = select(T.c.entry_key).where(T.c.kind == E.DECISION).order_by(T.c.seq)
    if run is not None:
        q = q.where(T.c.run_seq == run)
    with engine.connect() as conn:
        return [str(k) for (k,) in conn.execute(q)]


def draw(engine: Engine, run: int | None = None, size: int | None = None, seed: int | None = None) -> Draw:
    """The sample (size and seed given) or every decision (neither), in log order."""
    population = decision_ids(engine, run)
    if size is None:
        return Draw(run, None, None, len(population), population)
    assert seed is not None
    chosen = set(sorted(population, key=lambda d: sample_key(seed, d))[:size])
    return Draw(run, seed, size, len(population), [d for d in population if d in chosen])


@contextmanager
def shared_evaluators(factory: EvaluatorFactory | None = None) -> Iterator[EvaluatorFactory]:
    """One evaluator per (pack text, as-of date) for the whole batch, closed at the end
    (building a pack and its rules is the slow part of a replay)."""
    make = factory or engine_evaluator
    cache: dict[tuple[str, date], Any] = {}

    class _Kept:
        def __init__(self, ev: Any) -> None:
            self.ev = ev

        def decide(self, scope: str, subject: dict[str, str], facts: dict[str, Any]) -> Any:
            return self.ev.decide(scope, subject, facts)

        def close(self) -> None:  # replay() closes after each decision: keep it open
            pass

    def get(text: str, as_of: date) -> Any:
        key = (hashlib.sha256(text.encode("utf-8")).hexdigest(), as_of)
        if key not in cache:
            cache[key] = make(text, as_of)
        return _Kept(cache[key])

    try:
        yield get
    finally:
        for ev in cache.values():
            if callable(getattr(ev, "close", None)):
                ev.close()


def replay_each(log: AuditLog, ids: list[str], factory: EvaluatorFactory | None = None,
                progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Replay each id; a decision that cannot be replayed is an outcome, not an exception."""
    out: list[Outcome] = []
    with shared_evaluators(factory) as shared:
        for did in ids:
            try:
                rep = replay(log, did, shared)
                o = Outcome(did, Result.IDENTICAL if rep.identical else Result.DIFFERENT, tuple(rep.differences))
            except AuditError as exc:
                o = Outcome(did, Result.UNAVAILABLE, problem=str(exc))
            out.append(o)
            if progress is not None:
                progress(o)
    return out
