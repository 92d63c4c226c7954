"""Hand-made decisions and worlds for the plan and review tests (no engine needed)."""

from __future__ import annotations

from typing import Any

from engine.outcome import Decision, Outcome, Reason, Verdict
from engine.records import Employee, Position, PositionWorkload, Unit, World

PACK = {"id": "test", "version": "1.0.0", "hash": "0" * 64}


def reason(
    cid: str,
    outcome: Outcome,
    kind: str = "requirement",
    scope: str = "candidate_position",
    facts: dict[str, Any] | None = None,
    points: float | None = None,
    weight: float | None = None,
    approval: dict[str, Any] | None = None,
    exception: dict[str, Any] | None = None,
    missing: dict[str, str] | None = None,
) -> Reason:
    return Reason(
        criterion_id=cid, criterion_version=1, kind=kind, scope=scope, outcome=outcome,
        title={"id": f"judul {cid}", "en": f"title {cid}"},
        legal_basis=[{"regulation": "PP 11/2017", "article": "Pasal 190"}],
        source=f"rules/test/criteria/{cid}.yaml:1", facts_read=dict(facts or {}),
        missing=dict(missing or {}), points=points, weight=weight, approval=approval,
        exception=exception,
    )


def decision(
    scope: str,
    subject: dict[str, str],
    verdict: Verdict,
    score: float | None = None,
    reasons: tuple[Reason, ...] = (),
    deciding: tuple[str, ...] = (),
) -> Decision:
    return Decision(scope=scope, subject=subject, verdict=verdict, reasons=reasons,
                    deciding=deciding, pack=PACK, as_of="2026-11-22", score=score)


def cand(nip: str, verdict: Verdict = Verdict.ELIGIBLE) -> Decision:
    return decision("candidate", {"nip": nip}, verdict)


def pair(nip: str, pid: str, score: float | None, verdict: Verdict = Verdict.ELIGIBLE,
         gaps: list[str] | None = None, deciding: tuple[str, ...] = ()) -> Decision:
    reasons = (
        reason("competency_fit_score", Outcome.SCORED, kind="score",
               facts={"competency_fit": 0.5}, points=0.5, weight=score or 0.0),
        reason("rank_range", Outcome.PASS if verdict != Verdict.NOT_ELIGIBLE else Outcome.FAIL,
               facts={"competency_gaps": gaps} if gaps is not None else {}),
    )
    return decision("candidate_position", {"nip": nip, "position_id": pid}, verdict, score,
                    reasons, deciding)


def world(
    positions: list[tuple[str, str, int, int]], units: list[str] | None = None,
    competencies: dict[str, tuple[str, ...]] | None = None,
) -> World:
    """positions: (position_id, unit_id, staff_needed, on_post)."""
    unit_ids = sorted(units or {p[1] for p in positions})
    comp = competencies or {}
    return World(
        units={u: Unit(u, f"Unit {u}") for u in unit_ids},
        positions={p: Position(p, u, f"Jabatan {p}", "pelaksana",
                               required_competencies=comp.get(p, ()))
                   for p, u, _, _ in positions},
        workloads={p: PositionWorkload(p, float(n), n, "down", 1250.0, o)
                   for p, _, n, o in positions},
    )


def emp(nip: str, position_id: str, unit_id: str, competencies: tuple[str, ...] = ()) -> Employee:
    return Employee(nip=nip, name=f"Pegawai {nip}", position_id=position_id, unit_id=unit_id,
                    competencies=competencies)
