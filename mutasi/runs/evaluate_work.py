"""The worker side of `mutasi evaluate`: one NIP range in, its audit entries out.

A worker reads its employees (DB-API, keyset range), derives facts, decides them and builds
the snapshot and decision entries of the range, canonical text and leaf hash included
(audit/bulk.py), at the leaf indexes the writer reserved for them. It runs in a worker
process, or in the writer's own process when there is one worker.
"""

from __future__ import annotations

import gc
import traceback
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from audit.bulk import decision_entry, payload_text, snapshot_entry
from audit.canonical import canonical_text, splice
from engine import Evaluator, Pack
from engine.outcome import Decision, Reason
from engine.records import World
from mutasi.errors import MutasiError
from mutasi.store.db import open_store
from mutasi.store.fastread import FastReader

_TEXTS_MAX = 5_000  # canonical texts of shared reasons kept per worker


@dataclass(frozen=True)
class Chunk:
    """Employees first <= NIP <= last (`count` of them), the n-th range of the run: their
    snapshots take leaves seq .. seq+count-1, their decisions the next `count` leaves and
    the decision numbers ordinal .. ordinal+count-1."""

    first: str
    last: str
    count: int
    run_seq: int
    seq: int
    ordinal: int


@dataclass
class ChunkOut:
    lines: bytes  # the input-hash lines of the range (docs/audit-format.md, input_hash)
    verdicts: list[str]
    entries: list[tuple[Any, ...]]  # Prepared as plain tuples (cheaper to pickle): snapshots, then decisions


@dataclass
class Failed:
    """An error in a worker, sent back as plain data (some errors do not unpickle)."""

    exit_code: int | None  # a MutasiError's exit code, None for a defect
    message: str


class Worker:
    def __init__(self, pack: Pack, as_of: date, world: World, db_url: str, backend: str) -> None:
        self.ev = Evaluator(pack, as_of, backend)
        self.world = world
        self.reader = FastReader(open_store(db_url, migrate=False))
        self._texts: dict[int, tuple[Reason, str]] = {}

    def close(self) -> None:
        self.ev.close()
        self.reader.engine.dispose()

    def run(self, c: Chunk) -> ChunkOut:
        emps = self.reader.employees(c.first, c.last)
        if len(emps) != c.count:
            raise MutasiError(f"the store changed while evaluating (employees {c.first}..{c.last}: "
                              f"{len(emps)}, expected {c.count}); nothing was recorded, run again")
        ev, world = self.ev, self.world
        facts = [ev.candidate_facts(e, world) for e in emps]
        texts = [payload_text(f, f"snapshot '{e.nip}'") for e, f in zip(emps, facts, strict=True)]
        decisions = ev.decide_many("candidate", [({"nip": e.nip}, f) for e, f in zip(emps, facts, strict=True)])
        entries = [tuple(snapshot_entry(c.run_seq, c.seq + i, e.nip, t))
                   for i, (e, t) in enumerate(zip(emps, texts, strict=True))]
        lines = []
        for i, (e, t, d) in enumerate(zip(emps, texts, decisions, strict=True)):
            entries.append(tuple(decision_entry(c.run_seq, c.seq + c.count + i, c.ordinal + i, e.nip, e.nip,
                                                self.decision_text(d))))
            lines.append(f"[{canonical_text(e.nip)},{t}]\n")
        return ChunkOut("".join(lines).encode("utf-8"), [d.verdict.value for d in decisions], entries)

    def decision_text(self, d: Decision) -> str:
        """canonical_text(d.to_dict()), with the text of each reason object made once: the
        engine shares one Reason between the many subjects that pass a criterion alike."""
        parts = []
        cache = self._texts
        for r in d.reasons:
            hit = cache.get(id(r))
            if hit is None or hit[0] is not r:  # kept with the reason: its id is not reused
                if len(cache) >= _TEXTS_MAX:
                    cache.clear()
                hit = cache[id(r)] = (r, payload_text(r.to_dict(), "decision"))
            parts.append(hit[1])
        env = replace(d, reasons=()).to_dict()  # the envelope as to_dict makes it, whatever it holds
        del env["reasons"]
        return splice(env, "reasons", "[" + ",".join(parts) + "]")


# ---- in a worker process ------------------------------------------------------------------

_WORKER: Worker | None = None


def init(pack: Pack, as_of: date, world: World, db_url: str, backend: str) -> None:
    global _WORKER
    _WORKER = Worker(pack, as_of, world, db_url, backend)
    few_collections()


def few_collections() -> None:
    """Deciding allocates many short-lived objects and few cycles: the default collector
    thresholds rescan the pack and the world over and over (about 20% of a worker's time)."""
    gc.freeze()  # what exists now (pack, world, engine) is never garbage
    gc.set_threshold(50_000, 20, 100)


def run_chunk(c: Chunk) -> ChunkOut | Failed:
    assert _WORKER is not None
    return guarded(_WORKER, c)


def guarded(w: Worker, c: Chunk) -> ChunkOut | Failed:
    try:
        return w.run(c)
    except MutasiError as exc:
        return Failed(exc.exit_code, str(exc))
    except Exception as exc:  # a defect: keep its traceback for --debug
        return Failed(None, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")


def raise_failed(f: Failed) -> Any:
    if f.exit_code is None:
        raise RuntimeError(f"in an evaluate worker: {f.message}")
    err = MutasiError(f.message)
    err.exit_code = f.exit_code
    raise err
