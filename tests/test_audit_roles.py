"""PostgreSQL: migrations run as an owner role; the application's role may only INSERT and
SELECT on the audit tables, so it can neither rewrite nor un-protect its own log."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from test_audit_support import build_log, record_run
from trust_support import ORIGIN

from audit.notes import new_signer
from mutasi.cli.app import main

PG_URL = os.environ.get("MUTASI_TEST_PG_URL", "")
pytestmark = pytest.mark.postgres


@pytest.fixture
def roles() -> Iterator[tuple[str, str, str]]:
    """(owner URL, app URL, app role) on a new database owned by a new owner role."""
    if not PG_URL:
        if os.environ.get("MUTASI_REQUIRE_PG") == "1":
            pytest.fail("MUTASI_REQUIRE_PG=1 but MUTASI_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured (MUTASI_TEST_PG_URL)")
    tag = uuid.uuid4().hex[:10]
    name, owner, app = f"mutasi_roles_{tag}", f"mutasi_own_{tag}", f"mutasi_app_{tag}"
    admin = create_engine(make_url(PG_URL).set(username="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{owner}" LOGIN CREATEROLE'))  # a DBA-like owner
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER "{owner}"'))
    base = make_url(PG_URL).set(database=name)
    try:
        yield (base.set(username=owner).render_as_string(hide_password=False),
               base.set(username=app).render_as_string(hide_password=False), app)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{app}"'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{owner}"'))
        admin.dispose()


REFUSED = [
    "UPDATE audit_entry SET body = body WHERE seq = 3",
    "DELETE FROM audit_entry WHERE seq >= 11",
    "TRUNCATE audit_entry",
    "DROP TRIGGER audit_entry_no_change ON audit_entry",
    "ALTER TABLE audit_entry DISABLE TRIGGER ALL",
    "ALTER TABLE audit_entry ADD COLUMN note text",
    "DROP TABLE audit_entry",
    "UPDATE audit_note SET note = note",
    "DELETE FROM audit_note",
    "TRUNCATE audit_note",
    "DROP TRIGGER audit_note_no_change ON audit_note",
    "CREATE TABLE audit_entry_copy (x int)",
]


def test_app_role_only_inserts_and_selects(roles, monkeypatch, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    owner_url, app_url, app = roles
    assert main(["db", "init-roles", "--db", owner_url, "--app-role", app]) == 0
    agency = new_signer(ORIGIN)
    monkeypatch.setenv("MUTASI_SIGNING_KEY", agency.private_text().strip())
    log, engine = build_log(app_url)  # the application works as this role, signing included
    record_run(log, "evaluate", "2026-12-05", ["C"])
    assert log.verify().ok
    refused = []
    for stmt in REFUSED:
        with engine.connect() as conn:
            try:
                conn.execute(text(stmt))
                conn.commit()
            except DBAPIError as exc:
                conn.rollback()
                msg = str(exc.orig)
                assert "permission denied" in msg or "must be owner" in msg, (stmt, msg)
                refused.append(stmt)
    engine.dispose()
    assert refused == REFUSED
    # init-roles is idempotent and refuses to hand the owner's own role to the application
    assert main(["db", "init-roles", "--db", owner_url, "--app-role", app]) == 0
    owner = make_url(owner_url).username
    assert main(["db", "init-roles", "--db", owner_url, "--app-role", str(owner)]) == 2


def test_owner_dropping_the_trigger_and_rewriting_is_caught(roles, monkeypatch, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The owner role can still drop the trigger (someone must run migrations): only the
    witnessed checkpoint catches what it does."""
    from trust_support import trusted_log

    owner_url, app_url, app = roles
    assert main(["db", "init-roles", "--db", owner_url, "--app-role", app]) == 0
    t = trusted_log(app_url, tmp_path, monkeypatch)
    t.engine.dispose()
    own = create_engine(owner_url)
    with own.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_entry_no_change ON audit_entry"))
        conn.execute(text("UPDATE audit_entry SET body = replace(body, :a, :b) WHERE seq = 3"),
                     {"a": '"months_in_post":30', "b": '"months_in_post":36'})
    own.dispose()
    assert main(["audit", "verify", "--db", app_url, "--trust", str(t.policy)]) == 3
