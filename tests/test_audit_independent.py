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
                    "override": b.get("decision_id"), "checkpoint": None}.get(b.get("kind"))
        want_nip = (b["decision"]["subject"].get("nip") if b.get("kind") == "decision"
                    else b["subject"].get("nip") if b.get("kind") == "override" else None)
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


# ---------------------------------------------------------------- signatures, witnesses, receipts
# Written from docs/audit-format.md sections 10-13 only (plus the Ed25519 primitive of the
# `cryptography` package; nothing from audit/).

B64 = __import__("base64")


def key_from_vkey(vkey: str) -> tuple[str, bytes, int, bytes]:
    """Section 10: <name>+<8 hex key id>+<base64(type || public key)> -> (name, id, type, key)."""
    name, hex_id, blob = vkey.split("+", 2)
    raw = B64.b64decode(blob)
    assert H(name.encode() + b"\n" + raw[:1] + raw[1:])[:4].hex() == hex_id
    return name, bytes.fromhex(hex_id), raw[0], raw[1:]


def note_parts(note: str) -> tuple[str, list[tuple[str, bytes]]]:
    """(note text, [(key name, decoded signature)]) split at the last empty line."""
    cut = note.rindex("\n\n")
    text, sigs = note[:cut + 1], note[cut + 2:]
    out = []
    for line in sigs.splitlines():
        assert line.startswith("\u2014 ")
        name, b64 = line[2:].split(" ")
        out.append((name, B64.b64decode(b64)))
    return text, out


def ed25519_ok(public: bytes, sig: bytes, msg: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(sig, msg)
        return True
    except InvalidSignature:
        return False


def witnessed(note: str, log_vkey: str, witness_vkey: str) -> tuple[int, bytes] | None:
    """(size, root) if signed by the log key and cosigned by the witness (quorum of one)."""
    text, sigs = note_parts(note)
    lname, lid, ltype, lpub = key_from_vkey(log_vkey)
    wname, wid, wtype, wpub = key_from_vkey(witness_vkey)
    assert (ltype, wtype) == (1, 4)
    origin, size, root = text.splitlines()[:3]
    signed = any(n == lname == origin and s[:4] == lid and ed25519_ok(lpub, s[4:], text.encode()) for n, s in sigs)
    cosigned = any(n == wname and s[:4] == wid and ed25519_ok(
        wpub, s[12:], b"cosignature/v1\ntime %d\n" % int.from_bytes(s[4:12], "big") + text.encode())
        for n, s in sigs)
    return (int(size), B64.b64decode(root)) if signed and cosigned else None


def root_from_path(index: int, size: int, leaf: bytes, path: list[bytes]) -> bytes:
    """RFC 6962 2.1.1 read backwards: the last path element is the sibling at the top split."""
    if size == 1:
        assert not path
        return leaf
    k = 1
    while k * 2 < size:
        k *= 2
    if index < k:
        return H(b"\x01" + root_from_path(index, k, leaf, path[:-1]) + path[-1])
    return H(b"\x01" + path[-1] + root_from_path(index - k, size - k, leaf, path[:-1]))


def trusted_inspect(db_path: str, log_vkey: str, witness_vkey: str) -> str:
    """'ok', or which of the rules of section 12 fails."""
    con = sqlite3.connect(db_path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "audit_entry" not in tables:
        return "missing"
    bodies = [b for (b,) in con.execute("SELECT body FROM audit_entry ORDER BY seq")]
    notes = [n for (n,) in con.execute("SELECT note FROM audit_note")] if "audit_note" in tables else []
    con.close()
    if not bodies:
        return "missing"
    leaves = [H(b"\x00" + b.encode("utf-8")) for b in bodies]
    by_text: dict[str, str] = {}
    for n in notes:  # merge the signature lines of notes with the same text
        text, _ = note_parts(n)
        by_text[text] = by_text.get(text, text + "\n") + n[n.rindex("\n\n") + 2:]
    heads = [w for w in (witnessed(n, log_vkey, witness_vkey) for n in by_text.values()) if w]
    for size, root in heads:
        if size > len(leaves):
            return "truncated"
        if mth(leaves[:size]) != root:
            return "rewritten"
    if not heads:
        return "not witnessed"
    return "ok" if max(s for s, _ in heads) == len(leaves) else "uncovered"


def _trusted(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from trust_support import trusted_log

    t = trusted_log(f"sqlite:///{tmp_path / 'm.db'}", tmp_path, monkeypatch)
    lines = t.policy.read_text().splitlines()
    return t, lines[0].split(" ")[1], lines[1].split(" ")[2]


@pytest.mark.parametrize("attack, expect", [
    (None, "ok"),
    ("append", "uncovered"),
    ("rewrite", "rewritten"),
    ("drop", "missing"),
])
def test_independent_trust_check_agrees(tmp_path, monkeypatch, capsys, attack, expect) -> None:  # type: ignore[no-untyped-def]
    from test_audit_support import record_run
    from trust_support import rewrite_consistently, unprotect

    t, log_vkey, witness_vkey = _trusted(tmp_path, monkeypatch)
    if attack == "append":
        record_run(t.log, "evaluate", "2026-12-05", ["A"])
    t.engine.dispose()
    if attack in ("rewrite", "drop"):
        con = unprotect(t.path)
        if attack == "rewrite":
            rewrite_consistently(con, {3: ('"months_in_post":30', '"months_in_post":31')})
        else:
            con.execute("DROP TABLE audit_entry")
            con.commit()
        con.close()
    assert trusted_inspect(str(t.path), log_vkey, witness_vkey) == expect
    code = main(["audit", "verify", "--db", t.url, "--trust", str(t.policy)])
    assert code == (0 if expect == "ok" else 3)


def test_independent_receipt_check_agrees(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import html
    import re

    t, log_vkey, witness_vkey = _trusted(tmp_path, monkeypatch)
    out = tmp_path / "letters"
    assert main(["report", "letters", "--db", t.url, "--run", "1", "--trust", str(t.policy), "--out", str(out)]) == 0

    def inspector_accepts(page: str) -> bool:  # section 13
        receipt = html.unescape(re.search(r'<pre id="mutasi-receipt"[^>]*>(.*?)</pre>', page, re.S).group(1))  # type: ignore[union-attr]
        proof_part, note = receipt.split("\n\n", 1)
        lines = proof_part.splitlines()
        assert lines[0] == "c2sp.org/tlog-proof@v1"
        extra = B64.b64decode(lines[1].removeprefix("extra "))
        assert extra.startswith(b"mutasi-entry\n")
        entry = extra[len(b"mutasi-entry\n"):]
        index = int(lines[2].removeprefix("index "))
        path = [B64.b64decode(x) for x in lines[3:]]
        head = witnessed(note, log_vkey, witness_vkey)
        body = json.loads(entry)
        return (head is not None and body["kind"] == "decision" and body["seq"] == index
                and f'data-decision-id="{body["decision_id"]}"' in page
                and root_from_path(index, head[0], H(b"\x00" + entry), path) == head[1])

    for letter in sorted(out.glob("*.html")):
        page = letter.read_text(encoding="utf-8")
        assert inspector_accepts(page)
        assert main(["verify-letter", str(letter), "--trust", str(t.policy)]) == 0
    letter = sorted(out.glob("*.html"))[0]
    page = letter.read_text(encoding="utf-8")
    m = re.search(r'(<pre id="mutasi-receipt"[^>]*>)(.*?)(</pre>)', page, re.S)
    assert m
    receipt = html.unescape(m.group(2))
    first, rest = receipt.split("\n", 1)
    extra_line, rest2 = rest.split("\n", 1)
    entry = B64.b64decode(extra_line.removeprefix("extra ")).replace(b'"score":null', b'"score":1')
    forged = first + "\nextra " + B64.b64encode(entry).decode() + "\n" + rest2
    letter.write_text(page.replace(m.group(2), html.escape(forged, quote=False)), encoding="utf-8")
    assert not inspector_accepts(letter.read_text(encoding="utf-8"))
    assert main(["verify-letter", str(letter), "--trust", str(t.policy)]) == 3
