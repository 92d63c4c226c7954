"""Fairness report context: who was considered and selected in a plan run, by group."""

from __future__ import annotations

from datetime import date

from reports.charts import bar_chart
from reports.common import run_view_fields
from reports.context import FairnessContext, FairnessRowView, RunView
from reports.fairness import FOUR_FIFTHS, Subject, age_band, band_order, rates
from reports.fmt import fpct, fratio
from reports.i18n import t
from reports.render import print_css
from reports.source import ReportSource, RunInfo

CONSIDERED = ("eligible", "eligible_through_exception")
GENDER = {"L": {"id": "Laki-laki", "en": "Male"}, "P": {"id": "Perempuan", "en": "Female"}}
ATTRIBUTES = ("gender", "age_band", "religion")


def subjects(source: ReportSource, run: RunInfo) -> list[Subject]:
    """Eligible candidates of the run (considered) and whether the plan placed them."""
    plan = source.plan(run.run_id) or {}
    placed = {str(p.get("nip")) for p in plan.get("placements", [])}
    as_of = date.fromisoformat(run.as_of)
    nips = sorted({
        str(r.decision["subject"]["nip"])
        for r in source.decisions(run.run_id)
        if r.decision.get("scope") == "candidate" and r.decision.get("verdict") in CONSIDERED
    })
    out = []
    for nip in nips:
        p = source.person(nip)
        attrs: dict[str, str | None] = {
            "gender": p.gender if p else None,
            "age_band": age_band(p.birth_date, as_of) if p else None,
            "religion": p.religion if p else None,
        }
        out.append(Subject(nip, nip in placed, attrs))
    return out


def build_fairness(source: ReportSource, run: RunInfo, lang: str = "id") -> FairnessContext:
    subs = subjects(source, run)
    rows: list[FairnessRowView] = []
    charts: list[tuple[str, str]] = []
    for attr in ATTRIBUTES:
        group_rates = rates(subs, attr, band_order if attr == "age_band" else None)
        if not group_rates:
            continue
        label = t(attr, lang)
        names = [GENDER.get(g.group, {}).get(lang, g.group) if attr == "gender" else g.group for g in group_rates]
        for g, name in zip(group_rates, names, strict=True):
            flags = []
            if g.below_four_fifths:
                flags.append(t("below_four_fifths", lang))
            if g.small_group:
                flags.append(t("small_group", lang))
            rows.append(FairnessRowView(
                attribute=label, group=name, considered=g.considered, selected=g.selected,
                rate=fpct(float(g.rate), lang),
                impact_ratio=fratio(float(g.impact_ratio), lang) if g.impact_ratio is not None else "-",
                share=fpct(float(g.share), lang), flag="; ".join(flags),
            ))
        top = max(float(g.rate) for g in group_rates)
        # The dashed line is four-fifths of the top rate: bars under it are flagged groups.
        charts.append((label, bar_chart(names, [float(g.rate) for g in group_rates], f"{t('rate', lang)}: {label}",
                                        t("rate", lang), ref_line=top * float(FOUR_FIFTHS))))
    return FairnessContext(
        lang=lang, doc_title=t("fairness_title", lang), css=print_css(), run=RunView(**run_view_fields(run)),
        method=t("fairness_method", lang), rows=rows, charts=charts,
        considered_total=len(subs), selected_total=sum(s.selected for s in subs),
    )
