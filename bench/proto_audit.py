"""PROTOTYPE (bench only, opt-in with --proto-audit): the audit writer's proposed fast path.

Profile of the writer (cProfile, 2,000 employees): audit/canonical.py ``_check`` is about 60%
of the writer's time (a Python-level recursive walk over every value, done twice per entry:
once by ``normalise`` in add_snapshot/add_decision and again by ``canonical_text`` in
``_Appender.append``), and ``json.dumps`` runs four times per entry.

Proposed change for audit/canonical.py (helper C): let the C encoder do the type check
(``json.dumps`` without ``default`` already raises TypeError on anything not JSON, and
``allow_nan=False`` refuses NaN/Infinity); keep a cheap check that dict keys are strings
only where needed. This module installs exactly that in the running process (nothing on
disk changes) so the gain can be measured; the bytes written are the same canonical text.
"""

from __future__ import annotations

import json
from typing import Any

_dumps = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False).encode


def _canonical_text(value: Any) -> str:
    # json refuses sets, bytes, objects, NaN/Infinity; tuples encode as lists (as normalise
    # would give). Non-string keys are the one thing json would coerce silently.
    return _dumps(value)


def install() -> None:
    import audit.canonical as c
    import audit.log as log

    c.canonical_text = _canonical_text
    log.canonical_text = _canonical_text


# -- Prototype 2: canonical text made by the workers, spliced by the single writer ---------
#
# Even with the C-level check the writer serialises every entry (json.dumps of an ~8 KB
# decision) on the one core that must stay sequential. Proposed API for audit/log.py:
# ``Run.add_snapshot_text(key, facts_text)`` / ``Run.add_decision_text(decision_text, key,
# nip, verdict, pack_hash, as_of)`` taking the canonical JSON of the payload, made in the
# workers; the writer only splices it into the entry's envelope (keys are sorted, so the
# payload's place is known), hashes and inserts. The bytes are identical to what
# ``_Appender.append`` writes today (checked: same chain hash), so verify/replay do not change.

import hashlib  # noqa: E402

from audit import entries as E  # noqa: E402
from audit.hashing import chain_hash, leaf_hash  # noqa: E402


def payload_text(value: Any) -> str:
    """Worker side: the canonical text of a snapshot's facts or a decision dict."""
    return _dumps(value)


class SplicedWriter:
    """Writer side: appends entries to an open audit Run from worker-made payload text."""

    def __init__(self, run: Any) -> None:
        self.run = run
        self.app = run._a  # prototype only: reaches into the appender

    def _append(self, head: dict[str, Any], big_key: str, big_text: str, nip: str | None) -> int:
        app = self.app
        seq = app.next_seq
        body = {**head, "seq": seq}
        parts = [f"{_dumps(k)}:{big_text if k == big_key else _dumps(body[k])}"
                 for k in sorted([*body, big_key])]
        text = "{" + ",".join(parts) + "}"
        lh = leaf_hash(text.encode("utf-8"))
        ch = chain_hash(app.prev, lh)
        cols = E.columns_of(body)
        if head["kind"] == E.DECISION:
            cols["nip"] = nip
        app.pending.append({"seq": seq, **cols, "body": text, "leaf_hash": lh.hex(),
                            "chain_hash": ch.hex()})
        app.frontier.append(lh)
        app.prev, app.next_seq = ch, seq + 1
        if len(app.pending) >= 500:
            app.flush()
        return seq

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
