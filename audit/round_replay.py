"""`audit replay RUN` for a voluntary round: re-decide every bid from its stored snapshot
and pack text, re-run the round from its recorded inputs (offers, rankings, settings), and
compare with the round as recorded: the same assignment, points, cut-offs and reasons,
or the exact differing JSON paths."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from audit import errors
from audit.canonical import normalise
from audit.errors import AuditError
from audit.replay import Difference, EvaluatorFactory, diff, engine_evaluator

if TYPE_CHECKING:
    from audit.log import AuditLog

# what a replay re-computes; the rest of the payload (inputs, pack, as_of) is its input
COMPARED = ("people", "positions", "steps", "plan_then", "summary")


@dataclass
class RoundReplayReport:
    run: int
    identical: bool
    assignment_identical: bool
    decisions: int
    differences: list[Difference] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"run": self.run, "identical": self.identical,
                "assignment_identical": self.assignment_identical, "decisions": self.decisions,
                "differences": [{"path": d.path, "stored": d.stored, "replayed": d.replayed}
                                for d in self.differences]}


def replay_round(log: AuditLog, run_seq: int,
                 evaluator_factory: EvaluatorFactory | None = None) -> RoundReplayReport:
    from engine.outcome import Decision
    from engine.round import Offer, Ranking, RoundSettings, build_round

    header = log.run_header(run_seq)
    if header is None or header.kind != "round":
        raise AuditError(errors.NOT_A_ROUND_RUN, f"run {run_seq} is not a round run "
                         "(audit replay takes a decision id such as 3-17, or a round's run number)")
    stored = log.plan(run_seq)
    text = log.pack_text(header.pack["hash"])
    if stored is None or text is None:
        raise AuditError(errors.DANGLING_REFERENCE,
                         f"round run {run_seq}: its round or pack text is not in the log (run audit verify)")
    ev: Any = (evaluator_factory or engine_evaluator)(text, date.fromisoformat(header.as_of))
    decisions: dict[tuple[str, str], Decision] = {}
    ids: dict[tuple[str, str], str] = {}
    try:
        for rec in log.decisions(run_seq):
            facts = log.snapshot(rec.decision_id)
            if facts is None:
                raise AuditError(errors.DANGLING_REFERENCE, f"decision {rec.decision_id}: no snapshot")
            subject = dict(rec.decision["subject"])
            d = ev.decide(rec.decision["scope"], subject, facts)
            pair = (subject["nip"], subject["position_id"])
            decisions[pair] = d
            ids[pair] = rec.decision_id
    except AuditError:
        raise
    except Exception as exc:  # the engine's own error: report, don't crash
        raise AuditError(errors.REPLAY_ENGINE, f"round run {run_seq}: the engine could not "
                         f"replay it: {type(exc).__name__}: {exc}") from exc
    finally:
        if callable(getattr(ev, "close", None)):
            ev.close()
    inputs = stored["inputs"]
    result = build_round(
        offers=[Offer(o["position_id"], o["unit_id"], int(o["capacity"])) for o in inputs["offers"]],
        rankings=[Ranking(r["nip"], r["current_position_id"], tuple(r["choices"]))
                  for r in inputs["rankings"]],
        decisions=decisions, settings=RoundSettings.from_dict(inputs["settings"]),
        placed_by_plan=inputs.get("placed_by_plan") or {}, decision_ids=ids)
    replayed = normalise(result.to_dict())
    diffs = diff({k: stored.get(k) for k in COMPARED}, {k: replayed.get(k) for k in COMPARED})
    was = {p["nip"]: p["assigned_position_id"] for p in stored.get("people", [])}
    now = {p.nip: p.assigned_position_id for p in result.people}
    return RoundReplayReport(run=run_seq, identical=not diffs, assignment_identical=was == now,
                             decisions=len(decisions), differences=diffs)
