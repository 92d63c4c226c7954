"""Backup and restore of a portal's data: the database (SQLite through sqlite3's online
backup API, PostgreSQL through pg_dump / pg_restore) and the folder of uploaded documents,
in one archive (tar + gzip) with a manifest of SHA-256 hashes.

    mutasi-backup.json            manifest: format, dialect, audit log size and root, hashes
    database.sqlite | database.pgdump
    uploads/<aa>/<sha256>          every uploaded document (stored by content hash)

The archive is written next to its target and renamed into place, so a reader never sees a
half-written backup; a restore checks every hash and that the restored audit log extends
the checkpoint recorded in the manifest before anything replaces the target.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, make_url

from audit import errors as codes
from audit.errors import AuditIntegrityError
from mutasi.errors import UsageError

FORMAT = "mutasi-backup/v1"
MANIFEST = "mutasi-backup.json"
_UPLOAD = re.compile(r"uploads/[0-9a-f]{2}/[0-9a-f]{64}")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    dialect: str
    audit_size: int
    audit_root: str
    uploads: int
    bytes: int


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _url(db: str) -> URL:
    try:
        return make_url(db)
    except Exception:
        raise UsageError(f"--db: '{db}' is not a database URL (e.g. sqlite:///mutasi.db)") from None


def _libpq(url: URL) -> str:
    """The URL as libpq (pg_dump, pg_restore) reads it: no SQLAlchemy driver suffix."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise UsageError(f"{name} is not installed: install the PostgreSQL client tools (Debian: apt-get install "
                         f"postgresql-client, the same major version as the server or newer)")
    return found


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        msg = (done.stderr or done.stdout).strip().splitlines()
        raise UsageError(f"{what} failed: {msg[-1] if msg else f'exit {done.returncode}'}")


def _checkpoint(db_url: str) -> tuple[int, str, bool]:
    """(size, root, intact) of the audit log at `db_url` (0 and the empty root when absent)."""
    from audit.migrate import engine_for
    from audit.verify import verify

    engine = engine_for(db_url)
    try:
        report = verify(engine)
        return report.size, report.root, report.ok
    finally:
        engine.dispose()


def _sqlite_copy(db: str, dst: Path) -> None:
    engine = create_engine(db)
    try:
        raw = engine.raw_connection()
        try:
            src = raw.driver_connection
            assert isinstance(src, sqlite3.Connection)
            out = sqlite3.connect(dst)
            try:
                src.backup(out)  # the online backup API: a consistent copy while others write
                out.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                out.close()
        finally:
            raw.close()
    finally:
        engine.dispose()


@contextmanager
def _scratch(near: Path) -> Iterator[Path]:
    near.mkdir(parents=True, exist_ok=True)
    d = Path(tempfile.mkdtemp(prefix=".mutasi-backup-", dir=near))
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def backup(db: str, uploads: Path | None, out: Path, now: datetime, version: str, force: bool = False) -> BackupInfo:
    url = _url(db)
    dialect = url.get_backend_name()
    if dialect not in ("sqlite", "postgresql"):
        raise UsageError(f"--db: cannot back up a {dialect} database (SQLite or PostgreSQL)")
    if out.exists() and not force:
        raise UsageError(f"{out} exists: choose another name, or --force to replace it")
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give the archive's file name")
    if uploads is not None and not uploads.is_dir():
        raise UsageError(f"--uploads: {uploads} is not a folder")
    with _scratch(out.resolve().parent) as work:
        if dialect == "sqlite":
            from mutasi.store.db import require_existing

            require_existing(db)
            dbfile = work / "database.sqlite"
            _sqlite_copy(db, dbfile)
            size, root, intact = _checkpoint(f"sqlite:///{dbfile}")
        else:
            # the checkpoint first: the dump then holds at least this log (it only grows)
            size, root, intact = _checkpoint(db)
            dbfile = work / "database.pgdump"
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(dbfile),
                  "--dbname", _libpq(url)], "pg_dump")
        files = {dbfile.name: _sha256_file(dbfile)}
        docs = sorted(p for p in uploads.rglob("*") if p.is_file()) if uploads is not None else []
        names: dict[str, Path] = {}
        for p in docs:
            rel = p.relative_to(uploads).as_posix() if uploads is not None else ""
            if _UPLOAD.fullmatch("uploads/" + rel):  # temporary and foreign files are not documents
                names["uploads/" + rel] = p
                files["uploads/" + rel] = _sha256_file(p)
        manifest = {"format": FORMAT, "dialect": dialect, "database": dbfile.name, "created_at": now.isoformat(),
                    "mutasi_version": version, "audit": {"size": size, "root": root, "intact": intact},
                    "files": files}
        tmp = work / "archive.tar.gz"
        with tarfile.open(tmp, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), 0o600, int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dbfile, arcname=dbfile.name, recursive=False)
            for name, p in names.items():
                tar.add(p, arcname=name, recursive=False)
        os.chmod(tmp, 0o600)  # personal data: only the owner reads a backup
        os.replace(tmp, out)
    return BackupInfo(out, dialect, size, root, len(names), out.stat().st_size)


def _members(tar: tarfile.TarFile, src: Path) -> dict[str, tarfile.TarInfo]:
    out: dict[str, tarfile.TarInfo] = {}
    for m in tar.getmembers():
        ok = m.isfile() and (m.name in (MANIFEST, "database.sqlite", "database.pgdump") or _UPLOAD.fullmatch(m.name))
        if not ok or m.name in out:
            raise AuditIntegrityError(codes.BACKUP_DAMAGED, f"{src}: unexpected member '{m.name}': not a mutasi backup")
        out[m.name] = m
    return out


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, dst: Path, want: str, src: Path) -> None:
    f = tar.extractfile(member)
    assert f is not None
    h = hashlib.sha256()
    with open(dst, "wb") as out:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            out.write(chunk)
    if h.hexdigest() != want:
        raise AuditIntegrityError(codes.BACKUP_DAMAGED, f"{src}: {member.name} does not match its hash in the "
                                  "manifest: the archive is damaged")


def _empty_pg(url: URL) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return not inspect(conn).get_table_names()
    finally:
        engine.dispose()


def restore(src: Path, db: str, uploads: Path | None, force: bool = False) -> dict[str, Any]:
    """Restore the archive `src` into `db` (and its documents into `uploads`)."""
    url = _url(db)
    dialect = url.get_backend_name()
    try:
        tar = tarfile.open(src, "r:gz")  # noqa: SIM115  (closed by the `with tar` below)
    except (OSError, tarfile.TarError) as exc:
        raise UsageError(f"cannot read the backup {src}: {getattr(exc, 'strerror', None) or exc}") from None
    with tar:
        try:
            members = _members(tar, src)
            if MANIFEST not in members:
                raise AuditIntegrityError(codes.BACKUP_DAMAGED, f"{src}: no {MANIFEST}: not a mutasi backup")
            f = tar.extractfile(members[MANIFEST])
            assert f is not None
            manifest = json.loads(f.read(1 << 20))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise AuditIntegrityError(codes.BACKUP_DAMAGED, f"{src}: not a {FORMAT} archive")
            files: dict[str, str] = manifest["files"]
            if set(files) != set(members) - {MANIFEST}:
                raise AuditIntegrityError(codes.BACKUP_DAMAGED, f"{src}: the archive's files differ from its manifest")
            if manifest["dialect"] != dialect:
                raise UsageError(f"--db: this is a {manifest['dialect']} backup; restore it into a "
                                 f"{manifest['dialect']} database")
            if uploads is None and any(n.startswith("uploads/") for n in files):
                raise UsageError("--uploads: the backup holds uploaded documents; say where they go")
            target = Path(url.database or "") if dialect == "sqlite" else None
            if target is not None:
                if not url.database or url.query.get("uri"):
                    raise UsageError("--db: restore into a plain SQLite file URL (sqlite:///path/to/mutasi.db)")
                if target.exists() and not force:
                    raise UsageError(f"--db: {target} exists: restore elsewhere, or --force to replace it")
            elif not force and not _empty_pg(url):
                raise UsageError("--db: the PostgreSQL database is not empty: restore into a new database "
                                 "(createdb), or --force to replace its tables")
            near = target.resolve().parent if target is not None else Path(tempfile.gettempdir())
            with _scratch(near) as work:
                dbfile = work / str(manifest["database"])
                _extract(tar, members[str(manifest["database"])], dbfile, files[str(manifest["database"])], src)
                docs = sorted(n for n in files if n.startswith("uploads/"))
                staged: list[tuple[Path, Path]] = []
                for name in docs:
                    assert uploads is not None
                    final = uploads / name.removeprefix("uploads/")
                    if final.exists():
                        if _sha256_file(final) != files[name]:
                            raise UsageError(f"--uploads: {final} exists with other content; restore into an "
                                             "empty folder")
                        continue
                    part = work / name.replace("/", "_")
                    _extract(tar, members[name], part, files[name], src)
                    staged.append((part, final))
                want = manifest["audit"]
                if target is not None:
                    _check_log(f"sqlite:///{dbfile}", want, src)
                else:
                    args = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                            "--single-transaction", "--dbname", _libpq(url)]
                    _run(args + (["--clean", "--if-exists"] if force else []) + [str(dbfile)], "pg_restore")
                for part, final in staged:  # documents before the database: never a row without its file
                    final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                    os.replace(part, final)
                if target is not None:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(dbfile, target)
                    os.chmod(target, 0o600)
                else:
                    _check_log(db, want, src)
        except (tarfile.TarError, EOFError, OSError, ValueError, KeyError, TypeError) as exc:
            raise AuditIntegrityError(codes.BACKUP_DAMAGED, f"{src}: the archive is damaged ({exc})") from None
    return {"dialect": dialect, "audit": manifest["audit"], "uploads": len(docs)}


def _check_log(db_url: str, want: dict[str, Any], src: Path) -> None:
    """The restored log verifies and extends the checkpoint the backup recorded."""
    from audit.checkpoint import Checkpoint
    from audit.migrate import engine_for
    from audit.verify import verify

    engine = engine_for(db_url)
    try:
        report = verify(engine, Checkpoint(int(want["size"]), str(want["root"])).to_text(), str(src))
    finally:
        engine.dispose()
    if not report.ok and want.get("intact", True):
        first = report.findings[0]
        raise AuditIntegrityError(codes.BACKUP_DAMAGED, f"{src}: the restored audit log does not verify: {first}")

