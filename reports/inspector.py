"""Inspector report: run metadata, audit verification and checkpoint, overrides, criteria
coverage and the decisions that needed an exception."""

from __future__ import annotations

from collections import Counter

from reports.committee import override_rows
from reports.common import run_view_fields, sorted_records, subject_text
from reports.context import CoverageRow, DecisionRow, InspectorContext, RunView
from reports.i18n import outcome_label, pick, t, verdict_label
from reports.render import print_css
from reports.source import ReportSource, RunInfo

# An outcome "fires" when it is anything but a plain pass / not applicable / score / missing.
FIRED = ("fail", "approval_needed", "approved", "excepted", "warning")


def build_inspector(source: ReportSource, run: RunInfo, lang: str = "id") -> InspectorContext:
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
    integ = source.integrity()
    if integ.ok:
        verification = t("verify_counts", lang).format(
            entries=integ.entries, runs=integ.runs, decisions=integ.decisions, overrides=integ.overrides, root=integ.root)
    else:
        verification = integ.finding
    checkpoint = f"{t('size', lang)} {integ.checkpoint_size}, {t('root', lang)} {integ.checkpoint_root}" if integ.checkpoint_root else "-"
    return InspectorContext(
        lang=lang, doc_title=t("inspector_title", lang), css=print_css(), run=RunView(**run_view_fields(run)),
        decision_count=len(records), verdict_counts=[(verdict_label(v, lang), n) for v, n in sorted(verdicts.items())],
        intact=integ.ok, verification=verification, checkpoint=checkpoint,
        overrides=override_rows(source, run, lang), coverage=coverage,
        never_fired=[c.title for c in coverage if not c.fired], exceptions=exceptions,
    )
