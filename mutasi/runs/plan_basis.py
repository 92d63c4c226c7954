"""`mutasi plan --after-round RUN`: read the recorded round a plan builds on, and refuse
what it cannot build on (MUT-V257..V259, docs/errors.md). The plan itself applies the
round with engine/plan/after_round.py."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from audit import AuditLog
from engine.plan.after_round import RoundBasis, round_moves
from engine.problems import Problem, UsageError
from engine.records import Employee

WHERE = "--after-round"


class PlanBasisError(UsageError):
    """The plan cannot build on the round named (one coded problem; nothing recorded)."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(f"{code} {message}", [Problem(WHERE, 0, 0, code, "after_round", message, hint)])


def round_basis(log: AuditLog, run: int, pack: Mapping[str, str], as_of: date) -> RoundBasis:
    """The recorded round run ``run``, checked against the plan's pack and as-of date."""
    header = log.run_header(run)
    payload = log.plan(run) if header is not None and header.kind == "round" else None
    leaf = log.plan_hash(run) if payload is not None else None
    if header is None or payload is None or leaf is None:
        raise PlanBasisError("MUT-V257", f"run {run} is not a recorded voluntary round",
                             "give the run number of a round (mutasi round list shows them)")
    settings = (payload.get("inputs") or {}).get("settings") or {}
    if settings.get("order") == "after_plan":
        raise PlanBasisError(
            "MUT-V257", f"round run {run} was recorded after plan run {settings.get('plan_run')}: "
            "it offered what that plan left open, so no plan builds on it",
            "a plan builds only on a round recorded with order before_plan")
    if header.pack.get("id") != pack.get("id"):
        raise PlanBasisError(
            "MUT-V258", f"round run {run} was decided with pack {header.pack.get('id')}, "
            f"the plan with pack {pack.get('id')}",
            f"run the plan with the round's pack (--pack rules/{header.pack.get('id')})")
    if header.pack.get("hash") != pack.get("hash"):
        raise PlanBasisError(
            "MUT-V258", f"round run {run} was decided with pack {header.pack.get('id')} "
            f"{header.pack.get('version')} ({header.pack.get('hash', '')[:12]}), the plan's pack is "
            f"{pack.get('version')} ({pack.get('hash', '')[:12]}): the rules changed since",
            "run the round again with the current pack, or the plan with the round's pack")
    if header.as_of != as_of.isoformat():
        raise PlanBasisError(
            "MUT-V258", f"round run {run} was decided as of {header.as_of}, the plan as of {as_of}",
            f"run the plan as of the round's date (--as-of {header.as_of})")
    return RoundBasis(run=run, input_hash=header.input_hash, round_hash=leaf, as_of=header.as_of,
                      pack=dict(header.pack), moves=round_moves(payload))


def check_store(basis: RoundBasis, employees: Mapping[str, Employee]) -> None:
    """Every person the round moved is still in the store, in the post they left (else the
    move may already be on file, and applying it again would count it twice)."""
    for m in basis.moves:
        e = employees.get(m.nip)
        if e is None or e.position_id != m.from_position_id:
            now = "not in the store" if e is None else f"in post {e.position_id}"
            raise PlanBasisError(
                "MUT-V259", f"round run {basis.run} moved NIP {m.nip} from {m.from_position_id} to "
                f"{m.position_id}, but the store has them {now}",
                "the data changed since the round (its moves imported?); run the plan without "
                "--after-round, or run the round again")
