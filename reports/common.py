"""Small helpers shared by the report builders."""

from __future__ import annotations

from typing import Any

from engine.plan.parts import Training
from reports.source import DecisionRecord, RunHeader


def run_view_fields(run: RunHeader) -> dict[str, str]:
    return {
        "run_id": run.run_id,
        "kind": run.kind,
        "as_of": run.as_of,
        "pack_id": str(run.pack.get("id", "")),
        "pack_version": str(run.pack.get("version", "")),
        "pack_hash": str(run.pack.get("hash", "")),
        "input_hash": run.input_hash,
        "actor": run.actor,
        "started_at": run.started_at,
    }


def subject_key(rec: DecisionRecord) -> tuple[str, str, str, str]:
    s = rec.decision.get("subject", {})
    return (str(rec.decision.get("scope", "")), str(s.get("nip", "")), str(s.get("position_id", "")), str(s.get("move_id", "")))


def sorted_records(records: list[DecisionRecord]) -> list[DecisionRecord]:
    return sorted(records, key=lambda r: (subject_key(r), r.decision_id))


def training_text(item: Training, lang: str) -> str:
    """A training to close a competency gap, or the gap itself when the catalogue has none."""
    if item.training:
        return item.training
    tail = "belum ada di katalog pelatihan" if lang == "id" else "not in the training catalogue"
    return f"{item.competency} ({tail})"


def subject_text(subject: dict[str, Any]) -> str:
    parts = [str(subject[k]) for k in ("nip", "position_id", "move_id") if subject.get(k)]
    return " / ".join(parts)
