"""The committee's runs: every recorded run, a new evaluation or plan as a background job
with its progress, one run's page (plan, evaluation or review), the workload chart, the
committee report as PDF/CSV, and the SK-draft review upload."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from starlette.responses import RedirectResponse, Response

from audit.log import AuditLog
from audit.readers import RunHeader
from engine.problems import MutasiError
from engine.round import RoundOrder
from mutasi.portal import jobs, runs_view
from mutasi.portal import voluntary as V
from mutasi.web import auditing, problem_text, text_committee  # noqa: F401  (the committee's sentences)
from mutasi.web.deps import Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.text import tr
from mutasi.web.views import error, render

REFRESH_SECONDS = 2


def _int(text: str, limit: int = 9) -> int | None:
    return int(text) if text.isdigit() and len(text) < limit else None


def _actor(ctx: Ctx) -> str:
    assert ctx.user is not None
    return ctx.user.username


def _published_rounds(ctx: Ctx) -> list[V.StoredRound]:
    """Rounds a plan may build on: run and published, recorded before the plan."""
    return [r for r in V.list_rounds(ctx.cfg.engine) if r.state == "published" and r.run_seq is not None
            and r.settings.order is RoundOrder.BEFORE_PLAN]


def _runs_page(ctx: Ctx, status: int = 200, message: str = "") -> Response:
    return render(ctx, "committee_runs.html.j2", status=status, runs=runs_view.overview(ctx.cfg.engine, ctx.lang),
                  jobs=jobs.recent(ctx.cfg.engine, 5), today=ctx.cfg.today().isoformat(), message=message,
                  rounds=_published_rounds(ctx))


@page("/tim", Permission.COMMITTEE)
def committee_home(ctx: Ctx) -> Response:
    from mutasi.portal import queue

    waiting = queue.items(ctx.cfg.engine)
    return render(ctx, "committee_home.html.j2", waiting=len(waiting))


@page("/tim/proses", Permission.COMMITTEE)
def committee_runs(ctx: Ctx) -> Response:
    return _runs_page(ctx)


@page("/tim/proses", Permission.COMMITTEE, methods=("POST",))
def committee_start_run(ctx: Ctx) -> Response:
    kind = ctx.form.get("kind", "")
    try:
        as_of = date.fromisoformat(ctx.form.get("as_of", "").strip())
    except ValueError:
        return _runs_page(ctx, 400, tr("err_as_of", ctx.lang))
    if kind not in ("evaluate", "plan"):  # a round job starts from its round's page
        return _runs_page(ctx, 400, tr("err_bad_form", ctx.lang))
    round_id = None
    picked = ctx.form.get("after_round", "").strip()
    if kind == "plan" and picked:
        rnd = next((r for r in _published_rounds(ctx) if str(r.id) == picked), None)
        if rnd is None:
            return _runs_page(ctx, 400, tr("err_bad_form", ctx.lang))
        round_id, as_of = rnd.id, rnd.closes_on  # the plan is decided as of the round's date
    if jobs.busy(ctx.cfg.engine):
        return _runs_page(ctx, 409, tr("err_job_busy", ctx.lang))
    job = jobs.start(ctx.cfg.engine, kind, as_of, _actor(ctx), ctx.now, ctx.cfg.pack, round_id=round_id)
    auditing.record(ctx, "start_run", None, {"job": job, "run_kind": kind, "as_of": as_of.isoformat(),
                                             "after_round": round_id})
    return RedirectResponse(f"/tim/tugas/{job}", status_code=303)


@page("/tim/tugas/{job}", Permission.COMMITTEE)
def committee_job(ctx: Ctx) -> Response:
    n = _int(ctx.path_param("job"))
    job = jobs.get(ctx.cfg.engine, n) if n is not None else None
    if job is None:
        return error(ctx, 404, "err_not_found")
    rnd = V.get_round(ctx.cfg.engine, job.round_id) if job.round_id is not None else None
    failed = problem_text.failure(job.error, ctx.lang) if job.status == "failed" else None
    return render(ctx, "committee_job.html.j2", job=job, round=rnd, failure=failed,
                  refresh=0 if job.finished else REFRESH_SECONDS)


def _run_header(ctx: Ctx, run: int) -> RunHeader | None:
    return AuditLog(ctx.cfg.engine).run_header(run)


@page("/tim/proses/{run}", Permission.COMMITTEE)
def committee_run(ctx: Ctx) -> Response:
    run = _int(ctx.path_param("run"))
    head = _run_header(ctx, run) if run is not None else None
    if head is None or run is None:
        return error(ctx, 404, "err_not_found")
    # a list of many people's decisions: one access entry naming the run
    auditing.record(ctx, "view", None, {"page": "run", "run": run})
    if head.kind == "round":  # a round is read on its own page
        found = next((r for r in V.list_rounds(ctx.cfg.engine) if r.run_seq == run), None)
        return RedirectResponse(f"/tim/putaran-sukarela/{found.id}" if found else f"/tim/proses/{run}/putaran",
                                status_code=303)
    if head.kind == "review":
        moves = runs_view.review_moves(ctx.cfg.engine, run, ctx.lang) or []
        return render(ctx, "committee_review_run.html.j2", head=head, moves=moves)
    from reports.i18n import t as report_t

    def rt(key: str) -> str:
        return report_t(key, ctx.lang)

    report = runs_view.committee_context(ctx.cfg.engine, run, ctx.lang)
    listed, total = runs_view.decision_list(ctx.cfg.engine, run, ctx.lang) if head.kind == "evaluate" else ([], 0)
    return render(ctx, "committee_plan.html.j2", head=head, r=report, rt=rt,
                  placed=runs_view.placement_ids(ctx.cfg.engine, run), listed=listed, total=total)


@page("/tim/proses/{run}/putaran", Permission.COMMITTEE)
def committee_round_run(ctx: Ctx) -> Response:
    """A round run from a rankings file (no round in the store): its cut-off report."""
    from mutasi.report_source import AuditStoreSource
    from reports.render import render as render_report
    from reports.round_report import build_round_report
    from reports.source import pick_run

    run = _int(ctx.path_param("run"))
    head = _run_header(ctx, run) if run is not None else None
    if head is None or head.kind != "round":
        return error(ctx, 404, "err_not_found")
    source = AuditStoreSource(ctx.cfg.engine)
    html = render_report("round_report.html.j2", build_round_report(source, pick_run(source, str(run), ("round",)),
                                                                    ctx.lang))
    auditing.record(ctx, "view", None, {"page": "round_run", "run": run})
    from mutasi.web.routes.voluntary import letter_response

    return letter_response(html)


@page("/tim/proses/{run}/beban-kerja.png", Permission.COMMITTEE)
def committee_chart(ctx: Ctx) -> Response:
    run = _int(ctx.path_param("run"))
    png = runs_view.workload_png(ctx.cfg.engine, run, ctx.lang) if run is not None else None
    if png is None:
        return error(ctx, 404, "err_not_found")
    return Response(png, media_type="image/png")


def _report(ctx: Ctx, fmt: str) -> Response:
    from mutasi.report_source import AuditStoreSource
    from reports.build import contexts, encode
    from reports.config import load_config
    from reports.factmeta import from_engine

    run = _int(ctx.path_param("run"))
    head = _run_header(ctx, run) if run is not None else None
    if head is None or head.kind not in ("plan", "evaluate"):
        return error(ctx, 404, "err_not_found")
    try:  # exactly `mutasi report committee --run R --format F`
        docs = contexts("committee", AuditStoreSource(ctx.cfg.engine), str(run), ctx.lang, from_engine(),
                        load_config(None), fmt=fmt)
        stem, template, rctx = docs[0]
        data = encode(rctx, template, fmt)
    except MutasiError as exc:
        return render(ctx, "error.html.j2", status=409, message=tr("err_report", ctx.lang),
                      problems=problem_text.views(exc, ctx.lang))
    auditing.record(ctx, "export", None, {"report": "committee", "run": run, "format": fmt})
    media = "application/pdf" if fmt == "pdf" else "text/csv; charset=utf-8"
    return Response(data, media_type=media, headers={"content-disposition": f'attachment; filename="{stem}.{fmt}"'})


@page("/tim/proses/{run}/laporan.pdf", Permission.COMMITTEE)
def committee_report_pdf(ctx: Ctx) -> Response:
    return _report(ctx, "pdf")


@page("/tim/proses/{run}/laporan.csv", Permission.COMMITTEE)
def committee_report_csv(ctx: Ctx) -> Response:
    return _report(ctx, "csv")


def _plain(tmp: str) -> Callable[[str], str]:
    """A problem naming the uploaded file as the committee named it (not our temp folder)."""
    return lambda text: text.replace(tmp + "/1/", "").replace(tmp + "/2/", "").replace(tmp, "")


@page("/tim/telaah", Permission.COMMITTEE)
def committee_review_form(ctx: Ctx) -> Response:
    return render(ctx, "committee_review.html.j2", problems=[], message="")


@page("/tim/telaah", Permission.COMMITTEE, methods=("POST",))
def committee_review_post(ctx: Ctx) -> Response:
    from mutasi.runs.review_run import run_review

    moves, context = ctx.files.get("moves"), ctx.files.get("context")
    if moves is None or context is None:
        return render(ctx, "committee_review.html.j2", status=400, problems=[],
                      message=tr("err_review_files", ctx.lang))
    with tempfile.TemporaryDirectory(prefix="mutasi-review-") as tmp:
        mpath = runs_view.save_upload(Path(tmp) / "1", moves.filename or "rancangan.csv",
                                      moves.file.read(ctx.cfg.max_upload + 1))
        cpath = runs_view.save_upload(Path(tmp) / "2", context.filename or "konteks.yaml",
                                      context.file.read(ctx.cfg.max_upload + 1))
        if max(mpath.stat().st_size, cpath.stat().st_size) > ctx.cfg.max_upload:
            return render(ctx, "committee_review.html.j2", status=413, problems=[],
                          message=tr("err_too_large", ctx.lang, mb=ctx.cfg.max_upload // (1024 * 1024)))
        try:
            result = run_review(jobs.db_url(ctx.cfg.engine), ctx.cfg.pack, mpath, cpath, _actor(ctx))
        except MutasiError as exc:  # every problem with file, row, field and code; nothing recorded
            return render(ctx, "committee_review.html.j2", status=400, message=tr("err_review_input", ctx.lang),
                          problems=problem_text.views(exc, ctx.lang, _plain(tmp)))
    auditing.record(ctx, "review", None, {"run": result.run})
    return RedirectResponse(f"/tim/proses/{result.run}", status_code=303)
