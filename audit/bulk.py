"""Runs whose entries are serialised and leaf-hashed elsewhere (worker processes), then
chained and inserted here in order (issue 18: `mutasi evaluate` at national scale).

The log's bytes are exactly those Run.add_snapshot / Run.add_decision would write: the same
bodies (splice of the canonical payload into its envelope), leaf hashes over the same bytes,
the chain and the checkpoint made here. What changes is who does the work and when: the
writer reserves the run's leaf indexes under the write lock, so workers can build whole
entries (their `seq` is part of the hashed body); the run header, which carries the input
hash, is appended only at the end, when every snapshot has been seen, in its reserved
place at the head of the run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from audit import entries as E
from audit import errors
from audit.appender import _Appender
from audit.canonical import canonical_text, splice
from audit.errors import AuditUsageError
from audit.hashing import leaf_hash


class Prepared(NamedTuple):
    """One entry ready to chain: its columns, canonical body and leaf hash."""

    seq: int
    kind: str
    run_seq: int | None
    entry_key: str | None
    nip: str | None
    body: str
    leaf: bytes


def payload_text(value: Any, what: str) -> str:
    """Canonical text of a payload, refused as Run.add_* refuse it."""
    try:
        return canonical_text(value)
    except (TypeError, ValueError) as exc:
        raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"{what} is not JSON data: {exc}") from None


def _prepared(body: dict[str, Any], payload_key: str, payload: str, stub: Any) -> Prepared:
    text = splice(body, payload_key, payload)
    cols = E.columns_of({**body, payload_key: stub})
    return Prepared(body["seq"], cols["kind"], cols["run_seq"], cols["entry_key"], cols["nip"],
                    text, leaf_hash(text.encode("utf-8")))


def snapshot_entry(run_seq: int, seq: int, key: str, facts_text: str) -> Prepared:
    """The plain snapshot entry Run.add_snapshot(key, facts) writes, at leaf `seq`."""
    if not isinstance(key, str) or not key:
        raise AuditUsageError(errors.BAD_RUN_ARGUMENT, "snapshot key must be non-empty text")
    body = {"kind": E.SNAPSHOT, "run": run_seq, "key": key, "seq": seq}
    return _prepared(body, "facts", facts_text, {})


def decision_entry(run_seq: int, seq: int, ordinal: int, snapshot_key: str, nip: str,
                   decision_text: str) -> Prepared:
    """The entry Run.add_decision writes for the `ordinal`-th decision of the run (from 1);
    `nip` is the decision's subject.nip (the indexed column)."""
    body = {"kind": E.DECISION, "run": run_seq, "decision_id": E.decision_id(run_seq, ordinal),
            "snapshot": snapshot_key, "seq": seq}
    return _prepared(body, "decision", decision_text, {"subject": {"nip": nip}})


class BulkRun:
    """A run being recorded from prepared entries (use AuditLog.bulk_run). Entries take the
    leaf indexes from `first_seq` on, consecutively, in the order they are given."""

    def __init__(self, app: _Appender, header: dict[str, Any], pack_text: str, pack_sha: str,
                 pack_known: bool) -> None:
        self._a = app
        self._header = header
        self.run_seq: int = header["run"]
        self._pack = None if pack_known else {"kind": E.PACK_TEXT, "run": self.run_seq,
                                               "sha256": pack_sha, "text": pack_text}
        self.head_seq = app.next_seq  # the run entry's leaf index, reserved
        self.first_seq = self.head_seq + (1 if pack_known else 2)
        self.finished = False

    def finish(self, input_hash: str, entries: Iterable[tuple[Any, ...]]) -> int:
        """Append the run header (with `input_hash`), the pack text, every entry (a Prepared,
        or its plain tuple: cheaper to pickle), the checkpoint. Returns the number of entries
        chained."""
        if self.finished:
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"run {self.run_seq} is finished already")
        if not isinstance(input_hash, str) or not input_hash:
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, "input_hash must be non-empty text")
        a = self._a
        a.append({**self._header, "input_hash": input_hash})
        if self._pack is not None:
            a.append(self._pack)
        n = 0
        for seq, kind, run_seq, entry_key, nip, body, leaf in entries:
            if seq != a.next_seq or run_seq != self.run_seq:
                raise AuditUsageError(errors.BAD_RUN_ARGUMENT,
                                      f"prepared entry for leaf {seq} of run {run_seq} given at "
                                      f"leaf {a.next_seq} of run {self.run_seq}")
            a.append_prepared(seq, {"kind": kind, "run_seq": run_seq, "entry_key": entry_key, "nip": nip},
                              body, leaf)
            n += 1
        a.checkpoint(self.run_seq)
        a.flush()
        self.finished = True
        return n
