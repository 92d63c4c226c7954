"""`mutasi db backup` / `mutasi db restore`: the database, its audit log and the uploaded
documents in one archive (mutasi/store/backup.py; docs/deploy.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from mutasi import __version__
from mutasi.cli.common import console, db_option, emit_json, json_option
from mutasi.cli.trust_cmd import db_group
from mutasi.errors import EXIT_OK

_uploads = click.option("--uploads", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="The portal's folder of uploaded documents (as given to `mutasi serve --uploads`).")


@db_group.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@_uploads
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
@json_option
def backup_cmd(out: Path, db: str, uploads: Path | None, force: bool, as_json: bool) -> int:
    """Back up the database (with its audit log) and the uploaded documents into OUT.

    SQLite is copied with sqlite3's online backup API (the portal may keep running);
    PostgreSQL with pg_dump (custom format). OUT (tar.gz, mode 0600) is written under a
    temporary name and renamed: never half written. The manifest records the audit log's
    size and root, which `mutasi db restore` checks.

    Example: mutasi db backup /srv/backup/mutasi-2026-12-02.tar.gz --uploads /srv/mutasi/uploads
    """
    from mutasi.store.backup import backup

    info = backup(db, uploads, out, datetime.now(UTC).replace(microsecond=0), __version__, force)
    if as_json:
        emit_json({"path": str(info.path), "dialect": info.dialect, "audit_size": info.audit_size,
                   "audit_root": info.audit_root, "uploads": info.uploads, "bytes": info.bytes})
    else:
        console.print(f"backup written / cadangan ditulis: {info.path} ({info.dialect}, audit log of "
                      f"{info.audit_size} entries, {info.uploads} documents, {info.bytes} bytes)",
                      highlight=False, soft_wrap=True)
    return EXIT_OK


@db_group.command("restore")
@click.argument("archive", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@db_option
@_uploads
@click.option("--force", is_flag=True, help="Replace an existing SQLite file, or the tables of a non-empty "
              "PostgreSQL database.")
@json_option
def restore_cmd(archive: Path, db: str, uploads: Path | None, force: bool, as_json: bool) -> int:
    """Restore a backup made by `mutasi db backup` into --db (and --uploads).

    Every file is checked against the manifest's SHA-256 and the restored audit log must
    verify and extend the checkpoint recorded at backup time (else exit 3, MUT-A150,
    nothing replaced). SQLite: --db must not exist (or --force). PostgreSQL: --db must be an
    empty database (createdb), restored with pg_restore in one transaction as its owner;
    then run `mutasi db init-roles` again for the application's role.

    Example: mutasi db restore mutasi-2026-12-02.tar.gz --db sqlite:///restored.db --uploads restored-uploads
    """
    from mutasi.store.backup import restore

    done = restore(archive, db, uploads, force)
    if as_json:
        emit_json(done)
    else:
        console.print(f"restored / dipulihkan: {db} (audit log of {done['audit']['size']} entries verified, "
                      f"{done['uploads']} documents)", highlight=False, soft_wrap=True)
    return EXIT_OK


def register(cli: click.Group) -> None:
    """The commands join the `db` group of trust_cmd (imported above)."""
