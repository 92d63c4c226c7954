"""`audit verify`, one structural check at a time (issue #22).

Each test forges a log whose hashes, chain and checkpoints are all recomputed honestly, so
only the one structural rule under test can fire, and asserts the exact findings: the
expected code at the expected entry, and nothing else ("one change, one finding").
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from audit import errors
from audit.canonical import canonical_text
from audit.checkpoint import Checkpoint
from audit.entries import columns_of
from audit.hashing import CHAIN_GENESIS, EMPTY_ROOT, chain_hash, leaf_hash, mth
from audit.schema import audit_entry, metadata
from audit.verify import Finding, verify

TEXT = "pack: p\n"
PACK = {"id": "p", "version": "1.0.0", "hash": hashlib.sha256(TEXT.encode()).hexdigest()}
AS_OF = "2026-01-01"
AUTO = object()  # a checkpoint's size/root: computed from the entries before it
S, D = errors.STRUCTURE, errors.DANGLING_REFERENCE


def run(n: int, **kw: Any) -> dict[str, Any]:
    return {"kind": "run", "run": n, "run_kind": "evaluate", "as_of": AS_OF, "pack": PACK,
            "actor": "tester", "input_hash": "0" * 64, "mutasi_version": "0",
            "started_at": "2026-01-01T08:00:00+07:00", **kw}


def pack_text(n: int, text: str = TEXT) -> dict[str, Any]:
    return {"kind": "pack_text", "run": n, "sha256": PACK["hash"], "text": text}


def snapshot(n: int, key: str, **kw: Any) -> dict[str, Any]:
    return {"kind": "snapshot", "run": n, "key": key, "facts": {"x": 1}, **kw}


def decision(n: int, i: int, snap: str, verdict: str = "eligible", nip: str = "1",
             pack: dict[str, str] = PACK, as_of: str = AS_OF) -> dict[str, Any]:
    return {"kind": "decision", "run": n, "decision_id": f"{n}-{i}", "snapshot": snap,
            "decision": {"pack": pack, "as_of": as_of, "verdict": verdict, "subject": {"nip": nip}}}


def override(did: str, original: str = "eligible", nip: str = "1", why: str = "alasan") -> dict[str, Any]:
    return {"kind": "override", "decision_id": did, "subject": {"nip": nip},
            "original_verdict": original, "new_verdict": "not_eligible", "actor": "ketua",
            "justification": why, "at": "2026-01-02T08:00:00+07:00"}


def checkpoint(n: int | None) -> dict[str, Any]:
    return {"kind": "checkpoint", "run": n, "size": AUTO, "root": AUTO}


def good_log() -> list[Any]:
    """Two runs and an override: 12 entries, every rule kept."""
    return [run(1), pack_text(1), snapshot(1, "a"), snapshot(1, "b", base="a"),  # 0-3
            decision(1, 1, "a"), decision(1, 2, "b", "not_eligible", "2"), checkpoint(1),  # 4-6
            override("1-1"), checkpoint(None),  # 7-8
            run(2), pack_text(2), snapshot(2, "a"), decision(2, 1, "a"), checkpoint(2)]  # 9-13


def forge(tmp_path: Path, entries: list[Any]) -> Any:
    """Write entries with correct hashes. An entry is a body (its seq is its index unless it
    says otherwise) or ("raw", text) for a body that is not a dict."""
    leaves: list[bytes] = []
    rows = []
    prev = CHAIN_GENESIS
    for i, e in enumerate(entries):
        if isinstance(e, tuple):
            text, cols = e[1], {"kind": "run", "run_seq": None, "entry_key": None, "nip": None}
        else:
            body = dict(e)
            body.setdefault("seq", i)
            if body.get("size") is AUTO:
                body["size"] = i
            if body.get("root") is AUTO:
                body["root"] = mth(leaves).hex()
            text, cols = canonical_text(body), columns_of(body)
        lh = leaf_hash(text.encode())
        prev = chain_hash(prev, lh)
        leaves.append(lh)
        rows.append({"seq": i, **cols, "body": text, "leaf_hash": lh.hex(), "chain_hash": prev.hex()})
    engine = create_engine(f"sqlite:///{tmp_path / 'forged.db'}")
    metadata.create_all(engine)
    with engine.begin() as conn:
        if rows:
            conn.execute(audit_entry.insert(), rows)
    return engine


def findings(tmp_path: Path, entries: list[Any], saved: Checkpoint | None = None) -> list[tuple[int | None, str]]:
    engine = forge(tmp_path, entries)
    try:
        report = verify(engine, saved.to_text() if saved else None)
    finally:
        engine.dispose()
    return [(f.seq, f.code) for f in report.findings]


def test_the_forged_log_is_sound_and_counted(tmp_path: Path) -> None:
    entries = good_log()
    engine = forge(tmp_path, entries)
    report = verify(engine)
    assert report.findings == []
    assert (report.size, report.runs, report.last_run, report.decisions, report.overrides,
            report.checkpoints) == (14, 2, 2, 3, 1, 3)
    rows = engine.connect().execute(audit_entry.select().order_by(audit_entry.c.seq)).all()
    assert report.root == mth([bytes.fromhex(r.leaf_hash) for r in rows]).hex()
    # the forged database has no triggers: said, in a stable order, but not a finding
    assert report.warnings == [
        "trigger audit_entry_no_delete is missing: the database no longer refuses changes to the log",
        "trigger audit_entry_no_update is missing: the database no longer refuses changes to the log"]
    d = report.to_dict()
    assert (d["ok"], d["size"], d["runs"], d["decisions"], d["overrides"], d["checkpoints"],
            d["findings"], d["checked_against"]) == (True, 14, 2, 3, 1, 3, [], None)
    engine.dispose()


def test_an_empty_log_is_sound(tmp_path: Path) -> None:
    engine = forge(tmp_path, [])
    report = verify(engine)
    assert (report.ok, report.size, report.root, report.last_run) == (True, 0, EMPTY_ROOT.hex(), None)


def test_no_table_at_all_is_a_warning(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'none.db'}")
    report = verify(engine)
    assert report.ok and report.warnings == ["no audit table in this database yet: nothing was recorded"]


# ---- one rule, one finding ----------------------------------------------------------------

def _with(i: int, entry: Any) -> list[Any]:
    log = good_log()
    log[i] = entry
    return log


@pytest.mark.parametrize(("entries", "want"), [
    # a decision id out of sequence (1-3 where 1-2 is due)
    pytest.param(_with(5, {**decision(1, 2, "b", "not_eligible", "2"), "decision_id": "1-3"}),
                 [(5, S)], id="decision-id-sequence"),
    # a decision on a snapshot that is not in its run
    pytest.param(_with(5, decision(1, 2, "zz", "not_eligible", "2")), [(5, D)], id="snapshot-missing"),
    pytest.param(_with(12, decision(2, 1, "b")), [(12, D)], id="snapshot-of-another-run"),
    # pack or as-of date differ from the run header
    pytest.param(_with(4, decision(1, 1, "a", pack={**PACK, "hash": "f" * 64})), [(4, S)], id="pack-differs"),
    pytest.param(_with(4, decision(1, 1, "a", as_of="2026-01-02")), [(4, S)], id="as-of-differs"),
    # overrides
    pytest.param(_with(7, override("1-9")), [(7, D)], id="override-of-unknown-decision"),
    pytest.param(_with(7, override("2-1")), [(7, D)], id="override-of-a-later-decision"),
    pytest.param(_with(7, override("1-1", original="not_eligible")), [(7, S)], id="override-wrong-verdict"),
    pytest.param(_with(7, override("1-1", nip="2")), [(7, S)], id="override-wrong-subject"),
    pytest.param(_with(7, override("1-1", why="  ")), [(7, S)], id="override-without-justification"),
    # run numbers
    pytest.param([run(1), pack_text(1), checkpoint(1), run(3), pack_text(3), checkpoint(3)],
                 [(3, S)], id="run-number-gap"),
    pytest.param([run(2), pack_text(2), checkpoint(2)], [(0, S)], id="first-run-not-1"),
    pytest.param([run(1), pack_text(1), checkpoint(1), run(1), pack_text(1), checkpoint(1)],
                 [(3, S)], id="run-number-repeated"),
    # snapshots
    pytest.param([run(1), pack_text(1), snapshot(1, "a"), snapshot(1, "a"), decision(1, 1, "a"),
                  checkpoint(1)], [(3, S)], id="snapshot-twice"),
    pytest.param(_with(3, snapshot(1, "b", base="zz")), [(3, D)], id="base-missing"),
    pytest.param([run(1), pack_text(1), snapshot(1, "a"), snapshot(1, "b", base="a"),
                  snapshot(1, "c", base="b"), checkpoint(1)], [(4, D)], id="base-not-plain"),
    pytest.param(_with(2, {**snapshot(1, "a"), "facts": [1]}), [(2, S)], id="facts-not-object"),
    # entries outside their run
    pytest.param([run(1), pack_text(1), checkpoint(1), snapshot(1, "a")], [(3, S)], id="snapshot-after-close"),
    pytest.param([run(1), pack_text(1), snapshot(2, "a"), checkpoint(1)], [(2, S)], id="snapshot-other-run"),
    pytest.param([run(1), pack_text(1), snapshot(1, "a"), decision(1, 1, "a"), checkpoint(1),
                  override("1-1"), pack_text(1), checkpoint(None)], [(6, S)], id="pack-text-in-override"),
    # pack text
    pytest.param([run(1, pack={**PACK, "hash": "e" * 64}), snapshot(1, "a"), checkpoint(1)],
                 [(2, errors.PACK_TEXT_MISSING)], id="pack-text-missing"),
    # one pack text serves every later run of the same pack
    pytest.param([run(1), pack_text(1), checkpoint(1), run(2), snapshot(2, "a"), checkpoint(2)],
                 [], id="pack-text-of-an-earlier-run"),
    pytest.param([run(1), pack_text(1, "other text"), pack_text(1), checkpoint(1)],
                 [(1, errors.PACK_TEXT_HASH)], id="pack-text-hash"),
    pytest.param([run(1), {**pack_text(1), "text": 5}, pack_text(1), checkpoint(1)],
                 [(1, errors.PACK_TEXT_HASH)], id="pack-text-not-text"),
    # unclosed runs and overrides
    pytest.param([run(1), pack_text(1), run(2), pack_text(2), checkpoint(2)], [(2, S)], id="unclosed-run"),
    pytest.param([*good_log()[:8], run(2), pack_text(2), checkpoint(2)], [(8, S)], id="unclosed-override"),
    pytest.param([*good_log()[:7], override("1-1"), override("1-2", "not_eligible", "2"), checkpoint(None)],
                 [(8, S)], id="override-after-unclosed-override"),
    pytest.param(good_log()[:6], [(5, S)], id="log-ends-inside-a-run"),
    pytest.param(good_log()[:8], [(7, S)], id="log-ends-inside-an-override"),
    # checkpoints
    pytest.param([run(1), pack_text(1), checkpoint(1), checkpoint(1)], [(3, S)], id="checkpoint-closes-nothing"),
    pytest.param([run(1), pack_text(1), checkpoint(2)], [(2, S)], id="checkpoint-names-another-run"),
    pytest.param(_with(8, checkpoint(1)), [(8, S)], id="override-checkpoint-with-a-run"),
    pytest.param(_with(6, {**checkpoint(1), "size": 5}), [(6, errors.CHECKPOINT_ROOT)], id="checkpoint-size"),
    pytest.param(_with(6, {**checkpoint(1), "size": 6, "root": "0" * 64}), [(6, errors.CHECKPOINT_ROOT)],
                 id="checkpoint-root"),
])
def test_each_structural_rule_alone(tmp_path: Path, entries: list[Any], want: list[Any]) -> None:
    assert findings(tmp_path, entries) == want


def test_after_a_bad_checkpoint_later_ones_are_not_reported_again(tmp_path: Path) -> None:
    log = good_log()
    log[6] = {**checkpoint(1), "size": 6, "root": "0" * 64}
    log[8] = {**checkpoint(None), "size": 8, "root": "0" * 64}
    assert findings(tmp_path, log) == [(6, errors.CHECKPOINT_ROOT)]


@pytest.mark.parametrize(("bad", "since"), [(6, "#0..#5"), (8, "#7..#7"), (13, "#9..#12")])
def test_a_bad_checkpoint_names_the_entries_since_the_last_good_one(
        tmp_path: Path, bad: int, since: str) -> None:
    log = good_log()
    log[bad] = {**log[bad], "root": "0" * 64}
    report = verify(forge(tmp_path, log))
    assert [(f.seq, f.code) for f in report.findings] == [(bad, errors.CHECKPOINT_ROOT)]
    assert f"some entry in {since} was changed" in report.findings[0].message


def test_non_canonical_body_with_matching_hashes_is_named(tmp_path: Path) -> None:
    body = canonical_text({**run(1), "seq": 0}).replace(",", ", ", 1)
    log: list[Any] = [("raw", body), pack_text(1), checkpoint(1)]
    engine = forge(tmp_path, log)
    with engine.begin() as conn:  # make the copied columns agree with the body
        conn.execute(audit_entry.update().where(audit_entry.c.seq == 0).values(run_seq=1, entry_key="1"))
    report = verify(engine)
    assert [(f.seq, f.code) for f in report.findings] == [(0, errors.NOT_CANONICAL)]
    assert "canonical form" in report.findings[0].message


@pytest.mark.parametrize(("text", "words"), [
    ("not json", "not JSON"),
    ('["run"]', "known kind"),
    ('{"kind":"other","seq":0}', "known kind"),
    ('{"kind":"run","seq":0,"x":NaN}', "cannot be canonical"),
])
def test_a_body_that_is_not_an_entry_is_named(tmp_path: Path, text: str, words: str) -> None:
    engine = forge(tmp_path, [("raw", text)])
    report = verify(engine)
    assert report.findings[0].seq == 0 and report.findings[0].code == errors.NOT_CANONICAL
    assert words in report.findings[0].message


def test_entry_that_says_another_index_is_named_once(tmp_path: Path) -> None:
    log = good_log()
    log[4] = {**log[4], "seq": 9}
    assert findings(tmp_path, log) == [(4, errors.SEQUENCE)]


def test_entry_that_says_an_earlier_index_names_the_inserted_range(tmp_path: Path) -> None:
    log = good_log()
    log[5] = {**log[5], "seq": 3}  # as if entries 3..4 had been inserted before it
    engine = forge(tmp_path, log)
    report = verify(engine)
    first = report.findings[0]
    assert (first.seq, first.code) == (3, errors.SEQUENCE)
    assert "#3..#4 inserted" in first.message


def test_a_gap_in_stored_indexes_names_the_missing_entries(tmp_path: Path) -> None:
    engine = forge(tmp_path, good_log())
    with engine.begin() as conn:
        conn.execute(audit_entry.delete().where(audit_entry.c.seq.in_([4, 5])))
    report = verify(engine)
    first = report.findings[0]
    assert (first.seq, first.code) == (4, errors.SEQUENCE)
    assert "#4..#5 are missing" in first.message


def test_findings_come_in_log_order_whole_log_last(tmp_path: Path) -> None:
    log = good_log()
    log[12] = decision(2, 1, "zz")  # dangling, late in the log
    log[7] = override("1-1", why="")  # structure, earlier
    saved = Checkpoint(size=3, root="0" * 64)  # rewritten history: a whole-log finding
    got = findings(tmp_path, log, saved)
    assert got == [(7, S), (12, D), (None, errors.NOT_CONSISTENT)]
    (tmp_path / "again").mkdir()
    report = verify(forge(tmp_path / "again", log))
    assert report.to_dict()["findings"][0] == {
        "seq": 7, "code": S, "message": "override of 1-1 has no justification"}
    assert report.to_dict()["ok"] is False


def test_saved_checkpoint_checks(tmp_path: Path) -> None:
    log = good_log()
    leaves = []
    engine = forge(tmp_path, log)
    with engine.connect() as conn:
        leaves = [bytes.fromhex(r.leaf_hash) for r in conn.execute(
            audit_entry.select().order_by(audit_entry.c.seq))]
    for m in (0, 1, 7, 14):
        report = verify(engine, Checkpoint(size=m, root=mth(leaves[:m]).hex()).to_text())
        assert report.ok, m
        assert report.checked_against == {"size": m, "root": mth(leaves[:m]).hex()}
    longer = verify(engine, Checkpoint(size=15, root=mth(leaves).hex()).to_text())
    assert [(f.seq, f.code) for f in longer.findings] == [(14, errors.TRUNCATED)]
    other = verify(engine, Checkpoint(size=7, root=mth(leaves[1:8]).hex()).to_text())
    assert [(f.seq, f.code) for f in other.findings] == [(None, errors.NOT_CONSISTENT)]
    engine.dispose()


def test_finding_reads_with_its_place() -> None:
    assert str(Finding(3, "MUT-A016", "x")) == "MUT-A016 entry #3: x"
    assert str(Finding(None, "MUT-A019", "y")) == "MUT-A019 log: y"


# ---- after a bad chain hash, one finding, not a cascade ----------------------------------

def _set(engine: Any, seq: int, **values: Any) -> None:
    with engine.begin() as conn:
        conn.execute(audit_entry.update().where(audit_entry.c.seq == seq).values(**values))


@pytest.mark.parametrize("chain", ["ab" * 32, "not hex", "abcd"])
def test_a_changed_chain_column_is_one_finding(tmp_path: Path, chain: str) -> None:
    # the next entry was built on the true chain value, which verify recomputes
    engine = forge(tmp_path, good_log())
    _set(engine, 4, chain_hash=chain)
    assert [(f.seq, f.code) for f in verify(engine).findings] == [(4, errors.CHAIN_HASH)]


def test_a_changed_body_with_its_leaf_recomputed_is_one_chain_finding(tmp_path: Path) -> None:
    # the next entry was built on the stored chain value: accepted, so only entry 4 and the
    # checkpoint covering it are named
    engine = forge(tmp_path, good_log())
    with engine.connect() as conn:
        text = conn.execute(audit_entry.select().where(audit_entry.c.seq == 4)).one().body
    changed = text.replace('"verdict":"eligible"', '"verdict":"not_eligible"')
    assert changed != text
    _set(engine, 4, body=changed, leaf_hash=leaf_hash(changed.encode()).hex())
    assert [(f.seq, f.code) for f in verify(engine).findings] == [
        (4, errors.CHAIN_HASH), (6, errors.CHECKPOINT_ROOT), (7, S)]  # 7: override's original verdict


def test_a_flag_is_not_an_entry_number(tmp_path: Path) -> None:
    log = good_log()
    log[2] = {**log[2], "seq": True}
    assert findings(tmp_path, log) == [(2, errors.SEQUENCE)]


def test_a_run_number_that_is_not_a_number_is_named_and_counting_goes_on(tmp_path: Path) -> None:
    log = [run("x"), pack_text("x"), checkpoint("x"), run(2), pack_text(2), checkpoint(2)]
    assert findings(tmp_path, log) == [(0, S)]


def test_unclosed_messages_name_where_the_batch_started(tmp_path: Path) -> None:
    report = verify(forge(tmp_path, [run(1), pack_text(1), run(2), pack_text(2), checkpoint(2)]))
    assert "run 1 starting at #0 has no checkpoint" in report.findings[0].message
    (tmp_path / "b").mkdir()
    report = verify(forge(tmp_path / "b", [*good_log()[:8], run(2), pack_text(2), checkpoint(2)]))
    assert "override starting at #7 has no checkpoint" in report.findings[0].message
    (tmp_path / "c").mkdir()
    report = verify(forge(tmp_path / "c", good_log()[:12]))
    assert "log ends inside run 2 started at #9" in report.findings[0].message
    (tmp_path / "d").mkdir()
    report = verify(forge(tmp_path / "d", good_log()[:8]))
    assert "log ends inside override started at #7" in report.findings[0].message


class _FakeConn:
    def __init__(self, dialect: str, triggers: list[str]) -> None:
        self.dialect = type("D", (), {"name": dialect})()
        self.triggers = triggers
        self.sql: list[str] = []

    def exec_driver_sql(self, sql: str) -> list[tuple[str]]:
        self.sql.append(sql)
        return [(t,) for t in self.triggers]


@pytest.mark.parametrize(("dialect", "present", "missing"), [
    ("postgresql", ["audit_entry_no_change"], ["audit_entry_no_truncate"]),
    ("postgresql", ["audit_entry_no_change", "audit_entry_no_truncate"], []),
    ("sqlite", ["audit_entry_no_update"], ["audit_entry_no_delete"]),
    ("oracle", [], []),  # no known triggers to look for: nothing said
])
def test_missing_triggers_are_named_per_database(dialect: str, present: list[str], missing: list[str]) -> None:
    from audit.verify import VerifyReport, _trigger_warnings

    r = VerifyReport()
    conn = _FakeConn(dialect, present)
    _trigger_warnings(conn, r)
    assert r.warnings == [f"trigger {t} is missing: the database no longer refuses changes to the log"
                          for t in missing]
    if dialect == "postgresql":
        assert "pg_trigger" in conn.sql[0]


# ---- the walk goes on after an entry it cannot read (issue #22) ---------------------------

def test_an_unreadable_entry_still_carries_the_chain(tmp_path: Path) -> None:
    # entry 2 is not JSON but its leaf and chain hashes are honest: the entries after it were
    # chained on it, so the one finding is the unreadable body, not a chain break at #3
    log = good_log()
    log.insert(2, ("raw", "not json"))
    assert findings(tmp_path, log) == [(2, errors.NOT_CANONICAL)]


def test_an_entry_of_the_wrong_shape_still_carries_the_chain(tmp_path: Path) -> None:
    # the subject of a decision is a list: its columns cannot be read, which is said once;
    # the chain goes on through it (no finding at #3) and nothing after it is blamed
    log = good_log()
    body = {"kind": "decision", "run": 1, "decision_id": "x", "decision": {"subject": [1]}, "seq": 2}
    log.insert(2, ("raw", canonical_text(body)))
    got = findings(tmp_path, log)
    assert got == [(2, errors.NOT_CANONICAL)]


def test_a_body_that_cannot_be_canonical_is_still_read_as_its_entry(tmp_path: Path) -> None:
    # a run header holding NaN: named once as not canonical, but still read as the header of
    # run 1, so its pack text and checkpoint are inside their run (no further findings)
    text = canonical_text({**run(1), "seq": 0}).replace('"as_of"', '"x":NaN,"as_of"', 1)
    engine = forge(tmp_path, [("raw", text), pack_text(1), checkpoint(1)])
    _set(engine, 0, run_seq=1, entry_key="1")  # the copied columns agree with the body
    report = verify(engine)
    assert [(f.seq, f.code) for f in report.findings] == [(0, errors.NOT_CANONICAL)]
    assert "cannot be canonical" in report.findings[0].message
    assert (report.runs, report.last_run) == (1, 1)


@pytest.mark.parametrize(("at", "entry", "want"), [
    # a base that is a list cannot be looked up: one finding, the snapshot still counts
    (3, snapshot(1, "b", base=["a"]), [(3, S)]),
    # a decision whose pack is text: one finding; the decision is not recorded, so the
    # override of it is dangling too (and named at its own entry)
    (4, decision(1, 1, "a") | {"decision": {"pack": "p", "as_of": AS_OF, "subject": {"nip": "1"}}},
     [(4, S), (7, D)]),
])
def test_a_forged_body_of_the_wrong_shape_is_named_not_a_crash(
        tmp_path: Path, at: int, entry: dict[str, Any], want: list[Any]) -> None:
    log = good_log()
    log[at] = entry
    report = verify(forge(tmp_path, log))
    assert [(f.seq, f.code) for f in report.findings] == want
    assert "entry fields have the wrong shape" in report.findings[0].message


def test_only_the_stored_or_the_recomputed_chain_value_is_accepted(tmp_path: Path) -> None:
    # After a bad chain hash at #k, #k+1 may build on the stored or the recomputed value of #k,
    # nothing older: here #2 is bad too, and #3 was built on a chain that continues the
    # rejected value of #1 through #2. That is a third break, not a repair.
    engine = forge(tmp_path, good_log())
    with engine.connect() as conn:
        leaf2 = bytes.fromhex(conn.execute(audit_entry.select().where(audit_entry.c.seq == 2)).one().leaf_hash)
        leaf3 = bytes.fromhex(conn.execute(audit_entry.select().where(audit_entry.c.seq == 3)).one().leaf_hash)
    x = bytes.fromhex("ab" * 32)
    _set(engine, 1, chain_hash=x.hex())
    _set(engine, 2, chain_hash="cd" * 32)
    _set(engine, 3, chain_hash=chain_hash(chain_hash(x, leaf2), leaf3).hex())
    assert [(f.seq, f.code) for f in verify(engine).findings] == [
        (1, errors.CHAIN_HASH), (2, errors.CHAIN_HASH), (3, errors.CHAIN_HASH)]


def test_findings_are_sorted_by_entry_even_when_found_later(tmp_path: Path) -> None:
    # Two entries inserted before the first: #1 says it is #7, and the old #0 (now at #2)
    # says it is #0. The finding at #0 is found last (while reading #2) but comes first.
    log: list[Any] = [run(1), {**pack_text(1), "seq": 7}, {**run(1), "seq": 0}]
    got = findings(tmp_path, log)
    assert got[:3] == [(0, errors.SEQUENCE), (1, errors.SEQUENCE), (2, S)]
    assert [seq for seq, _ in got] == sorted(seq for seq, _ in got)


def test_a_checkpoint_is_written_only_for_a_log_that_verifies(tmp_path: Path) -> None:
    from audit.errors import AuditIntegrityError
    from audit.verify import current_checkpoint

    engine = forge(tmp_path, good_log())
    with engine.connect() as conn:
        leaves = [bytes.fromhex(r.leaf_hash) for r in conn.execute(
            audit_entry.select().order_by(audit_entry.c.seq))]
    assert current_checkpoint(engine) == Checkpoint(size=14, root=mth(leaves).hex(), last_run=2)
    engine.dispose()
    # two findings of different codes: the refusal names the first (entry #7), with its code
    log = good_log()
    log[7] = override("1-1", why="")
    log[12] = decision(2, 1, "zz")
    (tmp_path / "bad").mkdir()
    bad = forge(tmp_path / "bad", log)
    with pytest.raises(AuditIntegrityError) as caught:
        current_checkpoint(bad)
    assert caught.value.code == S
    assert "no checkpoint written" in str(caught.value) and "entry #7" in str(caught.value)
    assert "entry #12" not in str(caught.value)
    bad.dispose()


# ---- plan and access entries, one rule at a time ------------------------------------------

def plan(n: int, payload: Any = None) -> dict[str, Any]:
    return {"kind": "plan", "run": n, "plan": {"placements": []} if payload is None else payload}


def access(**kw: Any) -> dict[str, Any]:
    return {"kind": "access", "actor": "inspektur", "role": "INSPECTOR", "action": "view_person",
            "at": "2026-01-02T08:00:00+07:00", "nip": "1", "detail": {}, **kw}


@pytest.mark.parametrize(("entries", "want"), [
    pytest.param([run(1, run_kind="plan"), pack_text(1), plan(1), checkpoint(1)], [], id="plan-run"),
    pytest.param([run(1, run_kind="round"), pack_text(1), plan(1), checkpoint(1)], [], id="round-run"),
    pytest.param([run(1), pack_text(1), plan(1), checkpoint(1)], [(2, S)], id="plan-in-evaluate-run"),
    pytest.param([run(1, run_kind="plan"), pack_text(1), plan(1), plan(1), checkpoint(1)], [(3, S)],
                 id="second-plan"),
    pytest.param([run(1, run_kind="plan"), pack_text(1), plan(1, [1]), checkpoint(1)], [(2, S)],
                 id="plan-not-an-object"),
    pytest.param([access(), checkpoint(None)], [], id="access"),
    pytest.param([access(nip=None), checkpoint(None)], [], id="access-without-a-person"),
    pytest.param([access(role="  "), checkpoint(None)], [(0, S)], id="access-without-role"),
    pytest.param([access(actor=None), checkpoint(None)], [(0, S)], id="access-without-actor"),
    # (the database stores the copied nip column as text "5": that copy is named too)
    pytest.param([access(nip=5), checkpoint(None)], [(0, errors.COLUMN_MISMATCH), (0, S)],
                 id="access-nip-not-text"),
    pytest.param([access(detail=[]), checkpoint(None)], [(0, S)], id="access-detail-not-object"),
    pytest.param([access(), checkpoint(1)], [(1, S)], id="access-checkpoint-with-a-run"),
    pytest.param([run(1), pack_text(1), access(), checkpoint(None)], [(2, S)], id="access-inside-open-run"),
])
def test_each_plan_and_access_rule_alone(tmp_path: Path, entries: list[Any], want: list[Any]) -> None:
    assert findings(tmp_path, entries) == want


def test_an_unclosed_access_names_where_it_started(tmp_path: Path) -> None:
    report = verify(forge(tmp_path, [access(), run(1), pack_text(1), checkpoint(1)]))
    assert [(f.seq, f.code) for f in report.findings] == [(1, S)]
    assert "access starting at #0 has no checkpoint" in report.findings[0].message


def test_verify_hands_out_every_recomputed_leaf(tmp_path: Path) -> None:
    # audit/trust.py builds its proofs on these: one leaf per entry, in log order
    engine = forge(tmp_path, good_log())
    with engine.connect() as conn:
        stored = [bytes.fromhex(r.leaf_hash) for r in conn.execute(
            audit_entry.select().order_by(audit_entry.c.seq))]
    out: list[bytes] = []
    assert verify(engine, leaves_out=out).ok
    assert out == stored and len(out) == 14
    engine.dispose()
