"""The voluntary transfer round in the portal: employees rank the offered positions of an
open round and read their letter once it is published (OWN_DATA); the committee opens a
round, closes it, runs it (one audit run) and publishes it (COMMITTEE)."""

from __future__ import annotations

from datetime import date

from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.round import RoundOrder, RoundSettings
from mutasi.errors import MutasiError
from mutasi.portal import decisions
from mutasi.portal import voluntary as V
from mutasi.store.round_input import RoundInputError
from mutasi.web import auditing, problem_text
from mutasi.web.deps import Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.round_text import TEXT as ROUND_TEXT
from mutasi.web.text import TEXT, tr
from mutasi.web.views import error, render
from reports.fmt import fdate, fdatetime

for _k, _v in ROUND_TEXT.items():
    TEXT.setdefault(_k, _v)

HOME = "/saya/putaran-sukarela"
TEAM = "/tim/putaran-sukarela"


def _nip(ctx: Ctx) -> str:
    assert ctx.user is not None and ctx.user.nip is not None  # OWN_DATA guarantees it
    return ctx.user.nip


def _round_id(ctx: Ctx) -> int | None:
    text = ctx.path_param("round_id")
    return int(text) if text.isdigit() and len(text) < 9 else None


def _message(ctx: Ctx, exc: MutasiError) -> str:
    if isinstance(exc, V.RoundStateError):
        return tr(exc.key, ctx.lang)
    return tr("vr_err_input", ctx.lang, detail=problem_text.sentence(exc, ctx.lang))


# ---- employees ------------------------------------------------------------------------------

def _my_page(ctx: Ctx, status: int = 200, message: str = "", done: str = "") -> Response:
    engine, today = ctx.cfg.engine, ctx.cfg.today()
    rnd = V.current_round(engine, today)
    chosen: list[str] = []
    at = None
    offers: list[V.OfferView] = []
    if rnd is not None:
        chosen, at = V.ranking(engine, rnd.id, _nip(ctx))
        offers = V.offers(engine, rnd.id)
    names = {o.position_id: f"{o.position_name} — {o.unit_name}" for o in offers}
    return render(ctx, "voluntary.html.j2", status=status, round=rnd, offers=offers,
                  chosen=chosen, chosen_names=[names.get(p, p) for p in chosen],
                  saved_at=fdatetime(at, ctx.lang) if at else "",
                  is_open=bool(rnd and rnd.accepts_rankings(today)), message=message, done=done)


@page(HOME, Permission.OWN_DATA)
def my_round(ctx: Ctx) -> Response:
    return _my_page(ctx)


@page(HOME, Permission.OWN_DATA, methods=("POST",))
def my_round_post(ctx: Ctx) -> Response:
    engine, today = ctx.cfg.engine, ctx.cfg.today()
    rnd = V.current_round(engine, today)
    if rnd is None:
        return _my_page(ctx, 400, tr("vr_err_closed", ctx.lang))
    picked = [ctx.form.get(f"choice_{i}", "").strip() for i in range(1, rnd.max_choices + 1)]
    try:
        saved = V.submit(engine, rnd, _nip(ctx), picked, ctx.now, today)
    except MutasiError as exc:
        return _my_page(ctx, 400, _message(ctx, exc))
    auditing.record(ctx, "submit_voluntary_ranking", _nip(ctx), {"round": rnd.id, "positions": saved})
    return _my_page(ctx, done=tr("vr_saved", ctx.lang, day=fdate(rnd.closes_on, ctx.lang)))


def _letter(ctx: Ctx, nip: str, round_id: int | None) -> str | None:
    """The round letter of ``nip`` for a published round they took part in, else None."""
    from mutasi.report_source import AuditStoreSource
    from reports.render import render as render_report
    from reports.round_report import build_round_letter
    from reports.source import pick_run

    rnd = V.get_round(ctx.cfg.engine, round_id) if round_id is not None else None
    if rnd is None or rnd.run_seq is None:
        return None
    source = AuditStoreSource(ctx.cfg.engine)
    run = pick_run(source, str(rnd.run_seq), ("round",))
    payload = source.round(run.run_id) or {}
    if nip not in {p["nip"] for p in payload.get("people", [])}:
        return None
    return render_report("round_letter.html.j2", build_round_letter(source, run, nip, ctx.lang))


def letter_response(html: str) -> Response:
    csp = ("default-src 'none'; style-src " + " ".join(decisions.style_hashes(html) or ["'none'"]) +
           "; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    return HTMLResponse(html, headers={"content-security-policy": csp})


@page(HOME + "/{round_id}/surat", Permission.OWN_DATA)
def my_round_letter(ctx: Ctx) -> Response:
    rid = _round_id(ctx)
    rnd = V.get_round(ctx.cfg.engine, rid) if rid is not None else None
    if rnd is None or rnd.state != "published":
        return error(ctx, 404, "err_not_found")
    html = _letter(ctx, _nip(ctx), rid)
    if html is None:
        return error(ctx, 404, "err_not_found")
    return letter_response(html)


# ---- committee ------------------------------------------------------------------------------

def _team_page(ctx: Ctx, status: int = 200, message: str = "", done: str = "") -> Response:
    from mutasi.runs.round_run import offers_from
    from mutasi.store.convert import load_world

    engine = ctx.cfg.engine
    rounds = [(r, V.participants(engine, r.id)) for r in V.list_rounds(engine)]
    deficits = offers_from(load_world(engine), None)
    names = {o.position_id: f"{o.position_name} — {o.unit_name}" for o in V.position_names(engine, [d.position_id for d in deficits])}
    return render(ctx, "voluntary_team.html.j2", status=status, rounds=rounds, packs=V.round_packs(),
                  deficits=[(d.position_id, names.get(d.position_id, d.position_id), d.capacity) for d in deficits],
                  message=message, done=done, today=ctx.cfg.today().isoformat())


@page(TEAM, Permission.COMMITTEE)
def team_rounds(ctx: Ctx) -> Response:
    return _team_page(ctx)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _int(text: str, default: int) -> int | None:
    text = text.strip()
    if not text:
        return default
    return int(text) if text.isdigit() and len(text) < 9 else None


@page(TEAM, Permission.COMMITTEE, methods=("POST",))
def team_open(ctx: Ctx) -> Response:
    f = ctx.form
    opens, closes = _date(f.get("opens_on", "")), _date(f.get("closes_on", ""))
    seed, most = _int(f.get("seed", ""), 1), _int(f.get("max_choices", ""), 0)
    plan_run = _int(f.get("plan_run", ""), 0)
    order = f.get("order", RoundOrder.BEFORE_PLAN.value)
    if opens is None or closes is None or seed is None or most is None or plan_run is None \
            or order not in {o.value for o in RoundOrder}:
        return _team_page(ctx, 400, tr("err_bad_form", ctx.lang))
    positions = [p for p in f.get("positions", "").split("\n") if p.strip()] or None
    settings = RoundSettings(seed=seed, keep_current=f.get("keep_current") == "1",
                             order=RoundOrder(order), plan_run=plan_run or None)
    assert ctx.user is not None
    try:
        rnd = V.open_round(ctx.cfg.engine, title=f.get("title", ""), opens_on=opens, closes_on=closes,
                           pack=f.get("pack", ""), positions=positions, settings=settings,
                           by=ctx.user.username, now=ctx.now, max_choices=most or None)
    except MutasiError as exc:
        return _team_page(ctx, 400, _message(ctx, exc))
    auditing.record(ctx, "voluntary_round_open", None, {"round": rnd.id})
    return RedirectResponse(f"{TEAM}/{rnd.id}?selesai=buka", status_code=303)


def _round_page(ctx: Ctx, rid: int, status: int = 200, message: str = "") -> Response:
    rnd = V.get_round(ctx.cfg.engine, rid)
    if rnd is None:
        return error(ctx, 404, "err_not_found")
    done_key = {"buka": "vrc_done_open", "tutup": "vrc_done_close", "jalankan": "vrc_done_run",
                "umumkan": "vrc_done_publish"}.get(ctx.request.query_params.get("selesai", ""))
    report = None
    if rnd.run_seq is not None:
        from mutasi.report_source import AuditStoreSource
        from reports.round_report import build_round_report
        from reports.source import pick_run

        source = AuditStoreSource(ctx.cfg.engine)
        report = build_round_report(source, pick_run(source, str(rnd.run_seq), ("round",)), ctx.lang)
    return render(ctx, "voluntary_round.html.j2", status=status, round=rnd,
                  offers=V.offers(ctx.cfg.engine, rid), participants=V.participants(ctx.cfg.engine, rid),
                  report=report, message=message,
                  done=tr(done_key, ctx.lang, run=rnd.run_seq) if done_key else "")


@page(TEAM + "/{round_id}", Permission.COMMITTEE)
def team_round(ctx: Ctx) -> Response:
    rid = _round_id(ctx)
    return _round_page(ctx, rid) if rid is not None else error(ctx, 404, "err_not_found")


def _step(ctx: Ctx, action: str, word: str) -> Response:
    rid = _round_id(ctx)
    if rid is None or V.get_round(ctx.cfg.engine, rid) is None:
        return error(ctx, 404, "err_not_found")
    assert ctx.user is not None
    engine = ctx.cfg.engine
    try:
        if action == "close":
            V.close_round(engine, rid, ctx.now, ctx.cfg.today())
        elif action == "run":
            return _start_run(ctx, rid)
        else:
            V.publish(engine, rid, ctx.now)
    except (V.RoundStateError, RoundInputError, MutasiError) as exc:
        return _round_page(ctx, rid, 400, _message(ctx, exc))
    auditing.record(ctx, f"voluntary_round_{action}", None, {"round": rid})
    return RedirectResponse(f"{TEAM}/{rid}?selesai={word}", status_code=303)


def _start_run(ctx: Ctx, rid: int) -> Response:
    """Run the round as a background job (the progress page as for a plan); the job records
    the audit run and marks the round run."""
    from mutasi.portal import jobs

    assert ctx.user is not None
    rnd = V.get_round(ctx.cfg.engine, rid)
    if rnd is None or rnd.state != "closed":
        return _round_page(ctx, rid, 400, tr("vr_err_state", ctx.lang))
    if V.participants(ctx.cfg.engine, rid) == 0:
        return _round_page(ctx, rid, 400, tr("vr_err_nobody", ctx.lang))
    if jobs.busy(ctx.cfg.engine):
        return _round_page(ctx, rid, 409, tr("err_job_busy", ctx.lang))
    job = jobs.start(ctx.cfg.engine, "round", rnd.closes_on, ctx.user.display_name or ctx.user.username,
                     ctx.now, ctx.cfg.pack, round_id=rid)
    auditing.record(ctx, "voluntary_round_run", None, {"round": rid, "job": job})
    return RedirectResponse(f"/tim/tugas/{job}", status_code=303)


@page(TEAM + "/{round_id}/tutup", Permission.COMMITTEE, methods=("POST",))
def team_close(ctx: Ctx) -> Response:
    return _step(ctx, "close", "tutup")


@page(TEAM + "/{round_id}/jalankan", Permission.COMMITTEE, methods=("POST",))
def team_run(ctx: Ctx) -> Response:
    return _step(ctx, "run", "jalankan")


@page(TEAM + "/{round_id}/umumkan", Permission.COMMITTEE, methods=("POST",))
def team_publish(ctx: Ctx) -> Response:
    return _step(ctx, "publish", "umumkan")


@page(TEAM + "/{round_id}/laporan", Permission.COMMITTEE)
def team_report(ctx: Ctx) -> Response:
    """The cut-off report (no names) as a printable document."""
    from mutasi.report_source import AuditStoreSource
    from reports.render import render as render_report
    from reports.round_report import build_round_report
    from reports.source import pick_run

    rid = _round_id(ctx)
    rnd = V.get_round(ctx.cfg.engine, rid) if rid is not None else None
    if rnd is None or rnd.run_seq is None:
        return error(ctx, 404, "err_not_found")
    source = AuditStoreSource(ctx.cfg.engine)
    html = render_report("round_report.html.j2",
                         build_round_report(source, pick_run(source, str(rnd.run_seq), ("round",)), ctx.lang))
    return letter_response(html)
