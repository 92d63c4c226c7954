"""PostgreSQL roles: the owner runs migrations; the application's role may only INSERT and
SELECT on the audit tables, so it cannot rewrite, delete, truncate, alter or un-trigger the
log (docs/audit-format.md section 14)."""

from __future__ import annotations

import re

from sqlalchemy import text

from audit.migrate import engine_for, upgrade
from mutasi.errors import UsageError
from mutasi.store.db import open_store

AUDIT_TABLES = ("audit_entry", "audit_note")
READ_ONLY_TABLES = ("audit_alembic_version", "alembic_version")


def init_roles(owner_url: str, app_role: str, app_password: str | None = None) -> None:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", app_role):
        raise UsageError(f"--app-role: '{app_role}' must be lowercase letters, digits and _ (a PostgreSQL name)")
    engine = engine_for(owner_url)
    if engine.dialect.name != "postgresql":
        raise UsageError("--db: init-roles is for PostgreSQL; a SQLite file has one user, see docs/audit-format.md 14")
    upgrade(engine)
    open_store(owner_url).dispose()
    with engine.begin() as conn:
        me = conn.execute(text("SELECT current_user")).scalar()
        if me == app_role:
            raise UsageError("--app-role must differ from the owner role of --db (the one running migrations)")
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": app_role}).first()
        if exists is None:
            can = conn.execute(text("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
            if not can:
                raise UsageError(f"--app-role: role '{app_role}' does not exist and {me} may not create roles: "
                                 f"have a DBA run CREATE ROLE \"{app_role}\" LOGIN, then run this again")
            conn.execute(text(f'CREATE ROLE "{app_role}" LOGIN'))
        elif conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = :r"), {"r": app_role}).scalar():
            raise UsageError(f"--app-role: '{app_role}' is a superuser; it could rewrite anything")
        if app_password:
            pw = conn.execute(text("SELECT quote_literal(:p)"), {"p": app_password}).scalar()
            conn.execute(text(f'ALTER ROLE "{app_role}" PASSWORD {pw}'))
        dbname = conn.execute(text("SELECT current_database()")).scalar()
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{dbname}" TO "{app_role}"'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA public TO "{app_role}"'))
        tables = [t for (t,) in conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))]
        for t in tables:
            conn.execute(text(f'REVOKE ALL ON "{t}" FROM PUBLIC, "{app_role}"'))
            if t in AUDIT_TABLES:
                grant = "SELECT, INSERT"
            elif t in READ_ONLY_TABLES:
                grant = "SELECT"
            else:
                grant = "SELECT, INSERT, UPDATE, DELETE"
            conn.execute(text(f'GRANT {grant} ON "{t}" TO "{app_role}"'))
        conn.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{app_role}"'))
    engine.dispose()
