"""Where a fact's data comes from and which office to ask when it is missing (reason data).

engine/data_sources.yaml maps fact names to an office and the file/column that fills the fact.
Letters and reports use it to say whom to ask about a "data missing" reason; the wording of
the sentence is theirs, the office names (Bahasa Indonesia first, English) are data here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SOURCES_FILE = Path(__file__).resolve().parent / "data_sources.yaml"


@dataclass(frozen=True)
class DataSource:
    fact: str
    office: str  # key, e.g. "inspektorat"
    office_name: dict[str, str]  # {"id": ..., "en": ...}
    file: str
    column: str


@cache
def data_sources() -> dict[str, DataSource]:
    with SOURCES_FILE.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    offices = raw["offices"]
    return {
        fact: DataSource(fact, s["office"], dict(offices[s["office"]]), s["file"], s["column"])
        for fact, s in raw["facts"].items()
    }


def data_source(fact: str) -> DataSource | None:
    """The source of ``fact`` (a fact name as in engine.facts.FACTS), or None if not listed."""
    return data_sources().get(fact)
