"""Writing and reading the audit log, on SQLite and PostgreSQL: runs, overrides, readers,
append-only triggers, atomic runs, and verify on an untouched log."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from test_audit_support import (
    NIPS,
    PACK,
    PACK_HASH,
    PACK_TEXT,
    build_log,
    decision_for,
    facts_for,
    fake_evaluator,
    record_run,
)

from audit import AuditLog
from audit.errors import AuditError, AuditUsageError
from audit.export import export_lines
from audit.migrate import engine_for


def test_log_layout_ids_and_readers(db_url: str) -> None:
    log, _ = build_log(db_url)
    runs = log.list_runs()
    assert [(r.run_seq, r.kind, r.as_of, r.seq) for r in runs] == [
        (1, "evaluate", "2026-11-22", 0), (2, "plan", "2026-12-01", 11)]
    assert runs[0].pack == PACK and runs[0].actor == "Ketua Baperjakat"
    assert runs[0].input_hash == "inputhash-2026-11-22" and runs[0].started_at == "2026-11-22T08:00:00+07:00"
    decs = log.decisions(1)
    assert [(d.decision_id, d.seq, d.snapshot_key) for d in decs] == [
        ("1-1", 3, "c:A"), ("1-2", 5, "c:B"), ("1-3", 7, "c:C")]
    # B has 19 months in post, the threshold is 24: not eligible, with its reason kept
    assert decs[1].verdict == "not_eligible"
    assert decs[1].reasons[0]["facts_read"] == {"months_in_post": 19}
    assert decs[1].reasons[0]["legal_basis"][0]["article"] == "Pasal 190 ayat (3)"
    assert [d.decision_id for d in log.decisions_for_nip(NIPS["B"])] == ["1-2", "2-2"]
    assert log.snapshot("2-2") == facts_for("B")
    ov = log.overrides()
    assert [(o.decision_id, o.original_verdict, o.new_verdict, o.seq) for o in ov] == [
        ("1-2", "not_eligible", "eligible", 9)]
    assert ov[0].subject == {"nip": NIPS["B"]}
    # the overridden decision itself is unchanged
    assert log.decision("1-2").verdict == "not_eligible"  # type: ignore[union-attr]
    cp = log.latest_checkpoint()
    assert cp is not None and (cp.seq, cp.run_seq, cp.size) == (16, 2, 16)
    assert log.pack_text(PACK_HASH) == PACK_TEXT
    assert log.decision("9-9") is None and log.snapshot("9-9") is None and log.run_header(7) is None


def test_verify_passes_on_untouched_log(db_url: str) -> None:
    log, _ = build_log(db_url)
    report = log.verify()
    assert report.ok, report.findings
    # 3 decisions + 2 decisions; 3 checkpoints (two runs, one override); 17 entries (support doc)
    assert (report.size, report.runs, report.decisions, report.overrides, report.checkpoints) == (17, 2, 5, 1, 3)
    assert report.warnings == []
    cp = log.checkpoint()
    assert (cp.size, cp.root, cp.last_run) == (17, report.root, 2)
    assert log.verify(cp.to_text()).ok


@pytest.mark.parametrize("stmt", [
    "UPDATE audit_entry SET actor_typo = 1",  # never reaches the trigger: bad column
    "UPDATE audit_entry SET body = body WHERE seq = 3",
    "DELETE FROM audit_entry WHERE seq = 16",
    "DELETE FROM audit_entry",
])
@pytest.mark.pg_owner(reason="expects the trigger's own message; the app role is refused earlier, by its grants")
def test_database_refuses_update_and_delete(db_url: str, stmt: str) -> None:
    _, engine = build_log(db_url)
    with pytest.raises(DBAPIError) as exc, engine.begin() as conn:
        conn.execute(text(stmt))
    if "actor_typo" not in stmt:
        assert "MUT-A001" in str(exc.value)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_entry")).scalar() == 17


@pytest.mark.pg_owner(reason="expects the trigger's own message; the app role is refused earlier, by its grants")
def test_truncate_refused_on_postgresql(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("TRUNCATE exists only on PostgreSQL")
    _, engine = build_log(db_url)
    with pytest.raises(DBAPIError, match="MUT-A001"), engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_entry"))


def test_exception_in_a_run_leaves_nothing(db_url: str) -> None:
    log, engine = build_log(db_url)
    with pytest.raises(RuntimeError, match="engine crashed"), \
            log.run("evaluate", "2027-01-04", PACK, "tester", "h", "2027-01-04T09:00:00Z") as run:
        run.add_snapshot("c:A", facts_for("A"))
        run.add_decision(decision_for("A", "2027-01-04", facts_for("A")), "c:A")
        raise RuntimeError("engine crashed")
    assert log.verify().size == 17
    # the next run takes number 3 and entry #17, as if the failed one never happened
    with log.run("evaluate", "2027-01-04", PACK, "tester", "h", "2027-01-04T09:00:00Z") as run:
        run.add_snapshot("c:A", facts_for("A"))
        assert run.run_seq == 3
        assert run.add_decision(decision_for("A", "2027-01-04", facts_for("A")), "c:A") == "3-1"
    assert log.run_header(3).seq == 17  # type: ignore[union-attr]
    assert log.verify().ok


def test_run_without_pack_text_is_refused_and_rolled_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log = AuditLog(engine_for(f"sqlite:///{tmp_path / 'a.db'}"))
    with pytest.raises(AuditError, match="MUT-A006"), \
            log.run("evaluate", "2026-11-22", PACK, "tester", "h", "2026-11-22T09:00:00Z") as run:
        run.add_snapshot("c:A", facts_for("A"))
    assert log.list_runs() == [] and log.verify().size == 0


def test_pack_text_is_stored_once_by_hash(db_url: str) -> None:
    log, engine = build_log(db_url)
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM audit_entry WHERE kind = 'pack_text'")).scalar()
    assert n == 1
    other = "another pack"
    with log.run("review", "2026-11-22", PACK, "t", "h", "2026-11-22T09:00:00Z") as run:
        assert run.store_pack_text(other) == hashlib.sha256(b"another pack").hexdigest()
        run.store_pack_text(other)
        run.store_pack_text(PACK_TEXT)
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM audit_entry WHERE kind = 'pack_text'")).scalar()
    assert n == 2


def test_run_arguments_are_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log = AuditLog(engine_for(f"sqlite:///{tmp_path / 'a.db'}"))
    bad = [("judge", PACK, "t"), ("plan", {"id": "x"}, "t"), ("plan", PACK, "  ")]
    for kind, pack, actor in bad:
        with pytest.raises(AuditUsageError, match="MUT-A007"), \
                log.run(kind, "2026-11-22", pack, actor, "h", "2026-11-22T09:00:00Z"):
            pass
    with log.run("plan", "2026-11-22", PACK, "t", "h", "2026-11-22T09:00:00Z") as run:
        run.store_pack_text(PACK_TEXT)
        run.add_snapshot("c:A", facts_for("A"))
        with pytest.raises(AuditError, match="MUT-A005"):
            run.add_decision(decision_for("A", "2026-11-22", facts_for("A")), "c:Z")
        with pytest.raises(AuditUsageError, match="MUT-A007"):  # decided as of another date
            run.add_decision(decision_for("A", "2026-11-23", facts_for("A")), "c:A")
        with pytest.raises(AuditUsageError, match="MUT-A007"):
            run.add_snapshot("c:A", {})
        with pytest.raises(AuditUsageError, match=r"MUT-A007 snapshot 'c:B' is not JSON data: \$.tmt: .*date"):
            run.add_snapshot("c:B", {"tmt": date(2020, 1, 1)})  # dates go in as ISO text
    with pytest.raises(AuditUsageError, match="MUT-A007 as_of '22/11/2026'"), \
            log.run("plan", "22/11/2026", PACK, "t", "h", "2026-11-22T09:00:00Z"):
        pass
    assert log.verify().ok


@pytest.mark.parametrize(("args", "code"), [
    (("1-2", "eligible", "Sekda", ""), "MUT-A002"),
    (("1-2", "eligible", "Sekda", " \t\n "), "MUT-A002"),
    (("1-2", "approved", "Sekda", "alasan"), "MUT-A003"),
    (("1-99", "eligible", "Sekda", "alasan"), "MUT-A004"),
    (("1-2", "eligible", "Sekda", "alasan"), "MUT-A009"),  # 1-2 is already overridden to eligible
    (("1-2", "not_eligible", "", "alasan"), "MUT-A007"),
])
def test_override_refusals(db_url: str, args: tuple[str, str, str, str], code: str) -> None:
    log, _ = build_log(db_url)
    with pytest.raises((AuditError, AuditUsageError), match=code):
        log.add_override(*args, at="2026-11-26T10:00:00Z")
    assert log.verify().size == 17


def test_second_override_records_both(db_url: str) -> None:
    log, _ = build_log(db_url)
    seq = log.add_override("1-2", "needs_approval", "Bupati", "Perlu persetujuan BKN", "2026-11-26T10:00:00Z")
    assert seq == 17
    ovs = log.overrides("1-2")
    assert [(o.original_verdict, o.new_verdict) for o in ovs] == [
        ("not_eligible", "eligible"), ("not_eligible", "needs_approval")]
    assert log.verify().ok


def test_application_only_ever_inserts_and_reads(sqlite_url: str) -> None:
    engine = engine_for(sqlite_url)
    AuditLog(engine)  # migrations (the owner's job) first: alembic moves its version row
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda _c, _cur, stmt, *_a: statements.append(stmt.lstrip().split(None, 1)[0].upper()))
    log = AuditLog(engine)
    record_run(log, "evaluate", "2026-11-22", ["A", "B"])
    log.add_override("1-2", "eligible", "Sekda", "alasan", "2026-11-25T10:00:00Z")
    log.verify()
    log.replay("1-1", fake_evaluator)
    list(export_lines(engine, mask=True))
    log.checkpoint()
    writes = {s for s in statements if s not in ("SELECT", "PRAGMA", "BEGIN", "WITH")}
    # CREATE/INSERT come from the migrations and appends; never UPDATE, DELETE, DROP
    assert writes <= {"CREATE", "INSERT"}, writes
    assert "INSERT" in writes


def test_concurrent_runs_do_not_interleave_on_postgresql(db_url: str) -> None:
    """A second writer waits for the first (the writers' advisory lock), then appends after it."""
    import threading

    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite serialises writers itself (BEGIN IMMEDIATE); the waiter times out")
    log, engine = build_log(db_url)
    inside, release = threading.Event(), threading.Event()
    errors_seen: list[BaseException] = []

    def first() -> None:
        try:
            record_run_held(log, inside, release)
        except BaseException as exc:  # pragma: no cover - reported below
            errors_seen.append(exc)

    t1 = threading.Thread(target=first)
    t1.start()
    assert inside.wait(60)
    t2 = threading.Thread(target=lambda: record_run(log, "plan", "2026-12-01", ["C"]))
    t2.start()
    # wait until the second writer is blocked on the writers' lock, then let the first finish
    with engine.connect() as conn:
        for _ in range(600):
            waiting = conn.execute(text(
                "SELECT count(*) FROM pg_locks l WHERE l.locktype = 'advisory' AND NOT l.granted "
                "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")).scalar()
            if waiting:
                break
            release.wait(0.1)
    assert waiting == 1
    release.set()
    t1.join(60)
    t2.join(60)
    assert errors_seen == []
    runs = log.list_runs()
    assert [(r.run_seq, r.actor) for r in runs[2:]] == [(3, "held"), (4, "Ketua Baperjakat")]
    assert log.verify().ok


def record_run_held(log: AuditLog, inside: object, release: object) -> None:
    with log.run("evaluate", "2026-11-22", PACK, "held", "h", "2026-11-22T09:00:00Z") as run:
        run.add_snapshot("c:A", facts_for("A"))
        run.add_decision(decision_for("A", "2026-11-22", facts_for("A")), "c:A")
        inside.set()  # type: ignore[attr-defined]
        release.wait(60)  # type: ignore[attr-defined]


@pytest.mark.pg_owner(reason="creates and drops tables: migrations run as the owner")
def test_migrations_match_the_schema_and_ignore_store_tables(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from audit.schema import VERSION_TABLE, metadata

    env_src = (Path(__file__).resolve().parent.parent / "audit" / "migrations" / "env.py").read_text()
    ns: dict[str, object] = {}
    exec(env_src.split("connection = context")[0], ns)  # include_object, without running alembic
    engine = engine_for(db_url)
    AuditLog(engine)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE employee (nip VARCHAR(18) PRIMARY KEY)"))  # a store table
        mc = MigrationContext.configure(conn, opts={"include_object": ns["include_object"],
                                                    "version_table": VERSION_TABLE})
        assert compare_metadata(mc, metadata) == []
        assert conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar() == "a0002"
    engine.dispose()


def test_snapshot_on_a_base_stores_only_the_difference(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import audit.log

    monkeypatch.setattr(audit.log, "_RECENT_BASES", 1)  # force the look-up of bases in the database
    log = AuditLog(engine_for(db_url))
    cand = {"months_in_post": 30, "status": "PNS", "_missing": {"skp": "no_skp_for_year"}}
    pair = {"months_in_post": 30, "status": "PNS", "position.kind": "JF", "competency_fit": 0.5,
            "_missing": {"skp": "no_skp_for_year", "position.eselon": "not_on_file"}}
    with log.run("plan", "2026-11-22", PACK, "t", "h", "2026-11-22T09:00:00Z") as run:
        run.store_pack_text(PACK_TEXT)
        run.add_snapshot("A", cand)
        run.add_snapshot("B", {"months_in_post": 3})  # pushes A out of the in-memory cache
        run.add_snapshot("A|P1", pair, base="A")
        with pytest.raises(AuditError, match="MUT-A005"):
            run.add_snapshot("A|P2", pair, base="A|P1")  # a base must be a plain snapshot
        with pytest.raises(AuditUsageError, match=r"MUT-A007 .*\['_missing', 'status'\]"):
            run.add_snapshot("A|P3", {"months_in_post": 30}, base="A")  # would bring 'status' back
        d = decision_for("A", "2026-11-22", facts_for("A"))
        did = run.add_decision(d, "A|P1")
    stored = log.decisions(1)[0]
    assert stored.snapshot_key == "A|P1"
    # only what differs from A is stored: the position facts and the one new missing reason
    with log.engine.connect() as conn:
        body = conn.execute(text("SELECT body FROM audit_entry WHERE entry_key = '1:A|P1'")).scalar_one()
    assert '"facts":{"_missing":{"position.eselon":"not_on_file"},"competency_fit":0.5,"position.kind":"JF"}' in body
    assert log.snapshot(did) == pair
    assert log.verify().ok
