"""Alembic environment of the store. Run through mutasi.store.db.open_store, not alembic.ini."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import engine_from_config, pool

from mutasi.store import models

config = context.config
target_metadata = models.SQLModel.metadata
# The audit has its own tables and version table in the same database: leave them alone.
_MODELS: tuple[Any, ...] = (
    models.Unit,
    models.Position,
    models.Employee,
    models.AbkTask,
    models.Preference,
    models.SourceFile,
    *models.HISTORY_TABLES,
)
OWN_TABLES = {m.__table__.name for m in _MODELS}
VERSION_TABLE = "alembic_version"


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    if type_ == "table":
        return name in OWN_TABLES
    table = getattr(obj, "table", None)
    return table is None or table.name in OWN_TABLES


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    connectable = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as conn:
        _run(conn)


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=VERSION_TABLE,
        include_object=include_object,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
