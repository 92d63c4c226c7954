"""Committee (TPK) report: rankings per position, the plan, approvals, SK-draft review,
overrides and open questions, all from recorded decisions and the plan payload."""

from __future__ import annotations

from collections import Counter
from typing import Any

from engine.outcome import is_round_points
from reports.charts import balance_chart
from reports.common import (
    gaps_of,
    needed_after,
    needed_before,
    run_view_fields,
    sorted_records,
    subject_text,
    text_of,
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
from reports.fmt import fnum
from reports.i18n import pick, plan_reason_committee, t, verdict_label
from reports.render import print_css
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
              limit: int | None = RANKING_LIMIT, payload: dict[str, Any] | None = None) -> list[PositionRanking]:
    by_pos: dict[str, list[DecisionRecord]] = {}
    for r in records:
        if r.decision.get("scope") == "candidate_position":
            by_pos.setdefault(str(r.decision["subject"].get("position_id")), []).append(r)
    where = {str(p.get("nip")): str(p.get("position_id")) for p in (payload or {}).get("placements", [])}
    reason = {str(u.get("nip")): str(u.get("reason")) for u in (payload or {}).get("unplaced", [])}

    def why(nip: str, pos: str) -> str:
        """Why someone ranked here was not placed here, naming which reason."""
        if where.get(nip) == pos:
            return ""
        if nip in where:
            return f"{t('placed_elsewhere_at', lang)} {source.position_name(where[nip])}"
        return plan_reason_committee(reason[nip], lang) if nip in reason else ""

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


def _committee_reason(value: Any, lang: str) -> str:
    return plan_reason_committee(value, lang) if isinstance(value, str) else text_of(value, lang)


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


def workload_rows(source: ReportSource, items: list[dict[str, Any]], lang: str) -> list[WorkloadRow]:
    return [
        WorkloadRow(source.unit_name(str(w.get("unit_id"))), fnum(needed_before(w), lang), fnum(w.get("on_post_before"), lang),
                    fnum(needed_after(w), lang), fnum(w.get("on_post_after"), lang))
        for w in sorted(items, key=lambda w: str(w.get("unit_id")))
    ]


def workload_chart(source: ReportSource, items: list[dict[str, Any]], lang: str) -> str:
    """Per unit, staff needed minus on post before and after the plan (diverging bars)."""
    items = sorted(items, key=lambda w: str(w.get("unit_id")))
    if not items:
        return ""
    return balance_chart(
        [source.unit_name(str(w.get("unit_id"))) for w in items],
        [float(needed_before(w) or 0) - float(w.get("on_post_before") or 0) for w in items],
        [float(needed_after(w) or 0) - float(w.get("on_post_after") or 0) for w in items],
        t("workload", lang), (t("before", lang), t("after_plan", lang)), t("balance_axis", lang),
    )


# 9-box numbers (engine.facts.NINE_BOX): rows potential high -> low, columns performance below -> above.
NINE_BOX_GRID = ((6, 8, 9), (3, 5, 7), (1, 2, 4))


def talent_pool(source: ReportSource, records: list[DecisionRecord], payload: dict[str, Any]) -> list[list[str]]:
    """Candidates of the plan (placed, or not placed after competing) in the 9-box, from the
    recorded facts snapshot: each cell "people (placed)"."""
    placed = {str(p.get("nip")) for p in payload.get("placements", [])}
    competed = placed | {str(u.get("nip")) for u in payload.get("unplaced", [])
                         if u.get("reason") in ("not_selected", "origin_cap_reached", "no_admissible_position")}
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


def unplaced_summary(source: ReportSource, payload: dict[str, Any], lang: str) -> list[SummaryRow]:
    """Eligible people not placed, counted by reason and unit (largest first)."""
    counts: Counter[tuple[str, str]] = Counter()
    for u in payload.get("unplaced", []):
        counts[(_committee_reason(u.get("reason"), lang), source.unit_name(str(u.get("from_unit_id") or "-")))] += 1
    return [SummaryRow(r, unit, n) for (r, unit), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def build_committee(source: ReportSource, run: RunHeader, review_run: RunHeader | None, meta: dict[str, FactInfo], lang: str = "id",
                    ranking_limit: int | None = RANKING_LIMIT) -> CommitteeContext:
    records = sorted_records(source.decisions(run.run_id))
    plan = source.plan(run.run_id)
    payload = plan or {}
    placed = {(str(p.get("nip")), str(p.get("position_id"))) for p in payload.get("placements", [])}
    plan_rows = []
    for p in sorted(payload.get("placements", []), key=lambda p: (str(p.get("position_id")), str(p.get("nip")))):
        ru = p.get("runner_up") or {}
        runner = f"{ru.get('nip')} ({fnum(ru.get('score'), lang)}): {text_of(ru.get('why'), lang)}" if ru else "-"
        training = ", ".join(training_text(tr, lang) for tr in p.get("training", []))
        pos = str(p.get("position_id"))
        unit = p.get("unit_id") or source.position_unit(pos)
        plan_rows.append(PlanRow(str(p.get("nip")), _name(source, str(p.get("nip"))),
                                 source.position_name(str(p.get("from_position_id") or "-")), source.position_name(pos),
                                 source.unit_name(str(unit)) if unit else "-", fnum(p.get("score"), lang), runner,
                                 ", ".join(gaps_of(p)), training))
    unplaced_by_nip: dict[str, dict[str, Any]] = {}
    for u in payload.get("unplaced", []):
        unplaced_by_nip.setdefault(str(u.get("nip")), u)  # one row per person, the first reason given
    unplaced = [DecisionRow("-", nip, _name(source, nip), "-", _committee_reason(u.get("reason"), lang))
                for nip, u in sorted(unplaced_by_nip.items())]
    open_pos = [DecisionRow("-", str(o.get("position_id")), source.position_name(str(o.get("position_id"))), "-", text_of(o.get("reason"), lang))
                for o in sorted(payload.get("open_positions", []), key=lambda o: str(o.get("position_id")))]
    review_recs = sorted_records(source.decisions(review_run.run_id)) if review_run else []
    all_recs = records + review_recs
    approvals = [_row(source, r, _approval_detail(r.decision, lang), lang) for r in all_recs if r.decision.get("verdict") == "needs_approval"]
    review = [_row(source, r, _approval_detail(r.decision, lang) or _missing_detail(r.decision, meta, lang), lang)
              for r in review_recs if r.decision.get("scope") == "move"]
    questions = [_row(source, r, _missing_detail(r.decision, meta, lang), lang) for r in all_recs if r.decision.get("verdict") == "data_missing"]
    overrides = override_rows(source, run, lang) + (override_rows(source, review_run, lang) if review_run else [])
    workload = payload.get("workload", [])
    return CommitteeContext(
        lang=lang, doc_title=t("committee_title", lang), css=print_css(), run=RunView(**run_view_fields(run)),
        rankings=_rankings(source, records, placed, lang, ranking_limit, payload), plan_rows=plan_rows, has_plan=plan is not None,
        unplaced=unplaced, unplaced_summary=unplaced_summary(source, payload, lang), open_positions=open_pos,
        talent=talent_pool(source, records, payload), approvals=approvals, review=review,
        review_run=RunView(**run_view_fields(review_run)) if review_run else None,
        overrides=overrides, open_questions=questions,
        workload=workload_rows(source, workload, lang), workload_chart=workload_chart(source, workload, lang),
    )
