"""`mutasi rules check PATH...` and `mutasi rules test PATH...`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from engine.cases import case_files, load_cases
from engine.errors import PackError
from engine.load import check_paths, find_packs, load_pack
from mutasi.cli.common import console, emit_json, json_option
from mutasi.errors import EXIT_FINDINGS, EXIT_OK, Problem, UsageError


def _problem_dict(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "col": p.col, "code": p.code, "field": p.field,
            "message": p.message, "hint": p.hint}


@click.group(name="rules", help="Periksa dan uji paket aturan / check and test rule packs.")
def rules_group() -> None:
    pass


@rules_group.command(name="check", help=(
    "Periksa paket aturan: skema, fakta, parameter, tipe, tanggal, atribut terlindungi.\n\n"
    "Check rule packs; every problem is listed, sorted by file:line:col, with a stable code.\n"
    "PATH is a pack folder or a folder of packs. Exit 1 when any problem is found.\n\n"
    "Example: mutasi rules check rules/"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
def check_cmd(paths: tuple[Path, ...], as_json: bool) -> int:
    problems = check_paths(list(paths))
    packs = [str(p) for path in paths for p in find_packs(path)]
    if as_json:
        emit_json({"packs": packs, "problems": [_problem_dict(p) for p in problems],
                   "ok": not problems})
    else:
        for p in problems:
            console.print(str(p), highlight=False, markup=False, soft_wrap=True)
        console.print(f"{len(packs)} pack(s), {len(problems)} problem(s)", highlight=False)
    return EXIT_FINDINGS if problems else EXIT_OK


@rules_group.command(name="test", help=(
    "Jalankan contoh kasus paket (rules/<paket>/tests/*.yaml) dan tampilkan cakupan kriteria.\n\n"
    "Run every pack's example cases, print pass/fail per case and the criteria no case\n"
    "checks (coverage). Exit 1 when a case fails or a pack does not load.\n\n"
    "Example: mutasi rules test rules/ --json"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--backend", type=click.Choice(["durable", "reference"]), default="durable",
              show_default=True, help="Evaluator backend (reference: for comparison only).")
@json_option
def test_cmd(paths: tuple[Path, ...], backend: str, as_json: bool) -> int:
    from engine.packtest import CaseRunner, coverage, published_coverage  # runs the engine

    report: list[dict[str, Any]] = []
    failed = False
    dirs = [p for path in paths for p in find_packs(path)]
    if not dirs:
        raise UsageError(f"no rule pack (pack.yaml) under {', '.join(map(str, paths))}")
    for pack_dir in dirs:
        entry: dict[str, Any] = {"pack": str(pack_dir), "cases": [], "problems": [], "uncovered": []}
        report.append(entry)
        try:
            pack = load_pack(pack_dir)
        except PackError as exc:
            entry["problems"] = [_problem_dict(p) for p in exc.problems]
            failed = True
            continue
        runner = CaseRunner(pack, backend)
        all_cases = []
        for f in case_files(pack_dir):
            cases, problems = load_cases(f)
            entry["problems"] += [_problem_dict(p) for p in problems]
            failed = failed or bool(problems)
            for case in cases:
                try:
                    res = runner.run(case)
                    fails = res.failures
                except PackError as exc:
                    fails = [str(exc)] + [str(p) for p in exc.problems]
                all_cases.append(case)
                failed = failed or bool(fails)
                entry["cases"].append({"name": case.name, "file": case.file, "line": case.line,
                                       "ok": not fails, "failures": fails,
                                       "published": case.source is not None})
        runner.close()
        entry["uncovered"] = coverage(pack, all_cases)
        entry["published_cases"] = sum(c.source is not None for c in all_cases)
        entry["published_coverage"] = published_coverage(all_cases)
        entry["criteria"] = len(pack.criteria)
    if as_json:
        emit_json({"packs": report, "ok": not failed})
    else:
        _print_test_report(report)
    return EXIT_FINDINGS if failed else EXIT_OK


def _print_test_report(report: list[dict[str, Any]]) -> None:
    out = console
    for entry in report:
        out.print(f"== {entry['pack']}", highlight=False, markup=False, soft_wrap=True)
        for p in entry["problems"]:
            out.print(f"  {p['file']}:{p['line']}:{p['col']}: {p['code']} {p['message']}",
                      highlight=False, markup=False, soft_wrap=True)
        for c in entry["cases"]:
            mark = "PASS" if c["ok"] else "FAIL"
            out.print(f"  {mark} {c['file']}:{c['line']} {c['name']}", highlight=False, markup=False, soft_wrap=True)
            for f in c["failures"]:
                out.print(f"       {f}", highlight=False, markup=False, soft_wrap=True)
        n_ok = sum(c["ok"] for c in entry["cases"])
        out.print(f"  {n_ok}/{len(entry['cases'])} cases pass", highlight=False, markup=False, soft_wrap=True)
        if "criteria" in entry:
            unc = entry["uncovered"]
            covered = entry["criteria"] - len(unc)
            out.print(f"  coverage: {covered}/{entry['criteria']} criteria checked by a case"
                      + (f"; never exercised: {', '.join(unc)}" if unc else ""),
                      highlight=False, markup=False, soft_wrap=True)
        if entry.get("published_cases"):
            out.print(f"  published cases: {entry['published_cases']}", highlight=False,
                      markup=False, soft_wrap=True)
            for cid, names in entry["published_coverage"].items():
                out.print(f"    {cid}: {'; '.join(names)}", highlight=False, markup=False,
                          soft_wrap=True)


def register(cli: click.Group) -> None:
    """Add this module's verbs to the command group."""
    cli.add_command(rules_group)
