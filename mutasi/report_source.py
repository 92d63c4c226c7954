"""ReportSource over the audit log (decisions, overrides, checkpoints) and the store (people).

The plan of a plan run is the run's `plan` entry (docs/audit-format.md), read through
AuditLog.plan. This is the app layer's implementation of reports' ReportSource protocol.
"""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any

from sqlalchemy import Engine, select

from audit import entries as E
from audit.log import AuditLog
from audit.schema import audit_entry
from engine.plan.payload import RecordedPlan, load_plan
from engine.records import World
from mutasi.store.convert import get_employee, load_world
from mutasi.store.db import open_store, require_existing
from reports.source import DecisionRecord, Integrity, OverrideRecord, Person, RunHeader


class AuditStoreSource:
    def __init__(self, url_or_engine: str | Engine) -> None:
        if isinstance(url_or_engine, str):
            require_existing(url_or_engine)
            self.engine = open_store(url_or_engine)
        else:
            self.engine = url_or_engine
        self.log = AuditLog(self.engine)
        self._people: dict[str, Person | None] = {}
        self._decisions: dict[str, list[DecisionRecord]] = {}
        self._overrides: list[OverrideRecord] | None = None
        self._plans: dict[str, RecordedPlan | None] = {}

    @cached_property
    def world(self) -> World:
        return load_world(self.engine)

    def runs(self) -> list[RunHeader]:
        return self.log.list_runs()

    def decisions(self, run_id: str) -> list[DecisionRecord]:
        # Read once per source: letters for a whole run ask for the same run many times.
        if run_id not in self._decisions:
            self._decisions[run_id] = self.log.decisions(int(run_id))
        return list(self._decisions[run_id])

    def decisions_for_nip(self, nip: str) -> list[DecisionRecord]:
        return self.log.decisions_for_nip(nip)

    def overrides(self, run_id: str) -> list[OverrideRecord]:
        if self._overrides is None:
            self._overrides = self.log.overrides()
        prefix = f"{int(run_id)}-"
        return [o for o in self._overrides if o.decision_id.startswith(prefix)]

    def plan(self, run_id: str) -> RecordedPlan | None:
        if run_id not in self._plans:
            self._plans[run_id] = self._read_plan(run_id)
        return self._plans[run_id]

    def review(self, run_id: str) -> dict[str, Any] | None:
        """The review payload of a review run (mutasi/runs/review_run.py, snapshot "review")."""
        return self._read_payload(run_id, ("review",))

    def _read_plan(self, run_id: str) -> RecordedPlan | None:
        raw = self.log.plan(int(run_id))
        return None if raw is None or raw.get("kind") == "round" else load_plan(raw)

    def round(self, run_id: str) -> dict[str, Any] | None:
        """A round run's recorded payload (its `plan` entry, kind "round"; engine/round)."""
        raw = self.log.plan(int(run_id))
        return raw if raw is not None and raw.get("kind") == "round" else None

    def _read_payload(self, run_id: str, names: tuple[str, ...]) -> dict[str, Any] | None:
        keys = [E.snapshot_entry_key(int(run_id), k) for k in names]
        with self.engine.connect() as conn:
            row = conn.execute(select(audit_entry.c.body).where(audit_entry.c.kind == E.SNAPSHOT,
                                                                audit_entry.c.entry_key.in_(keys))
                               .order_by(audit_entry.c.seq).limit(1)).first()
        if row is None:
            return None
        body = json.loads(row.body)
        payload = body.get("facts", body)
        return payload if isinstance(payload, dict) else None

    def integrity(self, checkpoint_text: str | None = None) -> Integrity:
        rep = self.log.verify(checkpoint_text)
        cp = self.log.latest_checkpoint()
        finding = "" if rep.ok else str(rep.findings[0])
        against = rep.checked_against or {}
        return Integrity(rep.ok, rep.size, rep.runs, rep.decisions, rep.overrides, rep.root, finding,
                         cp.size if cp else None, cp.root if cp else None,
                         findings=tuple((f.seq, f.code) for f in rep.findings),
                         trigger_missing=sum(1 for w in rep.warnings if "trigger" in w),
                         checked_against=f"{against.get('size')}, {against.get('root')}" if against else "")

    def facts(self, decision_id: str) -> dict[str, Any] | None:
        return self.log.snapshot(decision_id)

    def replay(self, decision_id: str) -> bool | None:
        try:
            return self.log.replay(decision_id).identical
        except Exception:  # noqa: BLE001 - the report states "could not replay"; audit replay names why
            return None

    def person(self, nip: str) -> Person | None:
        if nip not in self._people:
            emp = get_employee(self.engine, nip)
            self._people[nip] = None if emp is None else self._person_of(emp)
        return self._people[nip]

    def preload_people(self) -> None:
        """Read every person in batches at once (a page naming thousands of people would
        otherwise ask the store once per name)."""
        from mutasi.store.convert import iter_employees

        for emp in iter_employees(self.engine):
            self._people[emp.nip] = self._person_of(emp)

    def _person_of(self, emp: Any) -> Person:
        unit = self.world.units.get(emp.unit_id or "")
        pos = self.world.positions.get(emp.position_id or "")
        return Person(
            nip=emp.nip, name=emp.name, unit_id=emp.unit_id, unit_name=unit.name if unit else emp.unit_id,
            position_id=emp.position_id, position_name=pos.name if pos else emp.position_id,
            gender=emp.gender, religion=emp.religion, birth_date=emp.birth_date,
            skp={s.year: s.predicate for s in emp.skp if s.predicate},
            preferences=tuple(emp.preferences),
            golongan=emp.golongan, education_level=emp.education_level, potential=emp.potential,
        )

    def unit_name(self, unit_id: str) -> str:
        u = self.world.units.get(unit_id)
        return u.name if u else unit_id

    def position_name(self, position_id: str) -> str:
        p = self.world.positions.get(position_id)
        return p.name if p else position_id

    def position_unit(self, position_id: str) -> str | None:
        p = self.world.positions.get(position_id)
        return p.unit_id if p else None

    def unit_workloads(self) -> dict[str, tuple[float, int]]:
        out: dict[str, tuple[float, int]] = {}
        for pid in sorted(self.world.workloads):
            pos = self.world.positions.get(pid)
            if pos is None:
                continue
            w = self.world.workloads[pid]
            need, on = out.get(pos.unit_id, (0.0, 0))
            out[pos.unit_id] = (need + w.staff_needed, on + w.on_post)
        return out
