"""Monitoring after transfer: for people moved in an earlier plan run, whether the move was
carried out (an issued SK for it recorded: a later review run of an SK with `sk_status:
issued`), what the store shows now (on the planned post or not: an observation, not proof)
and their SKP before/after; per unit, on post before the plan, planned after it (both
recorded) and actually now (store)."""

from __future__ import annotations

from datetime import date

from engine.plan.model import PlanResult
from reports.charts import balance_chart
from reports.common import run_view_fields
from reports.context import MonitoringContext, MonitoringRow, MonitorUnitRow, RunView
from reports.fmt import fdate, fnum
from reports.i18n import t
from reports.render import print_css
from reports.source import ReportSource, RunHeader


def skp_before_after(skp: dict[int, str], round_year: int) -> tuple[str | None, str | None]:
    """Predicate of the year before the round, and the latest predicate after the round's year."""
    before = skp.get(round_year - 1)
    later = sorted(y for y in skp if y > round_year)
    return before, (skp[later[-1]] if later else None)


def issued_sks(source: ReportSource, plan_run: RunHeader) -> dict[tuple[str, str], tuple[str, str]]:
    """(NIP, target post) -> (SK number, SK date) for every move of an issued SK reviewed after
    the plan run (the first such SK per move)."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for r in source.runs():
        if r.kind != "review" or r.run_seq <= plan_run.run_seq:
            continue
        payload = source.review(r.run_id) or {}
        ctx = payload.get("context") or {}
        if ctx.get("sk_status") != "issued":
            continue
        for m in payload.get("moves", []):
            if m.get("nip") and m.get("to_position_id"):
                out.setdefault((str(m["nip"]), str(m["to_position_id"])),
                               (str(ctx.get("sk_number") or "-"), str(ctx.get("sk_date") or "")))
    return out


def build_monitoring(source: ReportSource, run: RunHeader, lang: str = "id") -> MonitoringContext:
    recorded = source.plan(run.run_id)
    plan = recorded.result if recorded else PlanResult()
    year = date.fromisoformat(run.as_of).year
    none = t("not_recorded", lang)
    people = []
    sks = issued_sks(source, run)
    for p in sorted(plan.placements, key=lambda p: p.nip):
        nip = p.nip
        person = source.person(nip)
        before, after = skp_before_after(person.skp if person else {}, year)
        # Carried out when an issued SK for this move is recorded; the store's current post is
        # shown beside it (an import may lag behind the SK, or a person move without one).
        sk = sks.get((nip, p.position_id))
        status = (t("carried_out_sk", lang).format(number=sk[0], day=fdate(sk[1], lang)) if sk
                  else t("not_carried_out", lang))
        on_post = person is not None and person.position_id == p.position_id
        unit = p.unit_id or source.position_unit(p.position_id)
        target = f"{source.position_name(p.position_id)}, {source.unit_name(unit)}" if unit else source.position_name(p.position_id)
        people.append(MonitoringRow(nip, person.name if person else "-", target,
                                    before or none, after or none, status,
                                    t("in_store_on_post" if on_post else "in_store_not_on_post", lang)))
    now = source.unit_workloads()
    rows, labels, planned, actual = [], [], [], []
    for w in sorted(plan.workload, key=lambda w: w.unit_id):
        uid = w.unit_id
        cur = now.get(uid)
        need = float(w.staff_needed)
        rows.append(MonitorUnitRow(source.unit_name(uid), fnum(need, lang), fnum(w.on_post_before, lang),
                                   fnum(w.on_post_after, lang), fnum(cur[1], lang) if cur else none))
        labels.append(source.unit_name(uid))
        planned.append(need - w.on_post_after)
        actual.append((cur[0] - cur[1]) if cur else need - w.on_post_before)
    chart = balance_chart(labels, planned, actual, t("workload", lang), (t("planned_after", lang), t("now", lang)),
                          t("balance_axis", lang)) if rows else ""
    return MonitoringContext(lang=lang, doc_title=t("monitoring_title", lang), css=print_css(), run=RunView(**run_view_fields(run)),
                             people=people, workload=rows, workload_chart=chart)
