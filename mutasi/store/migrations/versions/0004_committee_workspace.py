"""committee workspace: answers to data-error reports, accepted corrections, portal jobs
(docs/portal-committee.md)

Revision ID: 0004
Revises: 0003_service_bond
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003_service_bond"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("portal_data_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answer", sa.String(length=5000), nullable=True))
        batch_op.add_column(sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("answered_by", sa.String(length=100), nullable=True))
    op.create_table(
        "portal_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("old_value", sa.String(length=200), nullable=True),
        sa.Column("new_value", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["portal_data_report.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("portal_correction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portal_correction_report_id"), ["report_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_portal_correction_nip"), ["nip"], unique=False)
    op.create_table(
        "portal_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=200), nullable=False),
        sa.Column("run_seq", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=2000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("portal_job")
    with op.batch_alter_table("portal_correction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_correction_nip"))
        batch_op.drop_index(batch_op.f("ix_portal_correction_report_id"))
    op.drop_table("portal_correction")
    with op.batch_alter_table("portal_data_report", schema=None) as batch_op:
        batch_op.drop_column("answered_by")
        batch_op.drop_column("answered_at")
        batch_op.drop_column("answer")
