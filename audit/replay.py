"""`audit replay`: re-decide a recorded decision from its stored snapshot and pack text,
and compare with what was recorded (identical, or the exact differing JSON paths)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from audit import errors
from audit.canonical import normalise
from audit.errors import AuditError

if TYPE_CHECKING:
    from audit.log import AuditLog


class _Decider(Protocol):
    def decide(self, scope: str, subject: dict[str, str], facts: dict[str, Any]) -> Any: ...


# (pack canonical text, as-of date) -> something with .decide(scope, subject, facts)
EvaluatorFactory = Callable[[str, date], _Decider]

_MISSING = "<absent>"


@dataclass(frozen=True)
class Difference:
    path: str  # JSON path, e.g. $.reasons[2].outcome
    stored: Any
    replayed: Any


@dataclass
class ReplayReport:
    decision_id: str
    identical: bool
    differences: list[Difference] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"decision_id": self.decision_id, "identical": self.identical,
                "differences": [{"path": d.path, "stored": d.stored, "replayed": d.replayed}
                                for d in self.differences]}


def diff(stored: Any, replayed: Any, path: str = "$") -> list[Difference]:
    """Every leaf-level difference between two JSON values, in a stable order."""
    if isinstance(stored, dict) and isinstance(replayed, dict):
        out: list[Difference] = []
        for k in sorted(set(stored) | set(replayed)):
            sub = f"{path}.{k}"
            if k not in stored:
                out.append(Difference(sub, _MISSING, replayed[k]))
            elif k not in replayed:
                out.append(Difference(sub, stored[k], _MISSING))
            else:
                out.extend(diff(stored[k], replayed[k], sub))
        return out
    if isinstance(stored, list) and isinstance(replayed, list):
        out = []
        for i in range(max(len(stored), len(replayed))):
            sub = f"{path}[{i}]"
            if i >= len(stored):
                out.append(Difference(sub, _MISSING, replayed[i]))
            elif i >= len(replayed):
                out.append(Difference(sub, stored[i], _MISSING))
            else:
                out.extend(diff(stored[i], replayed[i], sub))
        return out
    # bool is an int in Python: 1 == True must still count as a difference
    if stored == replayed and type(stored) is type(replayed):
        return []
    return [Difference(path, stored, replayed)]


def engine_evaluator(pack_text: str, as_of: date) -> _Decider:
    """The real engine: Pack.from_canonical_text + Evaluator (design.md, Engine API)."""
    from engine import Evaluator, Pack

    return Evaluator(Pack.from_canonical_text(pack_text), as_of)


def replay(log: AuditLog, decision_id: str, evaluator_factory: EvaluatorFactory | None = None) -> ReplayReport:
    rec = log.decision(decision_id)
    if rec is None:
        raise AuditError(errors.UNKNOWN_DECISION, f"no decision with id '{decision_id}' in the audit log")
    header = log.run_header(rec.run_seq)
    facts = log.snapshot(decision_id)
    if header is None or facts is None:
        raise AuditError(errors.DANGLING_REFERENCE,
                         f"decision {decision_id}: its run header or snapshot is not in the log (run audit verify)")
    text = log.pack_text(header.pack["hash"])
    if text is None:
        raise AuditError(errors.PACK_TEXT_MISSING,
                         f"decision {decision_id}: pack text {header.pack['hash'][:12]}... is not stored")
    factory = evaluator_factory or engine_evaluator
    stored = rec.decision
    ev: Any = None
    try:
        ev = factory(text, date.fromisoformat(header.as_of))
        result = ev.decide(stored["scope"], dict(stored["subject"]), facts)
    except AuditError:
        raise
    except Exception as exc:  # the engine's own error: report, don't crash
        raise AuditError(errors.REPLAY_ENGINE, f"decision {decision_id}: the engine could not replay it: "
                         f"{type(exc).__name__}: {exc}") from exc
    finally:
        if ev is not None and callable(getattr(ev, "close", None)):
            ev.close()  # the durable backend holds ruleset handles
    replayed = normalise(result.to_dict() if hasattr(result, "to_dict") else result)
    diffs = diff(stored, replayed)
    return ReplayReport(decision_id=decision_id, identical=not diffs, differences=diffs)
