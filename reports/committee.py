"""Committee (TPK) report: rankings per position, the plan, approvals, SK-draft review,
overrides and open questions, all from recorded decisions and the plan payload."""

from __future__ import annotations

from collections import Counter
from typing import Any

from engine.outcome import is_round_points
from engine.plan.model import PlanResult, Unplaced
from engine.plan.model import WorkloadRow as PlanWorkloadRow
from engine.plan.reasons import PlanReason
from reports.charts import balance_chart
from reports.common import (
    run_view_fields,
    sorted_records,
    subject_text,
    training_text,
)
from reports.context import (
    CommitteeContext,
    DecisionRow,
    OverrideRow,
    PlanRow,
    PositionRanking,
    RankedCandidate,
    RunView,
    SummaryRow,
    WorkloadRow,
)
from reports.explain import fact_title
from reports.factmeta import FactInfo
from reports.fmt import fdate, fnum
from reports.i18n import pick, plan_reason, plan_reason_committee, t, verdict_label
from reports.render import print_css
from reports.round_words import w as round_w
from reports.source import DecisionRecord, ReportSource, RunHeader
from reports.words import missing_words


def _name(source: ReportSource, nip: str) -> str:
    p = source.person(nip)
    return p.name if p else "-"


def _breakdown(decision: dict[str, Any], lang: str) -> str:
    parts = []
    for r in sorted(decision.get("reasons", []), key=lambda r: str(r["criterion_id"])):
        if (r.get("kind") == "score" and r.get("points") is not None and r.get("weight") is not None
                and not is_round_points(r)):
            parts.append(f"{pick(r.get('title'), lang)} {fnum(r['points'], lang)}×{fnum(r['weight'], lang)}")
    return "; ".join(parts)


RANKING_LIMIT = 10  # per position: a committee reads the head of the list, the CSV has all


def _rankings(source: ReportSource, records: list[DecisionRecord], placed: set[tuple[str, str]], lang: str,
              limit: int | None = RANKING_LIMIT, payload: PlanResult | None = None) -> list[PositionRanking]:
    by_pos: dict[str, list[DecisionRecord]] = {}
    for r in records:
        if r.decision.get("scope") == "candidate_position":
            by_pos.setdefault(str(r.decision["subject"].get("position_id")), []).append(r)
    where = {p.nip: p.position_id for p in payload.placements} if payload else {}
    reason = {u.nip: u.reason for u in payload.unplaced} if payload else {}

    def why(nip: str, pos: str) -> str:
        """Why someone ranked here was not placed here, naming which reason."""
        if where.get(nip) == pos:
            return ""
        if nip in where:
            return f"{t('placed_elsewhere_at', lang)} {source.position_name(where[nip])}"
        return plan_reason_committee(reason[nip].value, lang) if nip in reason else ""

    out = []
    for pos in sorted(by_pos):
        # Highest score first; ties by NIP (stable, documented).
        rows = sorted(by_pos[pos], key=lambda r: (-(r.decision.get("score") or 0.0), str(r.decision["subject"]["nip"])))
        shown = [(i, r) for i, r in enumerate(rows, start=1)
                 if limit is None or i <= limit or (str(r.decision["subject"]["nip"]), pos) in placed]
        cands = [
            RankedCandidate(i, str(r.decision["subject"]["nip"]), _name(source, str(r.decision["subject"]["nip"])),
                            fnum(r.decision.get("score"), lang), verdict_label(str(r.decision["verdict"]), lang),
                            _breakdown(r.decision, lang), (str(r.decision["subject"]["nip"]), pos) in placed,
                            why(str(r.decision["subject"]["nip"]), pos) if payload else "")
            for i, r in shown
        ]
        unit = source.position_unit(pos)
        out.append(PositionRanking(source.position_name(pos), source.unit_name(unit) if unit else "-", cands, len(rows) - len(cands)))
    return out


def _approval_detail(decision: dict[str, Any], lang: str) -> str:
    items = []
    for r in sorted(decision.get("reasons", []), key=lambda r: str(r["criterion_id"])):
        if r.get("outcome") == "approval_needed":
            who = pick((r.get("approval") or {}).get("from"), lang)
            items.append(f"{pick(r.get('title'), lang)}: {t('approval_from', lang)} {who}")
    return "; ".join(items)


def _missing_detail(decision: dict[str, Any], meta: dict[str, FactInfo], lang: str) -> str:
    items = []
    for r in sorted(decision.get("reasons", []), key=lambda r: str(r["criterion_id"])):
        if r.get("outcome") == "missing":
            facts = ", ".join(f"{fact_title(f, meta, lang)} ({missing_words(str(c), f, meta, lang)})" for f, c in sorted((r.get("missing") or {}).items()))
            items.append(f"{pick(r.get('title'), lang)}: {facts or '-'}")
    return "; ".join(items)


def open_questions(source: ReportSource, recs: list[DecisionRecord], meta: dict[str, FactInfo],
                   lang: str) -> list[DecisionRow]:
    """Decisions with data missing, one row per person and missing data: a missing record that
    holds up a person's decision for 40 positions is one question to the committee, with the
    first decision number and how many more it holds up. Rows in the records' order."""
    groups: dict[tuple[str, str], list[DecisionRecord]] = {}
    for r in recs:
        if r.decision.get("verdict") == "data_missing":
            nip = str(r.decision.get("subject", {}).get("nip", ""))
            groups.setdefault((nip, _missing_detail(r.decision, meta, lang)), []).append(r)
    rows = []
    for (nip, detail), rs in groups.items():
        row = _row(source, rs[0], detail, lang)
        if len(rs) > 1:
            row = DecisionRow(t("first_and_more", lang).format(first=rs[0].decision_id, n=len(rs) - 1),
                              t("nip_decisions", lang).format(nip=nip, n=len(rs)), row.name, row.verdict, detail)
        rows.append(row)
    return rows


def _row(source: ReportSource, rec: DecisionRecord, detail: str, lang: str) -> DecisionRow:
    subj = rec.decision.get("subject", {})
    return DecisionRow(rec.decision_id, subject_text(subj), _name(source, str(subj.get("nip", ""))),
                       verdict_label(str(rec.decision["verdict"]), lang), detail)


def override_rows(source: ReportSource, run: RunHeader, lang: str) -> list[OverrideRow]:
    recs = {r.decision_id: r for r in source.decisions(run.run_id)}
    rows = []
    for o in sorted(source.overrides(run.run_id), key=lambda o: (o.decision_id, o.at)):
        rec = recs.get(o.decision_id)
        subj = subject_text(rec.decision.get("subject", {})) if rec else "-"
        orig = verdict_label(str(rec.decision["verdict"]), lang) if rec else "-"
        rows.append(OverrideRow(o.decision_id, subj, orig, verdict_label(o.new_verdict, lang), o.actor, o.at, o.justification))
    return rows


def workload_rows(source: ReportSource, items: list[PlanWorkloadRow], lang: str) -> list[WorkloadRow]:
    return [
        WorkloadRow(source.unit_name(w.unit_id), fnum(w.staff_needed, lang), fnum(w.on_post_before, lang),
                    fnum(w.staff_needed, lang), fnum(w.on_post_after, lang))
        for w in sorted(items, key=lambda w: w.unit_id)
    ]


def workload_chart(source: ReportSource, items: list[PlanWorkloadRow], lang: str) -> str:
    """Per unit, staff needed minus on post before and after the plan (diverging bars)."""
    items = sorted(items, key=lambda w: w.unit_id)
    if not items:
        return ""
    return balance_chart(
        [source.unit_name(w.unit_id) for w in items],
        [float(w.staff_needed - w.on_post_before) for w in items],
        [float(w.staff_needed - w.on_post_after) for w in items],
        t("workload", lang), (t("before", lang), t("after_plan", lang)), t("balance_axis", lang),
    )


# 9-box numbers (engine.facts.NINE_BOX): rows potential high -> low, columns performance below -> above.
NINE_BOX_GRID = ((6, 8, 9), (3, 5, 7), (1, 2, 4))


def talent_pool(source: ReportSource, records: list[DecisionRecord], payload: PlanResult) -> list[list[str]]:
    """Candidates of the plan (placed, or not placed after competing) in the 9-box, from the
    recorded facts snapshot: each cell "people (placed)"."""
    placed = {p.nip for p in payload.placements}
    competed = placed | {u.nip for u in payload.unplaced
                         if u.reason in (PlanReason.NOT_SELECTED, PlanReason.ORIGIN_CAP_REACHED,
                                         PlanReason.NO_ADMISSIBLE_POSITION)}
    counts: Counter[int] = Counter()
    chosen: Counter[int] = Counter()
    for r in records:
        nip = str(r.decision.get("subject", {}).get("nip"))
        if r.decision.get("scope") != "candidate" or nip not in competed:
            continue
        box = (source.facts(r.decision_id) or {}).get("nine_box")
        if isinstance(box, int):
            counts[box] += 1
            chosen[box] += int(nip in placed)
    if not counts:
        return []
    return [[f"{counts[b]} ({chosen[b]})" for b in row] for row in NINE_BOX_GRID]


def unplaced_summary(source: ReportSource, payload: PlanResult, lang: str) -> list[SummaryRow]:
    """Eligible people not placed, counted by reason and unit (largest first)."""
    counts: Counter[tuple[str, str]] = Counter()
    for u in payload.unplaced:
        counts[(plan_reason_committee(u.reason.value, lang), source.unit_name(u.from_unit_id or "-"))] += 1
    return [SummaryRow(r, unit, n) for (r, unit), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def build_committee(source: ReportSource, run: RunHeader, review_run: RunHeader | None, meta: dict[str, FactInfo], lang: str = "id",
                    ranking_limit: int | None = RANKING_LIMIT) -> CommitteeContext:
    records = sorted_records(source.decisions(run.run_id))
    plan = source.plan(run.run_id)
    payload = plan.result if plan else PlanResult()
    placed = {(p.nip, p.position_id) for p in payload.placements}
    plan_rows = []
    for p in sorted(payload.placements, key=lambda p: (p.position_id, p.nip)):
        ru = p.runner_up
        runner = f"{ru.nip} ({fnum(ru.score, lang)}): {plan_reason(ru.why.value, lang)}" if ru else "-"
        training = ", ".join(training_text(tr, lang) for tr in p.training)
        unit = p.unit_id or source.position_unit(p.position_id)
        plan_rows.append(PlanRow(p.nip, _name(source, p.nip),
                                 source.position_name(p.from_position_id or "-"), source.position_name(p.position_id),
                                 source.unit_name(unit) if unit else "-", fnum(p.score, lang), runner,
                                 ", ".join(p.competency_gaps), training))
    unplaced_by_nip: dict[str, Unplaced] = {}
    for u in payload.unplaced:
        unplaced_by_nip.setdefault(u.nip, u)  # one row per person, the first reason given
    unplaced = [DecisionRow("-", nip, _name(source, nip), "-", plan_reason_committee(u.reason.value, lang))
                for nip, u in sorted(unplaced_by_nip.items())]
    open_pos = [DecisionRow("-", o.position_id, source.position_name(o.position_id), "-", plan_reason(o.reason.value, lang))
                for o in sorted(payload.open_positions, key=lambda o: o.position_id)]
    review_recs = sorted_records(source.decisions(review_run.run_id)) if review_run else []
    all_recs = records + review_recs
    approvals = [_row(source, r, _approval_detail(r.decision, lang), lang) for r in all_recs if r.decision.get("verdict") == "needs_approval"]
    review = [_row(source, r, _approval_detail(r.decision, lang) or _missing_detail(r.decision, meta, lang), lang)
              for r in review_recs if r.decision.get("scope") == "move"]
    questions = open_questions(source, all_recs, meta, lang)
    overrides = override_rows(source, run, lang) + (override_rows(source, review_run, lang) if review_run else [])
    workload = payload.workload
    basis = plan.inputs.after_round if plan and plan.inputs else None
    after_round = "" if basis is None else round_w("plan_after_round", lang, run=basis.run,
                                                   date=fdate(basis.as_of, lang), n=len(basis.moves))
    return CommitteeContext(
        lang=lang, doc_title=t("committee_title", lang), css=print_css(), run=RunView(**run_view_fields(run)),
        rankings=_rankings(source, records, placed, lang, ranking_limit, payload if plan else None), plan_rows=plan_rows,
        has_plan=plan is not None, after_round=after_round,
        unplaced=unplaced, unplaced_summary=unplaced_summary(source, payload, lang), open_positions=open_pos,
        talent=talent_pool(source, records, payload), approvals=approvals, review=review,
        review_run=RunView(**run_view_fields(review_run)) if review_run else None,
        overrides=overrides, open_questions=questions,
        workload=workload_rows(source, workload, lang), workload_chart=workload_chart(source, workload, lang),
    )
