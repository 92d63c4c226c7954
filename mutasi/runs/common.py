"""What every run shares: the default pack, the input hash, the run's start time."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO_RULES = Path(__file__).resolve().parent.parent.parent / "rules"
DEFAULT_PACK = REPO_RULES / "nasional"


class InputHasher:
    """sha256 over the canonical JSON of every snapshot, in the order they are recorded."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()

    def add(self, key: str, facts: dict[str, Any]) -> None:
        line = json.dumps([key, facts], sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
        self._h.update(line.encode("utf-8"))
        self._h.update(b"\n")

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def started_at() -> str:
    """When a run started: run metadata for the audit header, never an input to a decision."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
