"""Runs as the committee's pages show them: every recorded run with who, when, pack and
counts; one evaluation's decisions; a plan through the committee report's own context
(reports/committee.py, the same words); a review's moves with their reasons and the
documents that covered each approval or exception."""

from __future__ import annotations

import base64
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from audit.log import AuditLog

# A recorded run never changes (the log is append-only), so what is read from it is kept:
# the verdict counts per run, and a committee context until an override is added to its run.
_cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_lock = threading.Lock()
CACHE_SIZE = 64


def _cached(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = make()
    with _lock:
        _cache[key] = value
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def _where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


@dataclass(frozen=True)
class RunRow:
    run_seq: int
    kind: str
    as_of: str
    actor: str
    started_at: str
    pack: str  # "id version"
    decisions: int
    counts: tuple[tuple[str, int], ...]  # (verdict in words, count), most first


def overview(engine: Engine, lang: str) -> list[RunRow]:
    """Every run, newest first."""
    from reports.i18n import verdict_label

    log = AuditLog(engine)

    def count(run_seq: int) -> Counter[str]:
        return Counter(str(r.decision.get("verdict")) for r in log.decisions(run_seq))

    out = []
    for h in reversed(log.list_runs()):
        counts = _cached(("counts", _where(engine), h.run_seq, h.input_hash), partial(count, h.run_seq))
        out.append(RunRow(h.run_seq, h.kind, h.as_of, h.actor, h.started_at,
                          f"{h.pack.get('id')} {h.pack.get('version')}", sum(counts.values()),
                          tuple((verdict_label(v, lang), n) for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))))
    return out


@dataclass(frozen=True)
class DecisionLink:
    decision_id: str
    nip: str
    name: str
    subject: str
    verdict: str


LIST_LIMIT = 500  # rows on one page; the CSV export has them all


def decision_list(engine: Engine, run_seq: int, lang: str) -> tuple[list[DecisionLink], int]:
    from mutasi.report_source import AuditStoreSource
    from reports.i18n import verdict_label

    src = AuditStoreSource(engine)
    recs = AuditLog(engine).decisions(run_seq)
    if len(recs) > 50:
        src.preload_people()
    rows = []
    for r in recs[:LIST_LIMIT]:
        subj = r.decision.get("subject", {})
        nip = str(subj.get("nip", ""))
        person = src.person(nip)
        pos = str(subj.get("position_id") or "")
        rows.append(DecisionLink(r.decision_id, nip, person.name if person else "-",
                                 src.position_name(pos) if pos else "", verdict_label(str(r.decision.get("verdict")), lang)))
    return rows, len(recs)


def committee_context(engine: Engine, run_seq: int, lang: str) -> Any:
    """The committee report's context for a plan or evaluation run (no review run joined)."""
    from mutasi.report_source import AuditStoreSource
    from reports.committee import build_committee
    from reports.factmeta import from_engine
    from reports.source import pick_run

    log = AuditLog(engine)
    head = log.run_header(run_seq)
    prefix = f"{run_seq}-"
    changed = sum(1 for o in log.overrides() if o.decision_id.startswith(prefix))

    def make() -> Any:
        src = AuditStoreSource(engine)
        src.preload_people()
        run = pick_run(src, str(run_seq), ("plan", "evaluate"))
        return build_committee(src, run, None, from_engine(), lang)

    return _cached(("committee", _where(engine), run_seq, head.input_hash if head else "", lang, changed), make)


def placement_ids(engine: Engine, run_seq: int) -> dict[str, str]:
    """NIP -> decision id of the pair decision behind each placement."""
    plan = AuditLog(engine).plan(run_seq) or {}
    return {str(p.get("nip")): str(p.get("decision_id")) for p in plan.get("placements", []) if p.get("decision_id")}


def workload_png(engine: Engine, run_seq: int, lang: str) -> bytes | None:
    """The plan's per-unit workload chart (reports/committee.py) as PNG bytes."""
    from engine.plan.payload import load_plan
    from mutasi.report_source import AuditStoreSource
    from reports.committee import workload_chart

    raw = AuditLog(engine).plan(run_seq)
    rows = load_plan(raw).result.workload if raw else []  # the plan read typed (engine/plan/payload.py)
    if not rows:
        return None
    uri = workload_chart(AuditStoreSource(engine), rows, lang)
    return base64.b64decode(uri.split(",", 1)[1]) if uri else None


@dataclass(frozen=True)
class MoveView:
    move_id: str
    decision_id: str
    nip: str
    name: str
    outcome: str  # engine.outcome.MOVE_LABEL value
    reasons: tuple[str, ...]  # the reasons that decided, in the letters' sentences
    documents: tuple[str, ...]  # approvals and exceptions with the documents on file


def review_moves(engine: Engine, run_seq: int, lang: str) -> list[MoveView] | None:
    from mutasi.report_source import AuditStoreSource
    from reports.explain import reason_view
    from reports.factmeta import from_engine
    from reports.fmt import fdate
    from reports.i18n import pick, t

    src = AuditStoreSource(engine)
    payload = src.review(str(run_seq))
    if payload is None:
        return None
    meta = from_engine()
    log = AuditLog(engine)
    out = []
    for m in payload.get("moves", []):
        rec = log.decision(str(m.get("decision_id")))
        reasons = tuple(
            f"{rv.title}: {rv.detail or rv.sentence}"
            for rv in (reason_view(r, meta, lang) for r in sorted((rec.decision.get("reasons", []) if rec else []),
                                                                   key=lambda r: str(r["criterion_id"])))
            if rv.outcome not in ("pass", "not_applicable"))
        docs = []
        for a in list(m.get("approvals_on_file", [])) + list(m.get("exceptions_used", [])):
            files = ", ".join(f"{d.get('number')} ({fdate(str(d.get('date')), lang)}, {d.get('issuer')})"
                              for d in a.get("on_file", []))
            who = pick(a.get("from"), lang) if a.get("from") else ""
            docs.append(f"{pick(a.get('title'), lang)}" + (f" ({t('approval_by', lang)} {who})" if who else "")
                        + f": {files or '-'}")
        person = src.person(str(m.get("nip")))
        out.append(MoveView(str(m.get("move_id")), str(m.get("decision_id")), str(m.get("nip")),
                            person.name if person else "-", str(m.get("outcome")), reasons, tuple(docs)))
    return out


def save_upload(folder: Path, name: str, data: bytes) -> Path:
    """Write an uploaded review input under its own (cleaned) name so problems name it."""
    import re

    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name or "berkas").name)[:80] or "berkas"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / clean
    path.write_bytes(data)
    return path
