"""Inspector report: every run, audit verification (against the inspector's own checkpoint
when given) with every finding and the missing-trigger warning, overrides, criteria coverage,
decisions through an exception, which approval document covered which move, and a replay of
a seeded random sample of decisions with each result."""

from __future__ import annotations

from collections import Counter
from typing import Any

from audit.sample import sample_key
from reports.committee import override_rows
from reports.common import run_view_fields, sorted_records, subject_text
from reports.context import CoverageRow, DecisionRow, InspectorContext, RunView
from reports.fmt import fdate
from reports.i18n import outcome_label, pick, t, verdict_label
from reports.inspector_words import finding_text
from reports.render import print_css
from reports.source import ReportSource, RunHeader

# An outcome "fires" when it is anything but a plain pass / not applicable / score / missing.
FIRED = ("fail", "approval_needed", "approved", "excepted", "warning")


REPLAY_SAMPLE = 10  # decisions replayed per report
REPLAY_SEED = 12  # default seed of the sample (printed in the report; --seed picks another)


def _approvals_used(source: ReportSource, lang: str) -> list[DecisionRow]:
    """Per reviewed move: the approval documents on file that covered it (review payloads)."""
    rows = []
    for r in source.runs():
        if r.kind != "review":
            continue
        payload = source.review(r.run_id) or {}
        for m in payload.get("moves", []):
            for a in m.get("approvals_on_file", []):
                docs = ", ".join(f"{d.get('number')} ({fdate(str(d.get('date')), lang)})" for d in a.get("on_file", []))
                who = pick(a.get("from"), lang)
                rows.append(DecisionRow(str(m.get("decision_id", "-")), f"{m.get('move_id')} / {m.get('nip')}",
                                        _name(source, str(m.get("nip"))), pick(a.get("title"), lang),
                                        f"{t('approval_by', lang)} {who}: {docs or '-'}"))
    return rows


def _replay(source: ReportSource, records: list[Any], seed: int, lang: str) -> list[DecisionRow]:
    ids = sorted((r.decision_id for r in records), key=lambda d: [int(x) for x in d.split("-") if x.isdigit()] or [0])
    # the documented draw (docs/audit-format.md), so `mutasi audit replay --sample` redraws it
    chosen = sorted(ids, key=lambda d: sample_key(seed, d))[:REPLAY_SAMPLE]
    by_id = {r.decision_id: r for r in records}
    words = {True: t("replay_identical", lang), False: t("replay_different", lang), None: t("replay_unavailable", lang)}
    return [DecisionRow(d, subject_text(by_id[d].decision.get("subject", {})), "-",
                        verdict_label(str(by_id[d].decision.get("verdict")), lang), words[source.replay(d)])
            for d in sorted(chosen, key=ids.index)]


def _name(source: ReportSource, nip: str) -> str:
    p = source.person(nip)
    return p.name if p else "-"


def build_inspector(source: ReportSource, run: RunHeader, lang: str = "id", checkpoint_text: str | None = None,
                    seed: int = REPLAY_SEED) -> InspectorContext:
    records = sorted_records(source.decisions(run.run_id))
    outcomes: dict[str, Counter[str]] = {}
    titles: dict[str, str] = {}
    deciding: Counter[str] = Counter()
    for rec in records:
        deciding.update(str(c) for c in rec.decision.get("deciding", []))
        for r in rec.decision.get("reasons", []):
            cid = str(r["criterion_id"])
            outcomes.setdefault(cid, Counter())[str(r["outcome"])] += 1
            titles.setdefault(cid, pick(r.get("title"), lang))
    coverage = []
    for cid in sorted(outcomes):
        counts = ", ".join(f"{outcome_label(o, lang)} {n}" for o, n in sorted(outcomes[cid].items()))
        fired = any(outcomes[cid][o] for o in FIRED)
        coverage.append(CoverageRow(cid, titles[cid], counts, deciding[cid], fired))
    exceptions = []
    for rec in records:
        if rec.decision.get("verdict") != "eligible_through_exception":
            continue
        docs = []
        for r in sorted(rec.decision.get("reasons", []), key=lambda r: str(r["criterion_id"])):
            if r.get("outcome") == "excepted":
                doc = (r.get("exception") or {}).get("document") or {}
                docs.append(f"{pick(r.get('title'), lang)}: {pick(doc.get('title'), lang) if isinstance(doc, dict) else doc}")
        exceptions.append(DecisionRow(rec.decision_id, subject_text(rec.decision.get("subject", {})), "-",
                                      verdict_label("eligible_through_exception", lang), "; ".join(docs)))
    verdicts = Counter(str(r.decision.get("verdict")) for r in records)
    integ = source.integrity(checkpoint_text)
    verification = t("verify_counts", lang).format(
        entries=integ.entries, runs=integ.runs, decisions=integ.decisions, overrides=integ.overrides, root=integ.root)
    if not integ.ok:
        verification = t("not_intact_count", lang).format(n=max(1, len(integ.findings))) + " " + verification
    findings = [finding_text(seq, code, lang) for seq, code in integ.findings]
    if not integ.ok and not findings:
        findings = [t("finding_unknown", lang)]
    warnings = [t("trigger_missing", lang).format(n=integ.trigger_missing)] if integ.trigger_missing else []
    if integ.checked_against:
        verification += " " + t("checked_against", lang).format(cp=integ.checked_against)
    checkpoint = f"{t('size', lang)} {integ.checkpoint_size}, {t('root', lang)} {integ.checkpoint_root}" if integ.checkpoint_root else "-"
    return InspectorContext(
        lang=lang, doc_title=t("inspector_title", lang), css=print_css(), run=RunView(**run_view_fields(run)),
        decision_count=len(records), verdict_counts=[(verdict_label(v, lang), n) for v, n in sorted(verdicts.items())],
        intact=integ.ok, verification=verification, checkpoint=checkpoint,
        overrides=override_rows(source, run, lang), coverage=coverage,
        never_fired=[c.title for c in coverage if not c.fired], exceptions=exceptions,
        findings=findings, warnings=warnings, runs=[RunView(**run_view_fields(r)) for r in source.runs()],
        approvals_used=_approvals_used(source, lang), replay=_replay(source, records, seed, lang),
        replay_note=t("replay_note", lang).format(n=min(REPLAY_SAMPLE, len(records)), total=len(records), seed=seed),
        replay_command=t("replay_command", lang).format(n=min(REPLAY_SAMPLE, len(records)), seed=seed, run=run.run_id),
    )
