"""One entry point per document: pick the run, build the context, write HTML/PDF/MD/CSV.

Files are written to a temporary name and renamed, so an interrupted run leaves no
half-written document.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.problems import UsageError
from reports import receipt
from reports.committee import RANKING_LIMIT, build_committee
from reports.config import ReportConfig
from reports.factmeta import FactInfo
from reports.fairness_report import build_fairness
from reports.inspector import build_inspector
from reports.letter_index import RunIndex
from reports.letters import build_letter, by_nip
from reports.monitoring import build_monitoring
from reports.render import render
from reports.source import DecisionRecord, ReportSource, RunHeader, pick_run
from reports.summaries import csv_of, md_of

FORMATS = ("html", "pdf", "md", "csv")
KINDS = ("letters", "committee", "inspector", "fairness", "monitoring", "round-letters", "round-report")


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def encode(ctx: Any, template: str, fmt: str) -> bytes:
    if fmt == "html":
        return render(template, ctx).encode("utf-8")
    if fmt == "pdf":
        from reports.pdf import html_to_pdf

        return html_to_pdf(render(template, ctx))
    if fmt == "md":
        return md_of(ctx).encode("utf-8")
    if fmt == "csv":
        return csv_of(ctx).encode("utf-8")
    raise UsageError(f"--format: '{fmt}' is not one of {', '.join(FORMATS)}")


def run_for_nip(source: ReportSource, nip: str, run_id: str | None) -> tuple[RunHeader, list[DecisionRecord]]:
    """The run asked for, or the latest run holding a decision about ``nip``; with their decisions."""
    mine = source.decisions_for_nip(nip)
    if run_id is not None:
        run = pick_run(source, run_id)
    elif mine:
        latest = mine[-1].run_id
        run = next(r for r in source.runs() if r.run_id == latest)
    else:
        raise UsageError(f"NIP {nip}: no decision about this person in the audit trail")
    return run, [d for d in mine if d.run_id == run.run_id]


def select_nips(source: ReportSource, index: RunIndex, grouped: dict[str, list[DecisionRecord]],
                nips: tuple[str, ...], outcomes: tuple[str, ...], everyone: bool) -> list[str]:
    """Who gets a letter: the NIPs asked for; else everyone (--all), those with one of
    ``outcomes`` (verdicts), or by default the people the run affects. Never a person who is
    not in the store (asked for by NIP: an error; otherwise left out)."""
    if nips:
        for nip in sorted(nips):
            if source.person(nip) is None:
                raise UsageError(f"--nip {nip}: not in the store; no letter is written for a person who is not on file")
            if nip not in grouped:
                raise UsageError(f"--nip {nip}: no decision about this person in run {index.run.run_id}")
        return sorted(set(nips))
    if everyone:
        chosen = sorted(grouped)
    elif outcomes:
        chosen = sorted(n for n, recs in grouped.items()
                        if any(str(r.decision.get("verdict")) in outcomes for r in recs))
    else:
        chosen = index.affected()
    return [n for n in chosen if n in grouped and source.person(n) is not None]


def contexts(kind: str, source: ReportSource, run_id: str | None, lang: str, meta: dict[str, FactInfo],
             config: ReportConfig, nips: tuple[str, ...] = (), fmt: str = "html",
             trust: str | None = None, outcomes: tuple[str, ...] = (), everyone: bool = False,
             checkpoint_text: str | None = None) -> list[tuple[str, str, Any]]:
    """(file stem, template, context) for each document of ``kind``; CSV gets full rankings.
    Every decision shown must verify against the latest signed checkpoint (else exit 3)."""
    builders: dict[str, Callable[[], list[tuple[str, str, Any]]]] = {}
    # The inspector report is the one meant to show a log that does not verify.
    checker = receipt.checker(source, receipt.load_trust(trust)) if kind != "inspector" else None

    def letters() -> list[tuple[str, str, Any]]:
        # Default: the latest selection round (plan, else evaluate); --run picks a review run.
        run = pick_run(source, run_id, ("plan", "evaluate"))
        grouped = by_nip(source.decisions(run.run_id))
        index = RunIndex(source, run)
        wanted = select_nips(source, index, grouped, nips, outcomes, everyone)
        prefix = "surat-telaah" if run.kind == "review" else "surat"
        return [(f"{prefix}-{nip}-{lang}", "letter.html.j2", receipt.with_receipt(
                 build_letter(source, run, nip, meta, config, lang, grouped.get(nip, []), index, seq), checker))
                for seq, nip in enumerate(wanted, 1)]

    def committee() -> list[tuple[str, str, Any]]:
        run = pick_run(source, run_id, ("plan", "evaluate"))
        reviews = [r for r in source.runs() if r.kind == "review"]
        limit = None if fmt == "csv" else RANKING_LIMIT
        ctx = build_committee(source, run, reviews[-1] if reviews else None, meta, lang, limit)
        return [(f"committee-{run.run_id}-{lang}", "committee.html.j2", ctx)]

    def inspector() -> list[tuple[str, str, Any]]:
        run = pick_run(source, run_id)
        return [(f"inspector-{run.run_id}-{lang}", "inspector.html.j2", build_inspector(source, run, lang, checkpoint_text))]

    def fairness() -> list[tuple[str, str, Any]]:
        run = pick_run(source, run_id, ("plan", "round"))
        return [(f"fairness-{run.run_id}-{lang}", "fairness.html.j2", build_fairness(source, run, lang))]

    def monitoring() -> list[tuple[str, str, Any]]:
        run = pick_run(source, run_id, ("plan",))
        return [(f"monitoring-{run.run_id}-{lang}", "monitoring.html.j2", build_monitoring(source, run, lang))]

    def round_letters() -> list[tuple[str, str, Any]]:
        from reports.round_report import build_round_letter, round_payload

        run = pick_run(source, run_id, ("round",))
        people = sorted(p["nip"] for p in round_payload(source, run)["people"])
        wanted = sorted(set(nips)) if nips else people
        return [(f"surat-putaran-{nip}-{lang}", "round_letter.html.j2", build_round_letter(source, run, nip, lang))
                for nip in wanted]

    def round_report() -> list[tuple[str, str, Any]]:
        from reports.round_report import build_round_report

        run = pick_run(source, run_id, ("round",))
        return [(f"round-{run.run_id}-{lang}", "round_report.html.j2", build_round_report(source, run, lang))]

    builders.update(letters=letters, committee=committee, inspector=inspector, fairness=fairness, monitoring=monitoring)
    builders.update({"round-letters": round_letters, "round-report": round_report})
    if kind not in builders:
        raise UsageError(f"unknown report '{kind}' (one of {', '.join(KINDS)})")
    if checker is not None and kind != "letters":
        checker.check_all()
    return builders[kind]()


def write_documents(docs: list[tuple[str, str, Any]], fmt: str, out: Path,
                    progress: Callable[[], None] | None = None) -> list[Path]:
    if fmt == "pdf":  # WeasyPrint is the cost: PDFs are made by one process per core
        from reports.pdf import htmls_to_pdfs

        paths = [out / f"{stem}.{fmt}" for stem, _, _ in docs]
        htmls = (render(template, ctx) for _, template, ctx in docs)
        for path, pdf in zip(paths, htmls_to_pdfs(htmls, len(docs), done=progress), strict=True):
            write_atomic(path, pdf)
        return paths
    written = []
    for stem, template, ctx in docs:
        path = out / f"{stem}.{fmt}"
        write_atomic(path, encode(ctx, template, fmt))
        written.append(path)
        if progress:
            progress()
    return written


def to_jsonable(ctx: Any) -> Any:
    """A context as plain data (for --json); the inlined CSS is left out."""
    d = dataclasses.asdict(ctx)
    d.pop("css", None)
    if d.get("receipt"):  # the receipt text is there; its renderings are not data
        d["receipt"].pop("qr", None)
        d["receipt"].pop("attachment", None)
    return d
