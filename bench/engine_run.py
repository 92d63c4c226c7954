"""Engine-level benchmark (issue 8): the decision pipeline driven directly, without the CLI.

The targets of issue 18, measured as a user runs the CLI, are printed by bench/run.py.

    python bench/engine_run.py                      # 10,000 / 100,000 / 1,000,000, plan 5,000 x 500
    python bench/engine_run.py --quick               # 10,000 only, small plan: about two minutes
    python bench/engine_run.py --sizes 100000 --workers 2 --parts full,eval

Parts: ``full`` (facts + durable_rules + full reasons + audit written and hash-chained, SQLite
in bench/out/), ``eval`` (facts + decisions with reasons, durable_rules and the plain-Python
reference evaluator, with their ratio), ``city`` (5,000 re-evaluated after a threshold
change), ``plan`` (engine.plan.solve vs scipy milp). Results also go to bench/out/*.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from dataclasses import asdict
from datetime import date
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from bench import city, data, pipeline, plan_bench  # noqa: E402

AS_OF = date(2026, 11, 22)
SEED = 20261122
LIVE_PACK = Path(__file__).resolve().parent.parent / "rules" / "nasional"
AGENCY_MAX = 50_000  # a province-sized slice; a national run is many of them
TARGET_PER_S = 10_000
TARGET_RSS_MB = 1536
TARGET_CITY_S = 2.0
TARGET_PLAN_S = 10.0


def say(text: str = "") -> None:
    print(text, flush=True)


def agencies_for(n: int, workers: int) -> list[data.Agency]:
    size = min(AGENCY_MAX, -(-n // max(1, workers)))
    return data.split(n, size, SEED)


def prepare(agencies: list[data.Agency], workers: int) -> float:
    """Generate missing agency files in parallel; returns wall seconds (0 when cached)."""
    todo = [a for a in agencies if not a.path(AS_OF).exists()]
    if not todo:
        return 0.0
    t0 = time.perf_counter()
    with get_context("spawn").Pool(max(1, workers)) as pool:
        list(pool.imap_unordered(_ensure, todo))
    return time.perf_counter() - t0


def _ensure(agency: data.Agency) -> float:
    return data.ensure(agency, AS_OF)


def fmt_stages(stages: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.1f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]) if v >= 0.05)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--quick", action="store_true", help="10,000 only and a 500 x 50 plan")
    ap.add_argument("--parts", default="eval,full,city,plan")
    ap.add_argument("--plan", default="5000x500", help="candidates x positions")
    ap.add_argument("--plan-density", type=float, default=0.2, help="share of admissible pairs")
    ap.add_argument("--proto-audit", action="store_true",
                    help="PROTOTYPE of the next step (bench/proto_audit.py): workers send canonical "
                    "text that the writer splices; the audit bytes are the same (verify passes)")
    ap.add_argument("--prepare", action="store_true", help="only generate the input files")
    ap.add_argument("--out", type=Path, default=data.OUT / f"results-{time.strftime('%Y%m%dT%H%M%S')}.json")
    a = ap.parse_args(argv)
    sizes = [10_000] if a.quick else [int(s) for s in a.sizes.split(",") if s]
    plan_c, plan_p = (500, 50) if a.quick else (int(x) for x in a.plan.split("x"))
    parts = set(a.parts.split(","))
    # Pinned copy per run: the tree may change during a long run, and the workers and the
    # writer must all see one pack (else the audit refuses decisions of "another pack").
    pack = data.OUT / f"pack-nasional-{os.getpid()}"
    if not a.prepare:
        shutil.copytree(LIVE_PACK, pack, ignore=shutil.ignore_patterns("tests"))
    from engine import load_pack

    info = load_pack(pack).info if pack.exists() else {}
    results: dict[str, object] = {"as_of": AS_OF.isoformat(), "pack": info, "workers": a.workers,
                                  "cpus": os.cpu_count(), "proto_audit": a.proto_audit,
                                  "load_before": os.getloadavg(), "sizes": {}}
    say(f"mutasi bench: pack {info.get('id')} {info.get('version')} ({info.get('hash', '')[:12]}), as-of {AS_OF}, {a.workers} worker(s), "
        f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}"
        + (", PROTOTYPE audit fast path" if a.proto_audit else ""))
    say("wall = elapsed seconds incl. process start; emp/s = N / wall; CPU/emp = CPU ms per employee, "
        "workers + writer summed (what an idle machine would need); RSS = peak resident set of the largest process (writer or one worker)")
    hdr = f"{'part':<26}{'N':>10}{'wall s':>9}{'emp/s':>9}{'CPU/emp':>9}{'RSS MB':>8}  notes"
    if a.prepare:
        for n in sizes:
            say(f"N = {n:,}: input generated in {prepare(agencies_for(n, a.workers), a.workers):.1f} s")
        return 0
    for n in sizes:
        ags = agencies_for(n, a.workers)
        gen = prepare(ags, a.workers)
        say()
        say(f"N = {n:,}: {len(ags)} agencies of about {ags[0].n:,}; input generated in {gen:.1f} s"
            + (" (cached)" if gen == 0 else ""))
        say(hdr)
        row: dict[str, object] = {"generate_seconds": gen}
        evals: dict[str, pipeline.PipelineResult] = {}
        if "eval" in parts:
            for backend in ("durable", "reference"):
                r = pipeline.run(ags, AS_OF, pack, backend=backend, workers=a.workers, audit_path=None)
                evals[backend] = r
                row[f"eval_{backend}"] = _dump(r)
                _line(f"eval {backend}", r, "facts + reasons, no audit")
            d, ref = evals["durable"], evals["reference"]
            cpu_d = sum(w.cpu_seconds for w in d.workers)
            cpu_r = sum(w.cpu_seconds for w in ref.workers)
            say(f"{'  ratio durable/reference':<26}{'':>10}{d.wall / ref.wall:>9.2f}"
                f"{d.per_second / ref.per_second:>9.2f}{cpu_d / cpu_r:>9.2f}"
                "          (wall, throughput, CPU)")
        if "full" in parts:
            db = data.OUT / f"audit-{n}.sqlite"
            r = pipeline.run(ags, AS_OF, pack, backend="durable", workers=a.workers, audit_path=db,
                             proto=a.proto_audit)
            row["full"] = _dump(r)
            ok = "MET" if r.per_second >= TARGET_PER_S else "missed"
            _line("full pipeline", r, f"target {TARGET_PER_S:,}/s {ok}; {r.audit_entries:,} audit entries")
            wk = {}
            for w in r.workers:
                for k, v in w.seconds.items():
                    wk[k] = wk.get(k, 0.0) + v
            say(f"    workers (s, summed): {fmt_stages(wk)}")
            say(f"    writer  (s):         {fmt_stages(r.writer_seconds)}")
            if n >= 1_000_000:
                ok = "MET" if r.peak_rss_mb <= TARGET_RSS_MB else "missed"
                say(f"    peak RSS {r.peak_rss_mb:.0f} MB: target {TARGET_RSS_MB} MB {ok}")
            if n <= 100_000:
                row["verify"] = _verify(db)
        results["sizes"][str(n)] = row  # type: ignore[index]
        _save(a.out, results)
    if "city" in parts:
        say()
        c = city.bench(pack, AS_OF, SEED, proto=a.proto_audit)
        results["city"] = asdict(c)
        ok = "MET" if c.rerun_seconds < TARGET_CITY_S else "missed"
        say(f"city: {c.employees:,} employees, {city.PARAM} {city.OLD} -> {city.NEW}: first run "
            f"{c.first_seconds:.2f} s, re-run {c.rerun_seconds:.2f} s wall, {c.stages['cpu']:.2f} s CPU "
            f"(target < {TARGET_CITY_S} s {ok}); "
            f"{c.changed:,} verdicts changed")
        say(f"    re-run stages (s): {fmt_stages(c.stages)}")
        _save(a.out, results)
    if "plan" in parts:
        say()
        p = plan_bench.bench(plan_c, plan_p, a.plan_density, SEED)
        results["plan"] = {**asdict(p), "optimal": p.optimal}
        ok = "MET" if p.solve_seconds <= TARGET_PLAN_S and p.optimal else "missed"
        say(f"plan: {p.candidates:,} candidates x {p.positions:,} positions, {p.arcs:,} admissible pairs, "
            f"{p.slots_open:,} open slots: solved in {p.solve_seconds:.2f} s, {p.placed:,} placed, "
            f"objective {p.objective:,}")
        say(f"    scipy milp (HiGHS) on the full formulation: objective {p.milp_objective:,} in "
            f"{p.milp_seconds:.1f} s ({p.milp_status}); equal: {p.optimal}; target <= {TARGET_PLAN_S:.0f} s "
            f"and optimal {ok}")
        _save(a.out, results)
    shutil.rmtree(pack, ignore_errors=True)
    results["load_after"] = os.getloadavg()
    _save(a.out, results)
    say()
    say(f"figures saved to {a.out}")
    return 0


def _line(label: str, r: pipeline.PipelineResult, note: str) -> None:
    cpu = sum(w.cpu_seconds for w in r.workers) + r.writer_seconds.get("cpu", 0.0)
    say(f"{label:<26}{r.employees:>10,}{r.wall:>9.1f}{r.per_second:>9,.0f}"
        f"{1000 * cpu / max(1, r.employees):>9.2f}{r.peak_rss_mb:>8.0f}  {note}")


def _dump(r: pipeline.PipelineResult) -> dict[str, object]:
    return {"employees": r.employees, "wall": r.wall, "per_second": r.per_second,
            "peak_rss_mb": r.peak_rss_mb, "writer_rss_mb": r.writer_rss_mb,
            "writer_seconds": r.writer_seconds, "verdicts": r.verdicts,
            "audit_entries": r.audit_entries,
            "workers": [{"employees": w.employees, "seconds": dict(w.seconds),
                         "cpu_seconds": w.cpu_seconds, "peak_rss_mb": w.peak_rss_mb}
                        for w in r.workers]}


def _verify(db: Path) -> dict[str, object]:
    """Check the chain just written (not part of the timed pipeline)."""
    from sqlalchemy import create_engine

    from audit import AuditLog

    engine = create_engine(f"sqlite:///{db}")
    try:
        t0 = time.perf_counter()
        rep = AuditLog(engine, migrate=False).verify()
        secs = time.perf_counter() - t0
    finally:
        engine.dispose()
    ok = bool(getattr(rep, "ok", False))
    say(f"    audit verify: {'ok' if ok else 'FAILED'} in {secs:.1f} s (not timed above)")
    return {"ok": ok, "seconds": secs}


def _save(path: Path, results: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, sort_keys=True, default=str), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
