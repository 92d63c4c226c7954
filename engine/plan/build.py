"""Building the transfer plan: assign eligible candidates to open deficit slots, optimally
(pure, no DB).

The model (docs/plan-and-review.md has the long version):

* Targets: every position whose ABK balance is negative; its capacity is the deficit.
* Sources: a candidate may leave only a position with a surplus (balance > 0); at most
  ``surplus`` people leave one position, and at most ``max(0, net balance of the unit)``
  people leave positions of one unit (a unit not in net surplus gives nobody; this counts
  moves inside the unit too, which is conservative and keeps the model a network flow).
* A pair (candidate, position) is admissible when its pair verdict is ``eligible`` or
  ``eligible_through_exception``. ``needs_approval`` and ``data_missing`` pairs are left
  out (a plan must be executable as it stands); they are reported with the reason.
  A pair is also left out when the decision-maker has a family relation with the candidate
  (UU 30/2014 Pasal 42-43).
* Objective: maximise the sum over placements of ``score + fill_weight`` (score =
  Decision.score, rounded to 1/10,000 point), i.e. total score, plus a fixed reward per
  deficit slot filled (the workload-balance term; default 1.0 = the best possible score of
  the national pack, so one more filled slot outweighs any loss of fit elsewhere up to that).
* Tie-break: among plans of equal value, the one whose placed candidates have the smaller
  NIPs wins. It is an integer term added below the score resolution, scaled so that its
  total over any plan is below one unit: it can never beat a real score difference.
* Solver: OR-Tools min-cost flow (exact integer arithmetic) on the sparse network of
  admissible pairs only. Inputs are sorted, so the same data give the same plan.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from engine.outcome import Decision
from engine.plan.explain import open_positions, placement, unplaced_after
from engine.plan.model import (
    ADMISSIBLE,
    SCORE_SCALE,
    ExcludedPair,
    PlanReason,
    PlanResult,
    PlanSettings,
    Source,
    WorkloadRow,
    lottery_rank,
    score_of,
)
from engine.plan.pairscreen import PairTally
from engine.plan.parts import PlanObjective, PlanSummary
from engine.plan.solver import Arc, solve
from engine.plan.targets import open_slots, screen, source_of, unit_balances
from engine.records import Employee, World


def build_plan(
    *,
    world: World,
    employees: Mapping[str, Employee],
    candidates: Mapping[str, Decision],
    pairs: Mapping[tuple[str, str], Decision],
    conflicts: Mapping[str, str] | None = None,
    training_catalog: Mapping[str, str] | None = None,
    settings: PlanSettings | None = None,
    tally: PairTally | None = None,
) -> PlanResult:
    """The optimal plan with its explanations.

    ``candidates``: candidate-scope decisions by NIP (everyone considered).
    ``pairs``: pair decisions by (nip, position_id) for the screened candidates x open slots
    (a plan run passes only those it records, and ``tally`` counting every pair).
    ``conflicts``: NIP -> family relation of the decision-maker with that person.
    ``training_catalog``: competency -> training name.
    """
    settings = settings or PlanSettings()
    conflicts = conflicts or {}
    catalog = training_catalog or {}
    slots = {s.position_id: s for s in open_slots(world)}
    ubal = unit_balances(world)
    unit_caps = {u: max(0, b) for u, b in ubal.items()}
    keep, screened_out = screen(candidates, employees, world)
    paired = set(keep) | {n for n, _ in pairs}
    sources = {nip: source_of(employees[nip], world) for nip in sorted(paired)}
    position_caps = {s.position_id: s.position_cap for s in sources.values() if s.position_id}

    if tally is None:  # every pair given: count them all
        tally = PairTally()
        for nip, pid in sorted(pairs):
            d = pairs[(nip, pid)]
            tally.decided(nip, pid, d.verdict.value, d.deciding, pid != sources[nip].position_id)

    fill = round(settings.fill_weight * SCORE_SCALE)
    arcs: list[Arc] = []
    excluded: list[ExcludedPair] = []
    by_nip: dict[str, list[tuple[str, Decision]]] = defaultdict(list)
    by_pos: dict[str, list[tuple[str, Decision]]] = defaultdict(list)
    for nip, pid in sorted(pairs):
        d = pairs[(nip, pid)]
        by_nip[nip].append((pid, d))
        by_pos[pid].append((nip, d))
        src = sources[nip]
        if pid not in slots or pid == src.position_id or src.status != "surplus":
            continue
        if d.verdict not in ADMISSIBLE:
            continue
        if nip in conflicts:
            excluded.append(ExcludedPair(nip, pid, PlanReason.CONFLICT_OF_INTEREST, conflicts[nip]))
            continue
        value = round(score_of(d) * SCORE_SCALE) + fill
        arcs.append(Arc(nip, pid, value))

    origin = {nip: (s.position_id, s.unit_id) for nip, s in sources.items()}
    lottery = lottery_rank(settings.tie_break_seed, (a.nip for a in arcs))
    chosen = solve(
        arcs,
        {p: s.capacity for p, s in slots.items()},
        position_caps,
        unit_caps,
        origin,
        settings.tie_break,
        lottery,
    )
    placed = {a.nip: a.position_id for a in chosen}
    filled: dict[str, list[str]] = defaultdict(list)
    for a in chosen:
        filled[a.position_id].append(a.nip)
    arc_ok = {(a.nip, a.position_id) for a in arcs}
    used_pos = Counter(sources[a.nip].position_id for a in chosen)
    used_unit = Counter(sources[a.nip].unit_id for a in chosen)
    capped = {
        nip for nip, s in sources.items() if nip not in placed and s.status == "surplus"
        and (used_pos[s.position_id] >= s.position_cap
             or used_unit[s.unit_id] >= unit_caps.get(s.unit_id or "", 0))
    }

    # admissible candidates per position, best first (score desc, then the lottery): runner-ups
    ranked = {
        pid: sorted(((n, d) for n, d in lst if (n, pid) in arc_ok),
                    key=lambda t: (-score_of(t[1]), lottery.get(t[0], 0), t[0]))
        for pid, lst in by_pos.items() if pid in filled
    }
    placements = [placement(a, pairs, employees, world, sources, ranked, placed, catalog, lottery)
                  for a in sorted(chosen, key=lambda a: (a.position_id, a.nip))]
    unplaced = sorted(
        screened_out
        + unplaced_after(sources, by_nip, arc_ok, placed, filled, conflicts, employees, pairs,
                         capped, unit_caps, tally),
        key=lambda u: u.nip,
    )
    verdicts = Counter(d.verdict.value for d in candidates.values())
    summary = PlanSummary(
        candidates=len(candidates),
        candidate_verdicts=dict(sorted(verdicts.items())),
        pairs_evaluated=tally.evaluated,
        pairs_admissible=len(arcs),
        slots_open_before=sum(s.capacity for s in slots.values()),
        slots_filled=len(chosen),
        total_score=round(sum(score_of(pairs[(a.nip, a.position_id)]) for a in chosen), 4),
        objective=PlanObjective(
            per_placement="score + fill_weight",
            fill_weight=settings.fill_weight,
            score_resolution=1 / SCORE_SCALE,
            origin_caps="position: its surplus; unit: max(0, net balance), all moves out",
            tie_break="seeded lottery among equal-value plans (sha256 of seed:NIP)",
            tie_break_seed=settings.tie_break_seed,
        ),
        pairs_screened_out=None if tally.criteria is None else tally.screened,
        pair_screen=tally.criteria,
    )
    return PlanResult(
        placements=placements, unplaced=unplaced,
        open_positions=open_positions(slots, filled, by_pos, arc_ok, placed, pairs, capped, tally),
        workload=workload_table(world, chosen, sources), excluded_pairs=excluded,
        summary=summary)


def workload_table(
    world: World, chosen: Iterable[Arc], sources: Mapping[str, Source]
) -> list[WorkloadRow]:
    """Per unit: staff needed, on post before/after, moves in/out (ABK positions only)."""
    needed: dict[str, int] = defaultdict(int)
    before: dict[str, int] = defaultdict(int)
    for pid in sorted(world.workloads):
        pos = world.positions.get(pid)
        if pos is None:
            continue
        needed[pos.unit_id] += world.workloads[pid].staff_needed
        before[pos.unit_id] += world.workloads[pid].on_post
    moves_in: dict[str, int] = defaultdict(int)
    moves_out: dict[str, int] = defaultdict(int)
    for a in chosen:
        to_unit = world.positions[a.position_id].unit_id
        from_unit = sources[a.nip].unit_id or ""
        if to_unit != from_unit:
            moves_in[to_unit] += 1
            moves_out[from_unit] += 1
    rows = []
    for u in sorted(set(needed) | set(moves_in) | set(moves_out)):
        after = before[u] + moves_in[u] - moves_out[u]
        unit = world.units.get(u)
        rows.append(WorkloadRow(
            unit_id=u, unit_name=unit.name if unit else None,
            staff_needed=needed[u], on_post_before=before[u],
            moves_in=moves_in[u], moves_out=moves_out[u], on_post_after=after,
            balance_before=before[u] - needed[u], balance_after=after - needed[u],
        ))
    return rows
