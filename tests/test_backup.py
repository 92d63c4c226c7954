"""`mutasi db backup` / `mutasi db restore` on a live portal database (accounts, responses,
uploaded documents, the audit log), on SQLite and PostgreSQL: the restored copy verifies
and holds everything; a damaged archive is refused and nothing is replaced."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from audit import AuditLog
from audit.access import append_access
from mutasi.cli.app import main
from mutasi.portal import decisions, requests, uploads
from mutasi.store.db import open_store
from tests.portal_helpers import NOW, Region, build_region, copy_region


@pytest.fixture
def live(request: pytest.FixtureRequest, db_url: str, portal_template: Region, tmp_path: Path) -> Iterator[Region]:
    reg = copy_region(portal_template, tmp_path) if db_url.startswith("sqlite") else build_region(db_url)
    yield reg
    reg.engine.dispose()


def _fill(region: Region, folder: Path) -> None:
    """What a week of the portal leaves: documents, a report, a response, an override, views."""
    doc = uploads.check(b"%PDF-1.4\nSKP 2025 Baik\n%%EOF", "skp.pdf", 10_000)
    requests.report_error(region.engine, folder, region.me, "rank", "Pangkat saya III/c", doc, NOW, date(2026, 11, 25))
    mine = decisions.my_decisions(region.engine, region.me, "id")
    d = next(x for x in mine if x.run_seq == 2)
    photo = uploads.check(b"\x89PNG\r\n\x1a\n" + b"0" * 64, "foto.png", 10_000)
    requests.file_response(region.engine, folder, region.me, d.run_seq, d.decision_id, d.deadline,
                           "Mohon ditinjau kembali.", photo, NOW, date(2026, 11, 25))
    AuditLog(region.engine).add_override(d.decision_id, "not_eligible" if d.verdict != "not_eligible" else "eligible",
                                         "Ketua TPK", "Rapat TPK 25-11-2026", NOW.isoformat())
    append_access(region.engine, "inspektur", "inspector", "view", region.me, NOW, {"page": "data"})


def _rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    with engine.connect() as conn:
        for t in ("portal_account", "portal_response", "portal_data_report", "portal_upload", "audit_entry"):
            out[t] = [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1"))]
    return out


def _second_database(db_url: str, tmp_path: Path) -> Iterator[str]:
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'elsewhere' / 'restored.db'}"
    else:
        from tests.conftest import _pg_database

        yield from _pg_database()


@pytest.mark.pg_owner(reason="restore creates the tables: only the database owner may")
def test_backup_then_restore_elsewhere_keeps_everything(live: Region, db_url: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "uploads"
    _fill(live, folder)
    before = _rows(live.engine)
    assert before["portal_upload"] and before["portal_response"]
    archive = tmp_path / "cadangan.tar.gz"
    assert main(["db", "backup", str(archive), "--db", live.url, "--uploads", str(folder), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["uploads"] == 2 and info["audit_size"] == len(before["audit_entry"])
    assert archive.stat().st_mode & 0o077 == 0
    # the portal keeps writing after the backup: the backup is the state at that moment
    append_access(live.engine, "tim.mutasi", "committee", "view", live.other, NOW, {"page": "data"})

    target_gen = _second_database(db_url, tmp_path)
    target = next(target_gen)
    try:
        restored_files = tmp_path / "elsewhere" / "uploads"
        assert main(["db", "restore", str(archive), "--db", target, "--uploads", str(restored_files)]) == 0
        assert main(["audit", "verify", "--db", target]) == 0
        engine = open_store(target)
        try:
            assert _rows(engine) == before
            with engine.connect() as conn:
                shas = list(conn.execute(select(text("sha256")).select_from(text("portal_upload"))).scalars())
            for sha in shas:
                assert uploads.path_of(restored_files, sha).read_bytes() == uploads.path_of(folder, sha).read_bytes()
        finally:
            engine.dispose()
        # never over an existing database without --force
        assert main(["db", "restore", str(archive), "--db", target, "--uploads", str(restored_files)]) == 2
        assert "--force" in capsys.readouterr().err
        assert main(["db", "backup", str(archive), "--db", live.url]) == 2
    finally:
        target_gen.close()


def _rewrite(archive: Path, change: str) -> Path:
    """A copy of the archive with one member's bytes changed (a damaged or doctored backup)."""
    buf = io.BytesIO()
    with tarfile.open(archive, "r:gz") as src, tarfile.open(fileobj=buf, mode="w") as out:
        for m in src.getmembers():
            f = src.extractfile(m)
            assert f is not None
            data = f.read()
            if m.name == change:
                data = data[:-3] + b"XYZ"
            m.size = len(data)
            out.addfile(m, io.BytesIO(data))
    bad = archive.with_name("rusak.tar.gz")
    bad.write_bytes(gzip.compress(buf.getvalue()))
    return bad


def test_damaged_archive_is_refused_and_nothing_written(region: Region, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "uploads"
    _fill(region, folder)
    archive = tmp_path / "b.tar.gz"
    assert main(["db", "backup", str(archive), "--db", region.url, "--uploads", str(folder)]) == 0
    with tarfile.open(archive) as tar:
        upload = next(n for n in tar.getnames() if n.startswith("uploads/"))
    for member in ("database.sqlite", upload):
        bad = _rewrite(archive, member)
        target = tmp_path / "r" / "restored.db"
        assert main(["db", "restore", str(bad), "--db", f"sqlite:///{target}", "--uploads", str(tmp_path / "r" / "u")]) == 3
        assert "MUT-A150" in capsys.readouterr().err
        assert not target.exists() and not (tmp_path / "r" / "u").exists()
        assert [p.name for p in (tmp_path / "r").iterdir()] == []  # no scratch left behind
    not_a_backup = tmp_path / "x.tar.gz"
    not_a_backup.write_bytes(b"not a tar")
    assert main(["db", "restore", str(not_a_backup), "--db", f"sqlite:///{tmp_path / 'y.db'}"]) == 2
    assert main(["db", "restore", str(archive), "--db", f"sqlite:///{tmp_path / 'y.db'}"]) == 2  # --uploads needed


def test_postgres_tools_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr("mutasi.store.backup._checkpoint", lambda url: (0, "", True))
    assert main(["db", "backup", str(tmp_path / "b.tar.gz"), "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 2
    assert "pg_dump is not installed" in capsys.readouterr().err
    assert not (tmp_path / "b.tar.gz").exists()


def test_db_backup_found_after_another_verb_loaded_the_db_group(region: Region, tmp_path: Path) -> None:
    """Regression: `audit` loads trust_cmd, which registers `db`; `db backup` (backup_cmd) must
    still be found in the same process."""
    assert main(["audit", "verify", "--db", region.url]) == 0
    assert main(["db", "backup", str(tmp_path / "b.tar.gz"), "--db", region.url]) == 0
