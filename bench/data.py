"""Benchmark data on disk: each agency's employees generated once into a pickle stream.

Generating demo employees costs about as much as deciding them, and reading them from the
store is not what the pipeline figures are about; so the generator runs once (timed on its
own) and the pipeline streams records back from bench/out/data/, like a keyset-paginated
store read. Files are reused across runs (same n, seed, as-of -> same bytes).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench import source
from engine.records import Employee

OUT = Path(__file__).resolve().parent / "out"
DATA = OUT / "data"


@dataclass(frozen=True)
class Agency:
    """One independent slice of a national run: a demo region of n employees."""

    index: int
    n: int
    seed: int

    @property
    def name(self) -> str:
        return f"AG{self.index:04d}"

    def path(self, as_of: date) -> Path:
        return DATA / f"agency_{self.seed}_{self.n}_{as_of.isoformat()}.pickle"


def split(total: int, agency_size: int, seed: int) -> list[Agency]:
    """total employees as agencies of at most agency_size (sizes differ by at most one)."""
    k = max(1, -(-total // agency_size))
    base, extra = divmod(total, k)
    return [Agency(i, base + (1 if i < extra else 0), source.agency_seed(i, seed)) for i in range(k)]


def ensure(agency: Agency, as_of: date) -> float:
    """Generate the agency's employee file unless present; returns seconds spent."""
    import time

    path = agency.path(as_of)
    if path.exists():
        return 0.0
    t0 = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("wb") as fh:
        # one pickle per record: no memo shared across records, so reading stays flat
        for emp in source.employees(agency.n, agency.seed, as_of):
            pickle.dump(emp, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return time.perf_counter() - t0


def read(agency: Agency, as_of: date) -> Iterator[Employee]:
    with agency.path(as_of).open("rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return
