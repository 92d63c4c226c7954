"""The range a number of each unit may take: engine/unit_ranges.yaml is THE table.

A parameter with no `min`/`max` keeps its values within its unit's range; a literal compared
with a number fact may not exceed the larger end of the fact's unit (MUT-R029)."""

from __future__ import annotations

from pathlib import Path

import yaml

RANGES_FILE = Path(__file__).resolve().parent / "unit_ranges.yaml"


def _load(path: Path) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    data = yaml.safe_load(path.read_text("utf-8"))
    units = {str(u): (lo, hi) for u, (lo, hi) in data["units"].items()}
    lo, hi = data["default"]
    return units, (lo, hi)


UNIT_RANGES, ANY_RANGE = _load(RANGES_FILE)
