"""Signed checkpoints in the database (table audit_note) and the agency's signing key.

The private key never enters the database: it comes from MUTASI_SIGNING_KEY (the key text)
or MUTASI_SIGNING_KEY_FILE (a file `mutasi keys init` wrote). When one is set, every run and
override is followed, in the same transaction, by a signed checkpoint of the whole log.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, select

from audit import errors
from audit.errors import AuditUsageError
from audit.notes import Note, Signer, TreeHead, parse_note, parse_private, sign_tree_head
from audit.schema import audit_note

if TYPE_CHECKING:
    from audit.checkpoint import Checkpoint

KEY_ENV = "MUTASI_SIGNING_KEY"
KEY_FILE_ENV = "MUTASI_SIGNING_KEY_FILE"


def load_signer(path: str | Path) -> Signer:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise AuditUsageError(errors.BAD_KEY, f"cannot read key file '{path}': {exc.strerror}") from None
    return parse_private(text, str(path))


def signer_from_env() -> Signer | None:
    text = os.environ.get(KEY_ENV, "").strip()
    if text:
        return parse_private(text, KEY_ENV)
    path = os.environ.get(KEY_FILE_ENV, "").strip()
    return load_signer(path) if path else None


def store_note(conn: Connection, note: Note) -> None:
    """Insert the note unless the very same text is stored already (rows are never changed)."""
    text = note.to_text()
    nid = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if conn.execute(select(audit_note.c.id).where(audit_note.c.id == nid)).first() is None:
        from audit.notes import parse_tree_head

        size = parse_tree_head(note.text).size
        conn.execute(audit_note.insert(), [{"id": nid, "size": size, "note": text}])


def sign_head(conn: Connection, signer: Signer, size: int, root: bytes) -> Note:
    note = sign_tree_head(TreeHead(signer.name, size, root), signer)
    store_note(conn, note)
    return note


def has_notes_table(conn: Connection) -> bool:
    return inspect(conn).has_table(audit_note.name)


def read_notes(conn: Connection) -> list[Note]:
    """Every stored checkpoint, signatures of rows with the same text merged, by size.
    A row that does not parse is skipped here; `audit verify --trust` reports it."""
    if not has_notes_table(conn):
        return []
    merged: dict[str, Note] = {}
    for (text,) in conn.execute(select(audit_note.c.note).order_by(audit_note.c.size, audit_note.c.id)):
        try:
            note = parse_note(text)
        except AuditUsageError:
            continue
        merged[note.text] = merged[note.text].merged(note) if note.text in merged else note
    return list(merged.values())


def bad_rows(conn: Connection) -> list[str]:
    """Ids of stored notes that are not signed notes at all."""
    if not has_notes_table(conn):
        return []
    out = []
    for nid, text in conn.execute(select(audit_note.c.id, audit_note.c.note).order_by(audit_note.c.id)):
        try:
            parse_note(text)
        except AuditUsageError:
            out.append(str(nid))
    return out


def notes_of(engine: Engine) -> list[Note]:
    with engine.connect() as conn:
        return read_notes(conn)


def latest_signed_text(engine: Engine, cp: Checkpoint) -> str | None:
    """The signed checkpoint of the whole log (size cp.size), every signature received;
    signs one now when a key is configured and none is stored. None: nothing signed, no key."""
    signer = signer_from_env()
    with engine.connect() as conn:
        notes = read_notes(conn)
    from audit.notes import parse_tree_head

    for note in notes:
        head = parse_tree_head(note.text)
        if head.size == cp.size and head.root.hex() == cp.root and (signer is None or head.origin == signer.name):
            return note.to_text()
    if signer is None:
        return None
    with engine.begin() as conn:
        return sign_head(conn, signer, cp.size, bytes.fromhex(cp.root)).to_text()
