"""`mutasi rules impact OLD NEW`: re-decide a population under two packs, in memory.

The population is the candidates of a recorded evaluate or plan run (its as-of date), or every
employee in the store at an explicit as-of date. Each person's facts are derived under each
pack (parameters feed the facts, e.g. the SKP conversion table) and decided with the same
Evaluator an evaluate run uses, so the verdicts are those `mutasi evaluate` would record with
either pack. Nothing is recorded unless ``record`` is given: then the new pack's decisions are
an ordinary evaluate run whose header names the comparison.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import Engine

from audit import AuditLog
from engine import Decision, Evaluator, Pack
from engine.impact import GroupShift, ImpactResult, PersonChange, UnitCount, shifts
from engine.packdiff import diff_packs
from engine.problems import MutasiError, UsageError, problem
from engine.records import Employee, World
from mutasi.runs.common import InputHasher, started_at
from mutasi.store.convert import iter_employees, load_world
from mutasi.store.db import open_store, require_existing
from reports.fairness import age_band, rates

BATCH = 500
CONSIDERED = ("eligible", "eligible_through_exception")  # as the fairness report counts
FAIRNESS_ATTRIBUTES = ("gender", "age_band", "religion", "rank_group", "education")
Progress = Callable[[int, int], None]


def _attributes(emp: Employee, as_of: date) -> dict[str, str | None]:
    return {"gender": emp.gender, "age_band": age_band(emp.birth_date, as_of),
            "religion": emp.religion,
            "rank_group": emp.golongan.split("/")[0] if emp.golongan else None,
            "education": emp.education_level}


def _fairness(rows: list[tuple[dict[str, str | None], bool, bool]]) -> list[GroupShift]:
    from reports.fairness import Subject

    out = []
    for attr in FAIRNESS_ATTRIBUTES:
        old = {g.group: g for g in rates([Subject(str(i), a, at) for i, (at, a, _) in enumerate(rows)], attr)}
        new = {g.group: g for g in rates([Subject(str(i), b, at) for i, (at, _, b) in enumerate(rows)], attr)}
        for g in sorted(old):
            out.append(GroupShift(attr, g, old[g].considered, old[g].rate, new[g].rate,
                                  old[g].impact_ratio, new[g].impact_ratio))
    return out


def population(log: AuditLog, run: int | None) -> tuple[date | None, set[str] | None, str | None]:
    """(as-of date, NIPs, run kind) of a recorded run's candidates; Nones without a run."""
    if run is None:
        return None, None, None
    header = log.run_header(run) if log.exists() else None
    if header is None or header.kind not in ("evaluate", "plan"):
        what = "is not in the audit log" if header is None else f"is a {header.kind} run"
        msg = f"run {run} {what}: impact re-decides the candidates of an evaluate or plan run"
        raise UsageError(msg, [problem("--run", 1, 0, "MUT-R201", "run", msg)])
    nips = {d.subject["nip"] for d in log.decisions(run) if d.decision.get("scope") == "candidate"}
    return date.fromisoformat(header.as_of), nips, header.kind


def _batches(employees: Iterator[Employee], nips: set[str] | None) -> Iterator[list[Employee]]:
    batch: list[Employee] = []
    for emp in employees:
        if nips is not None and emp.nip not in nips:
            continue
        batch.append(emp)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def compute_impact(db_url: str, old: Pack, new: Pack, *, as_of: date | None = None,
                   run: int | None = None, record_actor: str | None = None,
                   progress: Progress | None = None) -> ImpactResult:
    """Decide the population under ``old`` and ``new``; record the new decisions as an
    evaluate run when ``record_actor`` is given."""
    if (as_of is None) == (run is None):
        msg = "give either --run N (a recorded run's candidates) or --as-of DATE (everyone in the store), not both"
        raise UsageError(msg, [problem("--run", 1, 0, "MUT-R200", "run", msg)])
    require_existing(db_url)
    store = open_store(db_url)
    try:
        return impact_on(store, old, new, as_of=as_of, run=run, record_actor=record_actor,
                         progress=progress)
    finally:
        store.dispose()


def impact_on(store: Engine, old: Pack, new: Pack, *, as_of: date | None = None,
              run: int | None = None, record_actor: str | None = None,
              progress: Progress | None = None) -> ImpactResult:
    """compute_impact on an open store (the portal's)."""
    log = AuditLog(store, migrate=record_actor is not None)
    run_as_of, nips, kind = population(log, run)
    day = run_as_of or as_of
    assert day is not None
    world = load_world(store)
    ev_old, ev_new = Evaluator(old, day), Evaluator(new, day)
    kept: dict[str, Any] | None = {} if kind == "plan" else None
    try:
        result, snaps = _decide(store, world, ev_old, ev_new, nips, progress, kept)
        if kept is not None and run is not None:
            from mutasi.runs.impact_plan import placement_changes

            inputs = (log.plan(run) or {}).get("inputs") or {}
            result.placements = placement_changes(
                world, kept["employees"], (ev_old, kept["old"], kept["old_facts"]),
                (ev_new, {nip: d for nip, _, d in snaps}, {nip: f for nip, f, _ in snaps}), inputs)
    finally:
        ev_old.close()
        ev_new.close()
    result.diff = diff_packs(old, new, day)
    result.base_run = run
    if record_actor is not None:
        result.recorded_run = _record(log, new, day, record_actor, snaps, old, run)
    return result


def _decide(store: Engine, world: World, ev_old: Evaluator, ev_new: Evaluator,
            nips: set[str] | None, progress: Progress | None, kept: dict[str, Any] | None = None
            ) -> tuple[ImpactResult, list[tuple[str, dict[str, Any], Decision]]]:
    """Both packs' decisions; ``kept`` (a plan run) also receives the employees and the old
    pack's decisions and facts, which the plans need."""
    if kept is not None:
        kept.update(employees={}, old={}, old_facts={})
    day = ev_old.as_of
    total = len(nips) if nips is not None else 0
    changes: list[PersonChange] = []
    vo: Counter[str] = Counter()
    vn: Counter[str] = Counter()
    trans: Counter[str] = Counter()
    units: dict[str | None, list[int]] = {}
    fair: list[tuple[dict[str, str | None], bool, bool]] = []
    snaps: list[tuple[str, dict[str, Any], Decision]] = []
    done = 0
    for batch in _batches(iter_employees(store), nips):
        fo = [({"nip": e.nip}, ev_old.candidate_facts(e, world)) for e in batch]
        fn = [({"nip": e.nip}, ev_new.candidate_facts(e, world)) for e in batch]
        fo_facts = {s["nip"]: f for s, f in fo}
        for emp, a, b, (_, facts) in zip(batch, ev_old.decide_many("candidate", fo),
                                         ev_new.decide_many("candidate", fn), fn, strict=True):
            snaps.append((emp.nip, facts, b))
            if kept is not None:
                kept["employees"][emp.nip] = emp
                kept["old"][emp.nip] = a
                kept["old_facts"][emp.nip] = fo_facts[emp.nip]
            vo[a.verdict.value] += 1
            vn[b.verdict.value] += 1
            ca, cb = a.verdict.value in CONSIDERED, b.verdict.value in CONSIDERED
            u = units.setdefault(emp.unit_id, [0, 0, 0, 0])
            u[0] += 1
            u[2] += ca
            u[3] += cb
            fair.append((_attributes(emp, day), ca, cb))
            if a.verdict is not b.verdict:
                u[1] += 1
                trans[f"{a.verdict.value} -> {b.verdict.value}"] += 1
                unit = world.units.get(emp.unit_id or "")
                changes.append(PersonChange(emp.nip, emp.name, emp.unit_id,
                                            unit.name if unit else None, a.verdict.value,
                                            b.verdict.value, shifts(a, b)))
        done += len(batch)
        if progress:
            progress(done, total or done)
    if not snaps:
        raise MutasiError("no employees to re-decide: import data first (mutasi import ...)")
    unit_rows = [UnitCount(uid, (world.units[uid].name if uid in world.units else None), *c)
                 for uid, c in sorted(units.items(), key=lambda kv: kv[0] or "")]
    empty = diff_packs(ev_old.pack, ev_old.pack)
    return ImpactResult(empty, day.isoformat(), None, len(snaps), changes,
                        dict(sorted(vo.items())), dict(sorted(vn.items())),
                        dict(sorted(trans.items())), unit_rows, _fairness(fair)), snaps


def _record(log: AuditLog, new: Pack, day: date, actor: str,
            snaps: list[tuple[str, dict[str, Any], Decision]], old: Pack, base: int | None) -> int:
    hasher = InputHasher((nip, facts) for nip, facts, _ in snaps)
    comparison = {"old": dict(old.info), "new": dict(new.info), "base_run": base}
    with log.run("evaluate", day, new.info, actor, hasher.hexdigest(), started_at(),
                 comparison=comparison) as rec:
        rec.store_pack_text(new.canonical_text())
        for nip, facts, decision in snaps:
            rec.add_snapshot(nip, facts)
            rec.add_decision(decision, nip)
    return rec.run_seq
