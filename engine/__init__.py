"""mutasi engine: load and check rule packs, derive facts, decide with reasons.

    pack = load_pack("rules/kota-dumai")            # effective pack after layering
    problems = check_paths(["rules/"])              # every problem, sorted by file:line:col
    ev = Evaluator(pack, date(2026, 11, 22))        # backend="durable" (default) or "reference"
    d = ev.decide("candidate", {"nip": nip}, ev.candidate_facts(employee, world))
"""

from engine.check import check_paths, compile_pack, find_packs
from engine.errors import CODES, PackError
from engine.evaluate import Evaluator
from engine.facts import FACTS, FactSpec, add_months, months_between
from engine.outcome import Decision, Outcome, Reason, Verdict
from engine.pack import Criterion, Pack, Parameter, load_pack
from engine.policy import decide_verdict

__all__ = [
    "CODES", "FACTS", "Criterion", "Decision", "Evaluator", "FactSpec", "Outcome", "Pack",
    "PackError", "Parameter", "Reason", "Verdict", "add_months", "check_paths", "compile_pack",
    "decide_verdict", "find_packs", "load_pack", "months_between",
]
