"""The inspector's workspace (issue 14): read-only everywhere. Two POSTs exist, both
`read_only`: verifying against an uploaded checkpoint and starting a replay; they write
nothing but an access entry in the audit log. Every page is recorded (who looked at what)."""

from __future__ import annotations

import secrets

from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from audit.sample import MAX_SEED, Result
from mutasi.portal import inspection, replay_jobs
from mutasi.web import auditing
from mutasi.web import text_inspector as _texts  # noqa: F401  (registers the pages' sentences)
from mutasi.web.deps import Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.text import tr
from mutasi.web.views import error, render


def _int(text: str, most: int) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) <= len(str(most)) and int(text) < most else None


@page("/inspektur", Permission.INSPECTOR)
def runs(ctx: Ctx) -> Response:
    rows = inspection.runs_overview(ctx.cfg.engine, ctx.lang)
    return render(ctx, "inspector_runs.html.j2", rows=rows)


@page("/inspektur/verifikasi", Permission.INSPECTOR)
def verify_form(ctx: Ctx) -> Response:
    return render(ctx, "inspector_verify.html.j2", view=None, message="", trust=ctx.cfg.trust is not None)


@page("/inspektur/verifikasi", Permission.INSPECTOR, methods=("POST",), read_only=True)
def verify_post(ctx: Ctx) -> Response:
    f = ctx.files.get("checkpoint")
    data = f.file.read(inspection.MAX_CHECKPOINT + 1) if f is not None else b""
    if not data:
        return render(ctx, "inspector_verify.html.j2", status=400, view=None, message=tr("verify_need_file", ctx.lang),
                      trust=ctx.cfg.trust is not None)
    view = inspection.verify_uploaded(ctx.cfg.engine, data, (f.filename if f else "") or "checkpoint",
                                      ctx.cfg.trust, ctx.lang)
    auditing.record(ctx, "verify", None, {"intact": view.intact, "readable": view.readable,
                                          "checkpoint_size": view.checked_size})
    return render(ctx, "inspector_verify.html.j2", status=200 if view.readable else 400, view=view, message="",
                  trust=ctx.cfg.trust is not None)


def _sample_page(ctx: Ctx, status: int = 200, message: str = "", size: str = "20", seed: str = "",
                 run: str = "") -> Response:
    runs = inspection.runs_overview(ctx.cfg.engine, ctx.lang)
    return render(ctx, "inspector_sample.html.j2", status=status, runs=runs, message=message, size=size,
                  seed=seed or str(secrets.randbelow(10**9)), run=run, max=replay_jobs.MAX_SAMPLE)


@page("/inspektur/sampel", Permission.INSPECTOR)
def sample_form(ctx: Ctx) -> Response:
    return _sample_page(ctx)


@page("/inspektur/sampel", Permission.INSPECTOR, methods=("POST",), read_only=True)
def sample_post(ctx: Ctx) -> Response:
    assert ctx.user is not None
    raw = {k: ctx.form.get(k, "")[:40] for k in ("size", "seed", "run")}
    size, seed = _int(raw["size"], replay_jobs.MAX_SAMPLE + 1), _int(raw["seed"], MAX_SEED)
    run = _int(raw["run"], 10**9) if raw["run"].strip() else None
    if size is None or size < 1 or seed is None or (raw["run"].strip() and run is None):
        return _sample_page(ctx, 400, tr("sample_bad", ctx.lang, max=replay_jobs.MAX_SAMPLE), **raw)
    if run is not None and run not in {r.run for r in inspection.runs_overview(ctx.cfg.engine, ctx.lang)}:
        return _sample_page(ctx, 400, tr("sample_no_run", ctx.lang), **raw)
    job = replay_jobs.start(ctx.cfg.engine, ctx.user.id, ctx.user.username, run, size, seed, ctx.now, ctx.address)
    return RedirectResponse(f"/inspektur/sampel/{job.id}", status_code=303)


@page("/inspektur/sampel/{job}", Permission.INSPECTOR)
def sample_job(ctx: Ctx) -> Response:
    assert ctx.user is not None
    job = replay_jobs.get(ctx.path_param("job")[:40], ctx.user.id)
    if job is None:
        return error(ctx, 404, "err_not_found")
    done = list(job.outcomes)  # the worker appends meanwhile: read one copy
    word = {Result.IDENTICAL: tr("replay_identical", ctx.lang), Result.DIFFERENT: tr("replay_different", ctx.lang),
            Result.UNAVAILABLE: tr("replay_unavailable", ctx.lang)}
    rows = [{"id": o.decision_id, "result": word[o.result], "bad": o.result is not Result.IDENTICAL,
             "note": tr("replay_differs_at", ctx.lang, n=len(o.differences)) if o.differences else ""}
            for o in done]
    counts = {r: sum(1 for o in done if o.result is r) for r in Result}
    d = job.draw
    what = tr("sample_what", ctx.lang, n=len(d.ids), population=d.population, seed=d.seed,
              run=tr("sample_run_n", ctx.lang, run=d.run) if d.run is not None else tr("sample_all", ctx.lang))
    html = render(ctx, "inspector_sample_job.html.j2", job=job, rows=rows, what=what, finished=job.finished,
                  done_count=len(done), same=counts[Result.IDENTICAL], diff=counts[Result.DIFFERENT],
                  na=counts[Result.UNAVAILABLE])
    return html


@page("/inspektur/keadilan", Permission.INSPECTOR)
def fairness_list(ctx: Ctx) -> Response:
    rows = [r for r in inspection.runs_overview(ctx.cfg.engine, ctx.lang) if r.kind_code == "plan"]
    return render(ctx, "inspector_fairness.html.j2", rows=rows)


@page("/inspektur/keadilan/{run}", Permission.INSPECTOR)
def fairness_report(ctx: Ctx) -> Response:
    from mutasi.portal.decisions import style_hashes
    from mutasi.portal.inspector_reports import fairness_html

    run = _int(ctx.path_param("run"), 10**9)
    html = fairness_html(ctx.cfg.engine, run, ctx.lang) if run is not None else None
    if html is None:
        return error(ctx, 404, "err_not_found")
    auditing.record(ctx, "view", None, {"page": "fairness", "run": run})
    csp = ("default-src 'none'; style-src " + " ".join(style_hashes(html) or ["'none'"]) +
           "; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    return HTMLResponse(html, headers={"content-security-policy": csp})


@page("/inspektur/perubahan", Permission.INSPECTOR)
def overrides(ctx: Ctx) -> Response:
    rows = inspection.overrides(ctx.cfg.engine, ctx.lang)
    for nip in sorted({r.nip for r in rows if r.nip}):  # each person whose decision is shown
        auditing.record(ctx, "view", nip, {"page": "overrides"})
    return render(ctx, "inspector_overrides.html.j2", rows=rows)


@page("/inspektur/akses", Permission.INSPECTOR)
def access(ctx: Ctx) -> Response:
    q = ctx.request.query_params
    nip = q.get("nip", "").strip()[:18]
    actor = q.get("oleh", "").strip()[:100]
    rows, total = inspection.access_log(ctx.cfg.engine, ctx.lang, nip or None, actor or None)
    return render(ctx, "inspector_access.html.j2", rows=rows, total=total, nip=nip, actor=actor)


@page("/inspektur/ekspor", Permission.INSPECTOR)
def export_page(ctx: Ctx) -> Response:
    return render(ctx, "inspector_export.html.j2")


@page("/inspektur/ekspor/audit-tersamar.jsonl", Permission.INSPECTOR)
def export_download(ctx: Ctx) -> Response:
    from audit.export import export_lines, load_mask_key

    key = load_mask_key(None)  # $MUTASI_MASK_KEY_FILE, else a key for this export only
    auditing.record(ctx, "export_masked", None, {"key": key.source})
    lines = export_lines(ctx.cfg.engine, mask=True, key=key)
    name = f"audit-tersamar-{ctx.cfg.today().isoformat()}.jsonl"
    return StreamingResponse((line + "\n" for line in lines), media_type="application/x-ndjson",
                             headers={"content-disposition": f'attachment; filename="{name}"'})
