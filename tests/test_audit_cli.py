"""CLI: mutasi audit verify/replay/export/checkpoint and mutasi override, with exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_audit_support import build_log

from mutasi.cli.app import main


@pytest.fixture
def db(sqlite_url: str) -> str:
    _, engine = build_log(sqlite_url)
    engine.dispose()
    return sqlite_url


def test_verify_ok_and_checkpoint_roundtrip(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "verify", "--db", db]) == 0
    assert "17 entries" in capsys.readouterr().out
    cp = tmp_path / "kept.txt"
    assert main(["audit", "checkpoint", "--db", db, "--out", str(cp)]) == 0
    lines = cp.read_text().splitlines()
    assert lines[0] == "mutasi-audit-checkpoint v1" and lines[1] == "size 17"
    assert main(["audit", "verify", "--db", db, "--checkpoint", str(cp), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True and out["checked_against"]["size"] == 17


def test_verify_tampered_exits_3_naming_the_entry(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    con = sqlite3.connect(db.removeprefix("sqlite:///"))
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("UPDATE audit_entry SET body = replace(body, '\"months_in_post\":19', '\"months_in_post\":29') "
                "WHERE seq = 4")
    con.commit()
    con.close()
    assert main(["audit", "verify", "--db", db]) == 3
    err = capsys.readouterr().err
    assert "MUT-A013 entry #4" in err
    assert main(["audit", "checkpoint", "--db", db]) == 3  # no checkpoint of a tampered log


def test_override_cli(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["override", "1-3", "--db", db, "--actor", "Ketua Baperjakat"]
    assert main([*base, "--verdict", "not_eligible", "--justification", "  "]) == 2
    assert "MUT-A002" in capsys.readouterr().err
    assert main([*base, "--verdict", "great", "--justification", "x"]) == 2
    assert main(["override", "9-9", "--db", db, "--actor", "a", "--verdict", "eligible",
                 "--justification", "x"]) == 1
    assert main([*base, "--verdict", "not_eligible", "--justification", "Hasil asesmen ulang"]) == 0
    assert main(["audit", "verify", "--db", db]) == 0


def test_export_to_file_and_missing_database(db: str, tmp_path: Path) -> None:
    out = tmp_path / "audit.jsonl"
    assert main(["audit", "export", "--db", db, "--mask", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 18 and json.loads(lines[0])["masked"] is not None
    assert main(["audit", "verify", "--db", f"sqlite:///{tmp_path / 'nope.db'}"]) == 2
    assert not (tmp_path / "nope.db").exists()


def test_replay_cli_unknown_decision(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "replay", "5-5", "--db", db]) == 1
    assert "MUT-A004" in capsys.readouterr().err
