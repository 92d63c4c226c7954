"""Where a fact's data comes from, which office completes it when it is missing, and what the
employee brings when it is theirs to complete (reason data).

engine/data_sources.yaml is THE table: fact -> office, file/column that fills the fact,
``completed_by`` (employee | office | bkpsdm) and the document to bring. Letters and reports
word the sentence; the office and document names (Bahasa Indonesia first, English) are data here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

SOURCES_FILE = Path(__file__).resolve().parent / "data_sources.yaml"


class CompletedBy(StrEnum):
    EMPLOYEE = "employee"  # the employee brings a document to BKPSDM's data update
    OFFICE = "office"  # another office issues it; the employee may ask for it through BKPSDM
    BKPSDM = "bkpsdm"  # BKPSDM completes it from its own records; nothing for the employee to do


@dataclass(frozen=True)
class DataSource:
    fact: str
    office: str  # key, e.g. "inspektorat"
    office_name: dict[str, str]  # {"id": ..., "en": ...}
    file: str
    column: str
    completed_by: CompletedBy
    document: dict[str, str] | None = None  # {"id", "en"}: what to bring or what the office issues


def _source(fact: str, s: dict[str, object], offices: dict[str, dict[str, str]]) -> DataSource:
    doc = s.get("document")
    return DataSource(fact, str(s["office"]), dict(offices[str(s["office"])]), str(s["file"]), str(s["column"]),
                      CompletedBy(str(s["completed_by"])), dict(doc) if isinstance(doc, dict) else None)


@cache
def _table() -> tuple[dict[str, DataSource], dict[str, DataSource]]:
    with SOURCES_FILE.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    offices = raw["offices"]
    facts = {fact: _source(fact, s, offices) for fact, s in raw["facts"].items()}
    groups = {prefix: _source(prefix, s, offices) for prefix, s in raw.get("groups", {}).items()}
    return facts, groups


def data_sources() -> dict[str, DataSource]:
    """The facts listed one by one (groups of facts by name prefix are not expanded)."""
    return dict(_table()[0])


def data_source(fact: str) -> DataSource | None:
    """The source of ``fact`` (a fact name as in engine.fact_schema.FACTS), or None if not listed."""
    facts, groups = _table()
    if fact in facts:
        return facts[fact]
    for prefix in sorted(groups, key=len, reverse=True):
        if fact.startswith(prefix):
            g = groups[prefix]
            return DataSource(fact, g.office, g.office_name, g.file, g.column, g.completed_by, g.document)
    return None
