"""Markdown and CSV summaries for email, from the same contexts as the HTML."""

from __future__ import annotations

from collections.abc import Sequence

from reports.context import (
    CommitteeContext,
    FairnessContext,
    InspectorContext,
    LetterContext,
    MonitoringContext,
)
from reports.csvout import to_csv
from reports.fmt import fdate
from reports.i18n import run_kind, t


def _md_escape(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = ["| " + " | ".join(_md_escape(h) for h in header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def letter_md(c: LetterContext) -> str:
    lang, h = c.lang, c.head
    lines = [f"**{h.government}**  ", f"**{h.office}**  ", h.contact_line, "",
             f"{t('l_number', lang)}: {h.number}  ", f"{t('l_sifat', lang)}: {h.sifat}  ",
             f"{t('l_lampiran', lang)}: {h.lampiran}  ", f"{t('l_hal', lang)}: **{h.hal}**  ", h.place_date, "",
             f"{t('l_yth', lang)} {c.name}, {t('nip', lang)} {c.nip}, {c.position}, {c.unit}", "", c.opening, "",
             f"**{c.headline}**", ""]
    if c.override:
        lines += [f"> {c.override}", ""]
    if c.placement:
        p = c.placement
        lines += [f"## {t('l_why_position', lang)}", "", p.score_line, ""]
        if p.gaps:
            lines += [f"{t('gaps', lang)}: {', '.join(p.gaps)}", ""]
        if p.training:
            lines += [f"{t('training', lang)}: {'; '.join(p.training)}", ""]
    if c.standing:
        lines += [f"## {t('l_standing', lang)}", ""] + [f"- {x}" for x in c.standing] + [""]
    if c.tie_break:
        lines += [c.tie_break, ""]
    if c.reasons:
        lines += [f"## {c.reasons_title}", ""] + [f"- **{r.title}**. {r.sentence}" for r in c.reasons] + [""]
    if c.reasons_note:
        lines += [c.reasons_note, ""]
    if c.fixes:
        lines += [f"## {t('l_fix_data', lang)}", ""] + [f"- {x}" for x in c.fixes] + [""]
    if c.changes:
        lines += [f"## {t('l_change', lang)}", ""] + [f"- {x}" for x in c.changes] + [""]
    lines += [f"## {t('objection', lang)}", "", f"{c.objection} {c.contact}", "", f"> {t('person_decides', lang)}", "",
              c.closing, "", c.signatory.on_behalf, c.signatory.title, "", c.signatory.name, c.signatory.nip, "",
              f"## {t('l_appendix', lang)}: {t('l_appendix_title', lang)}", "",
              _md_table([t("l_col_no", lang), t("criterion", lang), t("l_col_detail", lang), t("outcome", lang),
                         t("legal_basis", lang)],
                        [(r.no, r.title, r.detail, r.outcome_label, r.basis) for r in c.appendix]),
              f"- {t('decision_id', lang)}: {c.record.decision_id}", f"- {t('run_id', lang)}: {c.record.run_id}",
              f"- {t('pack', lang)}: {c.record.pack_id} {t('version', lang)} {c.record.pack_version}",
              f"- {t('pack_hash', lang)}: `{c.record.pack_hash}`", ""]
    return "\n".join(lines)


def committee_md(c: CommitteeContext) -> str:
    lang = c.lang
    parts = [f"# {c.doc_title}", "", f"{t('run', lang)} {c.run.run_id}, {fdate(c.run.as_of, lang)}, {c.run.pack_id} {c.run.pack_version}", ""]
    parts += [f"## {t('plan', lang)}", "", _md_table([t("nip", lang), t("name", lang), t("from", lang), t("to_position", lang), t("score", lang)],
                                                      [(p.nip, p.name, p.from_position, f"{p.to_position}, {p.to_unit}", p.score) for p in c.plan_rows])]
    for title, rows in ((t("approvals", lang), c.approvals), (t("review", lang), c.review), (t("open_questions", lang), c.open_questions)):
        parts += [f"## {title}", "", _md_table([t("decision_id", lang), t("subject", lang), t("verdict", lang), t("detail", lang)],
                                               [(r.decision_id, r.subject, r.verdict, r.detail) for r in rows])]
    parts += [f"## {t('overrides', lang)}", "", _md_table([t("decision_id", lang), t("new", lang), t("actor", lang), t("justification", lang)],
                                                          [(o.decision_id, o.new, o.actor, o.justification) for o in c.overrides])]
    return "\n".join(parts)


def inspector_md(c: InspectorContext) -> str:
    lang = c.lang
    state = t("intact", lang) if c.intact else t("not_intact", lang)
    parts = [f"# {c.doc_title}", "", f"- {t('run', lang)}: {c.run.run_id} ({run_kind(c.run.kind, lang)}), {fdate(c.run.as_of, lang)}",
             f"- {t('pack', lang)}: {c.run.pack_id} {c.run.pack_version} `{c.run.pack_hash}`",
             f"- {t('input_hash', lang)}: `{c.run.input_hash}`", f"- {t('verification', lang)}: **{state}**: {c.verification}",
             f"- {t('checkpoint', lang)}: {c.checkpoint}", "", f"## {t('coverage', lang)}", "",
             _md_table([t("criterion", lang), t("outcome", lang), t("times_deciding", lang)], [(r.title, r.counts, r.deciding) for r in c.coverage]),
             f"{t('never_fired', lang)}: {', '.join(c.never_fired) or '-'}", "", f"## {t('exceptions', lang)}", "",
             _md_table([t("decision_id", lang), t("subject", lang), t("document", lang)], [(r.decision_id, r.subject, r.detail) for r in c.exceptions])]
    return "\n".join(parts)


def fairness_md(c: FairnessContext) -> str:
    lang = c.lang
    parts = [f"# {c.doc_title}", "", c.method, "", _md_table(
        [t("attribute", lang), t("group", lang), t("considered", lang), t("selected", lang), t("rate", lang),
         t("impact_ratio", lang), t("p_value", lang), t("share", lang), t("flag", lang)],
        [(r.attribute, r.group, r.considered, r.selected, r.rate, r.impact_ratio, r.p_value, r.share, r.flag) for r in c.rows])]
    for ft in c.failing:
        parts += [f"## {t('failing_title', lang)}: {ft.attribute}", "",
                  _md_table([t("criterion", lang), *ft.groups], [(title, *shares) for title, shares in ft.rows])]
    return "\n".join(parts)


def monitoring_md(c: MonitoringContext) -> str:
    lang = c.lang
    return "\n".join([f"# {c.doc_title}", "", f"## {t('moved_people', lang)}", "",
                      _md_table([t("nip", lang), t("name", lang), t("to_position", lang), t("move_status", lang),
                                 t("in_store_col", lang), t("skp_before", lang), t("skp_after", lang)],
                                [(p.nip, p.name, p.to_position, p.carried_out, p.in_store, p.skp_before, p.skp_after)
                                 for p in c.people]),
                      f"## {t('workload', lang)}", "",
                      _md_table([t("unit", lang), t("needed", lang), t("before_plan", lang), t("planned_after", lang), t("now", lang)],
                                [(w.unit, w.needed, w.before, w.planned, w.now) for w in c.workload])])


def csv_of(c: object) -> str:
    """The main table of a report as CSV (one row per item)."""
    if isinstance(c, LetterContext):
        return to_csv(["nip", "decision_id", "criterion", "outcome", "detail", "legal_basis"],
                      [(c.nip, c.record.decision_id, r.title, r.outcome_label, r.detail, r.basis) for r in c.appendix])
    if isinstance(c, CommitteeContext):
        return to_csv(["position", "unit", "rank", "nip", "name", "score", "verdict", "placed"],
                      [(pr.position, pr.unit, x.rank, x.nip, x.name, x.score, x.verdict, int(x.placed_here)) for pr in c.rankings for x in pr.candidates])
    if isinstance(c, InspectorContext):
        return to_csv(["criterion_id", "title", "outcomes", "times_deciding", "fired"],
                      [(r.criterion_id, r.title, r.counts, r.deciding, int(r.fired)) for r in c.coverage])
    if isinstance(c, FairnessContext):
        return to_csv(["attribute", "group", "considered", "selected", "rate", "impact_ratio", "p_value", "share", "flag"],
                      [(r.attribute, r.group, r.considered, r.selected, r.rate, r.impact_ratio, r.p_value, r.share, r.flag) for r in c.rows])
    if isinstance(c, MonitoringContext):
        return to_csv(["nip", "name", "to_position", "carried_out", "in_store", "skp_before", "skp_after"],
                      [(p.nip, p.name, p.to_position, p.carried_out, p.in_store, p.skp_before, p.skp_after) for p in c.people])
    raise TypeError(f"no CSV form for {type(c).__name__}")


MD = {LetterContext: letter_md, CommitteeContext: committee_md, InspectorContext: inspector_md,
      FairnessContext: fairness_md, MonitoringContext: monitoring_md}


def md_of(c: object) -> str:
    return MD[type(c)](c)  # type: ignore[operator]
