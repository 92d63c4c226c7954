"""Apply the audit migrations (own Alembic script location and version table)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"


def upgrade(engine: Engine) -> None:
    """Bring the audit tables to the newest revision (idempotent)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def engine_for(url: str) -> Engine:
    """An Engine for a --db URL; plain postgresql:// uses psycopg2 when psycopg 3 is absent
    (SQLAlchemy 2.1 defaults to psycopg 3)."""
    u = make_url(url)
    if u.drivername == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError:
            u = u.set(drivername="postgresql+psycopg2")
    return create_engine(u)
