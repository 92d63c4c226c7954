"""The committee's casework: one decision (reasons, facts, replay, overrides; record an
override), the queue of responses, objections and data-error reports (answer, accept with a
correction, reject), an employee's uploaded document, and the preference rounds.
Every read of a person's data is an `access` entry in the audit log."""

from __future__ import annotations

from datetime import date

from starlette.responses import RedirectResponse, Response

from engine.problems import MutasiError
from mutasi.errors import UsageError
from mutasi.portal import decision_view, mydata, queue, requests, rounds
from mutasi.web import auditing, problem_text, text_committee  # noqa: F401  (the committee's sentences)
from mutasi.web.deps import Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.text import tr
from mutasi.web.views import error, render


def _actor(ctx: Ctx) -> str:
    assert ctx.user is not None
    return ctx.user.username


def _message(ctx: Ctx, exc: Exception) -> str:
    key = str(exc)
    if key.startswith("err_required:"):
        return tr("err_required", ctx.lang, field=tr("field_" + key.split(":", 1)[1], ctx.lang))
    if key.startswith("err_") and key in text_committee.KEYS | {"err_not_found", "err_bad_form"}:
        return tr(key, ctx.lang)
    return tr("err_bad_form", ctx.lang)


def _override_message(ctx: Ctx, exc: MutasiError) -> str:
    code = getattr(exc, "code", "")
    if code == "MUT-A002":
        return tr("err_required", ctx.lang, field=tr("field_justification", ctx.lang))
    if code == "MUT-A009":
        return tr("err_same_verdict", ctx.lang)
    return tr("err_not_recorded", ctx.lang, detail=problem_text.sentence(exc, ctx.lang))


# ---- one decision -------------------------------------------------------------------------

def _decision_page(ctx: Ctx, status: int = 200, message: str = "", done: str = "") -> Response:
    did = ctx.path_param("decision")
    view = decision_view.view(ctx.cfg.engine, did, ctx.lang) if len(did) < 40 else None
    if view is None:
        return error(ctx, 404, "err_not_found")
    auditing.record(ctx, "view", view.nip or None, {"page": "decision", "decision_id": did})
    concerns = [q for q in queue.items(ctx.cfg.engine, waiting_only=False) if q.decision_id == did]
    return render(ctx, "committee_decision.html.j2", status=status, d=view, message=message, done=done,
                  replay=decision_view.replay(ctx.cfg.engine, did), concerns=concerns,
                  verdicts=[v for v in decision_view.verdict_choices(ctx.lang) if v[0] != view.effective_code])


@page("/tim/keputusan/{decision}", Permission.COMMITTEE)
def committee_decision(ctx: Ctx) -> Response:
    done = tr("override_done", ctx.lang) if ctx.request.query_params.get("diubah") == "1" else ""
    return _decision_page(ctx, done=done)


@page("/tim/keputusan/{decision}/override", Permission.COMMITTEE, methods=("POST",))
def committee_override(ctx: Ctx) -> Response:
    did = ctx.path_param("decision")
    view = decision_view.view(ctx.cfg.engine, did, ctx.lang) if len(did) < 40 else None
    if view is None:
        return error(ctx, 404, "err_not_found")
    verdict = ctx.form.get("verdict", "")
    if verdict not in {v for v, _ in decision_view.verdict_choices(ctx.lang)}:
        return _decision_page(ctx, 400, tr("err_choose_verdict", ctx.lang))
    try:
        seq = decision_view.record_override(ctx.cfg.engine, did, verdict, _actor(ctx),
                                            ctx.form.get("justification", "")[:2000], ctx.now)
    except MutasiError as exc:
        return _decision_page(ctx, 400, _override_message(ctx, exc))
    auditing.record(ctx, "override", view.nip or None, {"decision_id": did, "entry": seq})
    return RedirectResponse(f"/tim/keputusan/{did}?diubah=1", status_code=303)


# ---- the queue ------------------------------------------------------------------------------

def _queue_page(ctx: Ctx, status: int = 200, message: str = "", done: str = "", focus: str = "") -> Response:
    eng = ctx.cfg.engine
    waiting = queue.items(eng)
    cards = []
    for q in waiting:
        d = decision_view.view(eng, q.decision_id, ctx.lang) if q.decision_id else None
        data = mydata.person_data(eng, q.nip, ctx.lang, ctx.cfg.today()) if q.kind == "data" else None
        item = next((i for i in (data.items if data else ()) if i.key == q.item), None)
        fields = [(f, queue.field_label(f, ctx.lang)) for f, spec in queue.CORRECTABLE.items() if spec[0] == q.item]
        cards.append({"q": q, "d": d, "item": item, "item_label": mydata.label(q.item, ctx.lang) if q.item else "",
                      "fields": fields or [(f, queue.field_label(f, ctx.lang)) for f in queue.CORRECTABLE]})
    for nip in sorted({q.nip for q in waiting}):  # the queue shows each person's data and decision
        auditing.record(ctx, "view", nip, {"page": "queue"})
    return render(ctx, "committee_queue.html.j2", status=status, cards=cards, message=message, done=done,
                  focus=focus, verdicts=decision_view.verdict_choices(ctx.lang))


@page("/tim/antrean", Permission.COMMITTEE)
def committee_queue(ctx: Ctx) -> Response:
    done = tr("queue_done", ctx.lang, receipt=ctx.request.query_params.get("selesai", "")[:40]) \
        if ctx.request.query_params.get("selesai") else ""
    return _queue_page(ctx, done=done)


def _item(ctx: Ctx, kinds: tuple[str, ...]) -> queue.QueueItem | None:
    receipt = ctx.path_param("receipt")
    q = queue.find(ctx.cfg.engine, receipt) if len(receipt) < 40 else None
    return q if q is not None and q.kind in kinds else None


@page("/tim/antrean/{receipt}/jawab", Permission.COMMITTEE, methods=("POST",))
def committee_answer(ctx: Ctx) -> Response:
    q = _item(ctx, ("tanggapan", "keberatan"))
    if q is None or q.decision_id is None:
        return error(ctx, 404, "err_not_found")
    answer = ctx.form.get("answer", "")
    verdict = ctx.form.get("verdict", "")
    if not answer.strip():
        return _queue_page(ctx, 400, tr("err_required", ctx.lang, field=tr("field_answer", ctx.lang)), focus=q.receipt)
    entry = None
    if verdict:  # the answer changes the outcome: an override with the answer as its justification
        if verdict not in {v for v, _ in decision_view.verdict_choices(ctx.lang)}:
            return _queue_page(ctx, 400, tr("err_choose_verdict", ctx.lang), focus=q.receipt)
        try:
            entry = decision_view.record_override(ctx.cfg.engine, q.decision_id, verdict, _actor(ctx), answer, ctx.now)
        except MutasiError as exc:
            return _queue_page(ctx, 400, _override_message(ctx, exc), focus=q.receipt)
        auditing.record(ctx, "override", q.nip, {"decision_id": q.decision_id, "entry": entry, "receipt": q.receipt})
    queue.answer_response(ctx.cfg.engine, q.receipt, answer, _actor(ctx), ctx.now)
    auditing.record(ctx, "answer_response", q.nip, {"receipt": q.receipt, "decision_id": q.decision_id})
    return RedirectResponse(f"/tim/antrean?selesai={q.receipt}", status_code=303)


@page("/tim/antrean/{receipt}/terima", Permission.COMMITTEE, methods=("POST",))
def committee_accept(ctx: Ctx) -> Response:
    q = _item(ctx, ("data",))
    if q is None:
        return error(ctx, 404, "err_not_found")
    f = ctx.form
    try:
        field, old, new = queue.accept_report(ctx.cfg.engine, q.receipt, f.get("answer", ""), f.get("field", ""),
                                              f.get("value", ""), f.get("source", ""), _actor(ctx), ctx.now)
    except UsageError as exc:
        return _queue_page(ctx, 400, _message(ctx, exc), focus=q.receipt)
    auditing.record(ctx, "data_correction", q.nip, {"receipt": q.receipt, "field": field, "old": old, "new": new,
                                                    "source": f.get("source", "").strip()[:500]})
    return RedirectResponse(f"/tim/antrean?selesai={q.receipt}", status_code=303)


@page("/tim/antrean/{receipt}/tolak", Permission.COMMITTEE, methods=("POST",))
def committee_reject(ctx: Ctx) -> Response:
    q = _item(ctx, ("data",))
    if q is None:
        return error(ctx, 404, "err_not_found")
    try:
        queue.reject_report(ctx.cfg.engine, q.receipt, ctx.form.get("reason", ""), _actor(ctx), ctx.now)
    except UsageError as exc:
        return _queue_page(ctx, 400, _message(ctx, exc), focus=q.receipt)
    auditing.record(ctx, "reject_report", q.nip, {"receipt": q.receipt})
    return RedirectResponse(f"/tim/antrean?selesai={q.receipt}", status_code=303)


@page("/tim/berkas/{upload_id}", Permission.COMMITTEE)
def committee_document(ctx: Ctx) -> Response:
    from sqlalchemy import select

    from mutasi.store.models import table_of
    from mutasi.store.portal_models import Upload

    text = ctx.path_param("upload_id")
    n = int(text) if text.isdigit() and len(text) < 12 else None
    found = requests.upload_of(ctx.cfg.engine, ctx.cfg.uploads, n, None) if n is not None else None
    if found is None or n is None:
        return error(ctx, 404, "err_not_found")
    up = table_of(Upload)
    with ctx.cfg.engine.connect() as conn:
        nip = conn.execute(select(up.c.nip).where(up.c.id == n)).scalar()
    auditing.record(ctx, "view", str(nip), {"page": "document", "upload_id": n})
    name, ctype, data = found
    return Response(data, media_type=ctype, headers={"content-disposition": f'attachment; filename="{name}"'})


# ---- preference rounds --------------------------------------------------------------------

def _rounds_page(ctx: Ctx, status: int = 200, message: str = "", done: str = "") -> Response:
    every = rounds.all_rounds(ctx.cfg.engine)
    shown = [(r, rounds.responded(ctx.cfg.engine, r.id)) for r in every]
    if any(people for _, people in shown):
        auditing.record(ctx, "view", None, {"page": "rounds"})
    return render(ctx, "committee_rounds.html.j2", status=status, rounds=shown, today=ctx.cfg.today(),
                  message=message, done=done)


@page("/tim/putaran", Permission.COMMITTEE)
def committee_rounds(ctx: Ctx) -> Response:
    return _rounds_page(ctx, done=tr("round_saved", ctx.lang) if ctx.request.query_params.get("disimpan") else "")


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


@page("/tim/putaran", Permission.COMMITTEE, methods=("POST",))
def committee_open_round(ctx: Ctx) -> Response:
    title = ctx.form.get("title", "").strip()[:200]
    opens, closes = _day(ctx.form.get("opens", "")), _day(ctx.form.get("closes", ""))
    if not title:
        return _rounds_page(ctx, 400, tr("err_required", ctx.lang, field=tr("field_round_title", ctx.lang)))
    if opens is None or closes is None or closes < opens:
        return _rounds_page(ctx, 400, tr("err_round_days", ctx.lang))
    rnd = rounds.open_round(ctx.cfg.engine, title, opens, closes, _actor(ctx))
    auditing.record(ctx, "open_round", None, {"round": rnd.id, "opens": opens.isoformat(), "closes": closes.isoformat()})
    return RedirectResponse("/tim/putaran?disimpan=1", status_code=303)


@page("/tim/putaran/{round}/tutup", Permission.COMMITTEE, methods=("POST",))
def committee_close_round(ctx: Ctx) -> Response:
    text = ctx.path_param("round")
    on = _day(ctx.form.get("on", ""))
    if not (text.isdigit() and len(text) < 9):
        return error(ctx, 404, "err_not_found")
    if on is None:
        return _rounds_page(ctx, 400, tr("err_close_day", ctx.lang))
    try:
        rnd = rounds.close_round(ctx.cfg.engine, int(text), on)
    except UsageError as exc:
        if str(exc) == "err_not_found":
            return error(ctx, 404, "err_not_found")
        return _rounds_page(ctx, 400, tr("err_close_day", ctx.lang))
    auditing.record(ctx, "close_round", None, {"round": rnd.id, "closes": on.isoformat()})
    return RedirectResponse("/tim/putaran?disimpan=1", status_code=303)
