"""audit_entry table, indexes, and triggers refusing UPDATE/DELETE (SQLite, PostgreSQL).

Revision ID: a0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a0001"
down_revision = None
branch_labels = ("audit",)
depends_on = None

SQLITE_TRIGGERS = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'MUT-A001 UPDATE on audit_entry refused: the audit log is append-only'); END""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'MUT-A001 DELETE on audit_entry refused: the audit log is append-only'); END""",
]

PG_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'MUT-A001 % on % refused: the audit log is append-only', TG_OP, TG_TABLE_NAME;
       END $$""",
    """CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry
       FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
]


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("run_seq", sa.Integer, nullable=True),
        sa.Column("entry_key", sa.String(200), nullable=True),
        sa.Column("nip", sa.String(40), nullable=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("leaf_hash", sa.String(64), nullable=False),
        sa.Column("chain_hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_entry_kind_key", "audit_entry", ["kind", "entry_key"])
    op.create_index("ix_audit_entry_run", "audit_entry", ["run_seq"])
    op.create_index("ix_audit_entry_nip", "audit_entry", ["nip"])
    dialect = op.get_bind().dialect.name
    for stmt in {"sqlite": SQLITE_TRIGGERS, "postgresql": PG_TRIGGERS}.get(dialect, []):
        op.execute(stmt)


def downgrade() -> None:
    # An audit log is never dropped by a migration.
    raise RuntimeError("the audit log cannot be downgraded")
