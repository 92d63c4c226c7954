"""Tamper-evident audit trail: append-only log of runs, decisions and overrides, hashed as
an RFC 6962 Merkle tree; verify, replay, export. Format: docs/audit-format.md.

    log = AuditLog(engine)
    with log.run(kind, as_of, pack_info, actor, input_hash, started_at) as run:
        run.store_pack_text(pack.canonical_text())
        run.add_snapshot(key, facts)
        decision_id = run.add_decision(decision, key)
    log.add_override(decision_id, new_verdict, actor, justification, at)
    log.verify(checkpoint_text) / log.replay(decision_id) / log.checkpoint()

Readers for reports (audit/readers.py; never re-run the engine):
    log.list_runs() -> [RunHeader]          log.run_header(run_seq) -> RunHeader | None
    log.decisions(run_seq) -> [DecisionRecord]   log.decision(decision_id) -> DecisionRecord | None
    log.decisions_for_nip(nip) -> [DecisionRecord]   log.overrides(decision_id=None) -> [OverrideRecord]
    log.snapshot(decision_id) -> facts | None        log.pack_text(sha256) -> str | None
    log.latest_checkpoint() -> CheckpointRecord | None
Decision ids are "<run>-<n>" (n-th decision of run <run>, from 1), e.g. "3-17".
"""

from audit.checkpoint import Checkpoint
from audit.log import AuditLog, Run
from audit.readers import CheckpointRecord, DecisionRecord, OverrideRecord, RunHeader
from audit.replay import Difference, ReplayReport
from audit.verify import Finding, VerifyReport

__all__ = [
    "AuditLog", "Checkpoint", "CheckpointRecord", "DecisionRecord", "Difference", "Finding",
    "OverrideRecord", "ReplayReport", "Run", "RunHeader", "VerifyReport",
]
