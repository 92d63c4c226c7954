"""unit.region_code and unit.hardship (where a unit lies, whether it is a hardship posting),
and the circumstance table (what a person declared for the voluntary round's points, with
the committee's verification), issue 20

Revision ID: 0007_circumstances
Revises: 0006_job_round
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_circumstances"
down_revision = "0006_job_round"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("region_code", sa.String(length=13), nullable=True))
        batch_op.add_column(sa.Column("hardship", sa.Boolean(), nullable=True))
    op.create_table(
        "circumstance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("document", sa.String(length=300), nullable=False),
        sa.Column("verified_by", sa.String(length=200), nullable=True),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["nip"], ["employee.nip"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("circumstance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_circumstance_nip"), ["nip"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("circumstance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circumstance_nip"))
    op.drop_table("circumstance")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_column("hardship")
        batch_op.drop_column("region_code")
