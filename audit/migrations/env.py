"""Alembic environment of the audit tables (own version table: audit_alembic_version).

Run through audit.migrate.upgrade(), which passes an open connection. The store's tables
live in the same database: autogenerate must leave them alone.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from audit.schema import VERSION_TABLE, metadata

OWN_TABLES = set(metadata.tables)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "table":
        return name in OWN_TABLES
    table = getattr(obj, "table", None)
    return table is None or table.name in OWN_TABLES


connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, version_table=VERSION_TABLE,
                  include_object=include_object)
with context.begin_transaction():
    context.run_migrations()
