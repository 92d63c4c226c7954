"""`mutasi rules diff|impact|analyze`: what changes between two packs, whom it affects, and a
formal check of a pack (issue 19). Added to the `rules` group of rules_cmd."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from rich.table import Table

from engine import Pack, load_pack
from mutasi.cli.common import (
    console,
    db_option,
    emit_json,
    json_option,
    lang_option,
    parse_as_of,
    progress_bar,
)
from mutasi.errors import EXIT_FINDINGS, EXIT_OK, UsageError

_PACK = click.Path(exists=True, file_okay=False, path_type=Path)


def _date(_c: click.Context, _p: click.Parameter, v: str | None) -> date | None:
    return None if v is None else parse_as_of(v)


def _print(text: str) -> None:
    console.print(text, highlight=False, markup=False, soft_wrap=True)


def load_two(old: Path, new: Path) -> tuple[Pack, Pack]:
    return load_pack(old), load_pack(new)


@click.command("diff", help=(
    "Bandingkan dua paket aturan: kriteria dan parameter yang ditambah, dihapus, diubah.\n\n"
    "Compare two rule packs: criteria and parameters added, removed and changed (conditions in\n"
    "words, values by date, legal basis), with both pack hashes. Exit 0 when nothing that\n"
    "decides differs, 1 when something does.\n\n"
    "Example: mutasi rules diff rules/nasional /tmp/nasional-6-bulan --as-of 2026-11-22"))
@click.argument("old", type=_PACK)
@click.argument("new", type=_PACK)
@click.option("--as-of", "as_of", callback=_date, default=None,
              help="Also show each changed parameter's value in force on this date (YYYY-MM-DD).")
@lang_option
@json_option
def diff_cmd(old: Path, new: Path, as_of: date | None, lang: str, as_json: bool) -> int:
    from engine.packdiff import diff_packs
    from reports.factmeta import from_engine
    from reports.whatif import diff_rows, w

    a, b = load_two(old, new)
    d = diff_packs(a, b, as_of)
    if as_json:
        emit_json(d.to_dict())
        return EXIT_OK if d.same else EXIT_FINDINGS
    _print(f"{w('pack', lang)} 1: {a.id} {a.version} {a.hash}")
    _print(f"{w('pack', lang)} 2: {b.id} {b.version} {b.hash}")
    rows = diff_rows(d, from_engine(), lang)
    if not rows:
        _print(w("no_change", lang))
        return EXIT_OK
    _print(w("diff_title", lang) + ":")
    for r in rows:
        _print(f"  {r.what}: {r.title} — {r.change}")
        _print(f"    1: {r.before}")
        _print(f"    2: {r.after}")
        if r.legal_basis:
            _print(f"    {w('legal_basis', lang)}: {r.legal_basis}")
    return EXIT_FINDINGS


@click.command("impact", help=(
    "Dampak perubahan aturan: putuskan ulang populasi dengan kedua paket, tanpa mencatat.\n\n"
    "Re-decide the candidates of a recorded run (--run N, at its as-of date) or everyone in the\n"
    "store (--as-of DATE) under OLD and NEW, in memory. Lists each person whose verdict\n"
    "changes, with the criterion, legal basis and values responsible; counts per verdict and\n"
    "unit; the change in the fairness impact ratios. --record records the NEW decisions as an\n"
    "ordinary evaluate run whose header names the comparison. --out writes the report (.html\n"
    "or .pdf). Exit 0 when no verdict changes, 1 when some do.\n\n"
    "Example: mutasi rules impact rules/nasional /tmp/nasional-6-bulan --as-of 2026-11-22"))
@click.argument("old", type=_PACK)
@click.argument("new", type=_PACK)
@db_option
@click.option("--run", "run", type=int, default=None, help="A recorded evaluate or plan run.")
@click.option("--as-of", "as_of", callback=_date, default=None,
              help="Date to decide everyone in the store as of (YYYY-MM-DD).")
@click.option("--record", is_flag=True, help="Record the NEW pack's decisions as a run.")
@click.option("--actor", envvar="MUTASI_ACTOR", default=None,
              help="Who records (with --record; env MUTASI_ACTOR).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the impact report to this .html or .pdf file.")
@lang_option
@json_option
def impact_cmd(old: Path, new: Path, db: str, run: int | None, as_of: date | None, record: bool,
               actor: str | None, out: Path | None, lang: str, as_json: bool) -> int:
    from mutasi.runs.impact import compute_impact

    if record and not (actor or "").strip():
        raise UsageError("--record needs --actor (who records the run)")
    if out is not None and out.suffix.lower() not in (".html", ".pdf"):
        raise UsageError(f"--out {out}: the report is written as .html or .pdf")
    a, b = load_two(old, new)
    with progress_bar(quiet=as_json) as bar:
        task = bar.add_task("Dampak / impact", total=None)
        result = compute_impact(db, a, b, as_of=as_of, run=run,
                                record_actor=actor if record else None,
                                progress=lambda d, t: bar.update(task, completed=d, total=t))
    if out is not None:
        from mutasi.runs.whatif_report import write_impact_report

        write_impact_report(result, out, lang)
    if as_json:
        emit_json(result.to_dict())
    else:
        print_impact(result, lang)
        if out is not None:
            _print(str(out))
    return EXIT_FINDINGS if result.changes else EXIT_OK


def print_impact(result: object, lang: str) -> None:
    from engine.impact import ImpactResult
    from reports.factmeta import from_engine
    from reports.whatif import (
        diff_rows,
        fairness_rows,
        person_rows,
        placement_rows,
        transition_rows,
        unit_rows,
        verdict_rows,
    )

    assert isinstance(result, ImpactResult)
    meta = from_engine()
    idn = lang == "id"
    for r in diff_rows(result.diff, meta, lang):
        _print(f"{r.what}: {r.title} — {r.change}: {r.before} → {r.after} ({r.legal_basis})")
    head = (f"{result.people} orang dinilai ulang per {result.as_of}; putusan berubah: {len(result.changes)}"
            if idn else f"{result.people} people re-decided as of {result.as_of}; verdict changes: "
            f"{len(result.changes)}")
    _print(head)
    for p in person_rows(result, meta, lang):
        _print(f"{p.nip}  {p.name} — {p.unit}: {p.old} → {p.new}")
        for title, basis, words in p.why:
            _print(f"    {title} ({basis}): {words}")
    for title, rows, cols in (
            ("Putusan" if idn else "Verdicts", verdict_rows(result, lang), ("", "1", "2")),
            ("Perpindahan putusan" if idn else "Verdict moves", transition_rows(result, lang),
             ("", "", "")),
            ("Unit", unit_rows(result, lang), ("", "1", "2", "Δ")),
            ("Rasio dampak" if idn else "Impact ratios", fairness_rows(result, lang), ("", "1", "2", "n"))):
        if not rows:
            continue
        tb = Table(title=title)
        for c in cols:
            tb.add_column(c)
        for cr in rows:
            tb.add_row(*([cr.label, cr.old, cr.new] + ([cr.extra] if len(cols) > 3 else [])))
        console.print(tb)
    placements = placement_rows(result, lang)
    if placements is not None:
        _print(("Penempatan yang berubah: " if idn else "Placements that change: ") + str(len(placements)))
        for cr in placements:
            _print(f"  {cr.label}: {cr.old} → {cr.new}")
    if result.recorded_run is not None:
        _print(("Dicatat sebagai proses " if idn else "Recorded as run ") + str(result.recorded_run))


@click.command("analyze", help=(
    "Periksa paket aturan secara formal dengan pemecah SMT (z3).\n\n"
    "Formal check of a rule pack with an SMT solver (z3), over the facts' types and the\n"
    "pack's parameters: conditions that never hold or always hold, requirements nobody can\n"
    "pass together, exceptions that cannot lift, gaps and overlaps in dated parameter values.\n"
    "With a second pack: whether both decide every person alike, else a person they decide\n"
    "differently. Each finding comes with a counterexample written as a pack example case\n"
    "(paste it under tests/). Analysed at --as-of, else at every date on which what is in\n"
    "force changes. Each question is bounded by --timeout; a question the solver gives up on\n"
    "is reported as unknown. Findings explained in the pack's analysis.yaml are listed but do\n"
    "not count. Exit 0 when no finding is unexplained (packs equivalent), 1 otherwise.\n\n"
    "Example: mutasi rules analyze rules/nasional\n"
    "Example: mutasi rules analyze rules/nasional /tmp/nasional-6-bulan --as-of 2026-11-22"))
@click.argument("pack", type=_PACK)
@click.argument("other", type=_PACK, required=False)
@click.option("--as-of", "as_of", callback=_date, default=None,
              help="Analyse at this date only (YYYY-MM-DD).")
@click.option("--timeout", "timeout_ms", type=click.IntRange(1, 600_000), default=2000,
              show_default=True, help="Time limit of each solver question, in milliseconds.")
@click.option("--cases", "cases_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write each counterexample case to a YAML file in this folder.")
@lang_option
@json_option
def analyze_cmd(pack: Path, other: Path | None, as_of: date | None, timeout_ms: int,
                cases_dir: Path | None, lang: str, as_json: bool) -> int:
    from engine.analyze import analyze_pack, case_yaml, compare_packs
    from engine.analyze.findings import Finding
    from reports.whatif import finding_words

    a = load_pack(pack)
    with progress_bar(quiet=as_json) as bar:
        task = bar.add_task("Analisis / analysis", total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
        if other is None:
            result = analyze_pack(a, pack, as_of, timeout_ms, step)
        else:
            result = compare_packs(a, load_pack(other), as_of, timeout_ms, step)
    if cases_dir is not None:
        cases_dir.mkdir(parents=True, exist_ok=True)
        for i, f in enumerate(result.findings, 1):
            if f.case is not None:
                name = "-".join([f.code.lower(), *(f.criteria or (f.part,))])
                (cases_dir / f"{i:02d}-{name}.yaml").write_text(case_yaml(f.case), encoding="utf-8")
    if as_json:
        emit_json(result.to_dict())
        return EXIT_FINDINGS if result.unexplained else EXIT_OK

    def show(f: Finding) -> None:
        what = ", ".join(f.criteria) or f.part
        _print(f"{f.source or '-'}: {f.code} {finding_words(f.kind, lang)}: {what}"
               + (f" [{f.part}]" if f.criteria and f.part else ""))
        _print("    " + ("tanggal / dates" if lang == "id" else "dates") + ": " + ", ".join(f.dates))
        if f.detail:
            _print("    " + ", ".join(f"{k}: {v}" for k, v in sorted(f.detail.items())))
        if f.explained:
            _print("    " + ("dijelaskan: " if lang == "id" else "explained: ") + f.explained[lang])
        if f.case is not None:
            for line in case_yaml(f.case).splitlines():
                _print("      " + line)
    for f in result.findings:
        show(f)
    idn = lang == "id"
    _print((f"{len(result.findings)} temuan ({len(result.unexplained)} belum dijelaskan), "
            f"{result.queries} pertanyaan, {result.unknown} tidak diketahui, tanggal: {', '.join(result.dates)}")
           if idn else
           (f"{len(result.findings)} finding(s) ({len(result.unexplained)} unexplained), "
            f"{result.queries} questions, {result.unknown} unknown, dates: {', '.join(result.dates)}"))
    if result.approximations:
        _print(("perkiraan (tak terlihat oleh pemecah): " if idn else "approximated (opaque to the solver): ")
               + "; ".join(result.approximations))
    return EXIT_FINDINGS if result.unexplained else EXIT_OK


def register(cli: click.Group) -> None:
    """Add diff, impact and analyze to the `rules` group (rules_cmd registers it first)."""
    group = cli.commands["rules"]
    assert isinstance(group, click.Group)
    group.add_command(diff_cmd)
    group.add_command(impact_cmd)
    group.add_command(analyze_cmd)
