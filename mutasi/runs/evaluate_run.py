"""`mutasi evaluate`: decide every employee against the candidate-level criteria of a pack.

One pass over the store (issue 18). The writer (this process) lists the store's NIPs in
ranges of BATCH, takes the audit log's write lock and reserves the run's leaf indexes;
workers (evaluate_work.py: processes, or this one) read, decide and serialise a range each;
the writer takes the ranges back in NIP order, hashes the input, and spills the entries to
a temporary file. At the end the run header, with the input hash, goes in its reserved place
at the head of the run and the spilled entries are chained behind it. Memory stays flat at
any size; the log's bytes are the same for any number of workers (and the same as the
Run.add_snapshot / add_decision path, tests/test_evaluate_fast.py).
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import IO, Any

from audit import AuditLog
from engine import Evaluator, load_pack
from mutasi.errors import MutasiError
from mutasi.runs import evaluate_work as W
from mutasi.runs.common import started_at
from mutasi.store.convert import load_world
from mutasi.store.db import open_store, require_existing
from mutasi.store.fastread import FastReader

Progress = Callable[[int, int], None]  # (steps done, total steps): deciding, then recording
BATCH = 500  # employees per range: snapshots of a range, then its decisions (as before)
MIN_PER_WORKER = 2_000  # below this, extra processes cost more than they save


@dataclass
class EvaluateResult:
    run: int
    pack: dict[str, str]
    as_of: str
    input_hash: str
    employees: int
    verdicts: dict[str, int] = field(default_factory=dict)


def run_evaluate(db_url: str, pack_path: Path, as_of: date, actor: str,
                 progress: Progress | None = None, workers: int = 0, backend: str = "durable",
                 started: str | None = None) -> EvaluateResult:
    """Evaluate and record; `workers` 0 = one per CPU (one for small stores). `started`
    (the run's start time, metadata) is for tests; by default the clock's."""
    require_existing(db_url)
    pack = load_pack(pack_path)  # a broken pack fails before the store is touched
    Evaluator(pack, as_of, "reference").close()  # not in force / parameters lacking: fail here
    store = open_store(db_url)
    try:
        ranges = FastReader(store).chunks(BATCH)
        total = sum(n for _, _, n in ranges)
        if total == 0:
            raise MutasiError("no employees in the store: import data first (mutasi import ...)")
        world = load_world(store)
        n = _workers(workers, total, store.url.get_backend_name(), store.url.database)
        log = AuditLog(store)
        with _gc_tuned(), _deciders(n, (pack, as_of, world, db_url, backend)) as decide, \
                tempfile.TemporaryFile(prefix="mutasi-evaluate-") as spill, \
                log.bulk_run("evaluate", as_of, pack.info, actor, started or started_at(),
                             pack.canonical_text()) as bulk:
            chunks = [W.Chunk(first, last, count, bulk.run_seq, bulk.first_seq + 2 * BATCH * i, BATCH * i + 1)
                      for i, (first, last, count) in enumerate(ranges)]
            hasher, counts, done = hashlib.sha256(), Counter[str](), 0
            for out in decide(chunks):
                hasher.update(out.lines)
                counts.update(out.verdicts)
                pickle.dump(out.entries, spill, protocol=pickle.HIGHEST_PROTOCOL)
                done += len(out.verdicts)
                if progress:
                    progress(done, 2 * total)
            spill.seek(0)
            bulk.finish(hasher.hexdigest(), _spilled(spill, total, progress))
    finally:
        store.dispose()
    return EvaluateResult(run=bulk.run_seq, pack=pack.info, as_of=as_of.isoformat(),
                          input_hash=hasher.hexdigest(), employees=sum(counts.values()),
                          verdicts=dict(sorted(counts.items())))


def _workers(asked: int, total: int, backend: str, database: str | None) -> int:
    if backend == "sqlite" and database in (None, "", ":memory:"):
        return 1  # another process cannot see an in-memory database
    if asked > 0:
        return asked
    return max(1, min(os.cpu_count() or 1, total // MIN_PER_WORKER))


def _spilled(spill: IO[bytes], total: int, progress: Progress | None) -> Iterator[tuple[Any, ...]]:
    done = 0
    while True:
        try:
            entries: list[tuple[Any, ...]] = pickle.load(spill)
        except EOFError:
            return
        yield from entries
        done += len(entries) // 2
        if progress:
            progress(total + done, 2 * total)


@contextmanager
def _gc_tuned() -> Iterator[None]:
    old = gc.get_threshold()
    W.few_collections()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*old)


Decide = Callable[[Sequence[W.Chunk]], Iterator[W.ChunkOut]]


@contextmanager
def _deciders(n: int, args: tuple[Any, ...]) -> Iterator[Decide]:
    """Decide ranges in order: here (n == 1) or in n worker processes, at most 2n ranges in
    flight so memory stays flat however far the workers run ahead of the writer."""
    if n == 1:
        w = W.Worker(*args)
        try:
            yield lambda chunks: (w.run(c) for c in chunks)
        finally:
            w.close()
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = multiprocessing.get_context(method).Pool(n, initializer=W.init, initargs=args)

    def decide(chunks: Sequence[W.Chunk]) -> Iterator[W.ChunkOut]:
        todo = iter(chunks)
        pending: deque[Any] = deque(pool.apply_async(W.run_chunk, (c,)) for c in islice(todo, 2 * n))
        while pending:
            out = pending.popleft().get()
            if (c := next(todo, None)) is not None:
                pending.append(pool.apply_async(W.run_chunk, (c,)))
            if isinstance(out, W.Failed):
                W.raise_failed(out)
            yield out

    try:
        yield decide
    finally:
        pool.terminate()
        pool.join()
