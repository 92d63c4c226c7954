"""The timed pipeline: worker processes decide agencies, one writer appends the audit chain.

Workers (one per core; durable_rules holds the GIL) each take whole agencies, stream their
employees, derive facts, decide in batches with full per-criterion reasons and, in the full
pipeline, send (snapshot key, facts, decision dict) batches to the parent over a bounded
queue. The parent is the single audit writer (the hash chain is sequential): one audit run,
snapshot keys "<agency>/<nip>". Every stage is timed where it happens.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import queue as queue_mod
import resource
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bench import data

BATCH = 500
QUEUE_BATCHES = 6  # bound on batches in flight: keeps the parent's memory flat


def rss_mb() -> float:
    """Peak resident set of this process (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class WorkerStats:
    employees: int = 0
    seconds: dict[str, float] = field(default_factory=Counter)  # stage -> seconds
    verdicts: Counter[str] = field(default_factory=Counter)
    peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0  # user + system CPU of the worker process


def _worker(agencies: list[data.Agency], as_of: date, pack_path: str, backend: str,
            audit: bool, q: Any, proto: bool = False) -> None:
    from bench import proto_audit, source
    from engine import Evaluator, load_pack

    st = WorkerStats()
    sec = st.seconds
    cpu0 = time.process_time()
    t = time.perf_counter()
    ev = Evaluator(load_pack(Path(pack_path)), as_of, backend=backend)
    sec["setup"] += time.perf_counter() - t
    try:
        for ag in agencies:
            t = time.perf_counter()
            world = source.build_world(ag.n, ag.seed)
            sec["setup"] += time.perf_counter() - t
            stream = data.read(ag, as_of)
            while True:
                t0 = time.perf_counter()
                emps = [e for _, e in zip(range(BATCH), stream, strict=False)]
                t1 = time.perf_counter()
                if not emps:
                    break
                items = [({"nip": e.nip}, ev.candidate_facts(e, world)) for e in emps]
                t2 = time.perf_counter()
                decisions = ev.decide_many("candidate", items)
                t3 = time.perf_counter()
                sec["read"] += t1 - t0
                sec["facts"] += t2 - t1
                sec["decide"] += t3 - t2
                st.employees += len(emps)
                st.verdicts.update(d.verdict.value for d in decisions)
                if audit:
                    if proto:  # prototype: canonical text made here, spliced by the writer
                        payload = [(f"{ag.name}/{s['nip']}", proto_audit.payload_text(f),
                                    proto_audit.payload_text(d.to_dict()), s["nip"], d.verdict.value,
                                    d.pack["hash"], d.as_of)
                                   for (s, f), d in zip(items, decisions, strict=True)]
                    else:
                        payload = [(f"{ag.name}/{s['nip']}", f, d.to_dict())
                                   for (s, f), d in zip(items, decisions, strict=True)]
                    t4 = time.perf_counter()
                    q.put(("batch", payload))
                    sec["to_dict"] += t4 - t3
                    sec["send"] += time.perf_counter() - t4
    finally:
        ev.close()
    st.peak_rss_mb = rss_mb()
    st.cpu_seconds = time.process_time() - cpu0
    q.put(("done", st))


@dataclass
class PipelineResult:
    employees: int
    wall: float
    workers: list[WorkerStats]
    writer_seconds: dict[str, float]
    writer_rss_mb: float
    verdicts: dict[str, int]
    audit_entries: int = 0
    audit_path: str = ""

    @property
    def per_second(self) -> float:
        return self.employees / self.wall if self.wall else 0.0

    @property
    def peak_rss_mb(self) -> float:
        """The largest process: the parent (writer) or any one worker."""
        return max([self.writer_rss_mb] + [w.peak_rss_mb for w in self.workers])


def run(agencies: list[data.Agency], as_of: date, pack_path: Path, *, backend: str,
        workers: int, audit_path: Path | None, proto: bool = False) -> PipelineResult:
    """Decide every agency's employees; with audit_path, record one audit run there."""
    ctx = mp.get_context("spawn")  # fresh interpreters: no inherited engine state or pages
    q = ctx.Queue(maxsize=QUEUE_BATCHES)
    shares: list[list[data.Agency]] = [[] for _ in range(max(1, min(workers, len(agencies))))]
    for i, ag in enumerate(agencies):  # round robin, largest first would matter only if uneven
        shares[i % len(shares)].append(ag)
    wsec: Counter[str] = Counter()
    t_start = time.perf_counter()
    cpu0 = time.process_time()
    procs = [ctx.Process(target=_worker, args=(s, as_of, str(pack_path), backend,
                                               audit_path is not None, q, proto), daemon=True)
             for s in shares]
    for p in procs:
        p.start()
    stats: list[WorkerStats] = []
    entries = 0
    try:
        if audit_path is None:
            while len(stats) < len(procs):
                kind, body = _get(q, procs)
                if kind == "done":
                    stats.append(body)
        else:
            entries = _write(q, procs, stats, wsec, agencies, as_of, pack_path, audit_path, proto)
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.terminate()
    wall = time.perf_counter() - t_start
    wsec["cpu"] = time.process_time() - cpu0
    verdicts: Counter[str] = Counter()
    for s in stats:
        verdicts.update(s.verdicts)
    return PipelineResult(sum(s.employees for s in stats), wall, stats, dict(wsec), rss_mb(),
                          dict(sorted(verdicts.items())), entries,
                          str(audit_path) if audit_path else "")


def _get(q: Any, procs: list[Any]) -> tuple[str, Any]:
    while True:
        try:
            return q.get(timeout=5)
        except queue_mod.Empty:
            dead = [p for p in procs if not p.is_alive() and p.exitcode not in (0, None)]
            if dead:
                raise RuntimeError(f"a benchmark worker died (exit code {dead[0].exitcode})") from None


def _write(q: Any, procs: list[Any], stats: list[WorkerStats], wsec: Counter[str],
           agencies: list[data.Agency], as_of: date, pack_path: Path, audit_path: Path,
           proto: bool = False) -> int:
    from sqlalchemy import create_engine, func, select

    from audit import AuditLog
    from audit.schema import audit_entry
    from engine import load_pack

    t = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{audit_path}{suffix}").unlink(missing_ok=True)
    audit_path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{audit_path}")
    pack = load_pack(pack_path)
    log = AuditLog(engine)
    # The input hash names the generated input (seeds and sizes fix every byte of it).
    spec = ";".join(f"{a.name}:{a.seed}:{a.n}" for a in agencies)
    input_hash = hashlib.sha256(f"bench;{as_of};{spec}".encode()).hexdigest()
    wsec["setup"] += time.perf_counter() - t
    with log.run("evaluate", as_of, pack.info, "bench", input_hash, "2026-11-22T00:00:00+00:00") as r:
        r.store_pack_text(pack.canonical_text())
        spliced = None
        if proto:
            from bench.proto_audit import SplicedWriter

            spliced = SplicedWriter(r)
        while len(stats) < len(procs):
            t0 = time.perf_counter()
            kind, body = _get(q, procs)
            t1 = time.perf_counter()
            wsec["wait"] += t1 - t0
            if kind == "done":
                stats.append(body)
                continue
            if spliced is not None:
                for item in body:
                    spliced.add(*item)
            else:
                for key, facts, decision in body:
                    r.add_snapshot(key, facts)
                    r.add_decision(decision, key)
            wsec["append"] += time.perf_counter() - t1
        t2 = time.perf_counter()
    wsec["commit"] += time.perf_counter() - t2
    with engine.connect() as conn:
        entries = int(conn.execute(select(func.count()).select_from(audit_entry)).scalar() or 0)
    engine.dispose()
    return entries
