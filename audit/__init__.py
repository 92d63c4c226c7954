"""Tamper-evident audit trail: append-only log of runs, decisions and overrides, hashed as
an RFC 6962 Merkle tree; verify, replay, export. Format: docs/audit-format.md.

    log = AuditLog(engine)
    with log.run(kind, as_of, pack_info, actor, input_hash, started_at) as run:
        run.store_pack_text(pack.canonical_text())
        run.add_snapshot(key, facts)
        decision_id = run.add_decision(decision, key)
    log.add_override(decision_id, new_verdict, actor, justification, at)
    log.verify(checkpoint_text) / log.replay(decision_id) / log.checkpoint()
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
