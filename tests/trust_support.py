"""Shared builders for the signed-checkpoint tests (no tests here): an agency key, a witness,
a trust policy, a log built by test_audit_support.build_log and cosigned once, and the
insider's tools (rewrite the log consistently, as someone with the code and the file would)."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from test_audit_support import build_log

from audit import AuditLog
from audit.canonical import canonical_text
from audit.hashing import CHAIN_GENESIS, Frontier, chain_hash, leaf_hash
from audit.notes import Signer, new_signer
from audit.witness import cosign

ORIGIN = "bkpsdm.contoh.go.id/mutasi"


@dataclass
class Trusted:
    url: str
    path: Path  # the SQLite file ('' on PostgreSQL)
    engine: Engine
    log: AuditLog
    agency: Signer
    witness: Signer
    state: Path  # the witness's state file
    policy: Path

    def cosign(self) -> None:
        cosign(self.engine, self.agency.verifier, self.witness, self.state, int(time.time()))


def trusted_log(url: str, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Trusted:
    agency = new_signer(ORIGIN)
    witness = new_signer("inspektorat.contoh.go.id", witness=True)
    monkeypatch.setenv("MUTASI_SIGNING_KEY", agency.private_text().strip())
    log, engine = build_log(url)
    policy = tmp / "policy.txt"
    policy.write_text(f"log {agency.verifier.vkey()}\nwitness insp {witness.verifier.vkey()}\nquorum insp\n",
                      encoding="utf-8")
    t = Trusted(url, Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite") else Path(""),
                engine, log, agency, witness, tmp / "insp-state.txt", policy)
    t.cosign()
    return t


def unprotect(path: Path) -> sqlite3.Connection:
    """The file's owner drops the triggers (SQLite has no users)."""
    con = sqlite3.connect(path)
    for name in ("audit_entry_no_update", "audit_entry_no_delete", "audit_note_no_update", "audit_note_no_delete"):
        con.execute(f"DROP TRIGGER IF EXISTS {name}")
    return con


def rewrite_consistently(con: sqlite3.Connection, change: dict[int, tuple[str, str]]) -> None:
    """Replace text in the bodies of some entries, then recompute every leaf, chain hash and
    in-log checkpoint, so that `audit verify` without a trust policy finds nothing."""
    rows = con.execute("SELECT seq, body FROM audit_entry ORDER BY seq").fetchall()
    f, prev = Frontier(), CHAIN_GENESIS
    for seq, body in rows:
        if seq in change:
            body = body.replace(*change[seq])
        b = json.loads(body)
        if b["kind"] == "checkpoint":
            b["root"] = f.root().hex()
            body = canonical_text(b)
        lh = leaf_hash(body.encode("utf-8"))
        prev = chain_hash(prev, lh)
        f.append(lh)
        con.execute("UPDATE audit_entry SET body = ?, leaf_hash = ?, chain_hash = ?, nip = nip WHERE seq = ?",
                    (body, lh.hex(), prev.hex(), seq))
    con.commit()
