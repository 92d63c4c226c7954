"""A run killed with SIGKILL in the middle leaves no trace; the log verifies and the next
run works (SQLite and PostgreSQL). The child signals when it is mid-run; no timing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from test_audit_support import PACK, build_log

from audit import AuditLog
from audit.migrate import engine_for

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[2])
from test_audit_support import PACK, PACK_TEXT, decision_for, facts_for
from audit import AuditLog
from audit.migrate import engine_for

log = AuditLog(engine_for(sys.argv[1]))
with log.run("evaluate", "2027-02-01", PACK, "child", "h", "2027-02-01T09:00:00Z") as run:
    run.store_pack_text(PACK_TEXT)
    for i in range(3000):
        who = "ABC"[i % 3]
        facts = facts_for(who)
        run.add_snapshot(f"c:{i}", facts)
        run.add_decision(decision_for(who, "2027-02-01", facts), f"c:{i}")
        if i == 1200:  # > 2400 entries appended, several flushes sent to the database
            print("mid-run", flush=True)
            sys.stdin.readline()  # wait here until killed
"""


def test_sigkill_mid_run_leaves_nothing(db_url: str, tmp_path: Path) -> None:
    log, engine = build_log(db_url)
    root_before = log.verify().root
    engine.dispose()
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    tests_dir = str(Path(__file__).resolve().parent)
    child = subprocess.Popen([sys.executable, str(script), db_url, tests_dir],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             cwd=str(Path(tests_dir).parent))
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "mid-run"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL

    engine = engine_for(db_url)
    log = AuditLog(engine)
    report = log.verify()
    assert report.ok, report.findings
    assert (report.size, report.root, report.runs) == (17, root_before, 2)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_entry WHERE run_seq = 3")).scalar() == 0
    # running again works and takes the next run number
    with log.run("evaluate", "2027-02-01", PACK, "again", "h", "2027-02-01T10:00:00Z") as run:
        assert run.run_seq == 3
    assert log.verify().ok and log.verify().size == 19  # run header + checkpoint
    engine.dispose()
