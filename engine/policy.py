"""The verdict policy: the one written rule that combines criterion outcomes (total).

1. any requirement ``fail`` not lifted by an ``excepted`` exception, or any approval ``fail``
   (an approval missing from an SK already signed: a defect of procedure) -> not_eligible
2. else any ``missing`` on a requirement, an approval, or an applicable exception (one that
   lifts a failed requirement) -> data_missing
3. else any ``approval_needed`` -> needs_approval
4. else any requirement failed but lifted by an exception -> eligible_through_exception
5. else eligible.

``deciding`` names the criteria behind the chosen rule, sorted by id: (1) the unlifted
failures; (2) the missing ones; (3) the approvals needed; (4) the lifted requirements and the
exceptions lifting them; (5) the requirements that passed and the approvals on file.
Advisory and score outcomes never change the verdict. The result depends only on the set of
reasons, never on their order.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.outcome import Outcome, Reason, Verdict


def decide_verdict(reasons: Iterable[Reason]) -> tuple[Verdict, tuple[str, ...]]:
    rs = sorted(reasons, key=lambda r: r.criterion_id)
    failed = {r.criterion_id for r in rs
              if r.kind in ("requirement", "approval") and r.outcome is Outcome.FAIL}
    lifting: dict[str, list[str]] = {}  # requirement id -> excepted exceptions lifting it
    for r in rs:
        if r.kind == "exception" and r.outcome is Outcome.EXCEPTED:
            for lifted in (r.exception or {}).get("lifts", []):
                lifting.setdefault(lifted, []).append(r.criterion_id)
    unlifted = sorted(f for f in failed if f not in lifting)
    if unlifted:
        return Verdict.NOT_ELIGIBLE, tuple(unlifted)
    missing = sorted(
        r.criterion_id for r in rs if r.outcome is Outcome.MISSING and (
            r.kind in ("requirement", "approval")
            or (r.kind == "exception" and failed & set((r.exception or {}).get("lifts", [])))))
    if missing:
        return Verdict.DATA_MISSING, tuple(missing)
    needed = sorted(r.criterion_id for r in rs if r.outcome is Outcome.APPROVAL_NEEDED)
    if needed:
        return Verdict.NEEDS_APPROVAL, tuple(needed)
    if failed:
        behind = set(failed) | {e for f in failed for e in lifting[f]}
        return Verdict.ELIGIBLE_THROUGH_EXCEPTION, tuple(sorted(behind))
    ok = sorted(r.criterion_id for r in rs if (r.kind == "requirement" and r.outcome is Outcome.PASS)
                or (r.kind == "approval" and r.outcome is Outcome.APPROVED))
    return Verdict.ELIGIBLE, tuple(ok)
