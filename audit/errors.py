"""Names for the MUT-Annn codes of the audit trail (registered in engine/problems.py, explained
in docs/errors.md, section Audit) and the audit's errors."""

from __future__ import annotations

from engine.problems import IntegrityError, MutasiError, UsageError, check_code

# Writing and reading
APPEND_ONLY = "MUT-A001"  # the database refused UPDATE/DELETE on an audit table
EMPTY_JUSTIFICATION = "MUT-A002"  # override without a justification
BAD_VERDICT = "MUT-A003"  # override verdict is not a Verdict value
UNKNOWN_DECISION = "MUT-A004"  # decision id not in the log
UNKNOWN_SNAPSHOT = "MUT-A005"  # decision refers to a snapshot not added in this run
PACK_TEXT_MISSING = "MUT-A006"  # run closes / replay without the pack text stored
BAD_RUN_ARGUMENT = "MUT-A007"  # run kind, pack_info, actor, key... not acceptable
CONCURRENT_WRITE = "MUT-A008"  # another writer appended at the same time
SAME_VERDICT = "MUT-A009"  # override to the verdict already in force
# verify
SEQUENCE = "MUT-A010"  # entry missing, inserted or out of order (index gap)
NOT_CANONICAL = "MUT-A011"  # stored body is not valid canonical JSON
COLUMN_MISMATCH = "MUT-A012"  # an indexed column disagrees with the hashed body
LEAF_HASH = "MUT-A013"  # stored leaf hash is not SHA-256(0x00 || body)
CHAIN_HASH = "MUT-A014"  # stored chain hash does not follow from the previous one
CHECKPOINT_ROOT = "MUT-A015"  # checkpoint entry's size/root disagree with the leaves before it
STRUCTURE = "MUT-A016"  # runs not well formed (unclosed run, entry outside a run...)
PACK_TEXT_HASH = "MUT-A017"  # stored pack text does not hash to its key
TRUNCATED = "MUT-A018"  # log shorter than a saved checkpoint
NOT_CONSISTENT = "MUT-A019"  # log is not an extension of a saved checkpoint
BAD_CHECKPOINT_FILE = "MUT-A020"  # checkpoint file malformed
DANGLING_REFERENCE = "MUT-A021"  # decision/override refers to something not in the log
# signed checkpoints, witnesses, receipts (docs/audit-format.md sections 10-13)
BAD_KEY = "MUT-A022"  # key file or verifier key malformed, or no signing key where one is needed
BAD_NOTE = "MUT-A023"  # signed checkpoint (note) malformed
BAD_SIGNATURE = "MUT-A024"  # a signature line of a trusted key does not verify (forged)
NOT_SIGNED = "MUT-A025"  # no checkpoint signed by the agency's key
NOT_WITNESSED = "MUT-A026"  # no signed checkpoint carries the cosignatures the policy requires
UNCOVERED = "MUT-A027"  # entries after the last witnessed checkpoint
NO_LOG = "MUT-A028"  # empty or missing log while a trust policy expects one
BAD_POLICY = "MUT-A029"  # trust policy file malformed
WITNESS_REFUSED = "MUT-A031"  # witness: checkpoint not consistent with what it cosigned before
BAD_RECEIPT = "MUT-A032"  # receipt missing or malformed in a letter
RECEIPT_INVALID = "MUT-A033"  # receipt does not verify (leaf, proof, signatures)
NOT_VERIFIED = "MUT-A034"  # a decision's entry does not verify against the latest signed checkpoint
# replay
REPLAY_ENGINE = "MUT-A030"  # the engine could not rebuild the pack or decide
# backup and restore (mutasi db backup / restore)
BACKUP_DAMAGED = "MUT-A150"  # backup archive damaged, not a mutasi backup, or its log does not verify
NOT_A_ROUND_RUN = "MUT-A250"  # audit replay RUN: the run is not a voluntary round


class AuditError(MutasiError):
    """Refused audit operation (exit 1)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{check_code(code)} {message}")
        self.code = code


class AuditUsageError(UsageError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{check_code(code)} {message}")
        self.code = code


class AuditIntegrityError(IntegrityError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{check_code(code)} {message}")
        self.code = code
