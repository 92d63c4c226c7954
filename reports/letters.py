"""Letters to employees: the decision that concerns them, in their own data only.

Builds a LetterContext from one recorded run. The letter names no other person: runner-up
details and other people's decisions are never read into it.
"""

from __future__ import annotations

from typing import Any

from engine.problems import UsageError
from reports.common import gaps_of, text_of, training_text
from reports.config import ReportConfig, objection_text
from reports.context import LetterContext, PlacementView, RecordRef
from reports.explain import ReasonView, reason_view
from reports.factmeta import FactInfo
from reports.fmt import fdate, fnum
from reports.i18n import t, verdict_label
from reports.render import print_css
from reports.source import DecisionRecord, ReportSource, RunInfo

HEADLINE = {
    "eligible": "head_eligible",
    "not_eligible": "head_not_eligible",
    "needs_approval": "head_needs_approval",
    "eligible_through_exception": "head_exception",
    "data_missing": "head_data_missing",
}


def _of_scope(records: list[DecisionRecord], scope: str) -> list[DecisionRecord]:
    rows = [r for r in records if r.decision.get("scope") == scope]
    return sorted(rows, key=lambda r: (str(r.decision["subject"].get("position_id", "")), str(r.decision["subject"].get("move_id", "")), r.decision_id))


def _shown(reason: dict[str, Any]) -> bool:
    """Scores show under the placement; advisories only when they fired; inapplicable exceptions never."""
    if reason.get("kind") == "advisory":
        return reason.get("outcome") == "warning"
    return reason.get("kind") != "score" and reason.get("outcome") != "not_applicable"


def _criteria(decision: dict[str, Any], meta: dict[str, FactInfo], lang: str) -> list[ReasonView]:
    reasons = sorted(decision.get("reasons", []), key=lambda r: str(r["criterion_id"]))
    return [reason_view(r, meta, lang) for r in reasons if _shown(r)]


def _placement(place: dict[str, Any], pair: DecisionRecord | None, source: ReportSource, meta: dict[str, FactInfo], lang: str) -> PlacementView:
    pos_id = str(place.get("position_id", ""))
    unit_id = place.get("unit_id") or source.position_unit(pos_id) or ""
    why: list[ReasonView] = []
    if pair is not None:
        reasons = sorted(pair.decision.get("reasons", []), key=lambda r: str(r["criterion_id"]))
        why = [reason_view(r, meta, lang) for r in reasons if r.get("outcome") in ("pass", "scored", "approved", "excepted")]
    score = place.get("score", pair.decision.get("score") if pair else None)
    training = [training_text(tr, lang) for tr in place.get("training", [])]
    return PlacementView(
        position=source.position_name(pos_id),
        unit=source.unit_name(str(unit_id)) if unit_id else "-",
        score=fnum(score, lang),
        why=why,
        gaps=gaps_of(place),
        training=[x for x in training if x],
    )


def by_nip(records: list[DecisionRecord]) -> dict[str, list[DecisionRecord]]:
    out: dict[str, list[DecisionRecord]] = {}
    for r in records:
        nip = r.decision.get("subject", {}).get("nip")
        if nip:
            out.setdefault(str(nip), []).append(r)
    return out


def build_letter(source: ReportSource, run: RunInfo, nip: str, meta: dict[str, FactInfo], config: ReportConfig,
                 lang: str = "id", mine: list[DecisionRecord] | None = None) -> LetterContext:
    """The letter to ``nip`` about run ``run``; ``mine`` = their decisions when already grouped."""
    if mine is None:
        mine = by_nip(source.decisions(run.run_id)).get(nip, [])
    person = source.person(nip)
    if not mine:
        raise UsageError(f"NIP {nip}: no decision recorded in run {run.run_id}")
    candidate = _of_scope(mine, "candidate")
    moves = _of_scope(mine, "move")
    pairs = _of_scope(mine, "candidate_position")
    main = (moves or candidate or pairs)[0]
    verdict = str(main.decision["verdict"])
    headline, detail, placement = t(HEADLINE.get(verdict, "head_data_missing"), lang), "", None
    plan = source.plan(run.run_id) or {}
    place = next((p for p in plan.get("placements", []) if str(p.get("nip")) == nip), None)
    unplaced = next((u for u in plan.get("unplaced", []) if str(u.get("nip")) == nip), None)
    if place is not None:
        pos_id = str(place.get("position_id", ""))
        pair = next((p for p in pairs if str(p.decision["subject"].get("position_id")) == pos_id), None)
        placement = _placement(place, pair, source, meta, lang)
        headline = f"{t('head_proposed', lang)} {placement.position}, {placement.unit}."
    elif unplaced is not None and verdict in ("eligible", "eligible_through_exception"):
        headline = t("head_not_selected", lang)
        reason = text_of(unplaced.get("reason"), lang)
        detail = f"{t('reason_not_selected', lang)}: {reason}" if reason else ""
    criteria = _criteria(main.decision, meta, lang)
    changes = list(dict.fromkeys(f"{c.title}: {c.change}" for c in criteria if c.change))
    overrides = sorted((o for o in source.overrides(run.run_id) if o.decision_id == main.decision_id), key=lambda o: (o.at, o.actor))
    override = ""
    if overrides:
        o = overrides[-1]
        override = (f"{t('override_note', lang)} {o.actor} ({o.at[:10]}): {verdict_label(o.new_verdict, lang)}, "
                    f"{t('override_reason', lang)}: {o.justification}")
    pack = main.decision.get("pack", run.pack)
    return LetterContext(
        lang=lang,
        doc_title=t("letter_title", lang),
        css=print_css(),
        letter_date=fdate(run.as_of, lang),
        name=person.name if person else "-",
        nip=nip,
        unit=(person.unit_name or "-") if person else "-",
        position=(person.position_name or "-") if person else "-",
        headline=headline,
        headline_detail=detail,
        verdict=verdict_label(verdict, lang),
        criteria=criteria,
        changes=changes,
        placement=placement,
        override=override,
        objection=objection_text(config, lang),
        record=RecordRef(
            decision_id=main.decision_id,
            run_id=run.run_id,
            pack_id=str(pack.get("id", "")),
            pack_version=str(pack.get("version", "")),
            pack_hash=str(pack.get("hash", "")),
            as_of=fdate(run.as_of, lang),
        ),
    )


def letter_nips(source: ReportSource, run: RunInfo) -> list[str]:
    """Every person with a decision in the run, sorted by NIP."""
    return sorted(by_nip(source.decisions(run.run_id)))
