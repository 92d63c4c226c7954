"""The plan's explanations: for each placement why this person and why not the runner-up,
for each eligible person not placed and each position left open the reason, with the
numbers it rests on. Reasons are PlanReason codes; reports put them in words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from engine.outcome import Decision, Verdict, is_round_points
from engine.plan.model import (
    ADMISSIBLE,
    EXPLAIN_TOP,
    OpenPosition,
    Placement,
    PlanReason,
    RunnerUp,
    Slot,
    Source,
    Unplaced,
    score_of,
)
from engine.plan.pairscreen import PairCount, PairTally
from engine.plan.parts import (
    AdmissibleCandidate,
    AdmissiblePosition,
    Conflict,
    CriterionOutcome,
    OpenDetail,
    Options,
    ScorePart,
    Training,
    UnplacedDetail,
    UsedElsewhere,
    VerdictCounts,
)
from engine.plan.solver import Arc
from engine.records import Employee, World


def _reason_points(d: Decision) -> list[ScorePart]:
    out = []
    for r in d.reasons:
        if r.kind == "score" and not is_round_points(r):
            contrib = None if r.points is None or r.weight is None else r.points * r.weight
            out.append(ScorePart(r.criterion_id, dict(r.title), r.points, r.weight, contrib, r.outcome))
    return out


def _criteria(d: Decision) -> list[CriterionOutcome]:
    return [
        CriterionOutcome(r.criterion_id, r.kind, r.outcome, dict(r.title), [dict(b) for b in r.legal_basis])
        for r in d.reasons
        if r.kind != "score"
    ]


def competency_gaps(d: Decision, employee: Employee, world: World, position_id: str) -> list[str]:
    """The pair's ``competency_gaps`` fact as the engine read it; else required - held."""
    for r in d.reasons:
        if "competency_gaps" in r.facts_read and r.facts_read["competency_gaps"] is not None:
            return sorted(r.facts_read["competency_gaps"])
    pos = world.positions.get(position_id)
    if pos is None:
        return []
    return sorted(set(pos.required_competencies) - set(employee.competencies))


def placement(
    a: Arc,
    pairs: Mapping[tuple[str, str], Decision],
    employees: Mapping[str, Employee],
    world: World,
    sources: Mapping[str, Source],
    ranked: Mapping[str, list[tuple[str, Decision]]],
    placed: Mapping[str, str],
    catalog: Mapping[str, str],
    lottery: Mapping[str, int] | None = None,
) -> Placement:
    d = pairs[(a.nip, a.position_id)]
    src = sources[a.nip]
    gaps = competency_gaps(d, employees[a.nip], world, a.position_id)
    return Placement(
        nip=a.nip,
        name=employees[a.nip].name,
        position_id=a.position_id,
        unit_id=world.positions[a.position_id].unit_id,
        from_position_id=src.position_id,
        from_unit_id=src.unit_id,
        verdict=d.verdict,
        score=d.score,
        score_breakdown=_reason_points(d),
        criteria=_criteria(d),
        runner_up=_runner_up(a, pairs, ranked, placed, lottery or {}),
        competency_gaps=gaps,
        training=[Training(g, catalog.get(g), g in catalog) for g in gaps],
    )


def _runner_up(
    a: Arc,
    pairs: Mapping[tuple[str, str], Decision],
    ranked: Mapping[str, list[tuple[str, Decision]]],
    placed: Mapping[str, str],
    lottery: Mapping[str, int],
) -> RunnerUp | None:
    """Best other admissible candidate for this position (score desc, then the lottery)."""
    nip, d = next(
        ((n, d) for n, d in ranked.get(a.position_id, []) if placed.get(n) != a.position_id),
        ("", None),
    )
    if d is None:
        return None
    mine = score_of(pairs[(a.nip, a.position_id)])
    diff = round(mine - score_of(d), 6)
    if nip in placed:
        why = PlanReason.PLACED_ELSEWHERE
    elif diff > 0:
        why = PlanReason.LOWER_SCORE
    elif diff == 0:
        why = (PlanReason.TIE_LOTTERY if lottery.get(a.nip, 0) < lottery.get(nip, 0)
               else PlanReason.TIE_PLAN_TOTAL)
    else:
        # Higher score but not taken: the origin cap (surplus) was used by others, or
        # taking them would lower the plan's total.
        why = PlanReason.ORIGIN_CAP_OR_PLAN_TOTAL
    return RunnerUp(nip=nip, score=d.score, difference=diff, why=why, placed_at=placed.get(nip))


def unplaced_entry(
    nip: str, emp: Employee, src: Source, reason: PlanReason, detail: UnplacedDetail = None
) -> Unplaced:
    return Unplaced(nip=nip, name=emp.name, from_position_id=src.position_id,
                    from_unit_id=src.unit_id, reason=reason, detail=detail)


def _counts(c: PairCount) -> VerdictCounts:
    """A person's or a position's pairs: verdicts (ruled out by the screen: not eligible),
    the criteria deciding the evaluated ones, the screen criteria of the others."""
    verdicts = dict(c.verdicts)
    if c.screened:
        verdicts[Verdict.NOT_ELIGIBLE.value] = verdicts.get(Verdict.NOT_ELIGIBLE.value, 0) + c.screened
    return VerdictCounts(dict(sorted(verdicts.items())), dict(sorted(c.deciding.items())),
                         dict(sorted(c.screened_by.items())))


def unplaced_after(
    sources: Mapping[str, Source],
    by_nip: Mapping[str, list[tuple[str, Decision]]],
    arc_ok: set[tuple[str, str]],
    placed: Mapping[str, str],
    filled: Mapping[str, list[str]],
    conflicts: Mapping[str, str],
    employees: Mapping[str, Employee],
    pairs: Mapping[tuple[str, str], Decision],
    capped: set[str],
    unit_caps: Mapping[str, int],
    tally: PairTally,
) -> list[Unplaced]:
    out = []
    placed_from: dict[str, list[str]] = defaultdict(list)
    for n in sorted(placed):
        placed_from[sources[n].position_id or ""].append(n)
    for nip in sorted(sources):
        if nip in placed:
            continue
        src = sources[nip]
        emp = employees[nip]
        if src.status != "surplus":
            out.append(unplaced_entry(nip, emp, src, PlanReason(f"origin_{src.status}")))
            continue
        mine = [(pid, d) for pid, d in by_nip.get(nip, []) if pid != src.position_id]
        ok = [pid for pid, _ in mine if (nip, pid) in arc_ok]
        if nip in conflicts and any(d.verdict in ADMISSIBLE for _, d in mine):
            out.append(unplaced_entry(nip, emp, src, PlanReason.CONFLICT_OF_INTEREST,
                                      Conflict(conflicts[nip])))
        elif not ok:
            out.append(unplaced_entry(nip, emp, src, PlanReason.NO_ADMISSIBLE_POSITION,
                                      _counts(tally.nip(nip))))
        else:
            left_same_origin = placed_from.get(src.position_id or "", [])
            best = sorted(
                ok, key=lambda pid: (-score_of(pairs[(nip, pid)]), pid)
            )
            # capped: the surplus of the person's position or unit went to others placed
            # with a higher plan value; otherwise leaving them out gave a higher total.
            reason = (PlanReason.ORIGIN_CAP_REACHED if nip in capped
                      else PlanReason.NOT_SELECTED)
            out.append(unplaced_entry(nip, emp, src, reason, Options(
                admissible_count=len(best),
                admissible_positions=[  # the best few, enough to explain
                    AdmissiblePosition(pid, pairs[(nip, pid)].score, list(filled.get(pid, [])))
                    for pid in best[:EXPLAIN_TOP]
                ],
                others_leaving_same_position=list(left_same_origin),
                position_cap=src.position_cap,
                unit_cap=unit_caps.get(src.unit_id or "", 0),
            )))
    return out


def open_positions(
    slots: Mapping[str, Slot],
    filled: Mapping[str, list[str]],
    by_pos: Mapping[str, list[tuple[str, Decision]]],
    arc_ok: set[tuple[str, str]],
    placed: Mapping[str, str],
    pairs: Mapping[tuple[str, str], Decision],
    capped: set[str],
    tally: PairTally,
) -> list[OpenPosition]:
    out = []
    for pid in sorted(slots):
        s = slots[pid]
        left = s.capacity - len(filled.get(pid, []))
        if left <= 0:
            continue
        admissible = [nip for nip, _ in by_pos.get(pid, []) if (nip, pid) in arc_ok]
        detail: OpenDetail
        if not tally.pos(pid).any():
            reason, detail = PlanReason.NO_CANDIDATE_EVALUATED, None
        elif not admissible:
            reason = PlanReason.NO_ADMISSIBLE_CANDIDATE
            detail = _counts(tally.pos(pid))
        else:
            reason = PlanReason.ADMISSIBLE_CANDIDATES_USED_ELSEWHERE
            detail = UsedElsewhere([
                AdmissibleCandidate(n, placed.get(n), pairs[(n, pid)].score,
                                    PlanReason.PLACED_ELSEWHERE if n in placed
                                    else PlanReason.ORIGIN_CAP_REACHED if n in capped
                                    else PlanReason.NOT_SELECTED)
                for n in sorted(admissible)
            ])
        out.append(OpenPosition(position_id=pid, unit_id=s.unit_id, deficit=s.capacity,
                                filled=len(filled.get(pid, [])), still_open=left,
                                reason=reason, detail=detail))
    return out
