"""Fairness report context: who was considered and selected in a plan run, by group."""

from __future__ import annotations

from datetime import date
from typing import Any

from reports.charts import bar_chart
from reports.common import run_view_fields
from reports.context import FailingTable, FairnessContext, FairnessRowView, RunView
from reports.fairness import (
    FOUR_FIFTHS,
    MIN_EXPECTED,
    Subject,
    age_band,
    band_order,
    failing_shares,
    rates,
)
from reports.fmt import fnum, fpct, fratio
from reports.i18n import pick, t
from reports.render import print_css
from reports.source import Person, ReportSource, RunHeader

CONSIDERED = ("eligible", "eligible_through_exception")
GENDER = {"L": {"id": "Laki-laki", "en": "Male"}, "P": {"id": "Perempuan", "en": "Female"}}
ATTRIBUTES = ("gender", "age_band", "religion", "rank_group", "education", "unit")
FAILING_ATTRIBUTES = ("gender", "age_band", "religion", "rank_group", "education")  # units: too many columns
EDUCATION_ORDER = ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
RANK_ORDER = ("I", "II", "III", "IV")


def _order(attr: str) -> Any:
    if attr == "age_band":
        return band_order
    seq = {"education": EDUCATION_ORDER, "rank_group": RANK_ORDER}.get(attr)
    if seq is None:
        return None
    return lambda g: (seq.index(g) if g in seq else len(seq), g)


def attributes(p: Person | None, as_of: date, unit: str | None) -> dict[str, str | None]:
    if p is None:
        return dict.fromkeys(ATTRIBUTES)
    return {
        "gender": p.gender,
        "age_band": age_band(p.birth_date, as_of),
        "religion": p.religion,
        "rank_group": p.golongan.split("/")[0] if p.golongan else None,
        "education": p.education_level,
        "unit": unit,
    }


def subjects(source: ReportSource, run: RunHeader) -> list[Subject]:
    """Eligible candidates of the run (considered) and whether the plan placed them; for a
    voluntary round, the participants with an eligible choice and whether they moved."""
    if run.kind == "round":
        return _round_subjects(source, run, source.round(run.run_id) or {})
    plan = source.plan(run.run_id)
    placed = {p.nip for p in plan.result.placements} if plan else set()
    as_of = date.fromisoformat(run.as_of)
    nips = sorted({
        str(r.decision["subject"]["nip"])
        for r in source.decisions(run.run_id)
        if r.decision.get("scope") == "candidate" and r.decision.get("verdict") in CONSIDERED
    })
    out = []
    for nip in nips:
        p = source.person(nip)
        unit = source.unit_name(p.unit_id) if p is not None and p.unit_id else None
        out.append(Subject(nip, nip in placed, attributes(p, as_of, unit)))
    return out


def _round_subjects(source: ReportSource, run: RunHeader, payload: dict[str, Any]) -> list[Subject]:
    as_of = date.fromisoformat(run.as_of)
    out = []
    for person in sorted(payload.get("people", []), key=lambda x: str(x["nip"])):
        if not any(b.get("verdict") in CONSIDERED for b in person.get("bids", [])):
            continue
        nip = str(person["nip"])
        p = source.person(nip)
        unit = source.unit_name(p.unit_id) if p is not None and p.unit_id else None
        out.append(Subject(nip, person.get("outcome") == "moved", attributes(p, as_of, unit)))
    return out


def failing_tables(source: ReportSource, run: RunHeader, lang: str) -> list[FailingTable]:
    """Which criteria account for a gap: per attribute, the share of each group (all
    candidates of the run) that failed each requirement."""
    as_of = date.fromisoformat(run.as_of)
    rows: list[tuple[dict[str, str | None], set[str]]] = []
    titles: dict[str, str] = {}
    for r in source.decisions(run.run_id):
        d = r.decision
        if d.get("scope") != "candidate":
            continue
        failed = set()
        for x in d.get("reasons", []):
            if x.get("kind") == "requirement" and x.get("outcome") == "fail":
                failed.add(str(x["criterion_id"]))
                titles.setdefault(str(x["criterion_id"]), pick(x.get("title"), lang))
        p = source.person(str(d["subject"]["nip"]))
        rows.append((attributes(p, as_of, None), failed))
    out = []
    for attr in FAILING_ATTRIBUTES:
        groups, shares = failing_shares(rows, attr, _order(attr))
        if not groups or not shares:
            continue
        names = [_group_name(attr, g, lang) for g in groups]
        out.append(FailingTable(t(attr, lang), names, [(titles[cid], [fpct(float(by[g]), lang) for g in groups])
                                                        for cid, by in shares.items()]))
    return out


def _group_name(attr: str, g: str, lang: str) -> str:
    return GENDER.get(g, {}).get(lang, g) if attr == "gender" else g


def build_fairness(source: ReportSource, run: RunHeader, lang: str = "id") -> FairnessContext:
    subs = subjects(source, run)
    rows: list[FairnessRowView] = []
    charts: list[tuple[str, str]] = []
    for attr in ATTRIBUTES:
        group_rates = rates(subs, attr, _order(attr))
        if not group_rates:
            continue
        label = t(attr, lang)
        names = [_group_name(attr, g.group, lang) for g in group_rates]
        for g, name in zip(group_rates, names, strict=True):
            flags = []
            if g.below_four_fifths:
                flags.append(t("below_four_fifths", lang))
            if g.small_group:
                flags.append(t("small_group", lang))
            if g.too_few:
                flags.append(t("too_few_to_flag", lang))
            rows.append(FairnessRowView(
                attribute=label, group=name, considered=g.considered, selected=g.selected,
                rate=fpct(float(g.rate), lang),
                impact_ratio=fratio(float(g.impact_ratio), lang) if g.impact_ratio is not None else "-",
                share=fpct(float(g.share), lang), flag="; ".join(flags),
                p_value=fnum(g.p_value, lang) if g.p_value is not None else "-",
            ))
        top = max(float(g.rate) for g in group_rates)
        # The dashed line is four-fifths of the top rate: bars under it are flagged groups.
        charts.append((label, bar_chart(names, [float(g.rate) for g in group_rates], f"{t('rate', lang)}: {label}",
                                        t("rate", lang), ref_line=top * float(FOUR_FIFTHS))))
    return FairnessContext(
        lang=lang, doc_title=t("fairness_title", lang), css=print_css(), run=RunView(**run_view_fields(run)),
        method=t("fairness_method", lang).format(n=MIN_EXPECTED),
        flags_note=t("flags_note", lang).format(n=MIN_EXPECTED), rows=rows, charts=charts,
        considered_total=len(subs), selected_total=sum(s.selected for s in subs),
        failing=failing_tables(source, run, lang),
    )
