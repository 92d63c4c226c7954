"""Ranges of parameter values: declared `min`/`max`, else the unit's, and the engine's own
bounds for the parameters it computes dates with (a number past them overflows at evaluate).
"""

from __future__ import annotations

from typing import Any

from engine.check_context import CheckContext
from engine.pack import Parameter
from engine.unit_ranges import ANY_RANGE, UNIT_RANGES
from engine.yamlsrc import LMap

# Parameters the fact module computes dates with (engine/facts.py): whatever a pack declares,
# their numbers must stay in these, or the date arithmetic overflows at evaluate.
ENGINE_RANGES: dict[str, tuple[float, float]] = {
    "retirement_age_by_kind": (0, 150), "discipline_lookback_months": (0, 1200),
    "election_window_months_before": (0, 1200), "potential_cutoffs": (0, 100),
    "skp_score_predicates": (0, 150),
}
_NOT_NUMERIC = ("bool", "str", "date", "list[str]")


def bounds(ctx: CheckContext, node: LMap, where: str, ptype: str, unit: str,
           inherited: Parameter | None) -> tuple[float, float]:
    """The range every number of this parameter's values must lie in: declared `min`/`max`
    (numbers, min <= max), else the inherited declaration, else the unit's range."""
    lo, hi = inherited.range if inherited and inherited.range else UNIT_RANGES.get(unit, ANY_RANGE)
    for key in ("min", "max"):
        if key not in node:
            continue
        v = node[key]
        if not (isinstance(v, int | float) and not isinstance(v, bool)) or ptype in _NOT_NUMERIC:
            ctx.err(node.vloc(key), "MUT-R005", f"{where}.{key}",
                    f"{key} must be a number, on a numeric parameter (int, float, list or table of numbers)")
            continue
        lo, hi = (v, hi) if key == "min" else (lo, v)
    if lo > hi:
        ctx.err(node.vloc("max"), "MUT-R005", f"{where}.max", f"max {hi} is below min {lo}")
    return lo, hi


def _numbers(v: Any) -> list[float]:
    if isinstance(v, bool):
        return []
    if isinstance(v, int | float):
        return [v]
    if isinstance(v, dict):
        return [x for k in sorted(v) for x in _numbers(v[k])]
    if isinstance(v, list):
        return [x for item in v for x in _numbers(item)]
    return []


def check_value_range(ctx: CheckContext, value_node: LMap, w: str, name: str,
                      rng: tuple[float, float]) -> bool:
    """False (with MUT-R029) when a number of ``value_node['value']`` lies outside ``rng``
    or the engine's bounds for parameter ``name``."""
    safe = ENGINE_RANGES.get(name, ANY_RANGE)
    lo, hi = max(rng[0], safe[0]), min(rng[1], safe[1])
    outside = [x for x in _numbers(value_node.get("value")) if not lo <= x <= hi]
    if not outside:
        return True
    ctx.err(value_node.vloc("value"), "MUT-R029", f"{w}.value",
            f"value {outside[0]} is outside the range {lo}..{hi}",
            "declare min/max on the parameter if the range is wider"
            if (lo, hi) == rng else f"the engine computes dates with {name}")
    return False
