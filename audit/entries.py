"""Entry kinds and their bodies: what each leaf of the log holds (docs/audit-format.md).

Every body is a JSON object with at least "kind" and "seq" (its own leaf index). The
indexed columns of audit_entry are derived from the body by `columns_of`, both when
writing and when verifying, so they can never say something the hashed body does not.
"""

from __future__ import annotations

from typing import Any

RUN = "run"
PACK_TEXT = "pack_text"
SNAPSHOT = "snapshot"
DECISION = "decision"
PLAN = "plan"  # the payload of a plan run (its plan) or of a round run (its assignment), once per run
OVERRIDE = "override"
CHECKPOINT = "checkpoint"
ACCESS = "access"  # a portal sign-in, action, or a view of a person's data (docs/audit-format.md)
KINDS = (RUN, PACK_TEXT, SNAPSHOT, DECISION, PLAN, OVERRIDE, CHECKPOINT, ACCESS)
RUN_KINDS = ("evaluate", "plan", "review", "round")
PAYLOAD_RUN_KINDS = ("plan", "round")  # the run kinds that record a `plan` entry


def decision_id(run_seq: int, ordinal: int) -> str:
    """"<run>-<n>": the n-th decision (from 1) of run <run> (from 1), e.g. "3-17"."""
    return f"{run_seq}-{ordinal}"


def snapshot_entry_key(run_seq: int, key: str) -> str:
    return f"{run_seq}:{key}"


def compose_facts(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """Facts of a snapshot recorded on top of a base snapshot: the union, its own values
    winning; where both values are objects (the `_missing` reason codes) their union."""
    out = dict(base)
    for k, v in own.items():
        out[k] = {**out[k], **v} if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def columns_of(body: dict[str, Any]) -> dict[str, Any]:
    """The indexed columns (kind, run_seq, entry_key, nip) that copy fields of `body`."""
    kind = body.get("kind")
    run = body.get("run")
    key: str | None = None
    nip: str | None = None
    if kind == RUN:
        key = str(run)
    elif kind == PACK_TEXT:
        key = body.get("sha256")
    elif kind == SNAPSHOT:
        key = snapshot_entry_key(run, body.get("key", "")) if run is not None else None
    elif kind == DECISION:
        key = body.get("decision_id")
        nip = ((body.get("decision") or {}).get("subject") or {}).get("nip")
    elif kind == OVERRIDE:
        key = body.get("decision_id")
        nip = (body.get("subject") or {}).get("nip")
    elif kind == ACCESS:
        key = body.get("actor")
        nip = body.get("nip")
    return {"kind": kind, "run_seq": run, "entry_key": key, "nip": nip}
