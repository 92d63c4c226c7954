"""One recorded decision as the committee reads it: the reasons in the letters' sentences
(reports/explain.py), the facts the engine saw in words, the replay result, the overrides;
and the override itself, recorded by the same call as `mutasi override`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from audit.log import AuditLog
from engine import Verdict
from mutasi.store.convert import get_employee


@dataclass(frozen=True)
class ReasonLine:
    title: str
    outcome: str
    sentence: str
    basis: str
    code: str  # the outcome's code, to filter on (never shown)


@dataclass(frozen=True)
class FactLine:
    title: str
    value: str


@dataclass(frozen=True)
class OverrideLine:
    at: str
    actor: str
    original: str
    new: str
    justification: str


@dataclass(frozen=True)
class DecisionView:
    decision_id: str
    run_seq: int
    run_kind: str
    as_of: str
    pack: str
    nip: str
    name: str
    subject: str  # "NIP" or "NIP → position name" in words
    verdict: str  # as the engine decided (words)
    effective: str  # after overrides (words)
    effective_code: str
    reasons: tuple[ReasonLine, ...]
    facts: tuple[FactLine, ...]
    overrides: tuple[OverrideLine, ...]


# engine ordinals and the recorded value each is computed from (the reader sees the value)
ORDINAL_OF = {"education_ordinal": "education_level", "rank_ordinal": "golongan"}


def verdict_choices(lang: str) -> list[tuple[str, str]]:
    from reports.i18n import verdict_label

    return [(v.value, verdict_label(v.value, lang)) for v in Verdict]


def view(engine: Engine, decision_id: str, lang: str) -> DecisionView | None:
    from mutasi.report_source import AuditStoreSource
    from reports.explain import fact_title, reason_view
    from reports.factmeta import from_engine
    from reports.fmt import fvalue
    from reports.i18n import verdict_label

    log = AuditLog(engine)
    rec = log.decision(decision_id)
    if rec is None:
        return None
    head = log.run_header(rec.run_seq)
    d = rec.decision
    subj = d.get("subject", {})
    nip = str(subj.get("nip", ""))
    emp = get_employee(engine, nip) if nip else None
    meta = from_engine()
    reasons = tuple(ReasonLine(rv.title, rv.outcome_label, rv.detail or rv.sentence, rv.legal_basis, rv.outcome)
                    for rv in (reason_view(r, meta, lang) for r in sorted(d.get("reasons", []),
                                                                            key=lambda r: str(r["criterion_id"]))))
    snap = log.snapshot(decision_id) or {}
    # only facts the schema names (titles in words); protected facts serve the fairness report
    # only; an ordinal the engine compares with is left out beside the value it is made from
    facts = tuple(FactLine(fact_title(k, meta, lang), fvalue(v, meta[k].unit, lang))
                  for k, v in sorted(snap.items()) if k in meta and not meta[k].protected and meta[k].title
                  and ORDINAL_OF.get(k) not in snap)
    overs = log.overrides(decision_id)
    lines = tuple(OverrideLine(o.at, o.actor, verdict_label(o.original_verdict, lang), verdict_label(o.new_verdict, lang),
                               o.justification) for o in overs)
    effective = overs[-1].new_verdict if overs else str(d.get("verdict"))
    pos = str(subj.get("position_id") or "")
    subject = nip + (f" → {AuditStoreSource(engine).position_name(pos)}" if pos else "")
    if subj.get("move_id"):
        subject = f"{nip} ({subj.get('move_id')})"
    return DecisionView(
        decision_id, rec.run_seq, head.kind if head else "", head.as_of if head else "",
        f"{head.pack.get('id')} {head.pack.get('version')}" if head else "", nip, emp.name if emp else "-",
        subject, verdict_label(str(d.get("verdict")), lang), verdict_label(effective, lang), effective,
        reasons, facts, lines)


def replay(engine: Engine, decision_id: str) -> bool | None:
    """Identical when re-decided from the stored snapshot and pack; None: cannot replay
    (the reports' wording of `mutasi audit replay`)."""
    from mutasi.report_source import AuditStoreSource

    return AuditStoreSource(engine).replay(decision_id)


def record_override(engine: Engine, decision_id: str, verdict: str, actor: str, justification: str,
                    now: datetime) -> int:
    """Exactly `mutasi override`: AuditLog.add_override (refuses an empty justification, an
    unknown verdict or the verdict already in force; the decision itself never changes)."""
    return AuditLog(engine).add_override(decision_id, verdict, actor, justification,
                                         now.replace(microsecond=0).isoformat())
