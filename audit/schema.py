"""The one audit table, as SQLAlchemy Core (created by audit/migrations, never by create_all).

Only `body` and the hashes carry the record; `kind`, `run_seq`, `entry_key` and `nip` are
copies of body fields kept for indexed look-ups, and `audit verify` checks they agree.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

audit_entry = Table(
    "audit_entry",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),  # leaf index, from 0
    Column("kind", String(16), nullable=False),
    Column("run_seq", Integer, nullable=True),
    Column("entry_key", String(200), nullable=True),
    Column("nip", String(40), nullable=True),
    Column("body", Text, nullable=False),  # canonical JSON; UTF-8 bytes are the leaf data
    Column("leaf_hash", String(64), nullable=False),  # hex SHA-256(0x00 || body)
    Column("chain_hash", String(64), nullable=False),  # hex SHA-256(0x02 || prev || leaf)
    Index("ix_audit_entry_kind_key", "kind", "entry_key"),
    Index("ix_audit_entry_run", "run_seq"),
    Index("ix_audit_entry_nip", "nip"),
)

# Signed checkpoints (C2SP signed notes, docs/audit-format.md section 10): one row per note
# as received; the same checkpoint may appear in several rows with different signatures.
audit_note = Table(
    "audit_note",
    metadata,
    Column("id", String(64), primary_key=True),  # hex SHA-256 of `note`
    Column("size", BigInteger, nullable=False),
    Column("note", Text, nullable=False),
    Index("ix_audit_note_size", "size"),
)

VERSION_TABLE = "audit_alembic_version"
