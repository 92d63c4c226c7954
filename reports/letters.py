"""Letters to employees: the decision that concerns them, in their own data only.

Builds a LetterContext from one recorded run. Order (issue 12): the outcome in one sentence
(after any override), the deciding reasons (failed or missing first, each with value,
threshold and legal basis), what would change the outcome and when; the full table of the
criteria that apply goes to the enclosure. The letter names no other person: cut-offs are
anonymous scores, and no other NIP or name is read into it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from engine.plan.model import Placement
from engine.problems import UsageError
from reports.common import training_text
from reports.config import ReportConfig, objection_text
from reports.context import (
    AppendixRow,
    LetterContext,
    LetterHead,
    PlacementView,
    RecordRef,
    Signatory,
)
from reports.explain import ReasonView, reason_view
from reports.factmeta import FactInfo
from reports.fmt import fdate, fnum
from reports.i18n import pick, plan_reason, t, verdict_label
from reports.letter_form import LetterForm, letter_number
from reports.letter_index import RunIndex
from reports.render import print_css
from reports.source import DecisionRecord, ReportSource, RunHeader

ORDER = {"fail": 0, "missing": 1, "approval_needed": 2, "excepted": 3, "warning": 4, "pass": 5, "approved": 6}
MOVE_HEAD = {"eligible": "l_move_allowed", "not_eligible": "l_move_blocked", "needs_approval": "l_move_needs_approval",
             "eligible_through_exception": "l_move_exception", "data_missing": "l_move_missing"}
CANDIDATE_HEAD = {"eligible": "head_eligible", "not_eligible": "l_head_not_eligible", "needs_approval": "head_needs_approval",
                  "eligible_through_exception": "head_exception", "data_missing": "head_data_missing"}
# Facts about the round and the signing official, not the person (review letters say so).
DECISION_MAKER_PREFIXES = ("round.", "move.decision_maker")


def _of_scope(records: list[DecisionRecord], scope: str) -> list[DecisionRecord]:
    rows = [r for r in records if r.decision.get("scope") == scope]
    return sorted(rows, key=lambda r: (str(r.decision["subject"].get("position_id", "")),
                                       str(r.decision["subject"].get("move_id", "")), r.decision_id))


def _applies(reason: dict[str, Any]) -> bool:
    """Criteria that do not apply (not_applicable), advisories that did not fire and scores
    are left out of the criteria list; scores show under the placement."""
    if reason.get("kind") == "advisory":
        return reason.get("outcome") == "warning"
    return reason.get("kind") != "score" and reason.get("outcome") != "not_applicable"


def _views(decision: dict[str, Any], meta: dict[str, FactInfo], lang: str) -> list[ReasonView]:
    reasons = [r for r in decision.get("reasons", []) if _applies(r)]
    views = [reason_view(r, meta, lang) for r in reasons]
    return sorted(views, key=lambda v: (ORDER.get(v.outcome, 9), v.title))


def about_decision_maker(reason: dict[str, Any]) -> bool:
    """A criterion about the signing official or the round (conflict of interest, approvals),
    not about the person: every fact it reads is a round/decision-maker fact, or it is an approval."""
    read = [n for n in (reason.get("facts_read") or {}) if n != "round.documents_on_file"]
    return reason.get("kind") == "approval" or (bool(read) and all(n.startswith(DECISION_MAKER_PREFIXES) for n in read))


def _placement(place: Placement, source: ReportSource, lang: str) -> PlacementView:
    pos_id = place.position_id
    unit_id = place.unit_id or source.position_unit(pos_id) or ""
    parts = [f"{pick(b.title, lang)} {fnum(b.contribution, lang)}" for b in place.score_breakdown if b.contribution]
    training = [training_text(tr, lang) for tr in place.training]
    return PlacementView(
        position=source.position_name(pos_id),
        unit=source.unit_name(str(unit_id)) if unit_id else "-",
        score=fnum(place.score, lang),
        why=[],
        gaps=list(place.competency_gaps),
        training=[x for x in training if x],
        score_line=(t("l_score_line", lang).format(score=fnum(place.score, lang), parts="; ".join(parts))
                    if parts else t("l_score_only", lang).format(score=fnum(place.score, lang))),
    )


def by_nip(records: list[DecisionRecord]) -> dict[str, list[DecisionRecord]]:
    out: dict[str, list[DecisionRecord]] = {}
    for r in records:
        nip = r.decision.get("subject", {}).get("nip")
        if nip:
            out.setdefault(str(nip), []).append(r)
    return out


def _head(form: LetterForm, run: RunHeader, nip: str, seq: int, hal: str, lang: str) -> LetterHead:
    when = form.letter_date or date.fromisoformat(run.as_of)
    number = letter_number(form, seq, when.year, run.run_id, nip) or t("l_number_blank", lang)
    contact = [form.address] + [f"{t(k, lang)} {v}" for k, v in (
        ("l_contact_phone", form.phone), ("l_contact_email", form.email)) if v] + ([form.website] if form.website else [])
    return LetterHead(
        government=pick(form.government, lang), office=pick(form.office, lang),
        contact_line=" · ".join(c for c in contact if c), number=number, sifat=pick(form.sifat, lang),
        lampiran=t("l_lampiran_one", lang), hal=hal,
        place_date=", ".join(p for p in (form.city, fdate(when, lang)) if p))


def _contact(form: LetterForm, lang: str) -> str:
    bits = [form.address, form.phone and f"{t('l_contact_phone', lang)} {form.phone}",
            form.email and f"{t('l_contact_email', lang)} {form.email}",
            pick(form.hours, lang) and f"{t('l_contact_hours', lang)} {pick(form.hours, lang)}"]
    known = "; ".join(b for b in bits if b)
    return f"{t('l_contact_text', lang)}{': ' + known if known else ''}."


def _signatory(form: LetterForm, lang: str) -> Signatory:
    return Signatory(on_behalf=pick(form.on_behalf, lang), title=pick(form.signatory_title, lang) or "BKPSDM",
                     name=form.signatory_name, rank=form.signatory_rank,
                     nip=f"NIP {form.signatory_nip}" if form.signatory_nip else "")


def _override(source: ReportSource, run: RunHeader, main: DecisionRecord, verdict: str, lang: str) -> tuple[str, str]:
    """(headline, detail) when a person changed the decision; ('', '') otherwise."""
    found = sorted((o for o in source.overrides(run.run_id) if o.decision_id == main.decision_id),
                   key=lambda o: (o.at, o.actor))
    if not found:
        return "", ""
    o = found[-1]
    head = t("l_override_head", lang).format(verdict=verdict_label(o.new_verdict, lang))
    detail = t("l_override_detail", lang).format(original=verdict_label(verdict, lang), actor=o.actor,
                                                 at=fdate(o.at[:10], lang), why=o.justification)
    return head, detail


def _review_headline(source: ReportSource, run: RunHeader, move: DecisionRecord, verdict: str, lang: str) -> str:
    payload = source.review(run.run_id) or {}
    move_id = str(move.decision["subject"].get("move_id", ""))
    item: dict[str, Any] = next((m for m in payload.get("moves", []) if str(m.get("move_id")) == move_id), {})
    drafted = (payload.get("context") or {}).get("decision_date") or run.as_of

    def where(pid: Any) -> str:
        if not pid:
            return "-"
        unit = source.position_unit(str(pid))
        return f"{source.position_name(str(pid))}" + (f", {source.unit_name(unit)}" if unit else "")

    lead = t("l_move", lang).format(src=where(item.get("from_position_id")), dst=where(item.get("to_position_id")),
                                    move=move_id, draft=fdate(str(drafted), lang))
    return f"{lead} {t(MOVE_HEAD.get(verdict, 'l_move_missing'), lang)}"


def build_letter(source: ReportSource, run: RunHeader, nip: str, meta: dict[str, FactInfo], config: ReportConfig,
                 lang: str = "id", mine: list[DecisionRecord] | None = None, index: RunIndex | None = None,
                 seq: int = 1) -> LetterContext:
    """The letter to ``nip`` about run ``run``; ``mine`` = their decisions when already grouped;
    ``index`` = the run's rankings (built once per run); ``seq`` numbers the letter."""
    if mine is None:
        mine = by_nip(source.decisions(run.run_id)).get(nip, [])
    person = source.person(nip)
    if person is None:
        raise UsageError(f"NIP {nip}: not in the store; no letter is written for a person who is not on file")
    if not mine:
        raise UsageError(f"NIP {nip}: no decision recorded in run {run.run_id}")
    index = index or RunIndex(source, run)
    candidate, moves, pairs = (_of_scope(mine, s) for s in ("candidate", "move", "candidate_position"))
    place = index.placement(nip)
    unplaced = index.unplaced(nip)
    # A proposed move is explained by its pair decision (the candidate criteria and the post's).
    pair = next((p for p in pairs if place is not None
                 and str(p.decision["subject"].get("position_id")) == place.position_id), None)
    main = (moves or ([pair] if pair else []) or candidate or pairs)[0]
    verdict = str(main.decision["verdict"])
    views = _views(main.decision, meta, lang)
    placement, standing, tie = None, [], ""
    if moves:
        headline = _review_headline(source, run, main, verdict, lang)
    elif place is not None:
        placement = _placement(place, source, lang)
        headline = t("l_head_proposed", lang).format(position=placement.position, unit=placement.unit)
    elif unplaced is not None and verdict in ("eligible", "eligible_through_exception"):
        headline = f"{t('l_head_not_placed', lang)} {plan_reason(unplaced.reason.value, lang)}"
        standing = index.standing(nip, unplaced, lang)
    else:
        headline = t(CANDIDATE_HEAD.get(verdict, "head_data_missing"), lang)
    if standing or placement is not None:
        tie = index.tie_break_text(lang)
    o_head, o_detail = _override(source, run, main, verdict, lang)
    if o_head:  # the decision as it stands leads; the engine's outcome follows
        headline = o_head
    deciding = [v for v in views if v.outcome in ("fail", "missing", "approval_needed")]
    by_id = {str(r["criterion_id"]): r for r in main.decision.get("reasons", [])}
    maker = [v for v in deciding if about_decision_maker(by_id.get(v.criterion_id, {}))]
    note = ""
    if maker:
        note = t("l_not_you", lang)
        if any("move.decision_maker_family_relation" in (by_id[v.criterion_id].get("facts_read") or {}) for v in maker):
            note = f"{t('l_coi', lang)} {note}"
    elif not deciding:
        note = t("l_all_met", lang).format(n=sum(1 for v in views if v.kind == "requirement"))
    titles = {"fail": "l_reasons_failed", "missing": "l_reasons_missing", "approval_needed": "l_reasons_approval"}
    reasons_title = t(titles[deciding[0].outcome], lang) if deciding else t("l_reasons", lang)
    changes = list(dict.fromkeys(f"{v.title}: {v.change}" for v in deciding if v.change and v.outcome == "fail"))
    fixes = list(dict.fromkeys(f for v in deciding for f in v.fixes))
    pack = main.decision.get("pack", run.pack)
    form = config.form
    head = _head(form, run, nip, seq, t("l_hal_review" if moves else "l_hal_text", lang), lang)
    return LetterContext(
        lang=lang,
        doc_title=t("letter_title", lang),
        css=print_css(),
        head=head,
        name=person.name,
        nip=nip,
        unit=person.unit_name or "-",
        position=person.position_name or "-",
        opening=t("l_opening_review" if moves else "l_opening", lang).format(as_of=fdate(run.as_of, lang)),
        headline=headline,
        override=o_detail,
        reasons_title=reasons_title,
        reasons=deciding,
        reasons_note=note,
        placement=placement,
        standing=standing,
        tie_break=tie,
        fixes=fixes,
        changes=changes,
        objection=objection_text(config, lang),
        contact=_contact(form, lang),
        closing=t("l_closing", lang),
        signatory=_signatory(form, lang),
        appendix=[AppendixRow(i, v.title, v.detail, v.outcome, v.outcome_label, v.legal_basis)
                  for i, v in enumerate(views, 1)],
        record=RecordRef(
            decision_id=main.decision_id,
            run_id=run.run_id,
            pack_id=str(pack.get("id", "")),
            pack_version=str(pack.get("version", "")),
            pack_hash=str(pack.get("hash", "")),
            as_of=fdate(run.as_of, lang),
        ),
    )
