"""Monitoring after transfer: SKP before/after for people moved in an earlier plan run, and
each unit's workload at the plan (recorded) versus now (store)."""

from __future__ import annotations

from datetime import date

from reports.charts import before_after_chart
from reports.common import needed_before, run_view_fields
from reports.context import MonitoringContext, MonitoringRow, RunView, WorkloadRow
from reports.fmt import fnum
from reports.i18n import t
from reports.render import print_css
from reports.source import ReportSource, RunInfo


def skp_before_after(skp: dict[int, str], round_year: int) -> tuple[str | None, str | None]:
    """Predicate of the year before the round, and the latest predicate after the round's year."""
    before = skp.get(round_year - 1)
    later = sorted(y for y in skp if y > round_year)
    return before, (skp[later[-1]] if later else None)


def build_monitoring(source: ReportSource, run: RunInfo, lang: str = "id") -> MonitoringContext:
    plan = source.plan(run.run_id) or {}
    year = date.fromisoformat(run.as_of).year
    none = t("not_recorded", lang)
    people = []
    for p in sorted(plan.get("placements", []), key=lambda p: str(p.get("nip"))):
        nip = str(p.get("nip"))
        person = source.person(nip)
        before, after = skp_before_after(person.skp if person else {}, year)
        people.append(MonitoringRow(nip, person.name if person else "-", source.position_name(str(p.get("position_id"))),
                                    before or none, after or none))
    now = source.unit_workloads()
    rows, labels, needed, on_before, on_now = [], [], [], [], []
    for w in sorted(plan.get("workload", []), key=lambda w: str(w.get("unit_id"))):
        uid = str(w.get("unit_id"))
        cur = now.get(uid)
        rows.append(WorkloadRow(source.unit_name(uid), fnum(needed_before(w), lang), fnum(w.get("on_post_before"), lang),
                                fnum(cur[0], lang) if cur else none, fnum(cur[1], lang) if cur else none))
        labels.append(source.unit_name(uid))
        needed.append(float(needed_before(w) or 0))
        on_before.append(float(w.get("on_post_before") or 0))
        on_now.append(float(cur[1]) if cur else 0.0)
    chart = before_after_chart(labels, needed, on_before, on_now, t("workload", lang),
                               (t("needed", lang), t("before", lang), t("after", lang))) if rows else ""
    return MonitoringContext(lang=lang, doc_title=t("monitoring_title", lang), css=print_css(), run=RunView(**run_view_fields(run)),
                             people=people, workload=rows, workload_chart=chart)
