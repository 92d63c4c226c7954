"""PROTOTYPE (bench only, opt-in with --proto-audit): the next step for the audit writer.

audit/ now checks types in the C encoder and serialises each payload once, splicing it into
its entry (`_Appender.append(body, payload_key, payload, payload_text)`). The step measured
here goes further: the canonical text of facts and decision is made in the worker processes,
so the single sequential writer only splices, hashes and inserts. The bytes are identical
(same chain hash; `audit verify` passes). A real API would be `Run.add_snapshot_text` /
`Run.add_decision_text`; this prototype reaches into the run instead.
"""

from __future__ import annotations

import hashlib
from typing import Any

from audit import entries as E
from audit.canonical import canonical_text as payload_text  # worker side: one dump per payload

__all__ = ["SplicedWriter", "digest", "payload_text"]


class SplicedWriter:
    """Writer side: appends entries to an open audit Run from worker-made payload text."""

    def __init__(self, run: Any) -> None:
        self.run = run

    def _append(self, head: dict[str, Any], key: str, text: str, nip: str | None) -> int:
        # the payload object is only read for the indexed columns (the NIP of a decision)
        payload = {"subject": {"nip": nip}} if nip is not None else {}
        return int(self.run._a.append(head, key, payload, text))

    def add(self, key: str, facts_text: str, decision_text: str, nip: str, verdict: str,
            pack_hash: str, as_of: str) -> str:
        run = self.run
        if key in run._snapshots:
            raise ValueError(f"snapshot '{key}' added twice")
        if pack_hash != run.pack["hash"] or as_of != run.as_of or not verdict:
            raise ValueError("decision made with another pack or as-of date than the run's")
        self._append({"kind": E.SNAPSHOT, "run": run.run_seq, "key": key}, "facts", facts_text, None)
        run._snapshots.add(key)
        getattr(run, "_plain", set()).add(key)
        run._decisions += 1
        did = E.decision_id(run.run_seq, run._decisions)
        self._append({"kind": E.DECISION, "run": run.run_seq, "decision_id": did,
                      "snapshot": key}, "decision",
                     decision_text, nip)
        return did


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
