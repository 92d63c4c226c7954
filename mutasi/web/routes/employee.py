"""The employee's own pages. None takes a NIP from the request: every page reads the
signed-in account's NIP (permissions.py, rule 2); a run, a receipt or a document named in
the URL is looked up with that NIP, so another person's is "not found"."""

from __future__ import annotations

from starlette.responses import HTMLResponse, RedirectResponse, Response

from mutasi.errors import UsageError
from mutasi.portal import decisions, mydata, requests, rounds, uploads
from mutasi.web import auditing
from mutasi.web.deps import Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.text import tr
from mutasi.web.views import error, render


def _nip(ctx: Ctx) -> str:
    assert ctx.user is not None and ctx.user.nip is not None  # Permission.OWN_DATA
    return ctx.user.nip


def _mb(ctx: Ctx) -> int:
    return ctx.cfg.max_upload // (1024 * 1024)


def _message(ctx: Ctx, exc: UsageError, **values: object) -> str:
    """A refusal's message key (with 'err_required:<field>' naming the empty field)."""
    key = str(exc)
    if key.startswith("err_required:"):
        return tr("err_required", ctx.lang, field=tr("field_" + key.split(":", 1)[1], ctx.lang))
    if key == "err_too_large":
        return tr(key, ctx.lang, mb=_mb(ctx))
    return tr(key if key.startswith("err_") else "err_bad_form", ctx.lang, **values)


def _document(ctx: Ctx) -> uploads.Checked | None:
    f = ctx.files.get("document")
    if f is None:
        return None
    data = f.file.read(ctx.cfg.max_upload + 1)
    if not data:
        return None
    return uploads.check(data, f.filename or "", ctx.cfg.max_upload)


@page("/saya", Permission.OWN_DATA)
def my_home(ctx: Ctx) -> Response:
    from reports.fmt import fdate

    today = ctx.cfg.today()
    mine = decisions.my_decisions(ctx.cfg.engine, _nip(ctx), ctx.lang)
    news = []
    if mine:
        ahead = sorted(d.deadline.deadline for d in mine if d.deadline.deadline >= today)
        news.append(tr("news_decisions", ctx.lang, n=len(mine), day=fdate(ahead[0], ctx.lang)) if ahead
                    else tr("news_no_deadline", ctx.lang, n=len(mine)))
    else:
        news.append(tr("no_decisions", ctx.lang))
    rnd = rounds.latest_round(ctx.cfg.engine, today)
    if rnd is not None and rnd.is_open(today):
        news.append(tr("news_round", ctx.lang, day=fdate(rnd.closes_on, ctx.lang)))
    return render(ctx, "my_home.html.j2", news=news)


@page("/saya/keputusan", Permission.OWN_DATA)
def my_decisions(ctx: Ctx) -> Response:
    mine = decisions.my_decisions(ctx.cfg.engine, _nip(ctx), ctx.lang)
    return render(ctx, "decisions.html.j2", decisions=mine)


def _run(ctx: Ctx) -> int | None:
    text = ctx.path_param("run")
    return int(text) if text.isdigit() and len(text) < 9 else None


@page("/saya/keputusan/{run}/surat", Permission.OWN_DATA)
def my_letter(ctx: Ctx) -> Response:
    run = _run(ctx)
    html = decisions.letter_html(ctx.cfg.engine, _nip(ctx), run, ctx.lang) if run is not None else None
    if html is None:
        return error(ctx, 404, "err_not_found")
    csp = ("default-src 'none'; style-src " + " ".join(decisions.style_hashes(html) or ["'none'"]) +
           "; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    return HTMLResponse(html, headers={"content-security-policy": csp})


@page("/saya/keputusan/{run}/surat.pdf", Permission.OWN_DATA)
def my_letter_pdf(ctx: Ctx) -> Response:
    run = _run(ctx)
    pdf = decisions.letter_pdf(ctx.cfg.engine, _nip(ctx), run, ctx.lang) if run is not None else None
    if pdf is None:
        return error(ctx, 404, "err_not_found")
    name = f"surat-{_nip(ctx)}-run{run}-{ctx.lang}.pdf"
    return Response(pdf, media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


def _data_page(ctx: Ctx, status: int = 200, message: str = "", done: str = "") -> Response:
    nip = _nip(ctx)
    view = mydata.person_data(ctx.cfg.engine, nip, ctx.lang, ctx.cfg.today())
    if view is None:
        return error(ctx, 404, "err_not_found")
    sent = [{"receipt": s.receipt, "item_label": mydata.label(s.subject, ctx.lang),
             "status_label": tr("status_" + s.status, ctx.lang), "answer": s.answer}
            for s in requests.reports(ctx.cfg.engine, nip)]
    return render(ctx, "data.html.j2", status=status, data=view, own=True, reports=sent, max_mb=_mb(ctx),
                  message=message, done=done)


@page("/saya/data", Permission.OWN_DATA)
def my_data(ctx: Ctx) -> Response:
    done = ""
    receipt = ctx.request.query_params.get("terima", "")
    if receipt and any(s.receipt == receipt for s in requests.reports(ctx.cfg.engine, _nip(ctx))):
        done = tr("report_received", ctx.lang, receipt=receipt)
    return _data_page(ctx, done=done)


@page("/saya/data/laporan", Permission.OWN_DATA, methods=("POST",))
def my_data_report(ctx: Ctx) -> Response:
    nip = _nip(ctx)
    try:
        doc = _document(ctx)
        receipt = requests.report_error(ctx.cfg.engine, ctx.cfg.uploads, nip, ctx.form.get("item", ""),
                                        ctx.form.get("message", ""), doc, ctx.now, ctx.cfg.today())
    except UsageError as exc:
        status = 413 if str(exc) == "err_too_large" else 400
        return _data_page(ctx, status=status, message=_message(ctx, exc))
    auditing.record(ctx, "report_error", nip, {"receipt": receipt, "item": ctx.form.get("item", "")})
    return RedirectResponse(f"/saya/data?terima={receipt}#lapor", status_code=303)


def _prefs_page(ctx: Ctx, status: int = 200, message: str = "", done: str = "") -> Response:
    today = ctx.cfg.today()
    rnd = rounds.latest_round(ctx.cfg.engine, today)
    units = rounds.units(ctx.cfg.engine)
    chosen: list[str] = []
    submitted = None
    if rnd is not None:
        chosen, at = rounds.choices(ctx.cfg.engine, rnd.id, _nip(ctx))
        from reports.fmt import fdatetime

        submitted = fdatetime(at, ctx.lang) if at else None  # in words, the zone stated
    names = dict(units)
    return render(ctx, "preferences.html.j2", status=status, round=rnd, is_open=bool(rnd and rnd.is_open(today)),
                  units=units, chosen=chosen, chosen_names=[names.get(u, u) for u in chosen],
                  submitted_at=submitted, message=message, done=done)


@page("/saya/pilihan", Permission.OWN_DATA)
def my_preferences(ctx: Ctx) -> Response:
    done = tr("choices_saved", ctx.lang) if ctx.request.query_params.get("disimpan") == "1" else ""
    return _prefs_page(ctx, done=done)


@page("/saya/pilihan", Permission.OWN_DATA, methods=("POST",))
def my_preferences_post(ctx: Ctx) -> Response:
    today = ctx.cfg.today()
    rnd = rounds.latest_round(ctx.cfg.engine, today)
    if rnd is None:
        return _prefs_page(ctx, 400, tr("err_round_closed", ctx.lang))
    picked = [ctx.form.get(f"choice_{i}", "").strip() for i in range(1, rnd.max_choices + 1)]
    extra = [k for k in ctx.form if k.startswith("choice_") and k not in {f"choice_{i}" for i in range(1, rnd.max_choices + 1)}]
    try:
        if extra:
            raise UsageError("err_too_many_choices")
        saved = rounds.submit(ctx.cfg.engine, rnd, _nip(ctx), picked, ctx.now, today)
    except UsageError as exc:
        return _prefs_page(ctx, 400, _message(ctx, exc))
    auditing.record(ctx, "submit_preferences", _nip(ctx), {"round": rnd.id, "units": saved})
    return RedirectResponse("/saya/pilihan?disimpan=1", status_code=303)


def _responses_page(ctx: Ctx, status: int = 200, message: str = "", done: str = "",
                    selected: int | None = None) -> Response:
    nip = _nip(ctx)
    mine = decisions.my_decisions(ctx.cfg.engine, nip, ctx.lang)
    if selected is None:
        q = ctx.request.query_params.get("keputusan", "")
        selected = int(q) if q.isdigit() and len(q) < 9 else None
    return render(ctx, "responses.html.j2", status=status, decisions=mine, selected=selected,
                  sent=requests.responses(ctx.cfg.engine, nip), max_mb=_mb(ctx), message=message, done=done)


@page("/saya/tanggapan", Permission.OWN_DATA)
def my_responses(ctx: Ctx) -> Response:
    done = ""
    receipt = ctx.request.query_params.get("terima", "")
    sent = next((s for s in requests.responses(ctx.cfg.engine, _nip(ctx)) if s.receipt == receipt), None)
    if sent is not None:
        done = tr("response_received", ctx.lang, kind=tr("kind_" + sent.kind, ctx.lang).capitalize(),
                  receipt=sent.receipt)
    return _responses_page(ctx, done=done)


@page("/saya/tanggapan", Permission.OWN_DATA, methods=("POST",))
def my_responses_post(ctx: Ctx) -> Response:
    nip = _nip(ctx)
    q = ctx.form.get("keputusan", "")
    run = int(q) if q.isdigit() and len(q) < 9 else None
    mine = {d.run_seq: d for d in decisions.my_decisions(ctx.cfg.engine, nip, ctx.lang)}
    if run not in mine:
        return error(ctx, 404, "err_not_found")
    d = mine[run]
    try:
        doc = _document(ctx)
        receipt = requests.file_response(ctx.cfg.engine, ctx.cfg.uploads, nip, d.run_seq, d.decision_id,
                                         d.deadline, ctx.form.get("text", ""), doc, ctx.now, ctx.cfg.today())
    except UsageError as exc:
        status = 413 if str(exc) == "err_too_large" else 400
        from reports.fmt import fdate

        return _responses_page(ctx, status, _message(ctx, exc, day=fdate(d.deadline.deadline, ctx.lang)),
                               selected=run)
    auditing.record(ctx, "file_response", nip, {"receipt": receipt, "decision_id": d.decision_id,
                                                "kind": d.deadline.kind})
    return RedirectResponse(f"/saya/tanggapan?terima={receipt}", status_code=303)


@page("/saya/keamanan", Permission.OWN_DATA)
def my_security(ctx: Ctx) -> Response:
    from mutasi.portal import accounts

    secret = accounts.new_totp_secret()
    done = tr("totp_enabled_done", ctx.lang) if ctx.request.query_params.get("aktif") == "1" else ""
    return render(ctx, "security.html.j2", secret=secret, uri=accounts.totp_uri(secret, _nip(ctx)),
                  done=done, message="")


@page("/saya/keamanan", Permission.OWN_DATA, methods=("POST",))
def my_security_post(ctx: Ctx) -> Response:
    import re

    from mutasi.portal import accounts

    assert ctx.user is not None
    secret = ctx.form.get("secret", "")
    if ctx.user.has_totp or not re.fullmatch(r"[A-Z2-7]{32}", secret):
        return error(ctx, 400, "err_bad_form")
    if not accounts.totp_ok(secret, ctx.form.get("totp", ""), ctx.now):
        return render(ctx, "security.html.j2", status=400, secret=secret, uri=accounts.totp_uri(secret, _nip(ctx)),
                      done="", message=tr("err_signin_totp", ctx.lang))
    accounts.set_totp(ctx.cfg.engine, ctx.user.id, secret)
    auditing.record(ctx, "totp_enabled", _nip(ctx))
    return RedirectResponse("/saya/keamanan?aktif=1", status_code=303)


@page("/saya/berkas/{upload_id}", Permission.OWN_DATA)
def my_document(ctx: Ctx) -> Response:
    text = ctx.path_param("upload_id")
    found = (requests.upload_of(ctx.cfg.engine, ctx.cfg.uploads, int(text), _nip(ctx))
             if text.isdigit() and len(text) < 12 else None)
    if found is None:
        return error(ctx, 404, "err_not_found")
    name, ctype, data = found
    return Response(data, media_type=ctype, headers={"content-disposition": f'attachment; filename="{name}"'})
