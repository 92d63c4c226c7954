"""Review of an SK draft: one engine Decision per proposed move -> outcome with reasons.

Pure: the decisions come from ``Evaluator.evaluate_move`` (pack move-scope criteria plus the
person's candidate-level criteria). This module only sorts what the engine said into what a
committee or inspector asks: may this move be signed, and if not, what is missing?

Outcome kinds (engine.outcome.MOVE_LABEL of the verdict):
``allowed``; ``blocked`` (a requirement failed and no exception lifts it);
``needs_approval`` (which approval, from whom); ``allowed_through_exception`` (which
document lifts which requirement); ``data_missing`` (which facts, why).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from engine.outcome import MOVE_LABEL, Decision, Outcome, Reason
from engine.records import Document, ProposedMove

FINDING_OUTCOMES = ("blocked", "data_missing")


def _ref(r: Reason) -> dict[str, Any]:
    return {"criterion_id": r.criterion_id, "title": dict(r.title),
            "legal_basis": [dict(b) for b in r.legal_basis], "source": r.source}


def documents_for(move: ProposedMove, doc_type: str | None,
                  documents: Sequence[Document]) -> list[dict[str, Any]]:
    """Documents on file of that type covering the move (or the whole round)."""
    return [
        {"type": d.type, "number": d.number, "date": d.date.isoformat(), "issuer": d.issuer}
        for d in sorted(documents, key=lambda d: (d.type, d.number, d.date))
        if d.type == doc_type and (not d.covers or move.id in d.covers or move.nip in d.covers)
    ]


def review_move(move: ProposedMove, decision: Decision, employee_on_file: bool = True,
                documents: Sequence[Document] = ()) -> dict[str, Any]:
    """The review of one move from its Decision (documents: the round's, to cite them)."""
    lifted: set[str] = set()
    exceptions = []
    for r in decision.reasons:
        if r.kind == "exception" and r.outcome is Outcome.EXCEPTED:
            ex = r.exception or {}
            lifts = sorted(ex.get("lifts", []))
            lifted.update(lifts)
            doc = ex.get("document") or {}
            exceptions.append({**_ref(r), "lifts": lifts, "document": doc,
                               "on_file": documents_for(move, doc.get("type"), documents)})
    blocked: list[dict[str, Any]] = []
    lifted_fails: list[dict[str, Any]] = []
    approvals_needed: list[dict[str, Any]] = []
    approvals_on_file: list[dict[str, Any]] = []
    missing: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    for r in decision.reasons:
        if r.kind == "requirement" and r.outcome is Outcome.FAIL:
            entry = {**_ref(r), "facts_read": dict(r.facts_read), "threshold": r.threshold,
                     "counterfactual": r.counterfactual}
            (lifted_fails if r.criterion_id in lifted else blocked).append(entry)
        elif r.kind == "approval" and r.outcome is Outcome.FAIL:
            ap = r.approval or {}  # signed without it: which document was missing at signing
            blocked.append({**_ref(r), "facts_read": dict(r.facts_read), "threshold": r.threshold,
                            "counterfactual": None, "missing_at_signing": True,
                            "missing_document": {"type": ap.get("type"), "from": ap.get("from")}})
        elif r.outcome is Outcome.APPROVAL_NEEDED:
            ap = r.approval or {}
            approvals_needed.append({**_ref(r), "type": ap.get("type"), "from": ap.get("from")})
        elif r.outcome is Outcome.APPROVED:
            ap = r.approval or {}
            approvals_on_file.append({**_ref(r), "type": ap.get("type"), "from": ap.get("from"),
                                      "on_file": documents_for(move, ap.get("type"), documents)})
        elif r.outcome is Outcome.MISSING and r.kind not in ("score", "advisory"):
            missing.append({**_ref(r), "missing": dict(r.missing)})
        elif r.outcome is Outcome.WARNING:
            warnings.append(_ref(r))
    return {
        "move_id": move.id,
        "nip": move.nip,
        "kind": move.kind,
        "from_position_id": move.from_position_id,
        "to_position_id": move.to_position_id,
        "cancels_move_id": move.cancels_move_id,
        "employee_on_file": employee_on_file,
        "outcome": MOVE_LABEL[decision.verdict],
        "verdict": decision.verdict.value,
        "deciding": list(decision.deciding),
        "blocked_by": blocked,
        "approvals_needed": approvals_needed,
        "approvals_on_file": approvals_on_file,
        "exceptions_used": [{**e, "lifted_requirements": sorted(
            f["criterion_id"] for f in lifted_fails if f["criterion_id"] in e["lifts"])}
            for e in exceptions],
        "missing": missing,
        "warnings": warnings,
    }


def review_moves(
    moves: Sequence[ProposedMove],
    decisions: Mapping[str, Decision],
    on_file: Mapping[str, bool] | None = None,
    documents: Sequence[Document] = (),
) -> dict[str, Any]:
    """Reviews of every move (sorted by move id) and counts per outcome."""
    on_file = on_file or {}
    items = [review_move(m, decisions[m.id], on_file.get(m.nip, True), documents)
             for m in sorted(moves, key=lambda m: m.id)]
    counts = Counter(i["outcome"] for i in items)
    return {
        "moves": items,
        "counts": dict(sorted(counts.items())),
        "findings": sum(counts[k] for k in FINDING_OUTCOMES),
    }
