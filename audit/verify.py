"""`audit verify`: recompute every leaf, the chain, every stored checkpoint, the structure
of runs, and (given a saved checkpoint) prove the log only grew since (RFC 6962 consistency).

Findings are in log order; the first one names the first bad entry. After a bad stored
chain hash the check continues from the stored value, so one tampering gives one finding
where possible rather than a cascade.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, inspect, select

from audit import entries as E
from audit import errors
from audit.canonical import canonical_text
from audit.checkpoint import Checkpoint, parse
from audit.errors import AuditIntegrityError
from audit.hashing import (
    CHAIN_GENESIS,
    EMPTY_ROOT,
    Frontier,
    chain_hash,
    consistency_proof,
    leaf_hash,
    verify_consistency,
)
from audit.schema import audit_entry as T
from audit.verify_decisions import Decisions, Lookup


@dataclass(frozen=True)
class Finding:
    seq: int | None  # entry index (None: the log as a whole)
    code: str
    message: str

    def __str__(self) -> str:
        where = f"entry #{self.seq}" if self.seq is not None else "log"
        return f"{self.code} {where}: {self.message}"


@dataclass
class VerifyReport:
    size: int = 0
    root: str = EMPTY_ROOT.hex()
    runs: int = 0
    last_run: int | None = None
    decisions: int = 0
    overrides: int = 0
    accesses: int = 0
    checkpoints: int = 0
    checked_against: dict[str, Any] | None = None  # {"size", "root"} of a saved checkpoint
    trust: dict[str, Any] | None = None  # under a trust policy: what was witnessed (audit/trust.py)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "size": self.size, "root": self.root, "runs": self.runs,
                "decisions": self.decisions, "overrides": self.overrides, "accesses": self.accesses,
                "checkpoints": self.checkpoints, "checked_against": self.checked_against, "trust": self.trust,
                "findings": [{"seq": f.seq, "code": f.code, "message": f.message} for f in self.findings],
                "warnings": list(self.warnings)}


class _Walker:
    """State machine over entries in index order."""

    def __init__(self, keep_leaves: bool, lookup: Lookup) -> None:
        self.r = VerifyReport()
        self.expected = 0
        self.prevs: list[bytes] = [CHAIN_GENESIS]
        self.frontier = Frontier()
        self.leaves: list[bytes] | None = [] if keep_leaves else None
        self.batch: str | None  # None, "run", "override" or "access"
        self.batch_start: int  # entry where the open batch started
        self.run: dict[str, Any] | None  # header of the open run
        self.run_snapshots: set[str]
        self.run_plan: bool  # the current run has its plan entry
        self.run_plain: set[str]  # snapshots without a base
        self.run_decisions: int
        self._begin(None, self.expected, None)  # nothing open yet
        self.last_run = 0
        self.pack_texts: set[str] = set()
        self.decisions = Decisions(lookup)  # decision id -> (verdict, subject), for overrides
        self.last_checkpoint_size = 0
        self.bad_checkpoint = False

    def _begin(self, batch: str | None, seq: int, run: dict[str, Any] | None) -> None:
        self.batch, self.batch_start, self.run = batch, seq, run
        self.run_snapshots, self.run_plain, self.run_decisions, self.run_plan = set(), set(), 0, False

    def bad(self, seq: int | None, code: str, message: str) -> None:
        self.r.findings.append(Finding(seq, code, message))

    def entry(self, seq: int, row: Any) -> None:
        if seq != self.expected:  # rows come ordered by their unique seq: only a gap is possible
            self.bad(self.expected, errors.SEQUENCE,
                     f"entries #{self.expected}..#{seq - 1} are missing (deleted)")
            self.expected = seq
        self.expected += 1
        lh = leaf_hash(row.body.encode("utf-8"))
        body = self._parse(seq, row.body)
        # A checkpoint's root covers the leaves before it, so take it before appending.
        root_before = self.frontier.root().hex()
        self.frontier.append(lh)
        if self.leaves is not None:
            self.leaves.append(lh)
        cols = _columns(body) if body is not None else None
        label = f"{body.get('kind')} {cols['entry_key'] or ''}".strip() if body and cols else "?"
        if row.kind == E.DECISION:  # until it registers: a look-up by its columns must not find it
            self.decisions.unregistered.add(seq)
        if body is None:
            self._hashes(seq, row, lh, label)
            return
        b = body.get("seq")
        if isinstance(b, int) and not isinstance(b, bool) and b < seq:
            # Entry b now sits at seq: what was written at b..seq-1 was not there before.
            self.bad(b, errors.SEQUENCE,
                     f"entr{'y' if seq - b == 1 else 'ies'} #{b}..#{seq - 1} inserted (entry stored at "
                     f"#{seq} says it is #{b}), or entries swapped")
        elif b != seq:
            self.bad(seq, errors.SEQUENCE,
                     f"({label}) body says it is entry #{b} but it is stored at #{seq}: entries were "
                     "moved or swapped, or deleted and the rest renumbered")
        if cols is None:
            self.bad(seq, errors.NOT_CANONICAL, f"({label}) entry fields have the wrong shape")
            self._hashes(seq, row, lh, label)
            return
        self._cols_ok = True  # the indexed columns copy the body (else a decision is kept in memory)
        for name, value in cols.items():
            stored = getattr(row, name)
            if stored != value:
                self._cols_ok = False
                self.bad(seq, errors.COLUMN_MISMATCH,
                         f"({label}) column {name} = {stored!r} but the hashed body says {value!r}")
        self._hashes(seq, row, lh, label)
        try:
            self._structure(seq, body, label, root_before)
        except (AttributeError, KeyError, TypeError) as exc:  # a forged body of the wrong shape
            self.bad(seq, errors.STRUCTURE, f"({label}) entry fields have the wrong shape: {exc}")

    def _hashes(self, seq: int, row: Any, lh: bytes, label: str) -> None:
        if row.leaf_hash != lh.hex():
            self.bad(seq, errors.LEAF_HASH, f"({label}) stored leaf hash {row.leaf_hash[:16]}... is not "
                     f"SHA-256(0x00 || body) = {lh.hex()[:16]}...: the entry was changed")
        # After a bad chain hash either the stored value (a changed body) or the recomputed
        # one (a changed chain column) may be what the next entry was built on: accept both,
        # so one tampering gives one finding instead of a cascade.
        computed = [chain_hash(p, lh) for p in self.prevs]
        if row.chain_hash in {c.hex() for c in computed}:
            self.prevs = [bytes.fromhex(row.chain_hash)]
        else:
            self.bad(seq, errors.CHAIN_HASH, f"({label}) chain hash does not follow from entry "
                     f"#{seq - 1} and this entry's leaf hash")
            self.prevs = computed[:1] + _hex_or_none(row.chain_hash)

    def _parse(self, seq: int, text: str) -> dict[str, Any] | None:
        try:
            body = json.loads(text)
        except json.JSONDecodeError as exc:
            self.bad(seq, errors.NOT_CANONICAL, f"body is not JSON ({exc.msg} at char {exc.pos})")
            return None
        if not isinstance(body, dict) or body.get("kind") not in E.KINDS:
            self.bad(seq, errors.NOT_CANONICAL, "body is not an entry object with a known kind")
            return None
        try:
            canon = canonical_text(body)
        except (TypeError, ValueError) as exc:
            self.bad(seq, errors.NOT_CANONICAL, f"body holds a value that cannot be canonical: {exc}")
            return body
        if canon != text:
            self.bad(seq, errors.NOT_CANONICAL, "body is not in canonical form (key order, spacing "
                     "or escapes differ from docs/audit-format.md)")
        return body

    def _structure(self, seq: int, b: dict[str, Any], label: str, root_before: str) -> None:
        kind = b["kind"]
        S = errors.STRUCTURE
        if kind == E.RUN:
            if self.batch is not None:
                self._unclosed(seq)
            if b.get("run") != self.last_run + 1:
                self.bad(seq, S, f"run number {b.get('run')} does not follow run {self.last_run}")
            run_no = b.get("run")
            self.last_run = run_no if isinstance(run_no, int) else self.last_run + 1
            self._begin("run", seq, b)
            self.r.runs += 1
            return
        if kind in (E.PACK_TEXT, E.SNAPSHOT, E.DECISION, E.PLAN) and (
                self.batch != "run" or self.run is None or b.get("run") != self.run.get("run")):
            self.bad(seq, S, f"({label}) is not inside its run")
            return
        if kind == E.PACK_TEXT:
            text = b.get("text")
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest() if isinstance(text, str) else None
            if sha != b.get("sha256"):
                self.bad(seq, errors.PACK_TEXT_HASH, "pack text does not hash to its sha256 key")
            elif sha is not None:
                self.pack_texts.add(sha)
        elif kind == E.SNAPSHOT:
            if str(b.get("key")) in self.run_snapshots:
                self.bad(seq, S, f"snapshot '{b.get('key')}' appears twice in run {b.get('run')}")
            self.run_snapshots.add(str(b.get("key")))
            if "base" in b and b["base"] not in self.run_plain:
                self.bad(seq, errors.DANGLING_REFERENCE, f"({label}) is based on snapshot {b['base']!r} "
                         "that is not an earlier plain snapshot of its run")
            elif "base" not in b:
                self.run_plain.add(str(b.get("key")))
            if not isinstance(b.get("facts"), dict):
                self.bad(seq, S, f"({label}) facts are not an object")
        elif kind == E.DECISION:
            assert self.run is not None
            self.run_decisions += 1
            self.r.decisions += 1
            want = E.decision_id(self.run["run"], self.run_decisions)
            if b.get("decision_id") != want:
                self.bad(seq, S, f"decision id {b.get('decision_id')!r} where {want!r} was due "
                         "(a decision was removed, added or moved)")
            if b.get("snapshot") not in self.run_snapshots:
                self.bad(seq, errors.DANGLING_REFERENCE, f"({label}) refers to snapshot "
                         f"{b.get('snapshot')!r} that is not earlier in its run")
            d = b.get("decision") or {}
            if (d.get("pack") or {}).get("hash") != self.run["pack"].get("hash") or d.get("as_of") != self.run.get("as_of"):
                self.bad(seq, S, f"({label}) pack or as-of date differ from its run header")
            self.decisions.add(seq, b.get("decision_id"), (str(d.get("verdict")), d.get("subject")), self._cols_ok)
        elif kind == E.PLAN:
            assert self.run is not None
            if self.run.get("run_kind") not in E.PAYLOAD_RUN_KINDS or self.run_plan:
                self.bad(seq, S, f"({label}) a plan outside a plan or round run, or a second one")
            self.run_plan = True
            if not isinstance(b.get("plan"), dict):
                self.bad(seq, S, f"({label}) plan is not an object")
        elif kind == E.OVERRIDE:
            if self.batch is not None:
                self._unclosed(seq)
            self._begin("override", seq, None)
            self.r.overrides += 1
            did = b.get("decision_id")
            found = self.decisions.get(did, seq)
            if found is None:
                self.bad(seq, errors.DANGLING_REFERENCE, f"override of decision {did!r} that is not earlier in the log")
            elif found != (b.get("original_verdict"), b.get("subject")):
                verdict, subject = found
                self.bad(seq, S, f"override of {did} records original verdict {b.get('original_verdict')!r} "
                         f"and subject {b.get('subject')!r} but the decision says {verdict!r}, {subject!r}")
            if not str(b.get("justification") or "").strip():
                self.bad(seq, S, f"override of {did} has no justification")
        elif kind == E.ACCESS:
            if self.batch is not None:
                self._unclosed(seq)
            self._begin("access", seq, None)
            self.r.accesses += 1
            for name in ("actor", "role", "action", "at"):
                if not isinstance(b.get(name), str) or not b[name].strip():
                    self.bad(seq, S, f"({label}) access entry has no {name}")
            if b.get("nip") is not None and not isinstance(b.get("nip"), str):
                self.bad(seq, S, f"({label}) access entry nip is not text")
            if not isinstance(b.get("detail"), dict):
                self.bad(seq, S, f"({label}) access entry detail is not an object")
        elif kind == E.CHECKPOINT:
            self._checkpoint(seq, b, root_before)

    def _checkpoint(self, seq: int, b: dict[str, Any], root_before: str) -> None:
        self.r.checkpoints += 1
        # Each root covers every entry before it, so after one bad checkpoint all later ones
        # are bad too: report the first, naming the entries since the last good one.
        if (b.get("size") != seq or b.get("root") != root_before) and not self.bad_checkpoint:
            self.bad_checkpoint = True
            self.bad(seq, errors.CHECKPOINT_ROOT,
                     f"checkpoint (size {b.get('size')}) does not match the entries before it: "
                     f"some entry in #{self.last_checkpoint_size}..#{seq - 1} was changed, "
                     "inserted or removed (later checkpoints include them and are not reported)")
        if self.batch is None:
            self.bad(seq, errors.STRUCTURE, "checkpoint closes nothing (no run or override open)")
        elif self.run is not None:  # a run is open (the run header sets batch "run" and run together)
            if b.get("run") != self.run.get("run"):
                self.bad(seq, errors.STRUCTURE, f"checkpoint names run {b.get('run')} but closes run {self.run.get('run')}")
            if self.run["pack"].get("hash") not in self.pack_texts:
                self.bad(seq, errors.PACK_TEXT_MISSING, f"run {self.run.get('run')} has no stored pack text")
        elif self.batch in ("override", "access") and b.get("run") is not None:
            self.bad(seq, errors.STRUCTURE, f"checkpoint after an {self.batch} must have run null")
        self.batch, self.run = None, None
        self.last_checkpoint_size = seq + 1

    def _unclosed(self, seq: int) -> None:
        what = f"run {self.run.get('run')}" if self.run else str(self.batch)
        self.bad(seq, errors.STRUCTURE, f"{what} starting at #{self.batch_start} has no checkpoint "
                 "(entries after it were deleted, or it was cut short)")
        self.batch, self.run = None, None


def verify(engine: Engine, checkpoint_text: str | None = None, checkpoint_source: str = "checkpoint",
           leaves_out: list[bytes] | None = None) -> VerifyReport:
    """`leaves_out`, when given, receives every recomputed leaf hash (for audit/trust.py)."""
    saved = parse(checkpoint_text, checkpoint_source) if checkpoint_text is not None else None
    cols = [T.c.seq, T.c.kind, T.c.run_seq, T.c.entry_key, T.c.nip, T.c.body, T.c.leaf_hash, T.c.chain_hash]
    with engine.connect() as conn:

        def lookup(did: str, before: int) -> list[tuple[int, str]]:  # by index: (kind, entry_key)
            q = select(T.c.seq, T.c.body).where(T.c.kind == E.DECISION, T.c.entry_key == did, T.c.seq < before)
            return [(int(s), b) for s, b in conn.execute(q)]
        w = _Walker(keep_leaves=saved is not None or leaves_out is not None, lookup=lookup)
        if not inspect(conn).has_table(T.name):
            w.r.warnings.append("no audit table in this database yet: nothing was recorded")
            return _finish(w, saved)
        rows = conn.execution_options(yield_per=1000).execute(select(*cols).order_by(T.c.seq))
        for row in rows:
            w.entry(int(row.seq), row)
        _trigger_warnings(conn, w.r)
    if leaves_out is not None and w.leaves is not None:
        leaves_out.extend(w.leaves)
    return _finish(w, saved)


def _finish(w: _Walker, saved: Checkpoint | None) -> VerifyReport:
    r = w.r
    if w.batch is not None:
        what = f"run {w.run.get('run')}" if w.run else str(w.batch)
        r.findings.append(Finding(w.expected - 1, errors.STRUCTURE,
                                  f"log ends inside {what} started at #{w.batch_start}: no checkpoint "
                                  "closes it (entries at the end were deleted)"))
    r.findings.sort(key=_entry_of)  # stable: per entry, in the order found
    r.size = w.frontier.size
    r.root = w.frontier.root().hex()
    r.last_run = w.last_run or None
    if saved is not None:
        _check_saved(w, saved.size, saved.root)
    return r


def _entry_of(f: Finding) -> int:
    # Every finding of the walk names an entry; log-wide ones (seq None) come after the sort.
    assert f.seq is not None
    return f.seq


def _columns(body: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return E.columns_of(body)
    except (AttributeError, TypeError):
        return None


def _hex_or_none(text: str) -> list[bytes]:
    try:
        value = bytes.fromhex(text)
    except ValueError:
        return []
    return [value] if len(value) == 32 else []


def _check_saved(w: _Walker, m: int, root_m: str) -> None:
    r = w.r
    r.checked_against = {"size": m, "root": root_m}
    n = r.size
    if n < m:
        r.findings.append(Finding(n, errors.TRUNCATED, f"log has {n} entries but the saved checkpoint "
                                  f"covers {m}: entries #{n}..#{m - 1} were deleted"))
        return
    assert w.leaves is not None
    proof = consistency_proof(w.leaves, m) if m else []
    if not verify_consistency(m, n, bytes.fromhex(root_m), bytes.fromhex(r.root), proof):
        r.findings.append(Finding(None, errors.NOT_CONSISTENT,
                                  f"the log is not an extension of the saved checkpoint (size {m}, root "
                                  f"{root_m[:16]}...): some entry in #0..#{m - 1} was rewritten"))


def _trigger_warnings(conn: Any, r: VerifyReport) -> None:
    name = conn.dialect.name
    if name == "sqlite":
        found = {x for (x,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_entry'")}
        want = {"audit_entry_no_update", "audit_entry_no_delete"}
    elif name == "postgresql":
        found = {x for (x,) in conn.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_entry'::regclass AND NOT tgisinternal")}
        want = {"audit_entry_no_change", "audit_entry_no_truncate"}
    else:
        return
    for t in sorted(want - found):
        r.warnings.append(f"trigger {t} is missing: the database no longer refuses changes to the log")


def current_checkpoint(engine: Engine) -> Checkpoint:
    """Checkpoint of the whole log now; refuses (exit 3) when the log does not verify,
    so an inspector never keeps a checkpoint of a tampered log."""
    report = verify(engine)
    if not report.ok:
        first = report.findings[0]
        raise AuditIntegrityError(first.code, f"audit log is not intact, no checkpoint written: {first}")
    return Checkpoint(size=report.size, root=report.root, last_run=report.last_run)
