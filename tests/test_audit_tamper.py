"""Tampering made directly in the SQLite file, as an attacker would (triggers dropped first):
each must make `verify` fail and name the entry. Entry layout: tests/test_audit_support.py.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from test_audit_support import PACK, build_log

from audit import AuditLog
from audit.migrate import engine_for

N = 17  # entries in the support log


def _open_raw(url: str) -> sqlite3.Connection:
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("DROP TRIGGER audit_entry_no_delete")
    return con


@pytest.fixture
def tampered(sqlite_url: str) -> tuple[str, sqlite3.Connection, str]:
    """(url, raw connection without triggers, checkpoint text saved before tampering)."""
    log, engine = build_log(sqlite_url)
    saved = log.checkpoint().to_text()
    engine.dispose()
    con = _open_raw(sqlite_url)
    yield sqlite_url, con, saved
    con.close()


def _verify(url: str, saved: str | None = None):  # type: ignore[no-untyped-def]
    engine = engine_for(url)
    try:
        return AuditLog(engine).verify(saved)
    finally:
        engine.dispose()


def _first(url: str, saved: str | None = None) -> tuple[int | None, str, str]:
    report = _verify(url, saved)
    assert not report.ok
    f = report.findings[0]
    return f.seq, f.code, f.message


def _flip(text: str, pos: int) -> str:
    c = text[pos]
    return text[:pos] + chr(ord(c) ^ 1) + text[pos + 1:]


def test_untampered_with_triggers_dropped_still_passes_but_warns(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, saved = tampered
    con.commit()
    report = _verify(url, saved)
    assert report.ok
    assert len(report.warnings) == 2 and "audit_entry_no_delete" in report.warnings[0]


# One changed character in each column of entry #5 (decision 1-2).
@pytest.mark.parametrize(("column", "new_value", "code"), [
    ("kind", "decisiom", "MUT-A012"),
    ("run_seq", 2, "MUT-A012"),
    ("entry_key", "1-3", "MUT-A012"),
    ("nip", "199001012019032003", "MUT-A012"),
    ("leaf_hash", None, "MUT-A013"),
    ("chain_hash", None, "MUT-A014"),
])
def test_one_changed_character_in_a_column_names_the_entry(tampered, column, new_value, code) -> None:  # type: ignore[no-untyped-def]
    url, con, _ = tampered
    if new_value is None:
        old = con.execute(f"SELECT {column} FROM audit_entry WHERE seq = 5").fetchone()[0]
        new_value = _flip(old, 10)
    con.execute(f"UPDATE audit_entry SET {column} = ? WHERE seq = 5", (new_value,))
    con.commit()
    seq, got, _ = _first(url)
    assert (seq, got) == (5, code)
    assert [f.seq for f in _verify(url).findings] == [5]  # one tampering, one finding


@pytest.mark.parametrize("seq", range(N))
def test_one_changed_byte_in_any_body_names_the_entry(tampered, seq: int) -> None:  # type: ignore[no-untyped-def]
    url, con, _ = tampered
    body = con.execute("SELECT body FROM audit_entry WHERE seq = ?", (seq,)).fetchone()[0]
    # a byte in the middle of the body: ASCII in every entry of the support log
    pos = len(body) // 2
    assert body[pos].isascii()
    con.execute("UPDATE audit_entry SET body = ? WHERE seq = ?", (_flip(body, pos), seq))
    con.commit()
    first_seq, code, _ = _first(url)
    assert first_seq == seq
    assert code in ("MUT-A010", "MUT-A011", "MUT-A012", "MUT-A013")


def test_changed_verdict_with_leaf_hash_recomputed_is_caught_by_the_chain(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, _ = tampered
    body = con.execute("SELECT body FROM audit_entry WHERE seq = 5").fetchone()[0]
    forged = body.replace('"verdict":"not_eligible"', '"verdict":"eligible"')
    assert forged != body
    leaf = hashlib.sha256(b"\x00" + forged.encode()).hexdigest()
    con.execute("UPDATE audit_entry SET body = ?, leaf_hash = ? WHERE seq = 5", (forged, leaf))
    con.commit()
    seq, code, _ = _first(url)
    assert (seq, code) == (5, "MUT-A014")


def test_deleted_entry_is_named(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, _ = tampered
    con.execute("DELETE FROM audit_entry WHERE seq = 5")
    con.commit()
    seq, code, msg = _first(url)
    assert (seq, code) == (5, "MUT-A010")
    assert "#5..#4" not in msg and "#5..#5" in msg  # entry 5 missing, up to entry 6 - 1


def _recompute_from(con: sqlite3.Connection, start: int, checkpoints: bool = True) -> None:
    """What a careful attacker does: rewrite leaf hashes, chain hashes (and checkpoint
    roots) from `start` on, following docs/audit-format.md."""
    rows = con.execute("SELECT seq, body, chain_hash FROM audit_entry ORDER BY seq").fetchall()
    leaves: list[bytes] = []
    prev = bytes(32)

    def mth(ls: list[bytes]) -> bytes:
        if len(ls) == 1:
            return ls[0]
        k = 1
        while k * 2 < len(ls):
            k *= 2
        return hashlib.sha256(b"\x01" + mth(ls[:k]) + mth(ls[k:])).digest()

    for seq, body, chain in rows:
        if seq >= start:
            b = json.loads(body)
            if checkpoints and b["kind"] == "checkpoint":
                b["size"], b["root"] = seq, mth(leaves).hex()
                body = json.dumps(b, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            leaf = hashlib.sha256(b"\x00" + body.encode()).digest()
            chain_b = hashlib.sha256(b"\x02" + prev + leaf).digest()
            con.execute("UPDATE audit_entry SET body = ?, leaf_hash = ?, chain_hash = ? WHERE seq = ?",
                        (body, leaf.hex(), chain_b.hex(), seq))
        else:
            leaf, chain_b = hashlib.sha256(b"\x00" + body.encode()).digest(), bytes.fromhex(chain)
        leaves.append(leaf)
        prev = chain_b
    con.commit()


def _recompute_body(con: sqlite3.Connection, seq: int, change: Any) -> None:
    """Change entry `seq` and recompute its hashes and those after it (checkpoints too)."""
    body = json.loads(con.execute("SELECT body FROM audit_entry WHERE seq = ?", (seq,)).fetchone()[0])
    text = json.dumps(change(body), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    con.execute("UPDATE audit_entry SET body = ? WHERE seq = ?", (text, seq))
    _recompute_from(con, seq, checkpoints=True)


def _forged_decision(con: sqlite3.Connection, seq: int, source: int = 5) -> str:
    """Decision 1-2 (not eligible) turned eligible, claiming to be entry `seq`."""
    body = json.loads(con.execute("SELECT body FROM audit_entry WHERE seq = ?", (source,)).fetchone()[0])
    body["seq"] = seq
    body["decision"]["verdict"] = "eligible"
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def test_inserted_entry_is_named(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, _ = tampered
    # make room at #5 (two steps: the primary key must stay unique), insert a forged decision
    # there with correct hashes, and leave the rest as it was
    con.execute("UPDATE audit_entry SET seq = seq + 1000 WHERE seq >= 5")
    con.execute("UPDATE audit_entry SET seq = seq - 999 WHERE seq >= 1000")
    forged = _forged_decision(con, 5, source=6)
    prev = bytes.fromhex(con.execute("SELECT chain_hash FROM audit_entry WHERE seq = 4").fetchone()[0])
    leaf = hashlib.sha256(b"\x00" + forged.encode()).digest()
    chain = hashlib.sha256(b"\x02" + prev + leaf).digest()
    con.execute("INSERT INTO audit_entry VALUES (5, 'decision', 1, '1-2', '199001012019032002', ?, ?, ?)",
                (forged, leaf.hex(), chain.hex()))
    con.commit()
    seq, code, msg = _first(url)
    assert (seq, code) == (5, "MUT-A010")
    assert "#5..#5 inserted" in msg


def test_forged_verdict_with_everything_recomputed_clashes_with_the_override(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, _ = tampered
    con.execute("UPDATE audit_entry SET body = ? WHERE seq = 5", (_forged_decision(con, 5),))
    _recompute_from(con, 5, checkpoints=True)
    seq, code, msg = _first(url)
    assert (seq, code) == (9, "MUT-A016")
    assert "original verdict 'not_eligible'" in msg


def test_swapped_entries_are_named(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, _ = tampered
    cols = "kind, run_seq, entry_key, nip, body, leaf_hash, chain_hash"
    r3 = con.execute(f"SELECT {cols} FROM audit_entry WHERE seq = 3").fetchone()
    r5 = con.execute(f"SELECT {cols} FROM audit_entry WHERE seq = 5").fetchone()
    sets = ", ".join(f"{c.strip()} = ?" for c in cols.split(","))
    con.execute(f"UPDATE audit_entry SET {sets} WHERE seq = 3", r5)
    con.execute(f"UPDATE audit_entry SET {sets} WHERE seq = 5", r3)
    con.commit()
    seq, code, msg = _first(url)
    assert (seq, code) == (3, "MUT-A010")
    assert "says it is entry #5" in msg


def test_truncated_inside_a_run_is_named(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, _ = tampered
    con.execute("DELETE FROM audit_entry WHERE seq >= 14")  # run 2 loses #14..#16
    con.commit()
    seq, code, msg = _first(url)
    assert (seq, code) == (13, "MUT-A016")
    assert "run 2 started at #11" in msg


def test_truncated_at_a_run_boundary_needs_the_saved_checkpoint(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, saved = tampered
    con.execute("DELETE FROM audit_entry WHERE seq >= 11")  # all of run 2
    con.commit()
    assert _verify(url).ok  # nothing inside the log shows it...
    seq, code, msg = _first(url, saved)  # ...the inspector's checkpoint (size 17) does
    assert (seq, code) == (11, "MUT-A018")
    assert "#11..#16" in msg


def test_rewrite_with_recomputed_chain_is_caught_by_stored_checkpoints(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, _ = tampered
    body = con.execute("SELECT body FROM audit_entry WHERE seq = 4").fetchone()[0]
    con.execute("UPDATE audit_entry SET body = ? WHERE seq = 4",
                (body.replace('"months_in_post":19', '"months_in_post":29'),))
    _recompute_from(con, 4, checkpoints=False)
    seq, code, msg = _first(url)
    assert (seq, code) == (8, "MUT-A015")  # the run's checkpoint at #8 ...
    assert "#0..#7" in msg  # ... names the entries it covers


def test_full_rewrite_with_recomputed_chain_and_checkpoints_needs_the_saved_checkpoint(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, saved = tampered
    # (a forged verdict would clash with the override of 1-2 that records the original one;
    # the input snapshot of B is a quieter target: 19 months in post become 29)
    body = con.execute("SELECT body FROM audit_entry WHERE seq = 4").fetchone()[0]
    assert '"months_in_post":19' in body
    con.execute("UPDATE audit_entry SET body = ? WHERE seq = 4",
                (body.replace('"months_in_post":19', '"months_in_post":29'),))
    _recompute_from(con, 4, checkpoints=True)
    assert _verify(url).ok  # consistent with itself: only an outside checkpoint can tell
    seq, code, msg = _first(url, saved)
    assert (seq, code) == (None, "MUT-A019")
    assert "#0..#16" in msg


def test_appending_after_a_saved_checkpoint_is_consistent(tampered) -> None:  # type: ignore[no-untyped-def]
    url, con, saved = tampered
    con.close()
    engine = engine_for(url)
    AuditLog(engine).add_override("1-1", "needs_approval", "Bupati", "Perlu izin", "2026-12-02T10:00:00Z")
    engine.dispose()
    report = _verify(url, saved)
    assert report.ok and report.size == 19 and report.checked_against["size"] == 17  # type: ignore[index]


def test_malformed_checkpoint_file_names_the_line(tmp_path: Path, sqlite_url: str) -> None:
    from audit.errors import AuditUsageError

    build_log(sqlite_url)
    bad = "mutasi-audit-checkpoint v1\nsize 17\nroot XYZ\n"
    with pytest.raises(AuditUsageError, match=r"MUT-A020 kept.txt:3: root must be 64"):
        from audit.verify import verify

        verify(engine_for(sqlite_url), bad, "kept.txt")


@pytest.mark.parametrize("forged", [
    "not json at all",
    '{"decision":[1],"decision_id":"1-2","kind":"decision","run":1,"seq":5,"snapshot":"c:B"}',
    '{"decision":{"subject":"x"},"kind":"decision","seq":5}',
    '[5]',
])
def test_forged_body_of_the_wrong_shape_is_a_finding_not_a_crash(tampered, forged: str) -> None:  # type: ignore[no-untyped-def]
    url, con, _ = tampered
    con.execute("UPDATE audit_entry SET body = ? WHERE seq = 5", (forged,))
    con.commit()
    seq, code, _ = _first(url)
    assert seq == 5 and code in ("MUT-A011", "MUT-A012", "MUT-A016")


def test_snapshot_based_on_a_missing_snapshot_is_named(sqlite_url: str) -> None:
    log, engine = build_log(sqlite_url)
    with log.run("plan", "2026-12-01", PACK, "t", "h", "2026-12-01T09:00:00Z") as run:
        run.add_snapshot("A", {"months_in_post": 30})
        run.add_snapshot("A|P", {"months_in_post": 30, "position.kind": "JF"}, base="A")
    engine.dispose()
    con = _open_raw(sqlite_url)
    # entries: #17 run, #18 snapshot A, #19 snapshot A|P; point A|P at a base that never was
    _recompute_body(con, 19, lambda b: {**b, "base": "Z"})
    seq, code, msg = _first(sqlite_url)
    assert (seq, code) == (19, "MUT-A021") and "'Z'" in msg
