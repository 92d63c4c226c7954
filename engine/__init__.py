"""mutasi engine: load and check rule packs, derive facts, decide with reasons.

    pack = load_pack("rules/kota-dumai")            # effective pack after layering
    problems = check_paths(["rules/"])              # every problem, sorted by file:line:col
    ev = Evaluator(pack, date(2026, 11, 22))        # backend="durable" (default) or "reference"
    d = ev.decide("candidate", {"nip": nip}, ev.candidate_facts(employee, world))

Names are loaded on first use, so that importing one module of the engine (its problems, its
records) does not load the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.errors import PackError
    from engine.evaluate import Evaluator
    from engine.facts import FACTS, FactSpec, add_months, months_between
    from engine.load import check_paths, compile_pack, find_packs, load_pack
    from engine.outcome import Decision, Outcome, Reason, Verdict
    from engine.pack import Criterion, Pack, Parameter
    from engine.policy import decide_verdict
    from engine.problems import CODES

_WHERE = {
    "CODES": "engine.problems", "FACTS": "engine.facts", "Criterion": "engine.pack",
    "Decision": "engine.outcome", "Evaluator": "engine.evaluate", "FactSpec": "engine.facts",
    "Outcome": "engine.outcome", "Pack": "engine.pack", "PackError": "engine.errors",
    "Parameter": "engine.pack", "Reason": "engine.outcome", "Verdict": "engine.outcome",
    "add_months": "engine.facts", "check_paths": "engine.load", "compile_pack": "engine.load",
    "decide_verdict": "engine.policy", "find_packs": "engine.load", "load_pack": "engine.load",
    "months_between": "engine.facts",
}

__all__ = [
    "CODES", "FACTS", "Criterion", "Decision", "Evaluator", "FactSpec", "Outcome", "Pack",
    "PackError", "Parameter", "Reason", "Verdict", "add_months", "check_paths", "compile_pack",
    "decide_verdict", "find_packs", "load_pack", "months_between",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
