"""portal tables: accounts, sessions, sign-in attempts, activation codes, publications,
preference rounds, data-error reports, responses, uploads (docs/portal.md)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "portal_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=True),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("totp_secret", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("nip"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "portal_activation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("code_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_sha256"),
    )
    with op.batch_alter_table("portal_activation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portal_activation_nip"), ["nip"], unique=False)

    op.create_table(
        "portal_publication",
        sa.Column("run_seq", sa.Integer(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("sk_number", sa.String(length=100), nullable=True),
        sa.Column("announced_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("run_seq"),
    )
    op.create_table(
        "portal_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("max_choices", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "portal_signin_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("portal_signin_attempt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_portal_signin_attempt_address"), ["address"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_portal_signin_attempt_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_portal_signin_attempt_username"), ["username"], unique=False
        )

    op.create_table(
        "portal_upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=60), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("portal_upload", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portal_upload_nip"), ["nip"], unique=False)

    op.create_table(
        "portal_data_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt", sa.String(length=40), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("item", sa.String(length=40), nullable=False),
        sa.Column("message", sa.String(length=2000), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["upload_id"],
            ["portal_upload.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("receipt"),
    )
    with op.batch_alter_table("portal_data_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portal_data_report_nip"), ["nip"], unique=False)

    op.create_table(
        "portal_preference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["portal_round.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "nip", "rank"),
    )
    with op.batch_alter_table("portal_preference", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portal_preference_nip"), ["nip"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_portal_preference_round_id"), ["round_id"], unique=False
        )

    op.create_table(
        "portal_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt", sa.String(length=40), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("run_seq", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(length=5000), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answer", sa.String(length=5000), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["upload_id"],
            ["portal_upload.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("receipt"),
    )
    with op.batch_alter_table("portal_response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portal_response_nip"), ["nip"], unique=False)

    op.create_table(
        "portal_session",
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["portal_account.id"],
        ),
        sa.PrimaryKeyConstraint("token_sha256"),
    )
    with op.batch_alter_table("portal_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_portal_session_account_id"), ["account_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("portal_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_session_account_id"))

    op.drop_table("portal_session")
    with op.batch_alter_table("portal_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_response_nip"))

    op.drop_table("portal_response")
    with op.batch_alter_table("portal_preference", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_preference_round_id"))
        batch_op.drop_index(batch_op.f("ix_portal_preference_nip"))

    op.drop_table("portal_preference")
    with op.batch_alter_table("portal_data_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_data_report_nip"))

    op.drop_table("portal_data_report")
    with op.batch_alter_table("portal_upload", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_upload_nip"))

    op.drop_table("portal_upload")
    with op.batch_alter_table("portal_signin_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_signin_attempt_username"))
        batch_op.drop_index(batch_op.f("ix_portal_signin_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_portal_signin_attempt_address"))

    op.drop_table("portal_signin_attempt")
    op.drop_table("portal_round")
    op.drop_table("portal_publication")
    with op.batch_alter_table("portal_activation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_activation_nip"))

    op.drop_table("portal_activation")
    op.drop_table("portal_account")
