"""An append reads only the leaves added since this process last committed to the log (issue
18: each portal page view appends an access entry; it must not re-read the whole log), and
falls back to reading every leaf whenever what it remembers does not fit the database."""

from __future__ import annotations

import copy
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from audit import AuditLog
from audit import appender as A
from audit.access import append_access

AT = "2026-11-22T08:00:00+07:00"


def _log(url: str) -> AuditLog:
    return AuditLog(create_engine(url))


def _leaf_reads(engine: Engine) -> list[str]:
    seen: list[str] = []

    def spy(conn: object, cursor: object, statement: str, *args: object) -> None:
        if "leaf_hash" in statement and "chain_hash" not in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", spy)
    return seen


def _access(log: AuditLog, n: int) -> None:
    for i in range(n):
        append_access(log.engine, f"staff{i}", "committee", "view", "198001012005011001", AT, {"page": i})


def test_an_access_entry_reads_only_the_new_leaves(tmp_path: Path) -> None:
    log = _log(f"sqlite:///{tmp_path / 'a.db'}")
    _access(log, 3)
    reads = _leaf_reads(log.engine)
    _access(log, 2)
    assert len(reads) == 2 and all("seq >=" in s for s in reads)
    assert log.verify().ok  # every checkpoint's root recomputed from all the leaves


def test_entries_another_process_wrote_are_read(tmp_path: Path) -> None:
    log = _log(f"sqlite:///{tmp_path / 'b.db'}")
    _access(log, 2)
    mine = copy.deepcopy(A._KNOWN)  # what this process knows: 4 leaves
    _access(log, 3)  # as if written by another process: this one remembers only its own
    A._KNOWN.clear()
    A._KNOWN.update(mine)
    _access(log, 1)
    assert log.verify().ok
    assert log.verify().size == 12


def test_another_log_at_the_same_address_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    first = _log(f"sqlite:///{path}")
    _access(first, 3)  # 6 leaves remembered
    first.engine.dispose()
    remembered = copy.deepcopy(A._KNOWN)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    second = _log(f"sqlite:///{path}")
    append_access(second.engine, "other", "admin", "sign_in", None, AT)
    _access(second, 3)  # 8 leaves, another chain at leaf 5 than the one remembered
    A._KNOWN.clear()
    A._KNOWN.update(remembered)
    reads = _leaf_reads(second.engine)
    _access(second, 1)
    assert reads and "seq >=" not in reads[0]  # the whole log read: the remembered tree was not this one
    assert second.verify().ok and second.verify().size == 10
