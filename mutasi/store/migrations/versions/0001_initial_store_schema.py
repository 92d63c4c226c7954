"""initial store schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "source_file",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "kind"),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "position",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("jf_level", sa.String(length=40), nullable=True),
        sa.Column("eselon", sa.String(length=10), nullable=True),
        sa.Column("rank_min", sa.String(length=8), nullable=True),
        sa.Column("rank_max", sa.String(length=8), nullable=True),
        sa.Column("required_education_levels", sa.JSON(), nullable=False),
        sa.Column("required_majors", sa.JSON(), nullable=False),
        sa.Column("required_competencies", sa.JSON(), nullable=False),
        sa.Column("job_family", sa.String(length=100), nullable=True),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column("is_sekda", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_position_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "abk_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("position_id", sa.String(length=64), nullable=False),
        sa.Column("task", sa.String(length=300), nullable=False),
        sa.Column("completion_time", sa.Float(), nullable=False),
        sa.Column("time_unit", sa.String(length=10), nullable=False),
        sa.Column("yearly_volume", sa.Float(), nullable=False),
        sa.Column("output_unit", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["position.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("abk_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_abk_task_position_id"), ["position_id"], unique=False)

    op.create_table(
        "employee",
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("religion", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=True),
        sa.Column("kedudukan", sa.String(length=40), nullable=True),
        sa.Column("tmt_cpns", sa.Date(), nullable=True),
        sa.Column("tmt_pns", sa.Date(), nullable=True),
        sa.Column("golongan", sa.String(length=8), nullable=True),
        sa.Column("tmt_golongan", sa.Date(), nullable=True),
        sa.Column("unit_id", sa.String(length=64), nullable=True),
        sa.Column("position_id", sa.String(length=64), nullable=True),
        sa.Column("tmt_jabatan", sa.Date(), nullable=True),
        sa.Column("education_level", sa.String(length=4), nullable=True),
        sa.Column("education_major", sa.String(length=200), nullable=True),
        sa.Column("under_examination", sa.Boolean(), nullable=True),
        sa.Column("in_judicial_process", sa.Boolean(), nullable=True),
        sa.Column("on_study_assignment", sa.Boolean(), nullable=True),
        sa.Column("service_bond_until", sa.Date(), nullable=True),
        sa.Column("inspektorat_cleared", sa.Boolean(), nullable=True),
        sa.Column("jpt_inauguration_date", sa.Date(), nullable=True),
        sa.Column("potential", sa.String(length=20), nullable=True),
        sa.Column("potential_score", sa.Float(), nullable=True),
        sa.Column("related_experience_months", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["position.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("nip"),
    )
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employee_position_id"), ["position_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_employee_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "competency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("competency", sa.String(length=200), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["nip"],
            ["employee.nip"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("competency", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_competency_nip"), ["nip"], unique=False)

    op.create_table(
        "discipline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=200), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("decree", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["nip"],
            ["employee.nip"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("discipline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_discipline_nip"), ["nip"], unique=False)

    op.create_table(
        "education",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("level", sa.String(length=4), nullable=False),
        sa.Column("major", sa.String(length=200), nullable=True),
        sa.Column("institution", sa.String(length=200), nullable=True),
        sa.Column("graduation_year", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["nip"],
            ["employee.nip"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("education", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_education_nip"), ["nip"], unique=False)

    op.create_table(
        "position_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("position_id", sa.String(length=64), nullable=True),
        sa.Column("position_name", sa.String(length=200), nullable=False),
        sa.Column("unit_id", sa.String(length=64), nullable=True),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("decree", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["nip"],
            ["employee.nip"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("position_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_position_history_nip"), ["nip"], unique=False)

    op.create_table(
        "preference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("unit_id", sa.String(length=64), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["nip"],
            ["employee.nip"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("preference", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_preference_nip"), ["nip"], unique=False)

    op.create_table(
        "rank_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("golongan", sa.String(length=8), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("decree", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["nip"],
            ["employee.nip"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("rank_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rank_history_nip"), ["nip"], unique=False)

    op.create_table(
        "skp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("predicate", sa.String(length=20), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("regulation", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(
            ["nip"],
            ["employee.nip"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("skp", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skp_nip"), ["nip"], unique=False)

    op.create_table(
        "training",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("hours", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["nip"],
            ["employee.nip"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_nip"), ["nip"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_nip"))

    op.drop_table("training")
    with op.batch_alter_table("skp", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skp_nip"))

    op.drop_table("skp")
    with op.batch_alter_table("rank_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rank_history_nip"))

    op.drop_table("rank_history")
    with op.batch_alter_table("preference", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_preference_nip"))

    op.drop_table("preference")
    with op.batch_alter_table("position_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_position_history_nip"))

    op.drop_table("position_history")
    with op.batch_alter_table("education", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_education_nip"))

    op.drop_table("education")
    with op.batch_alter_table("discipline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_discipline_nip"))

    op.drop_table("discipline")
    with op.batch_alter_table("competency", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competency_nip"))

    op.drop_table("competency")
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employee_unit_id"))
        batch_op.drop_index(batch_op.f("ix_employee_position_id"))

    op.drop_table("employee")
    with op.batch_alter_table("abk_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_abk_task_position_id"))

    op.drop_table("abk_task")
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_position_unit_id"))

    op.drop_table("position")
    op.drop_table("unit")
    op.drop_table("source_file")
