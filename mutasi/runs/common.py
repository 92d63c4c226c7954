"""What every run shares: one session over store + pack + engine, the input hash, the run's
start time."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from engine import Evaluator, Pack, load_pack
from engine.records import World
from mutasi.store.convert import load_world
from mutasi.store.db import open_store, require_existing


@dataclass
class Session:
    """What one run decides with: the store, the effective pack, the organisation, an engine."""

    store: Engine
    pack: Pack
    world: World
    ev: Evaluator


@contextmanager
def open_session(db_url: str, pack_path: Path, as_of: date, backend: str = "durable") -> Iterator[Session]:
    """Open everything a run needs and close it all afterwards, whatever happens."""
    require_existing(db_url)
    pack = load_pack(pack_path)  # a broken pack fails before the store is touched
    store = open_store(db_url)
    try:
        ev = Evaluator(pack, as_of, backend)
        try:
            yield Session(store, pack, load_world(store), ev)
        finally:
            ev.close()
    finally:
        store.dispose()


class InputHasher:
    """sha256 over the canonical JSON of every snapshot, in the order they are recorded."""

    def __init__(self, snapshots: Iterable[tuple[str, dict[str, Any]]] = ()) -> None:
        self._h = hashlib.sha256()
        for key, facts in snapshots:
            self.add(key, facts)

    def add(self, key: str, facts: dict[str, Any]) -> None:
        line = json.dumps([key, facts], sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
        self._h.update(line.encode("utf-8"))
        self._h.update(b"\n")

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def started_at() -> str:
    """When a run started: run metadata for the audit header, never an input to a decision."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
