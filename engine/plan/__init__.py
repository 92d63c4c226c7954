"""The transfer plan, in the order it is made: targets and sources (targets.py), the
min-cost-flow solver (solver.py), the explanations (explain.py), put together by
build.py; the typed values and reason codes are model.py.

Names are loaded on first use: the CLI reads DEFAULT_FILL_WEIGHT without loading the solver.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.plan.build import build_plan, workload_table
    from engine.plan.explain import competency_gaps
    from engine.plan.model import (
        ADMISSIBLE,
        DEFAULT_FILL_WEIGHT,
        DEFAULT_TIE_BREAK_SEED,
        EXPLAIN_TOP,
        SCORE_SCALE,
        ExcludedPair,
        OpenPosition,
        Placement,
        PlanError,
        PlanReason,
        PlanResult,
        PlanSettings,
        RunnerUp,
        Slot,
        Source,
        Unplaced,
        WorkloadRow,
    )
    from engine.plan.solver import Arc, _Arc, solve
    from engine.plan.targets import open_slots, screen, source_of, unit_balances

_WHERE = {
    **dict.fromkeys(("build_plan", "workload_table"), "engine.plan.build"),
    "competency_gaps": "engine.plan.explain",
    **dict.fromkeys(("ADMISSIBLE", "DEFAULT_FILL_WEIGHT", "DEFAULT_TIE_BREAK_SEED", "EXPLAIN_TOP", "SCORE_SCALE",
                     "ExcludedPair", "OpenPosition", "Placement", "PlanError", "PlanReason",
                     "PlanResult", "PlanSettings", "RunnerUp", "Slot", "Source", "Unplaced",
                     "WorkloadRow"), "engine.plan.model"),
    **dict.fromkeys(("Arc", "_Arc", "solve"), "engine.plan.solver"),
    **dict.fromkeys(("open_slots", "screen", "source_of", "unit_balances"),
                    "engine.plan.targets"),
}

__all__ = [
    "ADMISSIBLE", "DEFAULT_FILL_WEIGHT", "DEFAULT_TIE_BREAK_SEED", "EXPLAIN_TOP", "SCORE_SCALE", "Arc", "ExcludedPair",
    "OpenPosition", "Placement", "PlanError", "PlanReason", "PlanResult", "PlanSettings",
    "RunnerUp", "Slot", "Source", "Unplaced", "WorkloadRow", "_Arc", "build_plan",
    "competency_gaps", "open_slots", "screen", "solve", "source_of", "unit_balances",
    "workload_table",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'engine.plan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
