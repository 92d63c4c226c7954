"""Shared builders for the signed-checkpoint tests (no tests here): an agency key, a witness,
a trust policy, a log built by test_audit_support.build_log and cosigned once, and the
insider's tools (rewrite the log consistently, as someone with the code and the file would)."""

from __future__ import annotations

import importlib.util
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from test_audit_support import build_log

from audit import AuditLog
from audit.notes import Signer, new_signer
from audit.witness import cosign

ORIGIN = "bkpsdm.contoh.go.id/mutasi"
REPO = Path(__file__).resolve().parent.parent


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
    _people_on_file(url)
    policy = tmp / "policy.txt"
    policy.write_text(f"log {agency.verifier.vkey()}\nwitness insp {witness.verifier.vkey()}\nquorum insp\n",
                      encoding="utf-8")
    t = Trusted(url, Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite") else Path(""),
                engine, log, agency, witness, tmp / "insp-state.txt", policy)
    t.cosign()
    return t


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("rewrite_log", REPO / "examples" / "tamper" / "rewrite_log.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def unprotect(path: Path) -> sqlite3.Connection:
    """The file's owner drops the triggers (SQLite has no users)."""
    con = sqlite3.connect(path)
    _tool().unprotect(con)
    return con


def rewrite_consistently(con: sqlite3.Connection, change: dict[int, tuple[str, str]]) -> None:
    """Replace text in the bodies of some entries, then recompute every leaf, chain hash and
    in-log checkpoint (examples/tamper/rewrite_log.py, the README's demonstration)."""
    _tool().rewrite(con, change)


def _people_on_file(url: str) -> None:
    """The log's people in the store too: no letter is written for a person not on file."""
    from sqlalchemy import insert
    from test_audit_support import NIPS

    from mutasi.store import models
    from mutasi.store.db import open_store

    store = open_store(url)
    with store.begin() as conn:
        conn.execute(insert(models.Employee.__table__), [{"nip": n, "name": f"Pegawai {k}"} for k, n in sorted(NIPS.items())])
    store.dispose()
