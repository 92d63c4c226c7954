"""voluntary round tables: the round, its offered positions, the employees' rankings
(docs/plan-and-review.md, "Voluntary round")

Revision ID: 0005_round
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_round"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "voluntary_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("pack", sa.String(length=100), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("keep_current", sa.Boolean(), nullable=False),
        sa.Column("run_order", sa.String(length=20), nullable=False),
        sa.Column("plan_run", sa.Integer(), nullable=True),
        sa.Column("max_choices", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("run_seq", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "voluntary_offer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.String(length=64), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["voluntary_round.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "position_id"),
    )
    with op.batch_alter_table("voluntary_offer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voluntary_offer_round_id"), ["round_id"], unique=False)
    op.create_table(
        "voluntary_ranking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["voluntary_round.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "nip", "rank"),
    )
    with op.batch_alter_table("voluntary_ranking", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voluntary_ranking_nip"), ["nip"], unique=False)
        batch_op.create_index(batch_op.f("ix_voluntary_ranking_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("voluntary_ranking", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voluntary_ranking_round_id"))
        batch_op.drop_index(batch_op.f("ix_voluntary_ranking_nip"))
    op.drop_table("voluntary_ranking")
    with op.batch_alter_table("voluntary_offer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voluntary_offer_round_id"))
    op.drop_table("voluntary_offer")
    op.drop_table("voluntary_round")
