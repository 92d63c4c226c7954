"""The committee's "what if" page (issue 19): change one parameter's value in a copy of the
pack of the latest evaluate or plan run and see the diff and whom it affects.

A GET form (nothing changes: the copy lives for one request, nothing is recorded). Each
person listed is a staff read of that person's data and is written to the access log.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from mutasi.portal import whatif as wi
from mutasi.web import auditing
from mutasi.web.deps import Ctx, page
from mutasi.web.permissions import Permission
from mutasi.web.views import render

PATH = "/komite/bagaimana-jika"
MAX_PEOPLE = 300  # listed on the page; the counts cover everyone

WORDS: dict[str, dict[str, str]] = {
    "title": {"id": "Bagaimana jika aturan berubah?", "en": "What if the rules change?"},
    "intro": {"id": "Pilih satu parameter, isi nilai baru, lalu lihat perubahan aturan dan "
                    "pegawai yang putusannya berubah. Perubahan hanya dicoba pada salinan "
                    "paket aturan: paket yang terpasang dan keputusan yang tercatat tidak "
                    "berubah.",
              "en": "Pick a parameter, type a new value and see the rule change and the people "
                    "whose verdict changes. The change is tried on a copy of the rule pack only: "
                    "the installed pack and the recorded decisions do not change."},
    "base": {"id": "Dinilai ulang: kandidat proses {run} per {date}, paket {pack}.",
             "en": "Re-decided: the candidates of run {run} as of {date}, pack {pack}."},
    "no_run": {"id": "Belum ada proses penilaian atau rencana yang tercatat.",
               "en": "No evaluation or plan run has been recorded yet."},
    "parameter": {"id": "Parameter", "en": "Parameter"},
    "now": {"id": "nilai sekarang", "en": "current value"},
    "new_value": {"id": "Nilai baru", "en": "New value"},
    "show": {"id": "Tampilkan dampaknya", "en": "Show the impact"},
    "wi_bad_int": {"id": "Nilai baru harus bilangan bulat.", "en": "The new value must be a whole number."},
    "wi_bad_number": {"id": "Nilai baru harus angka.", "en": "The new value must be a number."},
    "wi_out_of_range": {"id": "Nilai baru harus antara {low} dan {high}.",
                        "en": "The new value must be between {low} and {high}."},
    "wi_unknown": {"id": "Pilih parameter dari daftar.", "en": "Pick a parameter from the list."},
    "same": {"id": "Nilai baru sama dengan nilai sekarang: tidak ada yang berubah.",
             "en": "The new value is the current one: nothing changes."},
    "more": {"id": "Ditampilkan {shown} dari {total} pegawai; unduh laporan lengkap dengan "
                   "`mutasi rules impact`.",
             "en": "{shown} of {total} people shown; the full report is `mutasi rules impact`."},
    "error_code": {"id": "Kode", "en": "Code"},
    "eligible_n": {"id": "Memenuhi syarat", "en": "Eligible"},
    "ratio": {"id": "Rasio dampak", "en": "Impact ratio"},
}


def _w(lang: str) -> dict[str, str]:
    return {k: v[lang] for k, v in WORDS.items()}


@page(PATH, Permission.COMMITTEE)
def whatif_page(ctx: Ctx) -> Response:
    from reports.factmeta import from_engine
    from reports.fmt import fdate
    from reports.i18n import pick
    from reports.whatif import (
        W,
        diff_rows,
        fairness_rows,
        param_value_words,
        person_rows,
        placement_rows,
        unit_rows,
        verdict_rows,
    )

    words = _w(ctx.lang)
    words.update({k: v[ctx.lang] for k, v in W.items()})
    base = wi.latest_base(ctx.cfg.engine)
    values: dict[str, Any] = {"w": words, "base": None, "options": [], "chosen": "", "raw": "",
                              "problem": "", "result": None}
    if base is None:
        return render(ctx, "whatif.html.j2", **values)
    options = wi.choices(base.pack, base.as_of)
    values["base"] = words["base"].format(run=base.run, date=fdate(base.as_of, ctx.lang),
                                          pack=f"{base.pack.id} {base.pack.version}")
    values["options"] = [(c.name, pick(c.title, ctx.lang), param_value_words(c.value, c.unit, ctx.lang))
                         for c in options]
    q = ctx.request.query_params
    name, raw = q.get("parameter", ""), q.get("nilai", "")[:40]
    values.update(chosen=name, raw=raw)
    if not name:
        return render(ctx, "whatif.html.j2", **values)
    choice = next((c for c in options if c.name == name), None)
    if choice is None:
        values["problem"] = words["wi_unknown"]
        return render(ctx, "whatif.html.j2", status=400, **values)
    try:
        value = wi.parse_value(choice, raw)
    except wi.BadValue as exc:
        values["problem"] = f"{words[exc.key].format(**exc.kw)} ({words['error_code']} MUT-R202)"
        return render(ctx, "whatif.html.j2", status=400, **values)
    if value == choice.value:
        values["problem"] = words["same"]
        return render(ctx, "whatif.html.j2", **values)
    from mutasi.runs.impact import impact_on

    copy = wi.with_value(base.pack, name, value, base.as_of)
    result = impact_on(ctx.cfg.engine, base.pack, copy, run=base.run)
    meta = from_engine()
    people = person_rows(result, meta, ctx.lang)
    shown = people[:MAX_PEOPLE]
    for p in shown:
        auditing.record(ctx, "view", p.nip, {"page": "whatif", "parameter": name})
    values["result"] = {
        "diff": diff_rows(result.diff, meta, ctx.lang),
        "summary": words["summary"].format(people=result.people, changed=len(result.changes)),
        "people": shown,
        "more": words["more"].format(shown=len(shown), total=len(people)) if len(people) > len(shown) else "",
        "verdicts": verdict_rows(result, ctx.lang),
        "units": unit_rows(result, ctx.lang),
        "fairness": fairness_rows(result, ctx.lang),
        "placements": placement_rows(result, ctx.lang),
    }
    return render(ctx, "whatif.html.j2", **values)
