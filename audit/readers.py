"""Read-only views of the audit log for reports (never re-run the engine).

Each function takes an open SQLAlchemy Connection; AuditLog wraps them. Results are in log
order (entry index), which is also run order and, inside a run, the order the pipeline
recorded decisions in (sorted subjects).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from audit import entries as E
from audit.schema import audit_entry as T


@dataclass(frozen=True)
class RunHeader:
    run_seq: int
    seq: int  # entry index of the header
    kind: str  # evaluate / plan / review / round
    as_of: str
    pack: dict[str, str]  # {"id", "version", "hash"}
    mutasi_version: str
    input_hash: str
    actor: str
    started_at: str
    comparison: dict[str, Any] | None = None  # `rules impact --record`: {old, new, base_run}

    @property
    def run_id(self) -> str:
        """The run as people write it ("3"): reports and the CLI's --run take this form."""
        return str(self.run_seq)


@dataclass(frozen=True)
class DecisionRecord:
    decision_id: str  # "<run>-<n>"
    run_seq: int
    seq: int
    snapshot_key: str
    decision: dict[str, Any]  # engine.outcome.Decision.to_dict(), as recorded

    @property
    def run_id(self) -> str:
        """The run as people write it ("3"): reports and the CLI's --run take this form."""
        return str(self.run_seq)

    @property
    def subject(self) -> dict[str, str]:
        return dict(self.decision["subject"])

    @property
    def verdict(self) -> str:
        return str(self.decision["verdict"])

    @property
    def reasons(self) -> list[dict[str, Any]]:
        return list(self.decision["reasons"])


@dataclass(frozen=True)
class OverrideRecord:
    seq: int
    decision_id: str
    subject: dict[str, str]
    original_verdict: str
    new_verdict: str
    actor: str
    justification: str
    at: str


@dataclass(frozen=True)
class CheckpointRecord:
    seq: int
    run_seq: int | None  # None after an override
    size: int  # number of entries it covers (entries 0..size-1)
    root: str  # hex Merkle root of those entries


def _bodies(conn: Connection, *where: Any) -> list[tuple[int, dict[str, Any]]]:
    rows = conn.execute(select(T.c.seq, T.c.body).where(*where).order_by(T.c.seq))
    return [(int(r.seq), json.loads(r.body)) for r in rows]


def _run_header(seq: int, b: dict[str, Any]) -> RunHeader:
    return RunHeader(run_seq=b["run"], seq=seq, kind=b["run_kind"], as_of=b["as_of"], pack=b["pack"],
                     mutasi_version=b["mutasi_version"], input_hash=b["input_hash"],
                     actor=b["actor"], started_at=b["started_at"], comparison=b.get("comparison"))


def _decision(seq: int, b: dict[str, Any]) -> DecisionRecord:
    return DecisionRecord(decision_id=b["decision_id"], run_seq=b["run"], seq=seq,
                          snapshot_key=b["snapshot"], decision=b["decision"])


def _override(seq: int, b: dict[str, Any]) -> OverrideRecord:
    return OverrideRecord(seq=seq, decision_id=b["decision_id"], subject=b["subject"],
                          original_verdict=b["original_verdict"], new_verdict=b["new_verdict"],
                          actor=b["actor"], justification=b["justification"], at=b["at"])


def list_runs(conn: Connection) -> list[RunHeader]:
    return [_run_header(s, b) for s, b in _bodies(conn, T.c.kind == E.RUN)]


def run_header(conn: Connection, run_seq: int) -> RunHeader | None:
    found = _bodies(conn, T.c.kind == E.RUN, T.c.run_seq == run_seq)
    return _run_header(*found[0]) if found else None


def decisions_of_run(conn: Connection, run_seq: int) -> list[DecisionRecord]:
    return [_decision(s, b) for s, b in _bodies(conn, T.c.kind == E.DECISION, T.c.run_seq == run_seq)]


def decision(conn: Connection, decision_id: str) -> DecisionRecord | None:
    found = _bodies(conn, T.c.kind == E.DECISION, T.c.entry_key == decision_id)
    return _decision(*found[0]) if found else None


def decisions_for_nip(conn: Connection, nip: str) -> list[DecisionRecord]:
    return [_decision(s, b) for s, b in _bodies(conn, T.c.kind == E.DECISION, T.c.nip == nip)]


def overrides(conn: Connection, decision_id: str | None = None) -> list[OverrideRecord]:
    where = [T.c.kind == E.OVERRIDE] + ([T.c.entry_key == decision_id] if decision_id else [])
    return [_override(s, b) for s, b in _bodies(conn, *where)]


@dataclass(frozen=True)
class AccessRecord:
    seq: int
    actor: str
    role: str
    action: str
    nip: str | None
    at: str
    detail: dict[str, Any]


def accesses(conn: Connection, nip: str | None = None, actor: str | None = None) -> list[AccessRecord]:
    """Portal access entries, oldest first; only those about `nip` and/or by `actor`."""
    where = [T.c.kind == E.ACCESS] + ([T.c.nip == nip] if nip else []) + (
        [T.c.entry_key == actor] if actor else [])
    return [AccessRecord(s, b["actor"], b["role"], b["action"], b.get("nip"), b["at"], b.get("detail") or {})
            for s, b in _bodies(conn, *where)]


def effective_verdict(conn: Connection, rec: DecisionRecord) -> str:
    """The verdict in force: the latest override's, else the engine's."""
    ovs = overrides(conn, rec.decision_id)
    return ovs[-1].new_verdict if ovs else rec.verdict


def snapshot_of_decision(conn: Connection, decision_id: str) -> dict[str, Any] | None:
    rec = decision(conn, decision_id)
    if rec is None:
        return None
    return snapshot(conn, rec.run_seq, rec.snapshot_key)


def snapshot(conn: Connection, run_seq: int, key: str) -> dict[str, Any] | None:
    """The facts of snapshot `key` of a run, composed with its base when it has one."""
    found = _bodies(conn, T.c.kind == E.SNAPSHOT, T.c.entry_key == E.snapshot_entry_key(run_seq, key))
    if not found:
        return None
    body = found[0][1]
    if "base" not in body:
        return dict(body["facts"])
    base = snapshot(conn, run_seq, body["base"])
    return None if base is None else E.compose_facts(base, body["facts"])


def plan(conn: Connection, run_seq: int) -> dict[str, Any] | None:
    """The plan recorded by plan run `run_seq` (its `plan` entry), or None."""
    found = _bodies(conn, T.c.kind == E.PLAN, T.c.run_seq == run_seq)
    return dict(found[0][1]["plan"]) if found else None


def plan_leaf_hash(conn: Connection, run_seq: int) -> str | None:
    """The leaf hash of run `run_seq`'s `plan` entry (what a later run cites), or None."""
    row = conn.execute(select(T.c.leaf_hash).where(T.c.kind == E.PLAN, T.c.run_seq == run_seq)).first()
    return str(row.leaf_hash) if row is not None else None


def pack_text(conn: Connection, sha256: str) -> str | None:
    found = _bodies(conn, T.c.kind == E.PACK_TEXT, T.c.entry_key == sha256)
    return found[0][1]["text"] if found else None


def latest_checkpoint(conn: Connection) -> CheckpointRecord | None:
    row = conn.execute(select(T.c.seq, T.c.body).where(T.c.kind == E.CHECKPOINT)
                       .order_by(T.c.seq.desc()).limit(1)).first()
    if row is None:
        return None
    b = json.loads(row.body)
    return CheckpointRecord(seq=int(row.seq), run_seq=b["run"], size=b["size"], root=b["root"])
