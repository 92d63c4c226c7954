"""employee.no_service_bond_source: an explicit "no service bond" with its source, so that
a bond on file, no bond, and nothing on file can be told apart (issue #17)

Revision ID: 0003_service_bond
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_service_bond"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("no_service_bond_source", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_column("no_service_bond_source")
