"""A solver model -> a pack example case (rules/<pack>/tests/*.yaml form) that runs.

The case names a placeholder person and gives the model's facts outright (`facts:`, see
engine/cases.py); its expectations are what the engine decides for those facts, so pasting
it into a pack's tests/ pins the finding: the case passes while the pack behaves this way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from engine.cases import Case
from engine.packtest import CaseRunner, decide_case
from engine.records import Employee, Position, ProposedMove, ReviewContext, World

NIP = "199001012020011001"  # a placeholder: the facts below decide, not the records
POSITION: dict[str, str] = {"id": "JABATAN-CONTOH", "unit_id": "UNIT-CONTOH", "name": "Jabatan contoh analisis",
            "kind": "pelaksana"}
MOVE = {"id": "USULAN-CONTOH", "nip": NIP, "from_position_id": None, "to_position_id": None,
        "kind": "rotation"}


def build_case(runner: CaseRunner, scope: str, as_of: date, facts: dict[str, Any], name: str,
               criteria: list[str], verdict: bool = False) -> dict[str, Any]:
    """The case as a mapping ready for YAML, its expectations decided by the engine."""
    data: dict[str, Any] = {"name": name, "as_of": as_of,
                            "employee": {"nip": NIP, "name": "Contoh analisis"}}
    position = move = ctx = None
    if scope == "candidate_position":
        data["position"] = dict(POSITION)
        position = Position(id=POSITION["id"], unit_id=POSITION["unit_id"], name=POSITION["name"],
                            kind=POSITION["kind"])
    if scope == "move":
        data["move"] = dict(MOVE)
        data["context"] = {"decision_date": as_of, "signer_kind": "definitive"}
        move = ProposedMove(**MOVE)  # type: ignore[arg-type]
        ctx = ReviewContext(decision_date=as_of, signer_kind="definitive")
    data["facts"] = dict(sorted(facts.items()))
    case = Case(name=name, file="", line=0, as_of=as_of, scope=scope,
                employee=Employee(nip=NIP, name="Contoh analisis"), world=World(),
                position=position, move=move, context=ctx, expect={}, facts=data["facts"])
    decision = decide_case(runner.evaluator(as_of), case)
    by_id = {r.criterion_id: r.outcome.value for r in decision.reasons}
    expect: dict[str, Any] = {}
    if verdict:
        expect["verdict"] = decision.verdict.value
    wanted = {c: by_id[c] for c in sorted(criteria) if c in by_id}
    if wanted:
        expect["outcomes"] = wanted
    data["expect"] = expect
    return data


class _Plain(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # no &id001 anchors in a case to paste
        return True


def case_yaml(case: dict[str, Any]) -> str:
    """The case as a YAML file of one case (paste its item under an existing `cases:`)."""
    return yaml.dump({"cases": [case]}, Dumper=_Plain, sort_keys=False, allow_unicode=True, width=100)
