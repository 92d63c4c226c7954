"""What reports read: recorded runs, decisions, overrides, plan payloads, people.

Runs, decisions and overrides are the audit log's own record types (audit/readers.py), not
copies: reports see what the log holds.

``ReportSource`` is the protocol; ``MemorySource`` serves hand-made data (tests);
mutasi/report_source.py implements it over the audit log and the store. Reports never
re-run the engine: everything shown comes from these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from audit.readers import DecisionRecord, OverrideRecord, RunHeader
from engine.plan.payload import RecordedPlan
from engine.problems import UsageError


@dataclass(frozen=True)
class Person:
    """One employee as the store holds them now. Protected fields serve the fairness report only."""

    nip: str
    name: str
    unit_id: str | None = None
    unit_name: str | None = None
    position_id: str | None = None
    position_name: str | None = None
    gender: str | None = None
    religion: str | None = None
    birth_date: date | None = None
    skp: dict[int, str] = field(default_factory=dict)  # year -> predicate
    preferences: tuple[str, ...] = ()  # units the person asked to move to (they want a move)
    golongan: str | None = None  # "III/a": the fairness report's rank group
    education_level: str | None = None  # SD .. S3
    potential: str | None = None  # rendah / menengah / tinggi (the 9-box's potential axis)


@dataclass(frozen=True)
class Integrity:
    """Result of audit verify, in numbers (reports put it in words)."""

    ok: bool
    entries: int = 0
    runs: int = 0
    decisions: int = 0
    overrides: int = 0
    root: str = ""
    finding: str = ""  # the first problem found, as audit verify names it ("" when intact)
    checkpoint_size: int | None = None
    checkpoint_root: str | None = None
    findings: tuple[tuple[int | None, str], ...] = ()  # every problem: (entry index or None, MUT-A code)
    trigger_missing: int = 0  # append-only triggers missing: the database no longer refuses changes
    checked_against: str = ""  # "size N, root HEX" of the checkpoint file given ("" when none)


class ReportSource(Protocol):
    def runs(self) -> list[RunHeader]: ...  # oldest first

    def decisions(self, run_id: str) -> list[DecisionRecord]: ...

    def decisions_for_nip(self, nip: str) -> list[DecisionRecord]: ...  # every run, log order

    def overrides(self, run_id: str) -> list[OverrideRecord]: ...

    def plan(self, run_id: str) -> RecordedPlan | None: ...  # the plan run's plan, typed (engine/plan/payload.py)

    def round(self, run_id: str) -> dict[str, Any] | None: ...  # a round run's recorded payload (engine/round)

    def review(self, run_id: str) -> dict[str, Any] | None: ...  # review payload (engine/review.py)

    def integrity(self, checkpoint_text: str | None = None) -> Integrity: ...

    def replay(self, decision_id: str) -> bool | None: ...  # identical on replay; None: cannot replay

    def facts(self, decision_id: str) -> dict[str, Any] | None: ...  # the recorded facts snapshot

    def person(self, nip: str) -> Person | None: ...

    def unit_name(self, unit_id: str) -> str: ...

    def position_name(self, position_id: str) -> str: ...

    def position_unit(self, position_id: str) -> str | None: ...

    def unit_workloads(self) -> dict[str, tuple[float, int]]: ...  # unit id -> (needed, on post) now


def pick_run(source: ReportSource, run_id: str | None, kinds: tuple[str, ...] = ()) -> RunHeader:
    """The run asked for, or the latest run of one of ``kinds`` (any kind when empty)."""
    runs = source.runs()
    if run_id is not None:
        for r in runs:
            if r.run_id == run_id:
                return r
        raise UsageError(f"--run: no run '{run_id}' in the audit trail")
    wanted = [r for r in runs if not kinds or r.kind in kinds]
    if not wanted:
        raise UsageError(f"no {' or '.join(kinds) or 'recorded'} run in the audit trail; run one first")
    return wanted[-1]


@dataclass
class MemorySource:
    """An in-memory source built from hand-made records (tests, examples)."""

    run_list: list[RunHeader] = field(default_factory=list)
    decision_map: dict[str, list[DecisionRecord]] = field(default_factory=dict)
    override_list: list[OverrideRecord] = field(default_factory=list)
    plans: dict[str, RecordedPlan] = field(default_factory=dict)
    reviews: dict[str, dict[str, Any]] = field(default_factory=dict)
    rounds: dict[str, dict[str, Any]] = field(default_factory=dict)
    facts_map: dict[str, dict[str, Any]] = field(default_factory=dict)  # decision id -> facts snapshot
    people: dict[str, Person] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    positions: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, unit id)
    workloads_now: dict[str, tuple[float, int]] = field(default_factory=dict)
    integrity_info: Integrity = field(default_factory=lambda: Integrity(True))

    def runs(self) -> list[RunHeader]:
        return list(self.run_list)

    def decisions(self, run_id: str) -> list[DecisionRecord]:
        return list(self.decision_map.get(run_id, []))

    def decisions_for_nip(self, nip: str) -> list[DecisionRecord]:
        return [d for r in self.run_list for d in self.decision_map.get(r.run_id, [])
                if str(d.decision.get("subject", {}).get("nip")) == nip]

    def overrides(self, run_id: str) -> list[OverrideRecord]:
        ids = {d.decision_id for d in self.decision_map.get(run_id, [])}
        return [o for o in self.override_list if o.decision_id in ids]

    def plan(self, run_id: str) -> RecordedPlan | None:
        return self.plans.get(run_id)

    def review(self, run_id: str) -> dict[str, Any] | None:
        return self.reviews.get(run_id)

    def round(self, run_id: str) -> dict[str, Any] | None:
        return self.rounds.get(run_id)

    def integrity(self, checkpoint_text: str | None = None) -> Integrity:
        return self.integrity_info

    def replay(self, decision_id: str) -> bool | None:
        return None  # hand-made decisions have no pack text to replay

    def facts(self, decision_id: str) -> dict[str, Any] | None:
        return self.facts_map.get(decision_id)

    def person(self, nip: str) -> Person | None:
        return self.people.get(nip)

    def unit_name(self, unit_id: str) -> str:
        return self.units.get(unit_id, unit_id)

    def position_name(self, position_id: str) -> str:
        return self.positions.get(position_id, (position_id, ""))[0]

    def position_unit(self, position_id: str) -> str | None:
        p = self.positions.get(position_id)
        return p[1] if p else None

    def unit_workloads(self) -> dict[str, tuple[float, int]]:
        return dict(self.workloads_now)
