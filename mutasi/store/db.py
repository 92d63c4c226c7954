"""Open the store: any SQLAlchemy URL (SQLite file by default), migrated to head."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from mutasi.errors import UsageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def require_existing(url: str) -> None:
    """Refuse a SQLite file that does not exist: a command that reads (verify, report,
    evaluate...) must never create an empty database and report on it."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError(f"--db: '{url}' is not a SQLAlchemy database URL") from None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return
    name = parsed.database.removeprefix("file:") if parsed.query.get("uri") else parsed.database
    if not Path(name).exists():
        raise UsageError(
            f"no database at {name}: run `mutasi demo` or `mutasi import` first, or point --db at one"
        )


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def open_store(url: str, migrate: bool = True) -> Engine:
    """Return an Engine for ``url`` after applying the store's migrations up to head."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError(f"--db: '{url}' is not a SQLAlchemy database URL") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError, OSError) as exc:
        raise UsageError(f"--db: cannot use '{parsed.render_as_string()}': {exc}") from None
    if migrate:
        try:
            upgrade(engine)
        except DBAPIError as exc:
            engine.dispose()
            raise UsageError(db_refusal(parsed.render_as_string(), exc)) from None
    return engine


def db_refusal(where: str, exc: Exception) -> str:
    """One line saying why a database cannot be used (not a database, unreachable, ...)."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    if "file is not a database" in reason:
        reason += " (this file is not a mutasi database)"
    return f"cannot open database {where}: {reason}"


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cursor = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
