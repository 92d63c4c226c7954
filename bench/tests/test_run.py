"""Checks of bench/run.py's own machinery (no timings)."""

from __future__ import annotations

import sys

from bench import run as R
from bench.steps import run


def test_step_measures_a_child_and_reads_its_json() -> None:
    s = run("probe", [sys.executable, "-c", "import json; print(json.dumps({'ok': True, 'n': 3}))"])
    assert s.code == 0 and s.out == {"ok": True, "n": 3}
    assert s.wall > 0 and s.cpu > 0 and s.rss_mb > 1  # a Python process: some CPU, some MB


def test_step_keeps_a_failing_exit_code() -> None:
    s = run("probe", [sys.executable, "-c", "raise SystemExit(3)"])
    assert s.code == 3 and s.out == ""


def test_gaps_say_how_far_off() -> None:
    assert R.gap_over(0.2, 0.3, "s") == ""
    assert R.gap_over(0.6, 0.3, "s") == "2.0x over (0.6 vs 0.3 s)"
    assert R.gap_under(25_000, 20_000, "emp/s") == ""
    assert R.gap_under(5_000, 20_000, "emp/s") == "4.0x short (5,000 vs 20,000 emp/s)"


def test_scale_targets_flag_growing_memory() -> None:
    a, b = R.Step("import", []), R.Step("import", [])
    a.wall, a.cpu, a.rss_mb = 1.0, 1.0, 100.0
    b.wall, b.cpu, b.rss_mb = 10.0, 10.0, 900.0
    rows = {t.name: t for t in R.scale_targets([10_000, 100_000], {"import": {10_000: a, 100_000: b}})}
    rss = rows["import: peak RSS"]
    assert rss.met is False and "grows 9.0x" in rss.gap
    thr = rows["import: throughput"]  # 100 us CPU per extra employee, one process: 10,000/s
    assert thr.met is False and "10,000/s" in thr.measured


def test_fixed_cost_is_told_apart_from_the_cost_per_employee() -> None:
    a, b = R.Step("evaluate", []), R.Step("evaluate", [])
    a.cpu, b.cpu = 2.0, 11.0  # 1 s start-up + 100 us per employee
    fixed, marginal = R.fixed_and_marginal({10_000: a, 100_000: b})
    assert abs(fixed - 1.0) < 1e-9 and abs(marginal - 100.0) < 1e-9
    assert R.fixed_and_marginal({10_000: a}) == (0.0, 200.0)  # one size: all of it per employee
