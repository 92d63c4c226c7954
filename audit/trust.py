"""`audit verify --trust POLICY`: the log must be covered by a checkpoint signed with the
agency's key and cosigned by the witnesses the policy requires (docs/audit-format.md 12).

On top of `verify` (every hash and the structure), it fails when the log is empty or
missing, when a signed checkpoint does not match the log (rewritten) or covers more than it
(cut), when a trusted signature is forged, when no signed checkpoint is witnessed, and when
entries follow the last witnessed checkpoint (appended since, possibly forged).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, inspect, select

from audit import entries as E
from audit import errors
from audit.errors import AuditUsageError
from audit.hashing import Frontier
from audit.notes import Note, TreeHead, parse_note, parse_tree_head
from audit.policy import Policy
from audit.schema import audit_entry
from audit.signed import bad_rows, read_notes
from audit.verify import Finding, VerifyReport, verify


def _roots(leaves: list[bytes], sizes: set[int]) -> dict[int, bytes]:
    """MTH of each wanted prefix, in one pass."""
    f, out = Frontier(), {}
    if 0 in sizes:
        out[0] = f.root()
    for leaf in leaves:
        f.append(leaf)
        if f.size in sizes:
            out[f.size] = f.root()
    return out


def _merge(notes: list[Note]) -> list[Note]:
    by_text: dict[str, Note] = {}
    for n in notes:
        by_text[n.text] = by_text[n.text].merged(n) if n.text in by_text else n
    return list(by_text.values())


def verify_trusted(engine: Engine, policy: Policy, extra: Sequence[tuple[str, str]] = ()) -> VerifyReport:
    """`extra`: (source, text) of signed checkpoints kept outside the database (the copy
    published on the agency's website, a witness's state file)."""
    leaves: list[bytes] = []
    r = verify(engine, leaves_out=leaves)
    n = r.size

    def bad(seq: int | None, code: str, msg: str) -> None:
        r.findings.append(Finding(seq, code, msg))

    notes: list[Note] = []
    for source, text in extra:
        notes.append(parse_note(text, source))
    with engine.connect() as conn:
        exists = inspect(conn).has_table(audit_entry.name)
        notes.extend(read_notes(conn))
        for nid in bad_rows(conn):
            bad(None, errors.BAD_NOTE, f"stored checkpoint {nid[:16]}... is not a signed note (altered)")
        runs_after = {}
        if exists:
            runs_after = {int(seq): int(run) for seq, run in conn.execute(
                select(audit_entry.c.seq, audit_entry.c.run_seq).where(audit_entry.c.kind == E.RUN))}
    if not exists or n == 0:
        bad(None, errors.NO_LOG, "the audit log is " + ("missing (no audit table: dropped, or the wrong "
            "database)" if not exists else "empty") + ", but the trust policy expects a signed log")
    heads: list[tuple[TreeHead, Note]] = []
    for note in _merge(notes):
        try:
            heads.append((parse_tree_head(note.text), note))
        except AuditUsageError as exc:
            bad(None, errors.BAD_NOTE, str(exc))
    roots = _roots(leaves, {h.size for h, _ in heads})
    signed: list[TreeHead] = []
    witnessed: list[tuple[TreeHead, dict[str, int]]] = []
    for head, note in sorted(heads, key=lambda x: x[0].size):
        key = policy.log_key(head.origin)
        ok = note.signed_by(key) if key is not None else None
        if ok is None:
            r.warnings.append(f"a checkpoint of size {head.size} (origin {head.origin}) is not signed by a "
                              "log key of the policy: ignored")
            continue
        if ok is False:
            bad(None, errors.BAD_SIGNATURE, f"the checkpoint of size {head.size} carries a signature of "
                f"{head.origin} that does not verify: forged or altered")
            continue
        for name, wkey in sorted(policy.witnesses.items()):
            if note.signed_by(wkey) is False:
                bad(None, errors.BAD_SIGNATURE, f"the checkpoint of size {head.size} carries a cosignature "
                    f"of witness {name} that does not verify: forged")
        signed.append(head)
        if head.size > n:
            bad(n, errors.TRUNCATED, f"the log has {n} entries but a checkpoint signed by {head.origin} "
                f"covers {head.size}: entries #{n}..#{head.size - 1} were deleted")
        elif roots.get(head.size) != head.root:
            bad(None, errors.NOT_CONSISTENT, f"the checkpoint of size {head.size} signed by {head.origin} "
                f"does not match the log: some entry in #0..#{head.size - 1} was rewritten")
        cos = policy.cosigners(note)
        if policy.satisfied(set(cos)):
            witnessed.append((head, cos))
    last = max(witnessed, key=lambda x: x[0].size) if witnessed else None
    if n > 0:
        if not signed:
            bad(None, errors.NOT_SIGNED, "no checkpoint of this log is signed by the agency's key "
                f"({', '.join(v.name for v in policy.logs)})")
        elif last is None:
            bad(None, errors.NOT_WITNESSED, f"no signed checkpoint carries the cosignatures the policy "
                f"requires ({policy.describe()}); the latest signed one covers {max(h.size for h in signed)} entries")
        elif last[0].size < n:
            w = last[0].size
            runs = sorted(run for seq, run in runs_after.items() if seq >= w)
            what = f" (runs {', '.join(map(str, runs))})" if runs else " (overrides)"
            bad(w, errors.UNCOVERED, f"entries #{w}..#{n - 1}{what} come after the last witnessed checkpoint "
                f"(size {w}): appended since the witnesses last looked, or forged")
    r.findings.sort(key=lambda f: (f.seq is None, f.seq or 0))
    r.trust = {
        "policy_quorum": policy.describe(),
        "signed_sizes": sorted({h.size for h in signed}),
        "witnessed": None if last is None else {"size": last[0].size, "root": last[0].root.hex(),
                                                "cosigners": last[1]},
    }
    return r
