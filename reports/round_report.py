"""A voluntary round's letters (one per participant) and its committee report (cut-offs per
position, no names), built from the round as recorded in the audit log (the run's payload);
never from a re-run. Sentences: reports/round_words.py."""

from __future__ import annotations

from typing import Any

from audit.readers import RunHeader
from reports.factmeta import from_engine as fact_meta
from reports.fmt import fdate, fnum, fvalue
from reports.i18n import pick
from reports.render import print_css
from reports.round_context import BidRow, CutoffRow, RoundLetterContext, RoundReportContext
from reports.round_words import w
from reports.source import ReportSource
from reports.words import missing_words


def round_payload(source: ReportSource, run: RunHeader) -> dict[str, Any]:
    payload = source.round(run.run_id)
    if run.kind != "round" or not payload or payload.get("kind") != "round":
        from engine.problems import UsageError

        raise UsageError(f"run {run.run_id} is not a voluntary round run")
    return payload


def _pos(source: ReportSource, pid: str | None) -> tuple[str, str]:
    if not pid:
        return "-", "-"
    unit = source.position_unit(pid)
    return source.position_name(pid), source.unit_name(unit) if unit else "-"


def _pts(v: float | None, lang: str) -> str:
    return fnum(v, lang) if v is not None else w("not_counted", lang)


def _criteria(b: dict[str, Any], lang: str) -> str:
    titles = [pick(t, lang) for t in b.get("deciding_titles") or []]
    return "; ".join(titles) or "-"


def bid_sentence(b: dict[str, Any], lottery: int, lang: str) -> str:
    reason = str(b["reason"])
    if reason in ("below_cutoff", "tie_lottery"):
        return w(reason, lang, points=_pts(b["points"], lang), cutoff=_pts(b["cutoff"], lang),
                 lottery=lottery + 1)
    if reason in ("not_eligible", "needs_approval", "data_missing"):
        return w(reason, lang, criteria=_criteria(b, lang))
    if reason == "points_missing":
        gone = [i for i in b["items"] if i["contribution"] is None]
        items = "; ".join(pick(i["title"], lang) for i in gone)
        codes = {c for i in gone for c in (i.get("missing") or {}).values()}
        if codes == {"claim_not_verified"}:  # the committee's turn, not the person's
            return w("points_missing_claim", lang, items=items)
        return w(reason, lang, items=items or "-")
    return w(reason, lang)


# Facts whose value a reader needs to see next to the points ("tidak diajukan", "di
# kecamatan yang sama"): the round's circumstance items (engine/circumstances.py).
_SHOWN = ("spouse_workplace_area", "domicile_area", "hardship_posting_months")


def _items(b: dict[str, Any], lang: str) -> list[str]:
    out = []
    meta = fact_meta()
    for i in b["items"]:
        title = pick(i["title"], lang)
        if i["contribution"] is None:
            why = "; ".join(missing_words(code, fact, meta, lang)
                            for fact, code in sorted((i.get("missing") or {}).items()))
            out.append(w("item_missing_why", lang, title=title, why=why) if why
                       else w("item_missing", lang, title=title))
            continue
        shown = [fvalue(v, meta[f].unit if f in meta else None, lang)
                 for f, v in sorted((i.get("read") or {}).items()) if f in _SHOWN]
        if shown:
            out.append(w("item_read", lang, title=title, value="; ".join(shown),
                         points=fnum(i["points"], lang), weight=fnum(i["weight"], lang),
                         value_pts=fnum(i["contribution"], lang)))
        else:
            out.append(w("item_line", lang, title=title, points=fnum(i["points"], lang),
                         weight=fnum(i["weight"], lang), value=fnum(i["contribution"], lang)))
    return out


def _labels(lang: str, keys: tuple[str, ...]) -> dict[str, str]:
    return {k: w(k, lang) for k in keys}


def build_round_letter(source: ReportSource, run: RunHeader, nip: str, lang: str = "id") -> RoundLetterContext:
    payload = round_payload(source, run)
    person = next((p for p in payload["people"] if p["nip"] == nip), None)
    if person is None:
        from engine.problems import UsageError

        raise UsageError(f"NIP {nip} took no part in round run {run.run_id}")
    who = source.person(nip)
    rows = []
    for b in person["bids"]:
        position, unit = _pos(source, b["position_id"])
        rows.append(BidRow(w("choice_n", lang, rank=b["rank"]), position, unit, _pts(b["points"], lang),
                           _pts(b["cutoff"], lang) if b["cutoff"] is not None else w("no_cutoff", lang),
                           bid_sentence(b, int(person["lottery"]), lang), _items(b, lang),
                           b["reason"] == "admitted"))
    outcome = str(person["outcome"])
    if outcome == "moved":
        got = next(b for b in person["bids"] if b["reason"] == "admitted")
        position, unit = _pos(source, got["position_id"])
        headline = w("head_moved", lang, position=position, unit=unit, rank=got["rank"])
    else:
        headline = w(f"head_{outcome}", lang)
    cur_pos, cur_unit = _pos(source, person["current_position_id"])
    seed = payload["inputs"]["settings"]["seed"]
    return RoundLetterContext(
        lang=lang, css=print_css(), doc_title=w("letter_title", lang),
        name=who.name if who else nip, nip=nip, current=f"{cur_pos}, {cur_unit}",
        as_of=fdate(payload["as_of"], lang),
        opening=w("opening", lang, pack=f"{payload['pack']['id']} {payload['pack']['version']}"),
        headline=headline, bids=rows, guarantee=w("guarantee" if _uncapped(payload) else "guarantee_capped", lang),
        how_cutoff=w("how_cutoff", lang, seed=seed), closing=w("closing", lang, run=run.run_id),
        labels=_labels(lang, ("to", "as_of", "choices", "col_choice", "col_position", "col_points",
                              "col_cutoff", "col_result", "breakdown")))


def _uncapped(payload: dict[str, Any]) -> bool:
    """Ranking honestly is always best only when the list may hold every position offered."""
    most = payload["inputs"].get("max_choices")
    return most is None or most >= len(payload["inputs"]["offers"])


def build_round_report(source: ReportSource, run: RunHeader, lang: str = "id") -> RoundReportContext:
    payload = round_payload(source, run)
    s = payload["summary"]
    settings = payload["inputs"]["settings"]
    rows, quiet, quiet_slots = [], 0, 0
    for p in payload["positions"]:
        if not p["applicants"]:
            quiet += 1
            quiet_slots += int(p["capacity"])
            continue
        position, unit = _pos(source, p["position_id"])
        cut = w("no_cutoff", lang) if p["cutoff"] is None else fnum(p["cutoff"], lang) + (
            " " + w("by_lottery", lang) if p["cutoff_by_lottery"] else "")
        rows.append(CutoffRow(position, unit, int(p["capacity"]), int(p["applicants"]),
                              int(p["admissible"]), len(p["admitted"]), cut, int(p["remaining"])))
    then = payload.get("plan_then") or {}
    if settings["order"] == "after_plan":
        order = w("order_after_plan", lang, plan=settings.get("plan_run"))
    else:
        order = w("order_before_plan", lang,
                  n=sum(int(r["remaining"]) for r in then.get("remaining_deficits", [])),
                  m=len(then.get("moved_not_for_plan", [])))
    return RoundReportContext(
        lang=lang, css=print_css(), doc_title=w("report_title", lang),
        intro=w("report_intro", lang, run=run.run_id, date=fdate(payload["as_of"], lang),
                seed=settings["seed"]),
        rows=rows, quiet=w("no_applicant", lang, n=quiet, slots=quiet_slots) if quiet else "",
        summary=[(w("sum_participants", lang), str(s["participants"])), (w("sum_moved", lang), str(s["moved"])),
                 (w("sum_kept", lang), str(s["kept_current"])), (w("sum_no_post", lang), str(s["no_post"])),
                 (w("sum_passes", lang), str(s["passes"]))],
        variant=[w("fallback_on" if settings["keep_current"] else "fallback_off", lang), order],
        generated=w("generated", lang, run=run.run_id),
        labels=_labels(lang, ("col_position", "col_unit", "col_slots", "col_applicants", "col_eligible",
                              "col_admitted", "col_cutoff", "col_left", "summary", "variant")))
