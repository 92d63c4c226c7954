"""`mutasi evaluate` on the one-pass, multi-process path (issue 18) writes exactly the log
the plain Run API writes: same bytes, same verdicts and reasons, for any number of workers,
with either rules backend, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from audit import AuditLog
from audit.schema import audit_entry
from mutasi.demo import generate_demo
from mutasi.errors import MutasiError
from mutasi.paths import DEFAULT_PACK
from mutasi.runs import evaluate_work as W
from mutasi.runs.common import InputHasher, open_session
from mutasi.runs.evaluate_run import BATCH, run_evaluate
from mutasi.store.convert import iter_employees
from mutasi.store.db import open_store
from mutasi.store.fastread import FastReader
from mutasi.store.importer import import_paths

AS_OF = date(2026, 11, 22)
STARTED = "2026-11-22T08:00:00+00:00"
N = 1_100  # three ranges of BATCH (the last one short)


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("demo")
    generate_demo(folder, employees=N, seed=7, as_of=AS_OF)
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def template(demo_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "template.db"
    engine = open_store(f"sqlite:///{path}")
    try:
        import_paths(engine, demo_files)
    finally:
        engine.dispose()
    return path


def copy_of(template: Path, tmp_path: Path, name: str) -> str:
    dst = tmp_path / name
    shutil.copyfile(template, dst)
    return f"sqlite:///{dst}"


def old_path(db_url: str) -> tuple[str, Counter[str]]:
    """What `mutasi evaluate` did before issue 18, through the Run API: facts derived twice
    (hash, then record), ORM reads, snapshots of BATCH employees then their decisions."""
    with open_session(db_url, DEFAULT_PACK, AS_OF) as s:
        hasher = InputHasher()
        for emp in iter_employees(s.store):
            hasher.add(emp.nip, s.ev.candidate_facts(emp, s.world))
        counts: Counter[str] = Counter()
        with AuditLog(s.store).run("evaluate", AS_OF, s.pack.info, "tester", hasher.hexdigest(), STARTED) as run:
            run.store_pack_text(s.pack.canonical_text())
            batch: list[tuple[dict[str, str], dict[str, Any]]] = []

            def flush() -> None:
                for d in s.ev.decide_many("candidate", batch):
                    run.add_decision(d, d.subject["nip"])
                    counts[d.verdict.value] += 1
                batch.clear()

            for emp in iter_employees(s.store):
                facts = s.ev.candidate_facts(emp, s.world)
                run.add_snapshot(emp.nip, facts)
                batch.append(({"nip": emp.nip}, facts))
                if len(batch) >= BATCH:
                    flush()
            flush()
    return hasher.hexdigest(), counts


def rows(db_url: str) -> list[tuple[Any, ...]]:
    engine = open_store(db_url, migrate=False)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(audit_entry).order_by(audit_entry.c.seq))]
    finally:
        engine.dispose()


def new_path(db_url: str, workers: int, backend: str = "durable") -> Any:
    return run_evaluate(db_url, DEFAULT_PACK, AS_OF, "tester", workers=workers, backend=backend,
                        started=STARTED)


def test_same_bytes_as_the_run_api(template: Path, tmp_path: Path) -> None:
    old, new = copy_of(template, tmp_path, "old.db"), copy_of(template, tmp_path, "new.db")
    hashes, results = [], []
    for _ in range(2):  # the second run finds the pack text already in the log
        hashes.append(old_path(old))
        results.append(new_path(new, workers=1))
    a, b = rows(old), rows(new)
    assert len(a) == 2 * (1 + 1 + 2 * N + 1) - 1  # run, pack text (once), N x 2, checkpoint
    assert a == b  # every column: bodies, leaf and chain hashes, indexed copies
    for (h, counts), r in zip(hashes, results, strict=True):
        assert r.input_hash == h and r.verdicts == dict(sorted(counts.items())) and r.employees == N
    assert set(results[0].verdicts) >= {"eligible", "not_eligible", "data_missing"}
    engine = open_store(new, migrate=False)
    try:
        report = AuditLog(engine, migrate=False).verify()
    finally:
        engine.dispose()
    assert report.ok and report.decisions == 2 * N


def test_same_bytes_for_any_number_of_workers(template: Path, tmp_path: Path) -> None:
    urls = [copy_of(template, tmp_path, f"w{w}.db") for w in (1, 2, 3)]
    for w, url in zip((1, 2, 3), urls, strict=True):
        new_path(url, workers=w)
    first = rows(urls[0])
    assert len(first) == 2 * N + 3
    assert rows(urls[1]) == first and rows(urls[2]) == first


def test_backends_identical_on_the_fast_path(template: Path, tmp_path: Path) -> None:
    durable, reference = copy_of(template, tmp_path, "d.db"), copy_of(template, tmp_path, "r.db")
    new_path(durable, workers=2, backend="durable")
    new_path(reference, workers=2, backend="reference")
    assert rows(durable) == rows(reference)


@pytest.mark.postgres
def test_postgresql_same_bytes_as_sqlite(demo_files: list[Path], template: Path, tmp_path: Path) -> None:
    from tests.conftest import _pg_database

    gen = _pg_database()
    pg = next(gen)
    try:
        engine = open_store(pg)
        try:
            import_paths(engine, demo_files)
            assert list(FastReader(engine).iter_employees(BATCH)) == list(iter_employees(engine))
        finally:
            engine.dispose()
        lite = copy_of(template, tmp_path, "lite.db")
        new_path(lite, workers=1)
        new_path(pg, workers=2)
        assert rows(pg) == rows(lite)
    finally:
        gen.close()


def test_fast_reader_reads_what_the_orm_reads(template: Path, region: Any) -> None:
    for engine in (open_store(f"sqlite:///{template}", migrate=False), region.engine):
        orm = list(iter_employees(engine))
        assert len(orm) > 0
        assert list(FastReader(engine).iter_employees(7)) == orm  # odd batch: ranges split anywhere
    assert any(e.preferences for e in orm)  # preferences (imported or chosen in the portal) read too


def test_a_failing_worker_records_nothing(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = copy_of(template, tmp_path, "fail.db")

    def boom(self: W.Worker, c: W.Chunk) -> W.ChunkOut:
        if c.ordinal > 1:  # after one range went well
            raise MutasiError(f"MUT-T000 refused range {c.first}")
        return real(self, c)

    real = W.Worker.run
    monkeypatch.setattr(W.Worker, "run", boom)  # the forked workers inherit it
    with pytest.raises(MutasiError, match="MUT-T000 refused range"):
        new_path(url, workers=2)
    assert rows(url) == []


@pytest.mark.parametrize("envelope", [
    {"kind": "snapshot", "run": 3, "key": "198001012005011001", "seq": 12},
    {"kind": "x", "note": "\x00payload\x00"},  # the marker splice uses, inside the envelope
    {"kind": "\x00payload\x00", "z": "a\x00payload\x00"},
])
def test_splice_equals_encoding_the_whole_body(envelope: dict[str, Any]) -> None:
    from audit.canonical import canonical_text, splice

    for payload in ({"b": [1, 2.5, None], "a": "é"}, "\x00payload\x00", None, []):
        for key in ("facts", "aa", "zz"):
            whole = canonical_text({**envelope, key: payload})
            assert splice(envelope, key, canonical_text(payload)) == whole
