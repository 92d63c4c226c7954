"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL.

PostgreSQL runs when MUTASI_TEST_PG_URL points at a server (e.g.
postgresql://postgres@127.0.0.1:55432/postgres); each test gets its own new database there.
With MUTASI_REQUIRE_PG=1 (set by .ci/run) a missing server is a failure, not a skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("MUTASI_TEST_PG_URL", "")


def _pg_database() -> Iterator[str]:
    if not PG_URL:
        if os.environ.get("MUTASI_REQUIRE_PG") == "1":
            pytest.fail("MUTASI_REQUIRE_PG=1 but MUTASI_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured (MUTASI_TEST_PG_URL)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"mutasi_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    # MUTASI_TEST_PG_AS_APP=1 (.ci/run): the database belongs to an owner role that runs the
    # migrations, and the test connects as the application's role (INSERT/SELECT on the log).
    as_app = os.environ.get("MUTASI_TEST_PG_AS_APP") == "1"
    owner, app = f"{name}_owner", f"{name}_app"
    with admin.connect() as conn:
        if as_app:
            conn.execute(text(f'CREATE ROLE "{owner}" LOGIN CREATEROLE'))
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' OWNER "{owner}"' if as_app else "")))
    url = make_url(PG_URL).set(database=name)
    try:
        if as_app:
            from mutasi.store.roles import init_roles

            init_roles(url.set(username=owner).render_as_string(hide_password=False), app)
            url = url.set(username=app)
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if as_app:
                conn.execute(text(f'DROP ROLE IF EXISTS "{app}"'))
                conn.execute(text(f'DROP ROLE IF EXISTS "{owner}"'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to a new, empty database; the test owns it."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'mutasi.db'}"
    else:
        yield from _pg_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'mutasi.db'}"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def portal_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The portal tests' small region, built once; tests work on copies (`region`), never on it."""
    from tests.portal_helpers import build_region

    reg = build_region(f"sqlite:///{tmp_path_factory.mktemp('portal') / 'template.db'}")
    reg.engine.dispose()
    yield reg


@pytest.fixture
def region(portal_template: object, tmp_path: Path) -> Iterator[object]:
    """A fresh copy of the portal region for one test (a module may define its own `region`)."""
    from tests.portal_helpers import Region, copy_region

    assert isinstance(portal_template, Region)
    reg = copy_region(portal_template, tmp_path)
    yield reg
    reg.engine.dispose()


@pytest.fixture(scope="session")
def round_template(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The voluntary round tests' demo region (tests/round_helpers.py), built once; tests
    work on copies."""
    from tests.round_helpers import build_round_region

    tmp = tmp_path_factory.mktemp("round")
    return build_round_region(f"sqlite:///{tmp / 'r.db'}", tmp)
