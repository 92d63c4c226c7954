"""A plan is a record of its own in the audit log: written once by a plan run, read back by
AuditLog.plan, checked by verify (docs/audit-format.md, kind `plan`)."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import create_engine

from audit.errors import AuditUsageError
from audit.log import AuditLog

PACK_TEXT = "{}"
PACK = {"id": "test", "version": "1.0.0", "hash": hashlib.sha256(PACK_TEXT.encode()).hexdigest()}
PLAN = {"placements": [{"nip": "11", "position_id": "D1"}], "summary": {"slots_filled": 1}}


def _log(url: str) -> AuditLog:
    return AuditLog(create_engine(url), migrate=True)


def test_a_plan_run_records_its_plan_once_and_reads_it_back(sqlite_url: str) -> None:
    log = _log(sqlite_url)
    with log.run("plan", "2026-11-22", PACK, "Tim", "a" * 64, "2026-11-22T08:00:00+00:00") as run:
        run.store_pack_text(PACK_TEXT)
        run.add_plan(PLAN)
        with pytest.raises(AuditUsageError, match="has its plan already"):
            run.add_plan(PLAN)
    assert log.plan(1) == PLAN and log.plan(2) is None
    assert log.verify().ok


def test_only_a_plan_run_records_a_plan(sqlite_url: str) -> None:
    log = _log(sqlite_url)
    with pytest.raises(AuditUsageError, match="evaluate run records no plan"), \
            log.run("evaluate", "2026-11-22", PACK, "Tim", "a" * 64, "2026-11-22T08:00:00") as run:
        run.store_pack_text(PACK_TEXT)
        run.add_plan(PLAN)
    assert log.list_runs() == []  # rolled back
