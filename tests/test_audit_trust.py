"""Signed and witnessed checkpoints against an insider with write access to the database:
each attack of issue 15 passes plain `audit verify` (or used to) and is caught by
`audit verify --trust` with a witnessed checkpoint."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from test_audit_support import PACK, record_run
from trust_support import ORIGIN, rewrite_consistently, trusted_log, unprotect

from audit import errors
from audit.errors import AuditError, AuditUsageError
from audit.notes import (
    COSIGNATURE_V1,
    ED25519,
    TreeHead,
    new_signer,
    parse_note,
    parse_private,
    parse_tree_head,
    parse_vkey,
    sign_tree_head,
)
from audit.policy import parse_policy
from audit.witness import cosign
from mutasi.cli.app import main


def _verify(t, capsys, *extra: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = main(["audit", "verify", "--db", t.url, "--trust", str(t.policy), "--json", *extra])
    return code, json.loads(capsys.readouterr().out)


def _codes(report: dict) -> list[str]:  # type: ignore[type-arg]
    return [f["code"] for f in report["findings"]]


# ---------------------------------------------------------------- formats (C2SP)


def test_key_ids_and_signature_lines_follow_signed_note() -> None:
    s = new_signer(ORIGIN)
    pub = s.verifier.public
    # key ID = SHA-256(key name || 0x0A || 0x01 || public key)[:4], by hand
    assert s.verifier.id == hashlib.sha256(ORIGIN.encode() + b"\n\x01" + pub).digest()[:4]
    vkey = s.verifier.vkey()
    name, hex_id, blob = vkey.split("+", 2)
    assert (name, hex_id, base64.b64decode(blob)) == (ORIGIN, s.verifier.id.hex(), b"\x01" + pub)
    assert parse_vkey(vkey) == s.verifier and parse_private(s.private_text()) == s
    note = sign_tree_head(TreeHead(ORIGIN, 17, bytes(range(32))), s)
    text = note.to_text()
    body, sig_line = text.split("\n\n")
    assert body == f"{ORIGIN}\n17\n{base64.b64encode(bytes(range(32))).decode()}"
    assert sig_line.startswith(f"\u2014 {ORIGIN} ") and sig_line.endswith("\n")
    raw = base64.b64decode(sig_line.split(" ")[2])
    assert raw[:4] == s.verifier.id and len(raw) == 4 + 64
    w = new_signer("insp.example", witness=True)
    assert w.verifier.sig_type == COSIGNATURE_V1 and s.verifier.sig_type == ED25519
    cos = parse_note(note.with_signature(w.sign(note.text, 1_700_000_000)).to_text())
    raw = base64.b64decode(cos.to_text().split("\n")[-2].split(" ")[2])
    assert raw[4:12] == (1_700_000_000).to_bytes(8, "big")  # timestamped_signature
    assert cos.cosigned_at(w.verifier) == 1_700_000_000 and cos.signed_by(s.verifier) is True


@pytest.mark.parametrize("text, where", [
    ("log nonsense\nquorum none\n", ":1:"),
    ("quorum none\n", "no 'log"),
    ("log {A}\n", "no 'quorum'"),
    ("log {A}\nwitness w {A}\nquorum w\n", ":2:"),  # a log key as a witness key
    ("log {A}\nwitness w {W}\ngroup g 2 w\nquorum g\n", ":3:"),  # threshold above members
    ("log {A}\nquorum x\n", ":2:"),
])
def test_bad_policies_name_the_line(text: str, where: str) -> None:
    a, w = new_signer(ORIGIN), new_signer("w.example", witness=True)
    with pytest.raises(AuditUsageError) as exc:
        parse_policy(text.format(A=a.verifier.vkey(), W=w.verifier.vkey()), "p.txt")
    assert exc.value.code == errors.BAD_POLICY and where in str(exc.value)


def test_group_quorum_counts_cosigners() -> None:
    a = new_signer(ORIGIN)
    ws = [new_signer(f"w{i}.example", witness=True) for i in range(3)]
    p = parse_policy(f"log {a.verifier.vkey()}\n" + "".join(f"witness w{i} {w.verifier.vkey()}\n"
                                                            for i, w in enumerate(ws))
                     + "group two 2 w0 w1 w2\nquorum two\n")
    note = sign_tree_head(TreeHead(ORIGIN, 3, bytes(32)), a)
    one = note.with_signature(ws[0].sign(note.text, 5))
    assert not p.satisfied(set(p.cosigners(one)))
    assert p.satisfied(set(p.cosigners(one.with_signature(ws[2].sign(note.text, 6)))))


def test_keys_init_writes_a_private_file_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "agency.key"
    assert main(["keys", "init", "--name", ORIGIN, "--out", str(key)]) == 0
    vkey = capsys.readouterr().out.strip()
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert parse_private(key.read_text()).verifier == parse_vkey(vkey)
    assert main(["keys", "init", "--name", ORIGIN, "--out", str(key)]) == 2  # never overwritten
    assert main(["keys", "init", "--name", "has space", "--out", str(tmp_path / "x")]) == 2


# ---------------------------------------------------------------- the insider's attacks


def test_a_signed_and_witnessed_log_passes(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    code, rep = _verify(t, capsys)
    assert (code, rep["ok"], rep["trust"]["witnessed"]["size"]) == (0, True, 17)
    assert rep["trust"]["signed_sizes"] == [9, 11, 17]  # one per run or override


def test_consistent_rewrite_is_caught(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    t.engine.dispose()
    con = unprotect(t.path)
    rewrite_consistently(con, {3: ('"months_in_post":30', '"months_in_post":36')})
    con.close()
    assert main(["audit", "verify", "--db", t.url]) == 0  # the attack is real without signatures
    code, rep = _verify(t, capsys)
    assert code == 3 and errors.NOT_CONSISTENT in _codes(rep)


def test_rewrite_resigned_with_the_agency_key_is_caught(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """The insider also holds the agency's key: re-signs the rewritten log and deletes every
    stored checkpoint. Without the witness's key the log is no longer witnessed."""
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    t.engine.dispose()
    con = unprotect(t.path)
    rewrite_consistently(con, {5: ('"not_eligible"', '"eligible"'), 9: ('"not_eligible"', '"eligible"')})
    con.execute("DELETE FROM audit_note")
    con.commit()
    con.close()
    monkeypatch.setenv("MUTASI_SIGNING_KEY", t.agency.private_text().strip())
    assert main(["audit", "checkpoint", "--db", t.url, "--out", str(tmp_path / "forged.txt")]) == 0
    code, rep = _verify(t, capsys)
    assert code == 3 and _codes(rep) == [errors.NOT_WITNESSED]
    # and the witness's own state still shows the rewrite
    code, rep = _verify(t, capsys, "--checkpoint", str(t.state))
    assert code == 3 and errors.NOT_CONSISTENT in _codes(rep)
    with pytest.raises(AuditError) as exc:
        t.cosign()
    assert exc.value.code == errors.WITNESS_REFUSED and "rewritten" in str(exc.value)


def test_cut_at_a_run_boundary_is_caught_by_the_witness_state(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    t.engine.dispose()
    con = unprotect(t.path)
    con.execute("DELETE FROM audit_entry WHERE seq >= 11")  # run 2 gone, the log ends with a checkpoint
    con.execute("DELETE FROM audit_note WHERE size > 11")
    con.commit()
    con.close()
    assert main(["audit", "verify", "--db", t.url]) == 0  # well formed: plain verify cannot tell
    code, rep = _verify(t, capsys, "--checkpoint", str(t.state))
    assert code == 3 and rep["findings"][0]["code"] == errors.TRUNCATED
    assert "#11..#16" in rep["findings"][0]["message"]
    with pytest.raises(AuditError) as exc:
        t.cosign()
    assert exc.value.code == errors.WITNESS_REFUSED and "shrank" in str(exc.value)


def test_cut_with_checkpoints_kept_in_the_database_is_caught(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    t.engine.dispose()
    con = unprotect(t.path)
    con.execute("DELETE FROM audit_entry WHERE seq >= 11")
    con.commit()
    con.close()
    code, rep = _verify(t, capsys)
    assert code == 3 and errors.TRUNCATED in _codes(rep)


@pytest.mark.parametrize("drop", ["DROP TABLE audit_entry", "DELETE FROM audit_entry"])
def test_dropped_or_emptied_log_is_not_intact_under_a_policy(sqlite_url, tmp_path, monkeypatch, capsys, drop: str) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    t.engine.dispose()
    con = unprotect(t.path)
    con.execute(drop)
    con.execute("DROP TABLE audit_note")
    con.commit()
    con.close()
    assert main(["audit", "verify", "--db", t.url]) == 0  # without a policy: "0 entries"
    code, rep = _verify(t, capsys)
    assert code == 3 and _codes(rep)[0] == errors.NO_LOG


@pytest.mark.parametrize("signed", [False, True])
def test_forged_run_appended_after_the_witnessed_checkpoint(db_url, tmp_path, monkeypatch, capsys, signed: bool) -> None:  # type: ignore[no-untyped-def]
    """A well-formed run appended by the insider, with or without the agency's key."""
    t = trusted_log(db_url, tmp_path, monkeypatch)
    if not signed:
        monkeypatch.delenv("MUTASI_SIGNING_KEY")
    record_run(t.log, "evaluate", "2026-12-05", ["B"])
    assert main(["audit", "verify", "--db", t.url]) == 0
    code, rep = _verify(t, capsys)
    assert code == 3 and _codes(rep) == [errors.UNCOVERED]
    assert rep["findings"][0]["seq"] == 17 and "runs 3" in rep["findings"][0]["message"]
    # a witness cosigns only what the agency signed: the signed run then passes, the other not
    t.cosign()
    assert _verify(t, capsys)[0] == (0 if signed else 3)


def test_forged_override_appended_after_the_witnessed_checkpoint(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    t.log.add_override("1-3", "not_eligible", "Sekda", "tanpa rapat", "2026-12-02T10:00:00+07:00")
    code, rep = _verify(t, capsys)
    assert code == 3 and _codes(rep) == [errors.UNCOVERED] and "(overrides)" in rep["findings"][0]["message"]


def test_forged_signature_line_is_reported(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    lines = t.state.read_text().split("\n")
    name, sig = lines[-2].rsplit(" ", 1)
    raw = bytearray(base64.b64decode(sig))
    raw[-1] ^= 1
    lines[-2] = f"{name} {base64.b64encode(bytes(raw)).decode()}"
    forged = tmp_path / "forged.txt"
    forged.write_text("\n".join(lines))
    code, rep = _verify(t, capsys, "--checkpoint", str(forged))
    assert code == 3 and errors.BAD_SIGNATURE in _codes(rep)


def test_unsigned_log_fails_under_a_policy(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    other = new_signer("lain.go.id/mutasi")
    t.policy.write_text(f"log {other.verifier.vkey()}\nquorum none\n")
    code, rep = _verify(t, capsys)
    assert code == 3 and _codes(rep) == [errors.NOT_SIGNED]


# ---------------------------------------------------------------- the witness


def test_witness_refuses_a_checkpoint_not_signed_by_the_log(sqlite_url, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    impostor = new_signer(ORIGIN)
    note = sign_tree_head(parse_tree_head(parse_note(t.state.read_text()).text), impostor)
    with pytest.raises(AuditError) as exc:
        cosign(t.engine, t.agency.verifier, t.witness, t.state, 1, note.to_text())
    assert exc.value.code == errors.WITNESS_REFUSED


def test_witness_cli_cosigns_growth_and_keeps_its_state(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    key = tmp_path / "w.key"
    key.write_text(t.witness.private_text())
    record_run(t.log, "plan", "2026-12-06", ["A"])
    args = ["audit", "witness", "--db", t.url, "--key", str(key), "--state", str(t.state),
            "--log-key", t.agency.verifier.vkey(), "--json"]
    capsys.readouterr()
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["previous_size"], out["size"]) == (17, 21)
    assert parse_tree_head(parse_note(t.state.read_text()).text).size == 21
    assert main(["audit", "witness", "--db", t.url, "--key", str(key), "--state", str(t.state),
                 "--log-key", "not-a-key"]) == 2


def test_plain_checkpoint_without_a_key_stays_the_v1_file(sqlite_url, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from test_audit_support import build_log

    build_log(sqlite_url)[1].dispose()
    assert main(["audit", "checkpoint", "--db", sqlite_url]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("mutasi-audit-checkpoint v1\n") and "not signed" in out.err


def test_sqlite_owner_can_still_edit_the_file_so_only_signatures_protect(sqlite_url, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Documents the limit of triggers on SQLite: the file's owner drops them."""
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    t.engine.dispose()
    con = sqlite3.connect(t.path)
    with pytest.raises(sqlite3.DatabaseError, match="MUT-A001"):
        con.execute("DELETE FROM audit_note")
    con.close()
    con = unprotect(t.path)
    con.execute("DELETE FROM audit_note")  # nothing stops the owner
    con.commit()
    con.close()
    assert PACK["id"] == "nasional"
