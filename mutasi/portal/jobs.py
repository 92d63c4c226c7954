"""Runs the committee starts in the portal: a row in portal_job, done by a worker thread of
the server with the same run layer as the CLI (mutasi/runs), so the audit run is the one
`mutasi evaluate` / `mutasi plan` would record. The page reads progress from the row.

Progress lives in memory while the run works (SQLite lets one writer at a time, and the run
holds its transaction to the end); the row gets the outcome. One server process runs its own jobs. A job left "running" by a server that stopped is
shown as interrupted: its run was one transaction, so nothing of it was recorded.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, select, update

from engine.problems import MutasiError, problems_of
from mutasi.store.models import table_of
from mutasi.store.portal_models import Job

J = table_of(Job)
KINDS = ("evaluate", "plan", "round")
PLAN_STAGES = 4  # candidates, pairs, solver, audit trail (mutasi/runs/plan_run.py); +1 after a round
ROUND_STAGES = 3  # participants, ranked positions, deferred acceptance (mutasi/runs/round_run.py)
_live: dict[int, tuple[int, int, str]] = {}  # jobs this process works on: (done, total, stage)
_lock = threading.Lock()
_log = logging.getLogger(__name__)
MAX_ERROR = 2000  # portal_job.error holds at most this many characters


@dataclass(frozen=True)
class JobView:
    id: int
    kind: str
    as_of: date
    actor: str
    status: str  # waiting | running | done | failed | interrupted
    done: int
    total: int
    stage: str
    run_seq: int | None
    error: str | None
    created_at: datetime
    finished_at: datetime | None
    round_id: int | None = None  # round: the round run; plan: the round it builds on

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed", "interrupted")


def _view(r: object) -> JobView:
    row = r
    status = str(row.status)  # type: ignore[attr-defined]
    done, total, stage = int(row.done), int(row.total), str(row.stage)  # type: ignore[attr-defined]
    with _lock:
        live = _live.get(int(row.id))  # type: ignore[attr-defined]
    if status in ("waiting", "running"):
        if live is None:
            status = "interrupted"
        else:
            done, total, stage = live
            status = "running"
    return JobView(int(row.id), str(row.kind), row.as_of, str(row.actor), status,  # type: ignore[attr-defined]
                   done, total, stage, row.run_seq, row.error,  # type: ignore[attr-defined]
                   row.created_at, row.finished_at, row.round_id)  # type: ignore[attr-defined]


def get(engine: Engine, job_id: int) -> JobView | None:
    with engine.connect() as conn:
        row = conn.execute(select(J).where(J.c.id == job_id)).first()
    return _view(row) if row is not None else None


def recent(engine: Engine, limit: int = 20) -> list[JobView]:
    with engine.connect() as conn:
        rows = conn.execute(select(J).order_by(J.c.id.desc()).limit(limit)).all()
    return [_view(r) for r in rows]


def _set(engine: Engine, job_id: int, **values: object) -> None:
    with engine.begin() as conn:
        conn.execute(update(J).where(J.c.id == job_id).values(**values))


def db_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def work(engine: Engine, job_id: int, pack: Path) -> None:
    """Do the job (in the calling thread): the run, then its number or the error. The job
    must be live (`start` makes it so)."""
    from mutasi.runs.evaluate_run import run_evaluate
    from mutasi.runs.plan_run import run_plan

    job = get(engine, job_id)
    if job is None:
        return
    _set(engine, job_id, status="running")

    def note(done: int, total: int, stage: str = "") -> None:
        with _lock:
            _live[job_id] = (done, total, stage[:200])

    try:
        if job.kind == "evaluate":
            def tick(done: int, total: int) -> None:
                note(done, total)

            run = run_evaluate(db_url(engine), pack, job.as_of, job.actor, progress=tick).run
        elif job.kind == "round":
            run = _round(engine, job, _stages(note, ROUND_STAGES))
        else:
            say = _stages(note, PLAN_STAGES + (job.round_id is not None))

            from engine.plan import PlanSettings
            from mutasi.paths import EXAMPLES
            from mutasi.store.review_input import read_mapping

            # the defaults of `mutasi plan`: its training catalog, fill weight and tie-break seed
            catalog_file = EXAMPLES / "plan" / "training_catalog.yaml"
            catalog = read_mapping(catalog_file, "training catalog") if catalog_file.exists() else {}
            after, pack = _after_round(engine, job, pack)
            run = run_plan(db_url(engine), pack, job.as_of, job.actor, training_catalog=catalog,
                           settings=PlanSettings(), progress=say, after_round=after).run
        with _lock:
            _, total, _stage = _live.get(job_id, (0, 1, ""))
        _set(engine, job_id, status="done", run_seq=run, done=max(total, 1), total=max(total, 1),
             finished_at=datetime.now(UTC))
    except MutasiError as exc:
        _set(engine, job_id, status="failed", error=record(exc), finished_at=datetime.now(UTC))
    except Exception:  # noqa: BLE001  (a job never takes the server down; the page says it failed)
        _log.exception("portal job %s (%s) failed unexpectedly", job_id, job.kind)
        _set(engine, job_id, status="failed", error=record(None), finished_at=datetime.now(UTC))
    finally:
        with _lock:
            _live.pop(job_id, None)


def record(exc: MutasiError | None) -> str:
    """What a failed job stores (JSON; mutasi/web/problem_text.failure reads it): the
    problems of ``exc`` (code, place, English message), as many as fit; its message when it
    has no code; ``{"unexpected": true}`` for any other error, whose traceback only the
    server's log gets."""
    if exc is None:
        return json.dumps({"unexpected": True})
    found = problems_of(exc)
    if not found:
        text = str(exc)[:MAX_ERROR // 2]
        while len(json.dumps({"message": text}, ensure_ascii=False)) > MAX_ERROR:
            text = text[:len(text) // 2]
        return json.dumps({"message": text}, ensure_ascii=False)
    rows: list[dict[str, object]] = []
    for p in found:
        row = {"file": p.file[:300], "line": p.line, "col": p.col, "code": p.code, "field": p.field,
               "message": p.message[:300], "hint": p.hint[:200]}
        if len(json.dumps({"problems": [*rows, row], "more": len(found)}, ensure_ascii=False)) > MAX_ERROR:
            break
        rows.append(row)
    return json.dumps({"problems": rows, "more": len(found) - len(rows)}, ensure_ascii=False)


def _stages(note: Callable[..., None], total: int) -> Callable[[str], None]:
    """A run's progress callback: each stage it names is one step of ``total``."""
    stage = [0]

    def say(text: str) -> None:
        stage[0] += 1
        note(min(stage[0], total), total, text)

    return say


def _round(engine: Engine, job: JobView, say: Callable[[str], None]) -> int:
    from mutasi.portal import voluntary as V

    if job.round_id is None:
        raise ValueError("a round job names its round")
    return V.run_stored_round(db_url(engine), engine, job.round_id, job.actor, progress=say)


def _after_round(engine: Engine, job: JobView, pack: Path) -> tuple[int | None, Path]:
    """A plan job naming a round builds on that round's run, with the round's pack."""
    from mutasi.portal import voluntary as V

    if job.round_id is None:
        return None, pack
    rnd = V.get_round(engine, job.round_id)
    if rnd is None or rnd.run_seq is None:
        raise V.RoundStateError("vr_err_state", f"round {job.round_id} has not run")
    return rnd.run_seq, V.pack_path(rnd.pack)


def start(engine: Engine, kind: str, as_of: date, actor: str, now: datetime, pack: Path,
          runner: Callable[[Callable[[], None]], None] | None = None, round_id: int | None = None) -> int:
    """Queue a job and start its worker thread; returns the job's number. ``round_id``: the
    voluntary round a round job runs, or the round a plan job builds on."""
    if kind not in KINDS:
        raise ValueError(kind)
    with engine.begin() as conn:
        key = conn.execute(J.insert().values(kind=kind, as_of=as_of, actor=actor, status="waiting", done=0, total=0,
                                             stage="", created_at=now, round_id=round_id)).inserted_primary_key
        job_id = int(key[0]) if key else 0
    with _lock:
        _live[job_id] = (0, 0, "")
    task = lambda: work(engine, job_id, pack)  # noqa: E731
    if runner is not None:
        runner(task)
    else:
        threading.Thread(target=task, name=f"mutasi-job-{job_id}", daemon=True).start()
    return job_id


def busy(engine: Engine) -> bool:
    """Whether a job of this process is still working (one run at a time: runs are numbered
    in one sequence and a second would only wait for the first's transaction)."""
    with _lock:
        return bool(_live)
