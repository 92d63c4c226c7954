"""`mutasi explain NIP` and `mutasi report letters|committee|inspector|fairness|monitoring`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mutasi.cli.common import (
    console,
    db_option,
    emit_json,
    json_option,
    lang_option,
    progress_bar,
)
from mutasi.errors import EXIT_INTEGRITY, EXIT_OK, UsageError
from reports.source import ReportSource


def _source(db: str, sample: bool) -> ReportSource:
    if sample:
        from reports.sample import sample_source

        return sample_source()
    from mutasi.report_source import AuditStoreSource

    return AuditStoreSource(db)


def _meta(sample: bool) -> dict[str, Any]:
    from reports.factmeta import from_engine

    meta = from_engine()
    if sample:
        from reports.sample import SAMPLE_META

        return {**SAMPLE_META, **meta}
    return meta


def run_option(f: Any) -> Any:
    return click.option("--run", "run_id", default=None, help="Run id in the audit trail (default: the latest fitting run).")(f)


def config_option(f: Any) -> Any:
    return click.option(
        "--config", "config_path", type=click.Path(dir_okay=False), default=None,
        help="Report configuration YAML (objection period, addressee); see reports/config.example.yaml.",
    )(f)


def trust_option(f: Any) -> Any:
    return click.option("--trust", "trust", envvar="MUTASI_TRUST", type=click.Path(dir_okay=False), default=None,
                        help="Trust policy (env MUTASI_TRUST): receipts point at a witnessed checkpoint.")(f)


def sample_option(f: Any) -> Any:
    return click.option("--sample", is_flag=True, help="Render the built-in hand-made sample region instead of --db.")(f)


@click.command("explain")
@click.argument("nip")
@run_option
@lang_option
@json_option
@db_option
@config_option
@trust_option
@sample_option
def explain_cmd(nip: str, run_id: str | None, lang: str, as_json: bool, db: str, config_path: str | None,
                trust: str | None, sample: bool) -> int:
    """Explain the recorded decision about one employee (same content as their letter).

    Reads the latest run holding a decision about NIP (or --run) from the audit trail.

    \b
    Example: mutasi explain 198609262015051001 --lang en
    Example: mutasi explain 198609262015051001 --run 3 --json
    """
    from reports.build import run_for_nip, to_jsonable
    from reports.config import load_config
    from reports.letters import build_letter

    source = _source(db, sample)
    run, mine = run_for_nip(source, nip, run_id)
    from reports.receipt import checker, load_trust, with_receipt

    ctx = build_letter(source, run, nip, _meta(sample), load_config(config_path), lang, mine)
    ctx = with_receipt(ctx, checker(source, load_trust(trust)))  # exit 3 if the decision was altered
    if as_json:
        decisions = [{"decision_id": r.decision_id, **r.decision} for r in mine]
        emit_json({"letter": to_jsonable(ctx), "decisions": decisions})
        return EXIT_OK
    _print_letter(ctx)
    return EXIT_OK


def _print_letter(ctx: Any) -> None:
    from rich.markup import escape

    from reports.i18n import t

    lang = ctx.lang
    console.rule(f"[bold]{escape(ctx.doc_title)}")
    console.print(f"{t('to', lang)}: [bold]{escape(ctx.name)}[/bold]  {t('nip', lang)} {ctx.nip}")
    console.print(f"{t('position', lang)}: {escape(ctx.position)}, {escape(ctx.unit)}")
    console.print(escape(ctx.opening))
    console.print(f"\n[bold]{escape(ctx.headline)}[/bold]")
    if ctx.override:
        console.print(f"[yellow]{escape(ctx.override)}[/yellow]")
    if ctx.placement:
        p = ctx.placement
        console.print(f"\n{escape(p.score_line)}")
        if p.gaps:
            console.print(f"  {t('gaps', lang)}: {escape(', '.join(p.gaps))}")
        if p.training:
            console.print(f"  {t('training', lang)}: {escape('; '.join(p.training))}")
    for line in ctx.standing:
        console.print(f"  • {escape(line)}")
    if ctx.tie_break:
        console.print(escape(ctx.tie_break))
    if ctx.reasons:
        console.print(f"\n[bold]{escape(ctx.reasons_title)}[/bold]")
    colour = {"pass": "green", "fail": "red", "missing": "yellow", "approval_needed": "yellow"}
    for r in ctx.reasons:
        c = colour.get(r.outcome, "white")
        console.print(f"  [{c}]{escape(r.outcome_label)}[/{c}] [bold]{escape(r.title)}[/bold]: {escape(r.sentence)}")
    if ctx.reasons_note:
        console.print(escape(ctx.reasons_note))
    for title, lines in ((t("l_fix_data", lang), ctx.fixes), (t("l_change", lang), ctx.changes)):
        if lines:
            console.print(f"\n[bold]{title}[/bold]")
            for line in lines:
                console.print(f"  {escape(line)}")
    console.print(f"\n{escape(t('person_decides', lang))}")
    console.print(f"\n[bold]{t('objection', lang)}[/bold]: {escape(ctx.objection)} {escape(ctx.contact)}")
    console.print(f"\n[bold]{t('l_appendix', lang)}[/bold]")
    for row in ctx.appendix:
        console.print(f"  {row.no}. {escape(row.title)} ({escape(row.outcome_label)}): {escape(row.detail)} [{escape(row.basis)}]")
    rec = ctx.record
    console.print(f"\n{t('decision_id', lang)} {rec.decision_id} · {t('run_id', lang)} {rec.run_id} · "
                  f"{t('pack', lang)} {rec.pack_id} {rec.pack_version} · {rec.pack_hash}")
    if ctx.receipt is not None:
        label = "Kode verifikasi" if lang == "id" else "Verification code"
        console.print(f"{label}: {ctx.receipt.code}", highlight=False)


@click.command("report")
@click.argument("kind", type=click.Choice(["letters", "committee", "inspector", "fairness", "monitoring",
                                           "round-letters", "round-report"]))
@run_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "md", "csv"]), default="html", show_default=True,
              help="html (print CSS), pdf (WeasyPrint), md or csv summaries for email.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="laporan", show_default=True,
              help="Directory to write the documents into.")
@click.option("--nip", "nips", multiple=True, help="Letters only: just these NIPs (repeatable).")
@click.option("--outcome", "outcomes", multiple=True,
              type=click.Choice(["eligible", "not_eligible", "needs_approval", "eligible_through_exception", "data_missing"]),
              help="Letters only: everyone with this verdict (repeatable), instead of the people the run affects.")
@click.option("--all", "everyone", is_flag=True, help="Letters only: everyone with a decision in the run.")
@click.option("--checkpoint", "checkpoint_path", type=click.Path(dir_okay=False), default=None,
              help="Inspector only: a checkpoint file the inspector kept (mutasi audit checkpoint); the log must extend it.")
@json_option
@db_option
@config_option
@trust_option
@sample_option
def report_cmd(kind: str, run_id: str | None, lang: str, fmt: str, out_dir: str, nips: tuple[str, ...],
               outcomes: tuple[str, ...], everyone: bool, checkpoint_path: str | None, as_json: bool,
               db: str, config_path: str | None, trust: str | None, sample: bool) -> int:
    """Render letters to employees, or the committee, inspector, fairness or monitoring report.

    Everything is rendered from the decisions recorded in the audit trail; nothing is
    re-computed. Letters go by default to the people the run affects (proposed, reviewed,
    not placed although they competed, or who asked for a move); --outcome and --all
    select others. No letter is written for a person who is not in the store. The inspector report exits 3 when the audit trail is not intact.
    A voluntary round: round-letters (each participant's points, cut-offs and result) and
    round-report (cut-offs per position, no names), html or pdf.

    \b
    Example: mutasi report letters --format pdf --out out/letters
    Example: mutasi report fairness --run 2 --lang en --format html --out out
    Example: mutasi report inspector --format md --out out
    Example: mutasi report inspector --checkpoint kept/checkpoint.txt --lang en
    """
    from reports.build import contexts, write_documents
    from reports.config import load_config

    if kind.startswith("round-") and fmt not in ("html", "pdf"):
        raise UsageError(f"{kind}: --format html or pdf")
    source = _source(db, sample)
    checkpoint_text = None
    if checkpoint_path is not None:
        try:
            checkpoint_text = Path(checkpoint_path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--checkpoint {checkpoint_path}: cannot read ({exc})") from None
    docs = contexts(kind, source, run_id, lang, _meta(sample), load_config(config_path), nips, fmt, trust,
                    outcomes, everyone, checkpoint_text)
    with progress_bar() as bar:
        task = bar.add_task(f"{kind} ({fmt}, {lang})", total=len(docs))
        written = write_documents(docs, fmt, Path(out_dir), progress=lambda: bar.advance(task))
    if as_json:
        emit_json({"report": kind, "format": fmt, "lang": lang, "files": [str(p) for p in written]})
    else:
        for p in written[:3]:
            console.print(str(p), highlight=False)
        if len(written) > 3:
            console.print(f"... {len(written) - 3} more in {out_dir}", highlight=False)
    if kind == "inspector" and any(not ctx.intact for _, _, ctx in docs):
        return EXIT_INTEGRITY
    return EXIT_OK


def register(cli: click.Group) -> None:
    """Add this module's verbs to the command group."""
    cli.add_command(explain_cmd)
    cli.add_command(report_cmd)
