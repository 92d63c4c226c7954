"""portal_job.round_id: the voluntary round a committee job runs, or the round a plan job
builds on (docs/portal-committee.md)

Revision ID: 0006_job_round
Revises: 0005_round
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_job_round"
down_revision = "0005_round"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("portal_job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("round_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("portal_job", schema=None) as batch_op:
        batch_op.drop_column("round_id")
