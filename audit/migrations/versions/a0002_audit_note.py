"""audit_note: signed checkpoints and witness cosignatures (insert-only, like audit_entry).

Revision ID: a0002
Revises: a0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a0002"
down_revision = "a0001"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    """CREATE TRIGGER audit_note_no_update BEFORE UPDATE ON audit_note
       BEGIN SELECT RAISE(ABORT, 'MUT-A001 UPDATE on audit_note refused: the audit log is append-only'); END""",
    """CREATE TRIGGER audit_note_no_delete BEFORE DELETE ON audit_note
       BEGIN SELECT RAISE(ABORT, 'MUT-A001 DELETE on audit_note refused: the audit log is append-only'); END""",
]

PG_TRIGGERS = [
    """CREATE TRIGGER audit_note_no_change BEFORE UPDATE OR DELETE ON audit_note
       FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_note_no_truncate BEFORE TRUNCATE ON audit_note
       FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
]


def upgrade() -> None:
    op.create_table(
        "audit_note",
        sa.Column("id", sa.String(64), primary_key=True),  # hex SHA-256 of the note
        sa.Column("size", sa.BigInteger, nullable=False),  # tree size it signs
        sa.Column("note", sa.Text, nullable=False),  # the signed note, as text
    )
    op.create_index("ix_audit_note_size", "audit_note", ["size"])
    dialect = op.get_bind().dialect.name
    for stmt in {"sqlite": SQLITE_TRIGGERS, "postgresql": PG_TRIGGERS}.get(dialect, []):
        op.execute(stmt)


def downgrade() -> None:
    raise RuntimeError("the audit log cannot be downgraded")
