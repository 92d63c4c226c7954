"""`mutasi audit witness`: an outside party (Inspektorat, BKN, Ombudsman) cosigns the
agency's latest signed checkpoint (C2SP tlog-witness semantics, cosignature/v1), and only
when it is consistent with the checkpoint it cosigned before.

The witness keeps its own state file: the last checkpoint it cosigned, as a signed note.
That file doubles as a checkpoint kept outside the agency: `audit verify --trust POLICY
--checkpoint STATE` then also catches a log cut back to an earlier run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from audit import errors
from audit.errors import AuditError, AuditUsageError
from audit.hashing import consistency_proof, mth, verify_consistency
from audit.notes import Note, Signer, TreeHead, Verifier, parse_note, parse_tree_head
from audit.signed import read_notes, store_note
from audit.verify import verify


@dataclass(frozen=True)
class Cosigned:
    note: Note
    head: TreeHead
    previous: TreeHead | None


def _refuse(msg: str) -> AuditError:
    return AuditError(errors.WITNESS_REFUSED, f"not cosigned: {msg}")


def latest_signed(engine: Engine, log_key: Verifier) -> Note | None:
    with engine.connect() as conn:
        notes = [n for n in read_notes(conn) if n.signed_by(log_key)]
    return max(notes, key=lambda n: parse_tree_head(n.text).size) if notes else None


def read_state(path: Path) -> TreeHead | None:
    if not path.exists():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AuditUsageError(errors.BAD_NOTE, f"--state: cannot read '{path}': {exc.strerror}") from None
    return parse_tree_head(parse_note(text, str(path)).text, str(path))


def cosign(engine: Engine, log_key: Verifier, signer: Signer, state: Path, now: int,
           note_text: str | None = None, record: bool = True) -> Cosigned:
    """Check and cosign; writes the state file and (record=True) stores the cosigned note."""
    if note_text is not None:
        note = parse_note(note_text, "--checkpoint")
    else:
        found = latest_signed(engine, log_key)
        if found is None:
            raise _refuse(f"the log holds no checkpoint signed by {log_key.name}")
        note = found
    head = parse_tree_head(note.text)
    if head.origin != log_key.name or note.signed_by(log_key) is not True:
        raise _refuse(f"the checkpoint is not validly signed by the log key {log_key.name}")
    previous = read_state(state)
    if previous is not None and previous.origin != head.origin:
        raise AuditUsageError(errors.BAD_NOTE, f"--state holds a checkpoint of {previous.origin}, not {head.origin}")
    leaves: list[bytes] = []
    report = verify(engine, leaves_out=leaves)
    if not report.ok:
        raise _refuse(f"the audit log does not verify ({report.findings[0]})")
    if head.size > len(leaves):
        raise _refuse(f"the checkpoint covers {head.size} entries but the log holds {len(leaves)}")
    if mth(leaves[:head.size]) != head.root:
        raise _refuse(f"the checkpoint's root does not match the first {head.size} entries of the log")
    if previous is not None:
        if head.size < previous.size:
            raise _refuse(f"the log shrank: this witness cosigned {previous.size} entries before, the "
                          f"checkpoint covers {head.size} (entries were deleted)")
        proof = consistency_proof(leaves[:head.size], previous.size) if previous.size else []
        if not verify_consistency(previous.size, head.size, previous.root, head.root, proof):
            raise _refuse(f"the log is not an extension of the checkpoint of size {previous.size} this "
                          "witness cosigned before: history was rewritten")
    cosigned = note.with_signature(signer.sign(note.text, now))
    tmp = state.with_name(f".{state.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(cosigned.to_text(), encoding="utf-8")
        os.replace(tmp, state)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AuditUsageError(errors.BAD_NOTE, f"--state: cannot write '{state}': {exc.strerror}") from None
    if record:
        with engine.begin() as conn:
            store_note(conn, cosigned)
    return Cosigned(cosigned, head, previous)
