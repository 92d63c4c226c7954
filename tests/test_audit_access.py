"""Access entries (portal sign-ins, changes, views of a person's data): recorded as their own
batch, verified by mutasi and by the independent verifier written from docs/audit-format.md."""

from __future__ import annotations

import sqlite3

import pytest

from audit.access import accesses, append_access
from audit.errors import AuditUsageError
from tests.test_audit_independent import inspect
from tests.test_audit_support import build_log


def test_access_entries_verify_and_read_back(sqlite_url: str) -> None:
    log, engine = build_log(sqlite_url)
    size = log.verify().size
    seq = append_access(engine, "kasubbid.mutasi", "committee", "view", "198703072010081001",
                         "2026-12-02T08:00:00+00:00", {"page": "data"})
    append_access(engine, "198703072010081001", "employee", "sign_in", "198703072010081001", "2026-12-02T08:01:00+00:00")
    assert seq == size
    report = log.verify()
    assert report.ok, report.findings
    assert report.accesses == 2 and report.size == size + 4  # each access is closed by a checkpoint
    seen = accesses(engine, nip="198703072010081001")
    assert [(a.actor, a.action, a.detail) for a in seen] == [
        ("kasubbid.mutasi", "view", {"page": "data"}), ("198703072010081001", "sign_in", {})]
    assert [a.action for a in accesses(engine, actor="kasubbid.mutasi")] == ["view"]
    engine.dispose()
    bad, n, root = inspect(sqlite_url.removeprefix("sqlite:///"))
    assert bad == [] and (n, root) == (report.size, report.root)


def test_tampered_access_entry_is_found(sqlite_url: str) -> None:
    log, engine = build_log(sqlite_url)
    seq = append_access(engine, "kasubbid.mutasi", "committee", "view", "198703072010081001", "2026-12-02T08:00:00+00:00")
    engine.dispose()
    path = sqlite_url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute(f"UPDATE audit_entry SET nip = '199001012019032009' WHERE seq = {seq}")  # hide whose data
    con.commit()
    con.close()
    assert inspect(path)[0] == [seq]
    from audit.log import AuditLog
    from tests.test_audit_support import engine_for

    report = AuditLog(engine_for(sqlite_url), migrate=False).verify()
    assert [f.seq for f in report.findings] == [seq]


@pytest.mark.parametrize("field", ["actor", "role", "action"])
def test_access_entry_needs_who_and_what(sqlite_url: str, field: str) -> None:
    _, engine = build_log(sqlite_url)
    args = {"actor": "a", "role": "employee", "action": "view"}
    args[field] = " "
    with pytest.raises(AuditUsageError):
        append_access(engine, args["actor"], args["role"], args["action"], None, "2026-12-02T08:00:00+00:00")
