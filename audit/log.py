"""AuditLog: the append-only writer. One run (or one override) = one database transaction
that ends with a checkpoint entry, so a killed process leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, func, inspect, select

from audit import entries as E
from audit import errors
from audit import readers as R
from audit.appender import _Appender, _delta, _iso, _json_data, _json_text, _transaction
from audit.bulk import BulkRun
from audit.canonical import canonical_text
from audit.errors import AuditError, AuditUsageError
from audit.migrate import upgrade
from audit.schema import audit_entry
from engine.outcome import Decision, Verdict

if TYPE_CHECKING:
    from audit.checkpoint import Checkpoint
    from audit.notes import Signer
    from audit.replay import EvaluatorFactory, ReplayReport
    from audit.verify import VerifyReport

_RECENT_BASES = 256  # base snapshots kept in memory (a run may hold 100 000 snapshots)

T = TypeVar("T")


class Run:
    """One evaluate / plan / review run being recorded (use AuditLog.run)."""

    def __init__(self, appender: _Appender, run_seq: int, as_of: str, pack: dict[str, str],
                 kind: str = "evaluate") -> None:
        self._a = appender
        self.run_seq = run_seq
        self.kind = kind
        self._plan_recorded = False
        self.as_of = as_of
        self.pack = pack
        self._snapshots: set[str] = set()
        # plain snapshots of this run (keys), and the latest few kept to store deltas on
        self._plain: set[str] = set()
        self._recent: OrderedDict[str, str] = OrderedDict()  # key -> canonical facts text
        self._decisions = 0
        # pack texts already in the log or appended by this run (pending rows are not queryable)
        self._texts: set[str] = {pack["hash"]} if self._pack_text_known(pack["hash"]) else set()

    def _pack_text_known(self, sha: str) -> bool:
        q = select(audit_entry.c.seq).where(audit_entry.c.kind == E.PACK_TEXT,
                                            audit_entry.c.entry_key == sha).limit(1)
        return self._a.conn.execute(q).first() is not None

    def _base_facts(self, base: str) -> Any:
        if base in self._recent:
            self._recent.move_to_end(base)
            return json.loads(self._recent[base])
        self._a.flush()  # the base may still be pending
        q = select(audit_entry.c.body).where(audit_entry.c.kind == E.SNAPSHOT, audit_entry.c.entry_key
                                             == E.snapshot_entry_key(self.run_seq, base))
        facts = json.loads(self._a.conn.execute(q).scalar_one())["facts"]
        self._recent[base] = canonical_text(facts)
        if len(self._recent) > _RECENT_BASES:
            self._recent.popitem(last=False)
        return facts

    def store_pack_text(self, text: str) -> str:
        """Store the pack's canonical text by its sha256 (once per log); returns the hash."""
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if sha not in self._texts and not self._pack_text_known(sha):
            self._a.append({"kind": E.PACK_TEXT, "run": self.run_seq, "sha256": sha, "text": text})
        self._texts.add(sha)
        return sha

    def add_snapshot(self, key: str, facts: dict[str, Any], base: str | None = None) -> str:
        """Record the facts the engine saw under `key` (unique in the run); returns
        the snapshot id "<run>:<key>". With `base` (a snapshot key added earlier in this
        run) only the facts that differ from the base's are stored; reading the snapshot
        back composes them again (entries.compose_facts), e.g. a candidate x position pair
        stored on top of the candidate's own snapshot."""
        if not isinstance(key, str) or not key:
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, "snapshot key must be non-empty text")
        if key in self._snapshots:
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"snapshot '{key}' added twice in run {self.run_seq}")
        body: dict[str, Any] = {"kind": E.SNAPSHOT, "run": self.run_seq, "key": key}
        if base is not None:
            if base not in self._plain:
                raise AuditError(errors.UNKNOWN_SNAPSHOT,
                                 f"snapshot '{key}' is based on '{base}', not a plain snapshot of run {self.run_seq}")
            body["base"] = base
            body["facts"] = _delta(self._base_facts(base), _json_data(facts, f"snapshot '{key}'"))
            self._a.append(body)
        else:
            text = _json_text(facts, f"snapshot '{key}'")
            self._plain.add(key)
            self._recent[key] = text
            if len(self._recent) > _RECENT_BASES:
                self._recent.popitem(last=False)
            self._a.append(body, "facts", facts, text)
        self._snapshots.add(key)
        return E.snapshot_entry_key(self.run_seq, key)

    def add_plan(self, plan: Mapping[str, Any]) -> None:
        """Record the plan this plan run made (engine.plan.PlanResult.to_dict() with the run's
        inputs): a `plan` entry, once per run of kind "plan"; a round run records its
        round (engine.round.RoundResult.to_dict() with its inputs) the same way
        (docs/audit-format.md)."""
        if self.kind not in E.PAYLOAD_RUN_KINDS:
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"a {self.kind} run records no plan")
        if self._plan_recorded:
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"run {self.run_seq} has its plan already")
        payload = dict(plan)
        self._a.append({"kind": E.PLAN, "run": self.run_seq}, "plan", payload,
                       _json_text(payload, "plan"))
        self._plan_recorded = True

    def add_decision(self, decision: Decision | Mapping[str, Any], snapshot_key: str) -> str:
        """Record one Decision (or its to_dict()) decided on snapshot `snapshot_key`;
        returns its id "<run>-<n>"."""
        d = decision.to_dict() if isinstance(decision, Decision) else decision
        if not isinstance(d, dict):
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, "a decision must be a Decision or its to_dict()")
        text = _json_text(d, "decision")
        if snapshot_key not in self._snapshots:
            raise AuditError(errors.UNKNOWN_SNAPSHOT,
                             f"decision refers to snapshot '{snapshot_key}', not added in run {self.run_seq}")
        if (d.get("pack") or {}).get("hash") != self.pack["hash"] or d.get("as_of") != self.as_of:
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT,
                                  "decision was made with another pack or as-of date than the run's")
        if d.get("verdict") not in {v.value for v in Verdict}:
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"decision verdict {d.get('verdict')!r} is not a Verdict")
        self._decisions += 1
        did = E.decision_id(self.run_seq, self._decisions)
        self._a.append({"kind": E.DECISION, "run": self.run_seq, "decision_id": did,
                        "snapshot": snapshot_key}, "decision", d, text)
        return did

    def _close(self) -> None:
        if self.pack["hash"] not in self._texts:
            raise AuditError(errors.PACK_TEXT_MISSING,
                             f"run {self.run_seq}: pack text {self.pack['hash'][:12]}... was not stored "
                             "(call run.store_pack_text) so decisions could not be replayed")
        self._a.checkpoint(self.run_seq)
        self._a.flush()


def _run_header(kind: str, as_of: date | str, pack_info: dict[str, str], actor: str,
                started_at: datetime | str) -> dict[str, Any]:
    """The run entry's fields but its number and input hash, checked."""
    if kind not in E.RUN_KINDS:
        raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"run kind {kind!r} is not one of {', '.join(E.RUN_KINDS)}")
    if not isinstance(pack_info, dict) or not all(isinstance(pack_info.get(k), str) and pack_info.get(k)
                                                  for k in ("id", "version", "hash")):
        raise AuditUsageError(errors.BAD_RUN_ARGUMENT, "pack_info needs text fields id, version and hash")
    if not (actor or "").strip():
        raise AuditUsageError(errors.BAD_RUN_ARGUMENT, "actor (who starts the run) may not be empty")
    from engine.version import __version__

    as_of_s = _iso(as_of, "as_of")
    try:
        date.fromisoformat(as_of_s)
    except ValueError:
        raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"as_of {as_of_s!r} is not a date YYYY-MM-DD") from None
    pack = {k: pack_info[k] for k in ("id", "version", "hash")}
    return {"kind": E.RUN, "run_kind": kind, "as_of": as_of_s, "pack": pack,
            "mutasi_version": __version__, "actor": actor, "started_at": _iso(started_at, "started_at")}


def _next_run(conn: Connection) -> int:
    last_run = conn.execute(select(func.max(audit_entry.c.run_seq)).where(audit_entry.c.kind == E.RUN)).scalar()
    return int(last_run or 0) + 1


class AuditLog:
    """The audit trail in a database (tables migrated on open)."""

    def __init__(self, engine: Engine, *, migrate: bool = True, signer: Signer | None = None) -> None:
        """`migrate=False` opens read-only use (verify a copy on read-only media): nothing
        is written, and the tables may be absent (see `exists`). `signer` signs a checkpoint
        after every run and override; by default the key of MUTASI_SIGNING_KEY(_FILE), if any."""
        self.engine = engine
        self.signer = signer
        if migrate:
            if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
                # A run is one long write transaction; in the default rollback-journal mode
                # it would lock out the pipeline's own reads once SQLite spills pages to the
                # file. WAL lets readers go on and stays crash safe. Persistent: set once.
                with engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            upgrade(engine)

    def exists(self) -> bool:
        """Whether this database has an audit log table at all."""
        return inspect(self.engine).has_table(audit_entry.name)

    @contextmanager
    def run(self, kind: str, as_of: date | str, pack_info: dict[str, str], actor: str,
            input_hash: str, started_at: datetime | str,
            comparison: dict[str, Any] | None = None) -> Iterator[Run]:
        """Record one run atomically; leaving the block appends the checkpoint and commits,
        an exception rolls everything back. ``comparison``: a run recorded by `rules impact`
        names the two packs compared (and the run re-decided) in its header."""
        header = _run_header(kind, as_of, pack_info, actor, started_at)
        with _transaction(self.engine) as conn:
            app = _Appender(conn)
            header["run"] = _next_run(conn)
            if comparison is not None:
                header["comparison"] = dict(comparison)
            app.append({**header, "input_hash": input_hash})
            run = Run(app, header["run"], header["as_of"], header["pack"], kind)
            yield run
            run._close()
            self._sign(conn, app)
        app.remember()

    @contextmanager
    def bulk_run(self, kind: str, as_of: date | str, pack_info: dict[str, str], actor: str,
                 started_at: datetime | str, pack_text: str) -> Iterator[BulkRun]:
        """Record one run from entries prepared elsewhere (audit/bulk.py), atomically: the
        write lock is taken and the run's leaf indexes reserved on entry; BulkRun.finish
        appends the header with the input hash (known only once every snapshot was seen),
        the pack text and the entries; leaving the block signs and commits, an exception (or
        a run never finished) rolls everything back."""
        header = _run_header(kind, as_of, pack_info, actor, started_at)
        sha = hashlib.sha256(pack_text.encode("utf-8")).hexdigest()
        if sha != header["pack"]["hash"]:
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, "pack_text is not the text of the run's pack")
        with _transaction(self.engine) as conn:
            app = _Appender(conn)
            header["run"] = _next_run(conn)
            known = conn.execute(select(audit_entry.c.seq).where(
                audit_entry.c.kind == E.PACK_TEXT, audit_entry.c.entry_key == sha).limit(1)).first()
            bulk = BulkRun(app, header, pack_text, sha, known is not None)
            yield bulk
            if not bulk.finished:
                raise AuditUsageError(errors.BAD_RUN_ARGUMENT, f"run {bulk.run_seq} was not finished")
            self._sign(conn, app)
        app.remember()

    def add_override(self, decision_id: str, new_verdict: str, actor: str, justification: str,
                     at: datetime | str) -> int:
        """Record a human override of a decision (the decision itself is never changed);
        returns the override's entry index."""
        if not (justification or "").strip():
            raise AuditUsageError(errors.EMPTY_JUSTIFICATION,
                                  "an override needs a justification (alasan); it may not be empty")
        if not (actor or "").strip():
            raise AuditUsageError(errors.BAD_RUN_ARGUMENT, "actor (who overrides) may not be empty")
        valid = sorted(v.value for v in Verdict)
        if new_verdict not in valid:
            raise AuditUsageError(errors.BAD_VERDICT,
                                  f"verdict {new_verdict!r} is not one of {', '.join(valid)}")
        at_s = _iso(at, "at")
        with _transaction(self.engine) as conn:
            rec = R.decision(conn, decision_id)
            if rec is None:
                raise AuditError(errors.UNKNOWN_DECISION, f"no decision with id '{decision_id}' in the audit log")
            current = R.effective_verdict(conn, rec)
            if new_verdict == current:
                raise AuditUsageError(errors.SAME_VERDICT,
                                      f"decision {decision_id} already has verdict {current}")
            app = _Appender(conn)
            seq = app.append({"kind": E.OVERRIDE, "decision_id": decision_id, "subject": rec.subject,
                              "original_verdict": rec.verdict, "new_verdict": new_verdict,
                              "actor": actor, "justification": justification.strip(), "at": at_s})
            app.checkpoint(None)
            app.flush()
            self._sign(conn, app)
        app.remember()
        return seq

    def _sign(self, conn: Connection, app: _Appender) -> None:
        from audit.signed import sign_head, signer_from_env  # the whole log as of this commit
        if (signer := self.signer or signer_from_env()) is not None:
            sign_head(conn, signer, app.next_seq, app.frontier.root())

    # Readers (see audit/readers.py)
    def _read(self, fn: Callable[..., T], *args: Any) -> T:
        with self.engine.connect() as conn:
            return fn(conn, *args)

    def list_runs(self) -> list[R.RunHeader]:
        return self._read(R.list_runs)

    def run_header(self, run_seq: int) -> R.RunHeader | None:
        return self._read(R.run_header, run_seq)

    def decisions(self, run_seq: int) -> list[R.DecisionRecord]:
        return self._read(R.decisions_of_run, run_seq)

    def decision(self, decision_id: str) -> R.DecisionRecord | None:
        return self._read(R.decision, decision_id)

    def decisions_for_nip(self, nip: str) -> list[R.DecisionRecord]:
        return self._read(R.decisions_for_nip, nip)

    def overrides(self, decision_id: str | None = None) -> list[R.OverrideRecord]:
        return self._read(R.overrides, decision_id)

    def snapshot(self, decision_id: str) -> dict[str, Any] | None:
        return self._read(R.snapshot_of_decision, decision_id)

    def pack_text(self, sha256: str) -> str | None:
        return self._read(R.pack_text, sha256)

    def plan(self, run_seq: int) -> dict[str, Any] | None:
        """The plan recorded by plan run `run_seq`, or None."""
        return self._read(R.plan, run_seq)

    def plan_hash(self, run_seq: int) -> str | None:
        return self._read(R.plan_leaf_hash, run_seq)

    def latest_checkpoint(self) -> R.CheckpointRecord | None:
        return self._read(R.latest_checkpoint)

    def verify(self, checkpoint_text: str | None = None) -> VerifyReport:
        from audit.verify import verify

        return verify(self.engine, checkpoint_text)

    def checkpoint(self) -> Checkpoint:
        """The whole log's (size, root) after a passing verify; raises IntegrityError otherwise."""
        from audit.verify import current_checkpoint

        return current_checkpoint(self.engine)

    def replay(self, decision_id: str, evaluator_factory: EvaluatorFactory | None = None) -> ReplayReport:
        from audit.replay import replay

        return replay(self, decision_id, evaluator_factory)
