"""Writing entries: canonical bodies, leaf and chain hashes, batched inserts, one locked
transaction per batch, database errors in the audit's own terms. AuditLog and Run (log.py)
use it; nothing else writes to the log."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import IntegrityError as SAIntegrityError

from audit import entries as E
from audit import errors
from audit.canonical import canonical_text, normalise, splice
from audit.errors import AuditError, AuditIntegrityError, AuditUsageError
from audit.hashing import CHAIN_GENESIS, Frontier, chain_hash, leaf_hash
from audit.schema import audit_entry

_FLUSH_EVERY = 500
# database URL -> (log size, chain hash of its last leaf, tree frontier) as last committed here
_KNOWN: dict[str, tuple[int, str, Frontier]] = {}


def _iso(value: date | datetime | str, what: str) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str) and value:
        return value
    raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"{what} must be a date/datetime or ISO text")


def _json_data(value: Any, what: str) -> Any:
    try:
        return normalise(value)
    except (TypeError, ValueError) as exc:
        raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"{what} is not JSON data: {exc}") from None


def _json_text(value: Any, what: str) -> str:
    try:
        return canonical_text(value)
    except (TypeError, ValueError) as exc:
        raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"{what} is not JSON data: {exc}") from None


def _delta(base: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    """What compose_facts(base, delta) needs to give back `facts` exactly."""
    delta: dict[str, Any] = {}
    for k, v in facts.items():
        if k in base and base[k] == v and type(base[k]) is type(v):
            continue
        if isinstance(v, dict) and isinstance(base.get(k), dict) and set(base[k]) <= set(v):
            sub = {kk: vv for kk, vv in v.items() if kk not in base[k] or base[k][kk] != vv}
            delta[k] = sub
        else:
            delta[k] = v
    lost = sorted(set(base) - set(facts))
    if lost or E.compose_facts(base, delta) != facts:
        raise AuditUsageError(errors.BAD_RUN_ARGUMENT,
                              f"facts cannot be stored on top of this base (base facts not in them: {lost})")
    return delta


def _translate(exc: Exception) -> AuditError:
    text = str(exc)
    if "MUT-A001" in text:
        return AuditError(errors.APPEND_ONLY, "the database refused to change the audit log")
    if isinstance(exc, SAIntegrityError) or "locked" in text:
        return AuditError(errors.CONCURRENT_WRITE,
                          "another process wrote to the audit log at the same time; run again")
    return AuditError(errors.CONCURRENT_WRITE, f"could not write the audit log: {text}")


class _Appender:
    """Appends entries on one connection: assigns leaf indexes, leaf and chain hashes."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        last = conn.execute(
            select(audit_entry.c.seq, audit_entry.c.chain_hash).order_by(audit_entry.c.seq.desc()).limit(1)
        ).first()
        self.next_seq = 0 if last is None else int(last.seq) + 1
        self.frontier, start = self._known_frontier()
        try:
            self.prev = CHAIN_GENESIS if last is None else bytes.fromhex(last.chain_hash)
            q = select(audit_entry.c.leaf_hash).order_by(audit_entry.c.seq)
            for (h,) in conn.execute(q.where(audit_entry.c.seq >= start) if start else q):
                self.frontier.append(bytes.fromhex(h))
        except ValueError:
            raise AuditIntegrityError(errors.LEAF_HASH, "stored hashes are unreadable; nothing was "
                                      "recorded (run mutasi audit verify)") from None
        self.pending: list[dict[str, Any]] = []

    def _key(self) -> str:
        return self.conn.engine.url.render_as_string(hide_password=True)

    def _known_frontier(self) -> tuple[Frontier, int]:
        """The tree as this process last committed it to this database, when the log still
        starts with exactly those leaves (the chain hash of its last one commits to all of
        them): then only leaves appended since are read, not the whole log (issue 18: every
        portal page view appends an access entry)."""
        known = _KNOWN.get(self._key())
        if known is None or not 0 < known[0] <= self.next_seq:
            return Frontier(), 0
        size, chain, frontier = known
        row = self.conn.execute(select(audit_entry.c.chain_hash).where(audit_entry.c.seq == size - 1)).first()
        if row is None or row.chain_hash != chain:
            return Frontier(), 0
        return copy.deepcopy(frontier), size

    def remember(self) -> None:
        """Call once the transaction committed: the next append in this process starts here."""
        if self.next_seq > 0 and not self.pending:
            if len(_KNOWN) >= 64:
                _KNOWN.clear()
            _KNOWN[self._key()] = (self.next_seq, self.prev.hex(), copy.deepcopy(self.frontier))

    def append(self, body: dict[str, Any], payload_key: str | None = None,
               payload: Any = None, payload_text: str = "") -> int:
        """Append one entry. A large payload (facts, a decision) may come as its canonical
        text under `payload_key`, spliced in unparsed: the bytes are those of the whole body."""
        seq = self.next_seq
        body = {**body, "seq": seq}
        if payload_key is None:
            text, cols = canonical_text(body), E.columns_of(body)
        else:
            text = splice(body, payload_key, payload_text)
            cols = E.columns_of({**body, payload_key: payload})
        lh = leaf_hash(text.encode("utf-8"))
        ch = chain_hash(self.prev, lh)
        self.pending.append({"seq": seq, **cols, "body": text,
                             "leaf_hash": lh.hex(), "chain_hash": ch.hex()})
        self.frontier.append(lh)
        self.prev, self.next_seq = ch, seq + 1
        if len(self.pending) >= _FLUSH_EVERY:
            self.flush()
        return seq

    def append_prepared(self, seq: int, cols: dict[str, Any], text: str, leaf: bytes) -> None:
        """Append an entry whose canonical body and leaf hash were made elsewhere (audit/bulk.py)
        for leaf index `seq`: only the chain, the tree and the insert are done here."""
        if seq != self.next_seq:
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"entry for leaf {seq} given at leaf {self.next_seq}")
        ch = chain_hash(self.prev, leaf)
        self.pending.append({"seq": seq, **cols, "body": text, "leaf_hash": leaf.hex(), "chain_hash": ch.hex()})
        self.frontier.append(leaf)
        self.prev, self.next_seq = ch, seq + 1
        if len(self.pending) >= _FLUSH_EVERY:
            self.flush()

    def checkpoint(self, run_seq: int | None) -> int:
        # Covers every leaf before it; the checkpoint leaf itself is covered by the next one.
        return self.append({"kind": E.CHECKPOINT, "run": run_seq,
                            "size": self.next_seq, "root": self.frontier.root().hex()})

    def flush(self) -> None:
        if self.pending:
            self.conn.execute(audit_entry.insert(), self.pending)
            self.pending = []


@contextmanager
def _transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction, taking the writer lock first so appends never interleave."""
    with engine.connect() as conn:
        try:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.begin()
                if conn.dialect.name == "postgresql":
                    # Not LOCK TABLE: that needs UPDATE/DELETE rights the app role lacks.
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7243512001)")
            yield conn
            conn.commit()
        except DBAPIError as exc:
            conn.rollback()
            raise _translate(exc) from exc
        except BaseException:
            conn.rollback()
            raise
