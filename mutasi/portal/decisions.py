"""An employee's decisions in published runs, newest first, and their letters: built by
reports/ (the same context and template as `mutasi report letters`), so the two never differ."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine

from audit.log import AuditLog
from engine.pack import Pack
from mutasi.portal.publication import Published, published
from mutasi.portal.requests import Deadline, deadline_for


@dataclass(frozen=True)
class MyDecision:
    run_seq: int
    decision_id: str  # the main decision of the letter
    run_kind: str
    as_of: date
    headline: str
    verdict: str
    publication: Published
    deadline: Deadline


def _source(engine: Engine) -> Any:
    from mutasi.report_source import AuditStoreSource

    return AuditStoreSource(engine)


def pack_of_run(engine: Engine, run_seq: int) -> Pack | None:
    log = AuditLog(engine)
    head = log.run_header(run_seq)
    text = log.pack_text(str(head.pack.get("hash"))) if head else None
    return Pack.from_canonical_text(text) if text else None


def letter_context(engine: Engine, nip: str, run_seq: int, lang: str) -> Any:
    """The letter's context for (nip, run), or None when the run is not published or holds
    no decision about nip."""
    from reports.build import run_for_nip
    from reports.config import load_config
    from reports.factmeta import from_engine
    from reports.letters import build_letter

    if run_seq not in published(engine):
        return None
    source = _source(engine)
    try:
        run, mine = run_for_nip(source, nip, str(run_seq))
    except Exception:  # noqa: BLE001  (reports raise UsageError for an unknown run)
        return None
    if not mine:
        return None
    return build_letter(source, run, nip, from_engine(), load_config(None), lang, mine)


def my_decisions(engine: Engine, nip: str, lang: str) -> list[MyDecision]:
    pubs = published(engine)
    log = AuditLog(engine)
    runs = sorted({d.run_seq for d in log.decisions_for_nip(nip) if d.run_seq in pubs}, reverse=True)
    out = []
    for run_seq in runs:
        ctx = letter_context(engine, nip, run_seq, lang)
        head = log.run_header(run_seq)
        if ctx is None or head is None:
            continue
        out.append(MyDecision(run_seq, ctx.record.decision_id, head.kind, date.fromisoformat(head.as_of),
                              ctx.headline, _verdict(log, ctx, lang), pubs[run_seq],
                              deadline_for(pubs[run_seq], pack_of_run(engine, run_seq))))
    return out


def _verdict(log: AuditLog, ctx: Any, lang: str) -> str:
    from reports.i18n import verdict_label

    rec = log.decision(ctx.record.decision_id)
    if rec is None:
        return ""
    changed = log.overrides(rec.decision_id)  # the committee's override is the result in force
    return verdict_label(changed[-1].new_verdict if changed else rec.verdict, lang)


def letter_html(engine: Engine, nip: str, run_seq: int, lang: str) -> str | None:
    from reports.render import render

    ctx = letter_context(engine, nip, run_seq, lang)
    return None if ctx is None else render("letter.html.j2", ctx)


def letter_pdf(engine: Engine, nip: str, run_seq: int, lang: str) -> bytes | None:
    from reports.pdf import html_to_pdf

    html = letter_html(engine, nip, run_seq, lang)
    return None if html is None else html_to_pdf(html)


def style_hashes(html: str) -> list[str]:
    """CSP hashes of the letter's inline <style> blocks: the letter keeps its own print CSS
    and the page still allows no inline style that is not exactly this one."""
    import base64
    import hashlib

    return ["'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode() + "'"
            for m in re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S)]
