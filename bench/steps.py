"""Run one `mutasi` command as a user would and measure it: wall, CPU, peak RSS, load.

CPU and peak RSS come from the kernel's accounting of the finished child (os.wait4): user +
system time of the command and of every worker process it waited for, and the largest
resident set among them. CPU time is what the other jobs on a shared machine do not inflate.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MUTASI = [sys.executable, "-m", "mutasi"]


@dataclass
class Step:
    name: str
    argv: list[str]
    wall: float = 0.0
    cpu: float = 0.0  # user + system seconds, the command and its waited-for children
    rss_mb: float = 0.0  # peak resident set of the largest of those processes
    load: float = 0.0  # 1-minute load average when the step started
    code: int = 0
    out: Any = None  # the command's --json output, when it printed JSON
    extra: dict[str, Any] = field(default_factory=dict)

    def per(self, n: int) -> tuple[float, float]:
        """(items per wall second, CPU microseconds per item)."""
        return n / self.wall if self.wall else 0.0, 1e6 * self.cpu / n if n else 0.0


def run(name: str, argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
        quiet: bool = True) -> Step:
    """Run `argv`, wait for it with wait4 (its own rusage), parse stdout as JSON if it is."""
    step = Step(name, argv, load=os.getloadavg()[0])
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL if quiet else None)
    assert proc.stdout is not None
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    step.wall = time.perf_counter() - t0
    step.cpu = usage.ru_utime + usage.ru_stime
    step.rss_mb = usage.ru_maxrss / 1024
    step.code = proc.returncode
    try:
        step.out = json.loads(stdout)
    except ValueError:
        step.out = stdout.decode("utf-8", "replace")
    return step


def mutasi(name: str, *args: str, **kw: Any) -> Step:
    step = run(name, [*MUTASI, *args], **kw)
    if step.code != 0:
        raise SystemExit(f"bench: `mutasi {' '.join(args)}` exited {step.code}: {str(step.out)[:2000]}")
    return step


def median_step(name: str, argv: list[str], times: int) -> Step:
    """The run with the median wall time of `times` runs (start-up figures are small)."""
    steps = sorted((run(name, argv) for _ in range(times)), key=lambda s: s.wall)
    return steps[len(steps) // 2]
