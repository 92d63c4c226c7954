"""Alembic environment of the audit tables (own version table: audit_alembic_version).

Run through audit.migrate.upgrade(), which passes an open connection.
"""

from __future__ import annotations

from alembic import context

from audit.schema import VERSION_TABLE, metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
