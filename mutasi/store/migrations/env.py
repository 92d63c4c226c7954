"""Alembic environment of the store. Run through mutasi.store.db.open_store, not alembic.ini."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import engine_from_config, pool

from mutasi.store import models

config = context.config
VERSION_TABLE = "alembic_version"  # the audit keeps its own (audit_alembic_version)


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    section = config.get_section(config.config_ini_section) or {}
    connectable = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as conn:
        _run(conn)


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=models.SQLModel.metadata,
        version_table=VERSION_TABLE,
        include_object=models.include_object,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
