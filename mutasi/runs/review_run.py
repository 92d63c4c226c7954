"""`mutasi review`: moves file + context -> engine (move scope) -> review -> audit, one run.

A move whose NIP is not in the store is still decided, on an employee record with nothing
on file: every candidate fact is then missing and the engine says ``data_missing`` with the
reasons (never a silent pass). The review itself is recorded under snapshot key ``review``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from audit import AuditLog
from engine.records import Employee
from engine.review import review_moves
from mutasi.runs.common import InputHasher, open_session, started_at
from mutasi.store.convert import get_employee
from mutasi.store.review_input import ReviewInputError, read_context, read_moves

REVIEW_SNAPSHOT = "review"


@dataclass
class ReviewRun:
    run: int
    pack: dict[str, str]
    as_of: str
    input_hash: str
    review: dict[str, Any]


def move_key(move_id: str) -> str:
    return f"move:{move_id}"


def run_review(db_url: str, pack_path: Path, moves_file: Path, context_file: Path,
               actor: str, as_of: date | None = None) -> ReviewRun:
    """Review every move; the as-of date is the context's decision date unless given."""
    moves, ctx, errors = None, None, []
    try:  # both files are read, so one upload lists every problem of either
        moves = read_moves(moves_file)
    except ReviewInputError as exc:
        errors.append(exc)
    try:
        ctx = read_context(context_file)
    except ReviewInputError as exc:
        errors.append(exc)
    if len(errors) == 2:
        raise ReviewInputError(f"{errors[0]}; {errors[1]}", errors[0].problems + errors[1].problems)
    if errors or moves is None or ctx is None:
        raise errors[0]
    as_of = as_of or ctx.decision_date
    with open_session(db_url, pack_path, as_of) as ses:
        on_file: dict[str, bool] = {}
        snaps: list[tuple[str, dict[str, Any]]] = []
        decisions = {}
        for m in moves:
            emp = get_employee(ses.store, m.nip)
            on_file[m.nip] = emp is not None
            facts = ses.ev.move_facts(m, ses.world, ctx, emp or Employee(nip=m.nip, name=""))
            snaps.append((move_key(m.id), facts))
            decisions[m.id] = ses.ev.decide("move", {"nip": m.nip, "move_id": m.id}, facts)
        review = review_moves(moves, decisions, on_file, ctx.documents)
        hasher = InputHasher(snaps)
        with AuditLog(ses.store).run("review", as_of, ses.pack.info, actor, hasher.hexdigest(),
                                     started_at()) as run:
            run.store_pack_text(ses.pack.canonical_text())
            for key, facts in snaps:
                run.add_snapshot(key, facts)
            for item in review["moves"]:
                item["decision_id"] = run.add_decision(decisions[item["move_id"]],
                                                       move_key(item["move_id"]))
            review["context"] = {
                "decision_date": ctx.decision_date.isoformat(), "signer_kind": ctx.signer_kind,
                "sk_status": ctx.sk_status or "draft", "sk_number": ctx.sk_number,
                "sk_date": ctx.sk_date.isoformat() if ctx.sk_date else None,
                "signer_is_candidate": ctx.signer_is_candidate,
                "files": {"moves": moves_file.name, "context": context_file.name},
            }
            review["as_of"] = as_of.isoformat()
            review["pack"] = dict(ses.pack.info)
            run.add_snapshot(REVIEW_SNAPSHOT, review)
            review["run"] = run.run_seq
    return ReviewRun(run=run.run_seq, pack=dict(ses.pack.info), as_of=as_of.isoformat(),
                     input_hash=hasher.hexdigest(), review=review)
