"""Replay of a seeded sample in the background, for a page that refreshes itself (no
JavaScript): the draw is recorded in the audit log first (audit/sample.py, the same draw
as `mutasi audit replay --sample`), then a thread replays one decision after another and
the page reads how far it got.

Jobs live in the server process (the portal runs as one process, docs/deploy.md): after a
restart a job is gone, and the same size and seed draw the same sample again.
"""

from __future__ import annotations

import logging
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine

from audit import AuditLog
from audit.access import append_access
from audit.sample import Draw, Outcome, draw, replay_each

MAX_SAMPLE = 500  # a page replays at most this many (the CLI has no such limit)
MAX_JOBS = 50  # kept per server; the oldest finished ones are forgotten first


@dataclass
class Job:
    id: str
    owner: int  # account id: only whoever started it sees it
    draw: Draw
    started: datetime
    outcomes: list[Outcome] = field(default_factory=list)
    finished: bool = False
    failed: str = ""  # why the whole job stopped (e.g. the database went away)

    @property
    def total(self) -> int:
        return len(self.draw.ids)


_JOBS: dict[str, Job] = {}
_LOCK = threading.Lock()


def start(engine: Engine, owner: int, actor: str, run: int | None, size: int, seed: int, now: datetime,
          address: str) -> Job:
    """Record the draw (size, seed, run) as an access entry, then replay it in a thread."""
    chosen = draw(engine, run, size, seed)
    append_access(engine, actor, "inspector", "replay_sample", None, now.isoformat(timespec="seconds"),
                  {"address": address, **chosen.to_dict()})
    job = Job(secrets.token_urlsafe(12), owner, chosen, now)
    with _LOCK:
        finished = sorted((j for j in _JOBS.values() if j.finished), key=lambda j: j.started)
        while len(_JOBS) >= MAX_JOBS and finished:
            _JOBS.pop(finished.pop(0).id, None)
        _JOBS[job.id] = job
    threading.Thread(target=_work, args=(engine, job), daemon=True, name=f"replay-{job.id}").start()
    return job


def _work(engine: Engine, job: Job) -> None:
    try:
        replay_each(AuditLog(engine, migrate=False), job.draw.ids, progress=job.outcomes.append)
    except Exception as exc:  # noqa: BLE001  (a dead thread must still tell the page)
        logging.getLogger(__name__).exception("inspector replay job %s failed", job.id)
        job.failed = type(exc).__name__  # for the log and tests; the page shows a sentence only
    finally:
        job.finished = True


def get(job_id: str, owner: int) -> Job | None:
    with _LOCK:
        job = _JOBS.get(job_id)
    return job if job is not None and job.owner == owner else None


def wait(job: Job, timeout: float = 60.0) -> bool:
    """Tests: wait until the job is finished."""
    import time

    end = time.monotonic() + timeout
    while not job.finished and time.monotonic() < end:
        time.sleep(0.05)
    return job.finished
