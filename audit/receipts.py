"""Receipts: a decision's entry, its index and an RFC 6962 inclusion proof against a signed
(and witnessed) checkpoint, in the C2SP tlog-proof text format (docs/audit-format.md 13).

    c2sp.org/tlog-proof@v1
    extra <base64("mutasi-entry\\n" || entry body)>   or   <base64("mutasi-leaf\\n" || leaf hash)>
    index <entry index>
    <base64 hash>...                                  the audit path, leaf's sibling first

    <the signed checkpoint, verbatim>

The proof holds sibling hashes only: nothing about any other entry can be read from it.
Proofs are always computed on a tree pinned at the checkpoint's size, so a log that grows
meanwhile never changes them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from audit import entries as E
from audit import errors
from audit.errors import AuditIntegrityError, AuditUsageError
from audit.hashing import leaf_hash
from audit.notes import Note, TreeHead, Verifier, parse_note, parse_tree_head
from audit.policy import Policy
from audit.proofs import PinnedTree, verify_inclusion
from audit.schema import audit_entry as T
from audit.signed import read_notes

MAGIC = "c2sp.org/tlog-proof@v1"
EXTRA_ENTRY = b"mutasi-entry\n"
EXTRA_LEAF = b"mutasi-leaf\n"


def verification_code(index: int, leaf: bytes) -> str:
    """Short code printed on a letter: entry index and 60 bits of the leaf hash (base32)."""
    b32 = base64.b32encode(leaf).decode("ascii")[:12]
    return f"{index}-{b32[:4]}-{b32[4:8]}-{b32[8:]}"


@dataclass(frozen=True)
class Receipt:
    index: int
    proof: tuple[bytes, ...]
    note: Note
    leaf: bytes
    entry: str | None = None  # the entry body; None in the short (QR) form

    def text(self, with_entry: bool = True) -> str:
        extra = (EXTRA_ENTRY + self.entry.encode("utf-8")) if with_entry and self.entry is not None \
            else EXTRA_LEAF + self.leaf
        lines = [MAGIC, "extra " + base64.b64encode(extra).decode("ascii"), f"index {self.index}"]
        lines += [base64.b64encode(p).decode("ascii") for p in self.proof]
        return "\n".join(lines) + "\n\n" + self.note.to_text()

    @property
    def code(self) -> str:
        return verification_code(self.index, self.leaf)


def parse_receipt(text: str, source: str = "receipt") -> Receipt:
    def bad(msg: str) -> AuditUsageError:
        return AuditUsageError(errors.BAD_RECEIPT, f"{source}: {msg}")

    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    head, sep, note_text = text.partition("\n\n")
    lines = head.split("\n")
    if not sep or not lines or lines[0].strip() != MAGIC:
        raise bad(f"not a receipt (first line must be {MAGIC}, then the proof, a blank line, the checkpoint)")
    entry, leaf = None, b""
    i = 1
    try:
        if i < len(lines) and lines[i].startswith("extra "):
            extra = base64.b64decode(lines[i][6:], validate=True)
            i += 1
            if extra.startswith(EXTRA_ENTRY):
                entry = extra[len(EXTRA_ENTRY):].decode("utf-8")
                leaf = leaf_hash(entry.encode("utf-8"))
            elif extra.startswith(EXTRA_LEAF) and len(extra) == len(EXTRA_LEAF) + 32:
                leaf = extra[len(EXTRA_LEAF):]
        if not leaf:
            raise bad("the 'extra' line holds neither the decision's entry nor its leaf hash")
        if i >= len(lines) or not lines[i].startswith("index ") or not lines[i][6:].isdigit():
            raise bad(f"line {i + 1} must be 'index <entry index>'")
        index = int(lines[i][6:])
        proof = tuple(base64.b64decode(x, validate=True) for x in lines[i + 1:])
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad("a proof line is not valid base64 (or the entry is not UTF-8)") from None
    if any(len(p) != 32 for p in proof):
        raise bad("each proof line must be the base64 of a 32-byte hash")
    return Receipt(index, proof, parse_note(note_text, source), leaf, entry)


@dataclass
class ReceiptCheck:
    ok: bool = False
    problem: str = ""  # why not, for a person
    code: str = ""  # MUT-Annn of the problem
    decision_id: str | None = None
    run: int | None = None
    as_of: str | None = None
    index: int | None = None
    size: int | None = None
    cosigners: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def check_receipt(rec: Receipt, policy: Policy) -> ReceiptCheck:
    """Offline: the entry hashes to the leaf, the proof leads to the checkpoint's root, and
    the checkpoint is signed by the policy's log key and cosigned as its quorum requires."""
    out = ReceiptCheck(index=rec.index)

    def fail(msg: str, code: str = errors.RECEIPT_INVALID) -> ReceiptCheck:
        out.problem, out.code = msg, code
        return out

    try:
        head = parse_tree_head(rec.note.text)
    except AuditUsageError as exc:
        return fail(str(exc), errors.BAD_RECEIPT)
    out.size = head.size
    if rec.entry is not None:
        try:
            body = json.loads(rec.entry)
            d = body["decision"]
            out.decision_id, out.run, out.as_of = str(body["decision_id"]), int(body["run"]), str(d["as_of"])
            if body.get("kind") != E.DECISION or body.get("seq") != rec.index:
                return fail("the record in the receipt is not the decision entry at the index it names")
        except (ValueError, KeyError, TypeError):
            return fail("the record in the receipt is not a decision entry")
    key = policy.log_key(head.origin)
    if key is None or rec.note.signed_by(key) is not True:
        return fail(f"the checkpoint is not validly signed by a log key of the trust policy (origin {head.origin})")
    out.cosigners = policy.cosigners(rec.note)
    if not policy.satisfied(set(out.cosigners)):
        return fail(f"the checkpoint lacks the witness cosignatures the policy requires ({policy.describe()})")
    if not verify_inclusion(rec.index, head.size, rec.leaf, rec.proof, head.root):
        return fail("the decision is not included in the signed checkpoint: the record or the proof was altered")
    out.ok = True
    return out


class ReceiptBuilder:
    """Receipts for decisions against pinned checkpoints: the latest one witnessed as
    `policy` requires, else the latest one signed by `log_key`; without any, the log's own
    last checkpoint entry (checked, but no receipt). Refuses (exit 3) a decision whose entry
    does not verify against the checkpoint it falls under."""

    def __init__(self, engine: Engine, log_key: Verifier | None, policy: Policy | None = None) -> None:
        self.engine = engine
        self._trees: dict[int, PinnedTree] = {}
        with engine.connect() as conn:
            notes = read_notes(conn) if log_key is not None else []
            signed = sorted(((parse_tree_head(n.text), n) for n in notes
                             if log_key is not None and n.signed_by(log_key) is True), key=lambda x: -x[0].size)
            witnessed = [x for x in signed if policy is not None and policy.satisfied(set(policy.cosigners(x[1])))]
            self.pins: list[tuple[TreeHead, Note | None]] = [*witnessed[:1], *signed[:1]]
            if not self.pins:
                cp = conn.execute(select(T.c.body).where(T.c.kind == E.CHECKPOINT).order_by(T.c.seq.desc())
                                  .limit(1)).scalar()
                b: dict[str, Any] = json.loads(cp) if cp else {"size": 0, "root": hashlib.sha256(b"").hexdigest()}
                self.pins = [(TreeHead("", int(b["size"]), bytes.fromhex(str(b["root"]))), None)]

    @property
    def signed(self) -> bool:
        return self.pins[0][1] is not None

    def _tree(self, head: TreeHead) -> PinnedTree:
        """The tree of exactly head.size leaves, read once; entries appended meanwhile are
        beyond it and never change it."""
        if head.size not in self._trees:
            with self.engine.connect() as conn:
                leaves = [bytes.fromhex(h) for (h,) in conn.execute(
                    select(T.c.leaf_hash).where(T.c.seq < head.size).order_by(T.c.seq))]
            tree = PinnedTree(leaves)
            if tree.size != head.size or tree.root() != head.root:
                raise AuditIntegrityError(errors.NOT_VERIFIED, f"the audit log does not match {_what(head)}: "
                                          "it was altered; nothing is rendered (run mutasi audit verify --trust)")
            self._trees[head.size] = tree
        return self._trees[head.size]

    def check(self, decision_id: str) -> Receipt | None:
        """The decision's receipt (None when nothing is signed), after checking its entry."""
        with self.engine.connect() as conn:
            row = conn.execute(select(T.c.seq, T.c.body).where(T.c.kind == E.DECISION,
                                                               T.c.entry_key == decision_id)).first()
        if row is None:
            raise AuditIntegrityError(errors.NOT_VERIFIED, f"decision {decision_id} is not in the audit log")
        return self._one(int(row.seq), row.body, decision_id)

    def check_all(self) -> None:
        """Every decision in the log (a report may show any of them)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(T.c.seq, T.c.body, T.c.entry_key).where(
                T.c.kind == E.DECISION).order_by(T.c.seq)).all()
        for seq, body, did in rows:
            self._one(int(seq), body, str(did))

    def _one(self, seq: int, body: str, decision_id: str) -> Receipt | None:
        pin = next(((h, n) for h, n in self.pins if seq < h.size), None)
        if pin is None:
            raise AuditIntegrityError(errors.NOT_VERIFIED, f"decision {decision_id} (entry #{seq}) is not covered "
                                      f"by {_what(self.pins[0][0])}: sign the log first (mutasi audit checkpoint "
                                      "with MUTASI_SIGNING_KEY_FILE set)")
        head, note = pin
        tree = self._tree(head)
        leaf = leaf_hash(body.encode("utf-8"))
        if tree.levels[0][seq] != leaf:
            raise AuditIntegrityError(errors.NOT_VERIFIED, f"decision {decision_id} (entry #{seq}) does not verify "
                                      f"against {_what(head)}: it was altered in the database; not rendered")
        if note is None:
            return None
        return Receipt(seq, tuple(tree.path(seq)), note, leaf, body)


def _what(head: TreeHead) -> str:
    return (f"the signed checkpoint of size {head.size}" if head.origin
            else f"the log's own checkpoint of size {head.size}")
