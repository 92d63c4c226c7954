"""City case: 5,000 employees evaluated, a threshold changed, everyone re-evaluated.

The HR committee's loop: edit one parameter in a copy of the pack (tenure_min_months
24 -> 36 here), load it, decide everyone again with full reasons and record the run in the
same audit log. In one process (a city fits one core); the re-evaluation is what is timed,
split into its stages.
"""

from __future__ import annotations

import re
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine

from audit import AuditLog
from bench import data, source
from engine import Evaluator, load_pack

PARAM, OLD, NEW = "tenure_min_months", 24, 36


@dataclass
class CityResult:
    employees: int
    first_seconds: float
    rerun_seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    changed: int = 0  # decisions whose verdict changed with the threshold
    verdicts: dict[str, int] = field(default_factory=dict)


def changed_pack(base: Path, out: Path) -> Path:
    """A copy of the pack with PARAM's value OLD -> NEW (the committee's edit)."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(base, out, ignore=shutil.ignore_patterns("tests"))
    params = out / "parameters.yaml"
    text = params.read_text(encoding="utf-8")
    pattern = re.compile(rf"(\n  {PARAM}:\n(?:    .*\n|      .*\n)*?\s+value: ){OLD}\b")
    new_text, n = pattern.subn(rf"\g<1>{NEW}", text, count=1)
    if n != 1:
        raise RuntimeError(f"{params}: could not find {PARAM} value {OLD} to change")
    params.write_text(new_text, encoding="utf-8")
    return out


def _evaluate(pack_path: Path, agency: data.Agency, as_of: date, log: AuditLog,
              stages: Counter[str] | None = None, proto: bool = False) -> tuple[float, dict[str, str]]:
    st: Counter[str] = stages if stages is not None else Counter()
    t_start = time.perf_counter()
    cpu0 = time.process_time()
    pack = load_pack(pack_path)
    ev = Evaluator(pack, as_of)
    world = source.build_world(agency.n, agency.seed)
    st["load pack + world"] += time.perf_counter() - t_start
    verdicts: dict[str, str] = {}
    try:
        with log.run("evaluate", as_of, pack.info, "bench-city", "0" * 64,
                     "2026-11-22T00:00:00+00:00") as run:
            run.store_pack_text(pack.canonical_text())
            spliced = None
            if proto:  # prototype: payload serialised once, spliced into the entry
                from bench.proto_audit import SplicedWriter, payload_text

                spliced = SplicedWriter(run)
            stream = data.read(agency, as_of)
            while True:
                t0 = time.perf_counter()
                emps = [e for _, e in zip(range(500), stream, strict=False)]
                t1 = time.perf_counter()
                if not emps:
                    break
                items = [({"nip": e.nip}, ev.candidate_facts(e, world)) for e in emps]
                t2 = time.perf_counter()
                decisions = ev.decide_many("candidate", items)
                t3 = time.perf_counter()
                for (s, f), d in zip(items, decisions, strict=True):
                    if spliced is not None:
                        spliced.add(s["nip"], payload_text(f), payload_text(d.to_dict()), s["nip"],
                                    d.verdict.value, d.pack["hash"], d.as_of)
                    else:
                        run.add_snapshot(s["nip"], f)
                        run.add_decision(d, s["nip"])
                    verdicts[s["nip"]] = d.verdict.value
                t4 = time.perf_counter()
                st["read"] += t1 - t0
                st["facts"] += t2 - t1
                st["decide"] += t3 - t2
                st["audit"] += t4 - t3
            t5 = time.perf_counter()
        st["audit"] += time.perf_counter() - t5  # checkpoint + commit
    finally:
        ev.close()
    st["cpu"] += time.process_time() - cpu0
    return time.perf_counter() - t_start, verdicts


def bench(base_pack: Path, as_of: date, seed: int, n: int = 5000, proto: bool = False) -> CityResult:
    agency = data.Agency(0, n, source.agency_seed(10_000, seed))
    data.ensure(agency, as_of)
    db = data.OUT / "city.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{db}")
    try:
        log = AuditLog(engine)
        first, before = _evaluate(base_pack, agency, as_of, log, proto=proto)
        pack2 = changed_pack(base_pack, data.OUT / "city_pack")
        stages: Counter[str] = Counter()
        rerun, after = _evaluate(pack2, agency, as_of, log, stages, proto)
        cpu = time.process_time()
        ok = log.verify().ok
        stages["verify (not in re-run)"] = time.process_time() - cpu
        if not ok:
            raise RuntimeError(f"{db}: audit verify failed after the city runs")
    finally:
        engine.dispose()
    changed = sum(1 for nip, v in after.items() if before.get(nip) != v)
    return CityResult(n, first, rerun, dict(stages), changed, dict(sorted(Counter(after.values()).items())))
