"""An inspector's verifier, written only from docs/audit-format.md (hashlib, sqlite3, json;
nothing from audit/), and a check that it agrees with `mutasi audit verify`."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from test_audit_support import build_log

from mutasi.cli.app import main

# ---------------------------------------------------------------- the inspector's verifier


def H(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def mth(leaves: list[bytes]) -> bytes:
    """RFC 6962 Merkle Tree Hash over leaf hashes (docs section 3)."""
    if not leaves:
        return H(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return H(b"\x01" + mth(leaves[:k]) + mth(leaves[k:]))


def inspect(db_path: str, saved: str | None = None) -> tuple[list[int | str], int, str]:
    """Return (bad entry indexes, or 'log' for a whole-log problem; size; hex root)."""
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT seq, kind, run_seq, entry_key, nip, body, leaf_hash, chain_hash "
                       "FROM audit_entry ORDER BY seq").fetchall()
    con.close()
    bad: list[int | str] = []
    leaves: list[bytes] = []
    prev = bytes(32)
    open_batch = False
    for i, (seq, kind, run_seq, key, nip, body, leaf_hex, chain_hex) in enumerate(rows):
        problems = []
        if seq != i:  # section 7.1: no gaps
            problems.append(i)
        leaf = H(b"\x00" + body.encode("utf-8"))  # section 3: leaf hash of the stored bytes
        b = json.loads(body)
        canon = json.dumps(b, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        if canon != body or b.get("seq") != seq or b.get("kind") != kind:  # sections 2, 7.2-3
            problems.append(seq)
        if run_seq != b.get("run"):
            problems.append(seq)
        want_key = {"run": str(b.get("run")), "pack_text": b.get("sha256"),
                    "snapshot": f"{b.get('run')}:{b.get('key')}", "decision": b.get("decision_id"),
                    "override": b.get("decision_id"), "access": b.get("actor"),
                    "checkpoint": None}.get(b.get("kind"))
        want_nip = (b["decision"]["subject"].get("nip") if b.get("kind") == "decision"
                    else b["subject"].get("nip") if b.get("kind") == "override"
                    else b.get("nip") if b.get("kind") == "access" else None)
        if key != want_key or nip != want_nip:  # section 4: copied columns
            problems.append(seq)
        if leaf.hex() != leaf_hex:
            problems.append(seq)
        chain = H(b"\x02" + prev + leaf)
        if chain.hex() != chain_hex:
            problems.append(seq)
        prev = bytes.fromhex(chain_hex)  # section 7.4: continue from the stored value
        if b.get("kind") == "checkpoint":  # section 5: covers the leaves before it
            if b.get("size") != seq or b.get("root") != mth(leaves).hex():
                problems.append(seq)
            open_batch = False
        else:
            open_batch = True
        leaves.append(leaf)
        if problems:
            bad.append(problems[0])
    if open_batch:  # section 5: the log ends with a checkpoint
        bad.append(len(rows) - 1)
    if saved is not None:  # section 6
        lines = saved.splitlines()
        assert lines[0] == "mutasi-audit-checkpoint v1"
        fields = dict(line.split(" ", 1) for line in lines[1:] if line and not line.startswith("#"))
        m = int(fields["size"])
        if len(leaves) < m or mth(leaves[:m]).hex() != fields["root"]:
            bad.append("log")
    return bad, len(leaves), mth(leaves).hex()


# ---------------------------------------------------------------- agreement with mutasi


def _mutasi(db: str, capsys: pytest.CaptureFixture[str], saved_path: str | None = None) -> dict:  # type: ignore[type-arg]
    args = ["audit", "verify", "--db", db, "--json"] + (["--checkpoint", saved_path] if saved_path else [])
    code = main(args)
    report = json.loads(capsys.readouterr().out)
    assert code == (0 if report["ok"] else 3)
    return report


def test_independent_verifier_agrees_on_a_good_log(sqlite_url: str, capsys: pytest.CaptureFixture[str],
                                                   tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, engine = build_log(sqlite_url)
    engine.dispose()
    path = sqlite_url.removeprefix("sqlite:///")
    saved = tmp_path / "kept.txt"
    assert main(["audit", "checkpoint", "--db", sqlite_url, "--out", str(saved)]) == 0
    bad, size, root = inspect(path, saved.read_text())
    report = _mutasi(sqlite_url, capsys, str(saved))
    assert bad == [] and report["ok"]
    assert (size, root) == (report["size"], report["root"]) == (17, saved.read_text().split()[5])


@pytest.mark.parametrize("tamper", [
    "UPDATE audit_entry SET body = replace(body, '\"months_in_post\":19', '\"months_in_post\":29') WHERE seq = 4",
    "UPDATE audit_entry SET nip = '199001012019032009' WHERE seq = 5",
    "DELETE FROM audit_entry WHERE seq = 7",
    "DELETE FROM audit_entry WHERE seq >= 14",
    "UPDATE audit_entry SET chain_hash = leaf_hash WHERE seq = 12",
])
def test_independent_verifier_agrees_on_a_tampered_log(sqlite_url: str, tamper: str, tmp_path,  # type: ignore[no-untyped-def]
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _, engine = build_log(sqlite_url)
    engine.dispose()
    path = sqlite_url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("DROP TRIGGER audit_entry_no_delete")
    con.execute(tamper)
    con.commit()
    con.close()
    bad, size, root = inspect(path)
    report = _mutasi(sqlite_url, capsys)
    assert bad and not report["ok"]
    assert bad[0] == report["findings"][0]["seq"]
    assert (size, root) == (report["size"], report["root"])
