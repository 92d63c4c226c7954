"""Small helpers shared by the report builders."""

from __future__ import annotations

from typing import Any

from reports.i18n import pick, plan_reason
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


def text_of(value: Any, lang: str) -> str:
    """A plan payload text: a reason code (engine/plan.py), an {id, en} dict, or None."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "text" in value:
            return text_of(value["text"], lang)
        return pick(value, lang) or plan_reason(str(value.get("code", "")), lang)
    return plan_reason(str(value), lang)


def training_text(item: Any, lang: str) -> str:
    """One training entry: {"competency", "training"|"title", "in_catalog"} or a plain name."""
    if not isinstance(item, dict):
        return str(item)
    name = item.get("title", item.get("training"))
    if name:
        return text_of(name, lang) if isinstance(name, dict) else str(name)
    tail = "belum ada di katalog pelatihan" if lang == "id" else "not in the training catalogue"
    return f"{item.get('competency', '-')} ({tail})"


def gaps_of(place: dict[str, Any]) -> list[str]:
    return [str(g) for g in place.get("competency_gaps", place.get("gaps", []))]


def needed_before(w: dict[str, Any]) -> Any:
    return w.get("needed_before", w.get("staff_needed"))


def needed_after(w: dict[str, Any]) -> Any:
    return w.get("needed_after", w.get("staff_needed"))


def subject_text(subject: dict[str, Any]) -> str:
    parts = [str(subject[k]) for k in ("nip", "position_id", "move_id") if subject.get(k)]
    return " / ".join(parts)
