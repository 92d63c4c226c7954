"""Monitoring after transfer: for people moved in an earlier plan run, whether the move was
carried out (the store has them on the planned post) and their SKP before/after; per unit,
on post before the plan, planned after it (both recorded) and actually now (store)."""

from __future__ import annotations

from datetime import date

from engine.plan.model import PlanResult
from reports.charts import balance_chart
from reports.common import run_view_fields
from reports.context import MonitoringContext, MonitoringRow, MonitorUnitRow, RunView
from reports.fmt import fnum
from reports.i18n import t
from reports.render import print_css
from reports.source import ReportSource, RunHeader


def skp_before_after(skp: dict[int, str], round_year: int) -> tuple[str | None, str | None]:
    """Predicate of the year before the round, and the latest predicate after the round's year."""
    before = skp.get(round_year - 1)
    later = sorted(y for y in skp if y > round_year)
    return before, (skp[later[-1]] if later else None)


def build_monitoring(source: ReportSource, run: RunHeader, lang: str = "id") -> MonitoringContext:
    recorded = source.plan(run.run_id)
    plan = recorded.result if recorded else PlanResult()
    year = date.fromisoformat(run.as_of).year
    none = t("not_recorded", lang)
    people = []
    for p in sorted(plan.placements, key=lambda p: p.nip):
        nip = p.nip
        person = source.person(nip)
        before, after = skp_before_after(person.skp if person else {}, year)
        # Carried out when the store now has the person on the planned post (an SK recorded
        # and imported); otherwise not yet.
        done = person is not None and person.position_id == p.position_id
        people.append(MonitoringRow(nip, person.name if person else "-", source.position_name(p.position_id),
                                    before or none, after or none, t("carried_out" if done else "not_carried_out", lang)))
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
