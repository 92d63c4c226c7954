"""Running a voluntary round: bids -> priorities -> deferred acceptance -> explanations
(pure, no I/O).

* A bid is one ranked position of one person; its pair decision (the pack's candidate and
  candidate-position criteria) says whether the person is eligible there and carries the
  round's points items (score criteria with ``use: round``). Only bids that are eligible
  (or eligible through an exception) with every points item computed take part.
* Priority at a position: more points first; equal points (to 1/10,000) by the published
  lottery (sha256 of "seed:NIP", engine.plan.lottery_rank), which reads no attribute of
  the person. One lottery number per person for every position (single tie-break).
* Deferred acceptance (engine/round/mechanism.py) assigns; a person not admitted anywhere
  keeps their current post (``keep_current``) or has no post from the round.
* Each rejected bid is explained by the position's cut-off: stability means the position
  is full of people with a stronger priority, so the person's points are below the cut-off
  or equal to it and the lottery went the other way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from engine.outcome import Decision, Verdict
from engine.plan.model import lottery_rank
from engine.round.mechanism import Priority, deferred_acceptance
from engine.round.model import (
    POINT_SCALE,
    BidOutcome,
    Offer,
    PersonOutcome,
    PositionOutcome,
    Ranking,
    RoundReason,
    RoundResult,
    RoundSettings,
    point_items,
    total_points,
)

_ADMISSIBLE = (Verdict.ELIGIBLE, Verdict.ELIGIBLE_THROUGH_EXCEPTION)
_NOT_ADMISSIBLE = {Verdict.NOT_ELIGIBLE: RoundReason.NOT_ELIGIBLE,
                   Verdict.NEEDS_APPROVAL: RoundReason.NEEDS_APPROVAL,
                   Verdict.DATA_MISSING: RoundReason.DATA_MISSING}


def scaled(points: float) -> int:
    return round(points * POINT_SCALE)


def build_round(
    *,
    offers: Sequence[Offer],
    rankings: Sequence[Ranking],
    decisions: Mapping[tuple[str, str], Decision],
    settings: RoundSettings,
    placed_by_plan: Mapping[str, str] | None = None,
    decision_ids: Mapping[tuple[str, str], str] | None = None,
) -> RoundResult:
    """The round's assignment with its explanations.

    ``offers``: positions offered, with capacity. ``rankings``: one per person; every choice
    is an offered position other than the person's own (the caller checks). ``decisions``:
    the pair decision of each (nip, position) ranked. ``placed_by_plan``: NIP -> position of
    people a plan before the round moved (their rankings are not used).
    """
    placed_by_plan = placed_by_plan or {}
    ids = decision_ids or {}
    cap = {o.position_id: o.capacity for o in offers}
    by_nip = {r.nip: r for r in sorted(rankings, key=lambda r: r.nip)}
    lottery = lottery_rank(settings.seed, by_nip)
    prefs: dict[str, list[str]] = {}
    priority: dict[tuple[str, str], Priority] = {}
    points: dict[tuple[str, str], float | None] = {}
    for nip, r in by_nip.items():
        prefs[nip] = []
        if nip in placed_by_plan:
            continue
        for pid in r.choices:
            d = decisions[(nip, pid)]
            pts = total_points(point_items(d))
            points[(nip, pid)] = pts
            if d.verdict in _ADMISSIBLE and pts is not None:
                prefs[nip].append(pid)
                priority[(nip, pid)] = (-scaled(pts), lottery[nip])
    assigned, steps = deferred_acceptance(prefs, priority, cap)

    admitted: dict[str, list[str]] = {o.position_id: [] for o in offers}
    for nip, pid in assigned.items():
        admitted[pid].append(nip)
    for pid in admitted:
        admitted[pid].sort(key=lambda n, p=pid: priority[(n, p)])  # type: ignore[misc]
    cutoff = {pid: (points[(lst[-1], pid)] if lst and len(lst) >= cap[pid] else None)
              for pid, lst in admitted.items()}

    people = []
    for nip, r in by_nip.items():
        bids = []
        got = assigned.get(nip)
        got_rank = r.choices.index(got) if got else len(r.choices)
        for i, pid in enumerate(r.choices):
            if nip in placed_by_plan:
                break
            d = decisions[(nip, pid)]
            items = point_items(d)
            pts = points[(nip, pid)]
            reason = _bid_reason(d, pts, i, got_rank, cutoff.get(pid))
            deciding = tuple(d.deciding) if d.verdict not in _ADMISSIBLE else ()
            bids.append(BidOutcome(
                rank=i + 1, position_id=pid, verdict=d.verdict, points=pts, items=items,
                reason=reason, cutoff=cutoff.get(pid),
                deciding=deciding,
                missing_items=tuple(x.criterion_id for x in items if x.contribution is None),
                decision_id=ids.get((nip, pid)),
                deciding_titles=tuple(dict(r.title) for r in d.reasons if r.criterion_id in deciding)))
        if nip in placed_by_plan:
            outcome = RoundReason.PLACED_BY_PLAN
        elif got:
            outcome = RoundReason.MOVED
        else:
            outcome = RoundReason.KEPT_CURRENT if settings.keep_current else RoundReason.NO_POST
        people.append(PersonOutcome(nip, r.current_position_id, got, outcome, lottery[nip],
                                    tuple(bids)))

    positions = []
    for o in sorted(offers, key=lambda o: o.position_id):
        pid = o.position_id
        applied = [n for n, r in by_nip.items() if pid in r.choices and n not in placed_by_plan]
        ok = [n for n in applied if (n, pid) in priority]
        tie = cutoff[pid] is not None and any(
            n not in admitted[pid] and points[(n, pid)] == cutoff[pid] for n in ok)
        positions.append(PositionOutcome(
            pid, o.unit_id, o.capacity, len(applied), len(ok), tuple(admitted[pid]),
            cutoff[pid], tie, o.capacity - len(admitted[pid])))

    moved = sorted(assigned)
    summary = {
        "participants": len(by_nip),
        "bids": sum(len(r.choices) for r in by_nip.values()),
        "bids_admissible": len(priority),
        "slots_offered": sum(cap.values()),
        "moved": len(moved),
        "kept_current": sum(p.outcome is RoundReason.KEPT_CURRENT for p in people),
        "no_post": sum(p.outcome is RoundReason.NO_POST for p in people),
        "placed_by_plan": len(placed_by_plan),
        "passes": max((s.number for s in steps), default=0),
        "mechanism": "employee-proposing deferred acceptance (Gale & Shapley 1962)",
        "tie_break": "seeded lottery, one number per person (sha256 of seed:NIP)",
        "settings": settings.to_dict(),
    }
    return RoundResult(people=people, positions=positions, steps=[s.to_dict() for s in steps],
                       plan_then=_plan_then(settings, positions, people), summary=summary)


def _bid_reason(d: Decision, pts: float | None, i: int, got_rank: int,
                cut: float | None) -> RoundReason:
    if d.verdict not in _ADMISSIBLE:
        return _NOT_ADMISSIBLE[d.verdict]
    if pts is None:
        return RoundReason.POINTS_MISSING
    if i == got_rank:
        return RoundReason.ADMITTED
    if i > got_rank:
        return RoundReason.HIGHER_CHOICE_ADMITTED
    # rejected: stability puts the position full of stronger priorities (cut-off set)
    if cut is None or pts > cut:
        raise AssertionError("deferred acceptance left a justified envy")  # cannot happen
    return RoundReason.TIE_LOTTERY if pts == cut else RoundReason.BELOW_CUTOFF


def _plan_then(settings: RoundSettings, positions: list[PositionOutcome],
               people: list[PersonOutcome]) -> dict[str, object]:
    """What the order leaves for the organisational plan, stated in the run."""
    moved = [p for p in people if p.outcome is RoundReason.MOVED]
    if settings.order.value == "after_plan":
        return {"order": settings.order.value, "plan_run": settings.plan_run,
                "note": "the plan ran first; the round offered the deficits it left open"}
    return {
        "order": settings.order.value,
        "remaining_deficits": [{"position_id": p.position_id, "remaining": p.remaining}
                               for p in positions if p.remaining > 0],
        "moved_not_for_plan": sorted(p.nip for p in moved),
        "vacated_positions": sorted({p.current_position_id for p in moved
                                     if p.current_position_id}),
        "not_admitted": sorted(p.nip for p in people if p.outcome is RoundReason.NO_POST),
    }
