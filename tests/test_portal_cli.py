"""`mutasi users add/import/codes/list/totp`: accounts and activation codes from the CLI."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from mutasi.cli.app import main
from mutasi.portal.accounts import activate, find_account
from tests.portal_helpers import NOW, REPO


@pytest.fixture
def store(sqlite_url: str) -> str:
    assert main(["import", str(REPO / "examples" / "import"), "--db", sqlite_url]) == 0
    return sqlite_url


def test_users_add_prints_password_and_totp_once(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["users", "add", "kasubbid.mutasi", "--role", "committee", "--name", "Kasubbid Mutasi",
                 "--db", store, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["username"] == "kasubbid.mutasi" and len(out["password"]) >= 12 and out["totp_uri"].startswith("otpauth://")
    assert main(["users", "add", "kasubbid.mutasi", "--role", "committee", "--name", "X", "--db", store]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["users", "add", "Bad Name!", "--role", "admin", "--name", "X", "--db", store]) == 2


def test_users_import_refuses_a_bad_file_whole(store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "staf.csv"
    f.write_text("username,role,name\nani.tim,committee,Ani\nbudi,boss,Budi\n", encoding="utf-8")
    out = tmp_path / "sandi.csv"
    assert main(["users", "import", str(f), "--out", str(out), "--db", store]) == 1
    err = capsys.readouterr().err
    assert f"{f}:3:2: MUT-P001" in err and "role 'boss'" in err
    from sqlalchemy import create_engine

    assert find_account(create_engine(store), "ani.tim") is None and not out.exists()
    f.write_text("username,role,name\nani.tim,committee,Ani\nbudi.insp,inspector,Budi\n", encoding="utf-8")
    assert main(["users", "import", str(f), "--out", str(out), "--db", store]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_users_codes_write_codes_that_activate(store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(store)
    nips = tmp_path / "nip.txt"
    nips.write_text("nip\n197203151998031002\n199405122019032011\n", encoding="utf-8")
    out = tmp_path / "kode.csv"
    assert main(["users", "codes", str(nips), "--out", str(out), "--db", store]) == 0
    import csv

    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))[1:]
    assert [r[0] for r in rows] == ["197203151998031002", "199405122019032011"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    acct = activate(engine, rows[1][0], rows[1][2], "sandi-baru-12345", NOW)
    assert acct.nip == rows[1][0] and acct.role.value == "employee"
    nips.write_text("197203151998031002\n123\n", encoding="utf-8")
    assert main(["users", "codes", str(nips), "--out", str(out), "--db", store]) == 2
    assert f"{nips}:2: '123' is not an 18-digit NIP" in capsys.readouterr().err


def test_users_totp_only_for_demo_accounts(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import create_engine

    from mutasi.portal.demo import seed_accounts

    seed_accounts(create_engine(store), "197203151998031002", NOW)
    capsys.readouterr()
    assert main(["users", "totp", "demo.tim", "--db", store]) == 0
    assert capsys.readouterr().out.strip().isdigit()
    assert main(["users", "add", "real.admin", "--role", "admin", "--name", "Admin", "--db", store]) == 0
    assert main(["users", "totp", "real.admin", "--db", store]) == 2
    assert main(["users", "list", "--db", store, "--json"]) == 0
