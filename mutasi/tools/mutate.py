"""`make mutate`: mutation testing of the deciding and verifying core (issue #22).

Each mutant (mutasi/tools/mutants.py) is one small change to a target module. It is
detected when one of the tests that run its lines fails or times out. Which tests run which
line comes from one coverage run with a context per test. Mutants run in forked children of
one pytest session that has imported the code and collected the tests: a child swaps the
code objects of the module's functions in place (so every `from x import f` sees the
change), runs only the covering test items (fastest first, stop at the first failure) and
exits. A test that runs past its CPU budget (3x its measured time + 10 s of CPU time, so
other jobs on the machine do not matter) times out the mutant, which counts as detected once
the unchanged code is seen to pass the same tests within the same budgets. Results are
written to build/mutate/progress.jsonl as they come.

Survivors that cannot change behaviour are listed with their reason in
docs/mutation-equivalents.yaml. Exit status 1 when a module is under its threshold or a
survivor is not listed there.

    python -m mutasi.tools.mutate [--module engine/policy.py] [--jobs N] [--show KEY]
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import functools
import importlib
import json
import math
import os
import signal
import subprocess
import sys
import time
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mutasi.tools.mutants import Mutant, list_mutants, mutated_tree

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "build" / "mutate"
EQUIVALENTS = ROOT / "docs" / "mutation-equivalents.yaml"


@dataclass(frozen=True)
class Target:
    path: str
    threshold: float
    functions: tuple[str, ...] | None = None  # only these top-level functions
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.path


TARGETS = (
    Target("engine/policy.py", 95),
    Target("engine/condition_tree.py", 95, label="engine/condition_tree.py (evaluation)"),
    Target("engine/conditions.py", 95, label="engine/conditions.py (pack checker)"),
    Target("engine/counterfactual.py", 95),
    Target("engine/workload.py", 95),
    Target("audit/hashing.py", 95),
    Target("audit/verify.py", 95),
    Target("audit/verify_decisions.py", 95),
    Target("engine/dates.py", 90, label="engine/dates.py (date helpers)"),
)


def _mutants(t: Target) -> list[Mutant]:
    found = list_mutants((ROOT / t.path).read_text("utf-8"), t.path)
    if t.functions is None:
        return found
    return [m for m in found if m.qualname.split(".")[0] in t.functions]


# ---- which test runs which line ---------------------------------------------------------

def _is_test_file(f: str) -> bool:
    return Path(f).name.startswith("test_") and f.endswith(".py")


def _coverage_map(paths: list[str]) -> dict[str, Any]:
    """{"lines": {path: {line: [test ids]}}, "durations": {test id: seconds}}.

    Cached in build/mutate/coverage.json: a change to any source file (anything but a
    test_*.py) runs the whole suite again; a changed or new test file runs only that file."""
    import hashlib

    h = hashlib.sha256("\n".join(sorted(paths)).encode())
    tests: dict[str, str] = {}
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    for f in sorted(x for x in listed if x.endswith((".py", ".yaml", ".yml", ".csv", ".toml"))):
        if not (ROOT / f).is_file() or f.startswith(("docs/", "mutasi/tools/", "build/")):
            continue
        data = (ROOT / f).read_bytes()
        if _is_test_file(f):
            tests[f] = hashlib.sha256(data).hexdigest()
        else:
            h.update(f.encode() + b"\0" + data)
    key = h.hexdigest()[:16]
    cache = OUT / "coverage.json"
    old = json.loads(cache.read_text("utf-8")) if cache.exists() else {}
    if old.get("source") == key:
        redo = sorted(f for f in tests if old["tests"].get(f) != tests[f])
        gone = [f for f in old["tests"] if f not in tests or f in redo]
    else:
        old, redo, gone = {}, [], []
    if old and not redo and not gone:
        return dict(old)
    OUT.mkdir(parents=True, exist_ok=True)
    part = OUT / "coverage-part.json"
    what = f"{len(redo)} changed test file(s)" if old else "the whole test suite"
    print(f"coverage: running {what} with a context per test", file=sys.stderr)
    rc = 0
    if redo or not old:
        rc = subprocess.run([sys.executable, "-m", "mutasi.tools.mutate", "--_coverage", str(part),
                             *paths, "--", *redo], cwd=ROOT).returncode
        if rc != 0 or not part.exists():
            raise SystemExit(f"coverage run failed (exit {rc})")
        new = json.loads(part.read_text("utf-8"))
    else:
        new = {"lines": {}, "durations": {}}
    if old:  # drop what the changed and removed files recorded, then add the new run
        def keep(t: str) -> bool:
            return t.split("::")[0] not in gone
        lines = {p: {n: [t for t in ts if keep(t)] for n, ts in by.items()}
                 for p, by in old["lines"].items()}
        for p, by in new["lines"].items():
            for n, ts in by.items():
                lines.setdefault(p, {}).setdefault(n, [])
                lines[p][n] = sorted(set(lines[p][n]) | set(ts))
        durations = {t: d for t, d in old["durations"].items() if keep(t)} | new["durations"]
        new = {"lines": lines, "durations": durations}
    new.update(source=key, tests=tests)
    cache.write_text(json.dumps(new), "utf-8")
    return new


def _hypothesis_profile() -> None:
    try:
        from hypothesis import settings
    except ImportError:
        return
    settings.register_profile("mutate", deadline=None, database=None, derandomize=True)
    settings.load_profile("mutate")


def _run_coverage(out: Path, paths: list[str], test_files: list[str]) -> int:
    import coverage
    import pytest

    files = [str(ROOT / p) for p in paths]
    cov = coverage.Coverage(data_file=str(out) + ".data", include=files, branch=False)
    durations: dict[str, float] = {}
    passed: set[str] = set()

    class Contexts:
        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_protocol(self, item: Any, nextitem: Any) -> Any:
            cov.switch_context(item.nodeid)
            t0 = time.perf_counter()
            yield
            durations[item.nodeid] = time.perf_counter() - t0
            cov.switch_context("")

        def pytest_runtest_logreport(self, report: Any) -> None:
            if report.when == "call" and report.passed:
                passed.add(report.nodeid)

    _hypothesis_profile()
    cov.start()
    try:
        rc = pytest.main(["-q", "-p", "no:cacheprovider", "-o", "addopts=", "--tb=line",
                          *test_files], plugins=[Contexts()])
    finally:
        cov.stop()
    data = cov.get_data()
    lines: dict[str, dict[str, list[str]]] = {}
    for p, f in zip(paths, files, strict=True):
        by_line = data.contexts_by_lineno(f)
        lines[p] = {str(n): sorted(c for c in ctxs if c in passed) for n, ctxs in by_line.items()}
    out.write_text(json.dumps({"lines": lines, "durations": durations}), "utf-8")
    Path(str(out) + ".data").unlink(missing_ok=True)
    return 0 if rc in (0, 1) else int(rc)


MODULE_BUDGET = 30.0  # seconds of measured test time per module-level constant's mutant


@functools.cache  # every constant of a module asks: parse it once per statement
def _readers(path: str, lines: tuple[int, int]) -> set[int] | None:
    """Lines of module ``path`` that read a name the module-level statement at ``lines``
    assigns (None when it assigns no plain name). A mutated constant is put into the module
    itself (modules that imported it keep the original object, see _apply), so only these
    lines can behave differently."""
    tree = ast.parse((ROOT / path).read_text("utf-8"))
    names: set[str] = set()
    spans = []
    for stmt in tree.body:
        end = stmt.end_lineno or stmt.lineno
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.lineno <= lines[1] and lines[0] <= end:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
            spans.append((stmt.lineno, end))
    if not names:
        return None
    out = {n.lineno for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
           and n.id in names and not any(a <= n.lineno <= b for a, b in spans)}
    # a default value is read when the module is imported, outside any test: the tests that
    # can see it are those that run the function's body
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            defaults = [*fn.args.defaults, *(d for d in fn.args.kw_defaults if d is not None)]
            if any(isinstance(n, ast.Name) and n.id in names for d in defaults for n in ast.walk(d)):
                out |= set(range(fn.body[0].lineno, (fn.end_lineno or fn.lineno) + 1))
    return out


def _tests_for(m: Mutant, cmap: dict[str, Any], budget: float | None = None) -> list[str]:
    by_line = cmap["lines"].get(m.path, {})
    lo, hi = m.lines if m.in_body else m.function_lines
    if not m.in_body and m.qualname == "<module>":
        lo, hi = 1, 10**9
        readers = _readers(m.path, m.lines)
        if readers is not None:  # only the tests that run a line reading the constant, and of
            # those the fastest within MODULE_BUDGET: a table of constants read by one line of a
            # checker is covered by every test that loads a pack (a weaker check: it can only
            # leave more survivors, each then listed or killed)
            tests = {t for n, ts in by_line.items() if int(n) in readers for t in ts}
            return _fastest(tests, cmap, min(budget or MODULE_BUDGET, MODULE_BUDGET))
    tests = {t for n, ts in by_line.items() if lo <= int(n) <= hi for t in ts}
    return _fastest(tests, cmap, budget)


def _fastest(tests: set[str], cmap: dict[str, Any], budget: float | None) -> list[str]:
    d = cmap["durations"]
    chosen = sorted(tests, key=lambda t: (d.get(t, 0.0), t))
    if budget is not None:  # the fastest tests that fit the budget (a quicker, weaker check)
        spent, cut = 0.0, 0
        for cut, t in enumerate(chosen, 1):
            spent += d.get(t, 0.0)
            if spent > budget:
                cut -= 1
                break
        chosen = chosen[:max(cut, 1)]
    return chosen


# ---- running one mutant -----------------------------------------------------------------

def _transplant(old: Any, new: Any, filename: str) -> None:
    if isinstance(old, types.FunctionType) and isinstance(new, types.FunctionType):
        old = getattr(old, "__wrapped__", old)
        if new.__code__.co_filename == filename:
            old.__code__ = new.__code__
            old.__defaults__ = new.__defaults__
            old.__kwdefaults__ = new.__kwdefaults__
    elif isinstance(old, property) and isinstance(new, property):
        for a in ("fget", "fset", "fdel"):
            if getattr(old, a) is not None and getattr(new, a) is not None:
                _transplant(getattr(old, a), getattr(new, a), filename)
    elif isinstance(old, staticmethod | classmethod) and isinstance(new, type(old)):
        _transplant(old.__func__, new.__func__, filename)
    elif isinstance(old, type) and isinstance(new, type) and old is not new:
        for k, v in vars(new).items():
            if k in vars(old):
                _transplant(vars(old)[k], v, filename)


def _apply(m: Mutant) -> None:
    """Put mutant m into the already imported module, in place."""
    name = m.path[:-3].replace("/", ".")
    module = importlib.import_module(name)
    source = (ROOT / m.path).read_text("utf-8")
    code = compile(mutated_tree(source, m.path, m.index), str(module.__file__), "exec")
    ns: dict[str, Any] = {"__name__": name, "__file__": module.__file__,
                          "__package__": module.__package__}
    exec(code, ns)
    for k, new in ns.items():
        if k.startswith("__"):
            continue
        old = module.__dict__.get(k)
        if old is new or isinstance(new, types.ModuleType):
            continue
        if isinstance(new, types.FunctionType | type):
            if getattr(new, "__module__", None) == name:
                _transplant(old, new, str(module.__file__))
            continue
        try:
            same = bool(old == new) and type(old) is type(new)
        except Exception:
            same = False
        if not same:
            setattr(module, k, new)


CPU_FACTOR, CPU_SLACK = 3.0, 10.0  # a test may use 3x its measured time + 10 s of CPU


def _budgets(tests: list[str], cmap: dict[str, Any], scale: float = 1.0) -> list[float]:
    """CPU seconds each test may use: a mutant that loops dies in its first looping test.
    CPU time, not wall time: other jobs on the machine do not turn a slow pass into a kill."""
    d = cmap["durations"]
    return [scale * (CPU_FACTOR * d.get(t, 1.0) + CPU_SLACK) for t in tests]


def _child(m: Mutant | None, tests: list[str], budgets: list[float], items: dict[str, Any]) -> None:
    """Runs in the forked child: put the mutant in place (None: the code as it is), run the
    collected test items, each under its CPU budget (SIGPROF), all under a wall-clock
    backstop (SIGALRM) for a test that hangs without using CPU."""
    from _pytest.runner import runtestprotocol

    signal.alarm(int(math.ceil(10 * sum(budgets) + 120)))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    if m is not None:
        _apply(m)
    chosen = [(items[t], b) for t, b in zip(tests, budgets, strict=True) if t in items]
    for i, (item, budget) in enumerate(chosen):
        nextitem = chosen[i + 1][0] if i + 1 < len(chosen) else None
        signal.setitimer(signal.ITIMER_PROF, budget)
        failed = any(r.failed for r in runtestprotocol(item, nextitem=nextitem, log=False))
        signal.setitimer(signal.ITIMER_PROF, 0)
        if failed:
            os._exit(1)
    os._exit(0 if chosen else 5)


def _spawn(m: Mutant | None, tests: list[str], budgets: list[float], items: dict[str, Any]) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        try:
            _child(m, tests, budgets, items)
        finally:
            os._exit(70)
    return pid


def _state(status: int) -> str:
    if os.WIFSIGNALED(status):
        return "timeout" if os.WTERMSIG(status) in (signal.SIGALRM, signal.SIGPROF) else "killed"
    rc = os.WEXITSTATUS(status)
    if rc in (4, 5, 70):  # usage error, no tests ran, or the mutant could not be built
        return "error"
    return "survived" if rc == 0 else "killed"


def _run_now(m: Mutant | None, tests: list[str], budgets: list[float], items: dict[str, Any]) -> str:
    _, status = os.waitpid(_spawn(m, tests, budgets, items), 0)
    return _state(status)


class _Server:
    """pytest plugin: the session collects every test once, then instead of running them
    forks one child per mutant (so no child pays for start-up, imports or collection)."""

    def __init__(self, mutants: list[Mutant], cmap: dict[str, Any], jobs: int,
                 budget: float | None) -> None:
        self.args = mutants, cmap, jobs, budget
        self.results: list[Result] = []

    def pytest_runtestloop(self, session: Any) -> bool:
        items = {it.nodeid: it for it in session.items}
        self.results = _run_all(*self.args, items=items)
        return True


@dataclass
class Result:
    mutant: Mutant
    status: str  # killed, timeout, survived, no_tests
    tests: int
    seconds: float


def _preload() -> None:
    """Import the code once, in the parent, so no child pays for it."""
    for pkg in ("engine", "audit", "reports", "mutasi"):
        for f in sorted((ROOT / pkg).rglob("*.py")):
            mod = ".".join(f.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            if "tools" in mod.split(".") or mod.endswith("__main__"):
                continue
            with contextlib.suppress(Exception):  # an optional part not installed
                importlib.import_module(mod)
    _hypothesis_profile()


def _run_all(mutants: list[Mutant], cmap: dict[str, Any], jobs: int,
             budget: float | None, items: dict[str, Any]) -> list[Result]:
    results: list[Result] = []
    running: dict[int, tuple[Mutant, list[str], float]] = {}
    queue = list(mutants)
    OUT.mkdir(parents=True, exist_ok=True)
    progress = (OUT / "progress.jsonl").open("w", encoding="utf-8")  # readable while it runs

    def finish(r: Result) -> None:
        results.append(r)
        progress.write(json.dumps({"key": r.mutant.key, "status": r.status, "tests": r.tests,
                                   "seconds": round(r.seconds, 2)}) + "\n")
        progress.flush()
        print(f"\r  {len(results)}/{len(mutants)} mutants", end="", file=sys.stderr, flush=True)

    while queue or running:
        while queue and len(running) < jobs:
            m = queue.pop(0)
            tests = _tests_for(m, cmap, budget)
            if not tests:
                finish(Result(m, "no_tests", 0, 0.0))
                continue
            pid = _spawn(m, tests, _budgets(tests, cmap), items)
            running[pid] = (m, tests, time.perf_counter())
        if not running:
            continue
        pid, status = os.wait()
        if pid not in running:
            continue
        m, tests, t0 = running.pop(pid)
        state = _state(status)
        if state == "timeout":
            state = _confirm_timeout(m, tests, cmap, items)
        finish(Result(m, state, len(tests), time.perf_counter() - t0))
    print(file=sys.stderr)
    progress.close()
    return sorted(results, key=lambda r: (r.mutant.path, r.mutant.index))


_BASELINE: dict[tuple[str, ...], str] = {}


def _confirm_timeout(m: Mutant, tests: list[str], cmap: dict[str, Any], items: dict[str, Any]) -> str:
    """A timeout counts as detected only if the code as it is passes the same tests within the
    same budgets (a test's first run may pay for a fixture another test was measured with);
    if it does not, the mutant runs again with ten times the budgets."""
    key = tuple(tests)
    if key not in _BASELINE:
        _BASELINE[key] = _run_now(None, tests, _budgets(tests, cmap), items)
    if _BASELINE[key] == "survived":
        return "timeout"
    return _run_now(m, tests, _budgets(tests, cmap, scale=10.0), items)


# ---- report -----------------------------------------------------------------------------

def load_equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    if not path.exists():
        return {}
    items = yaml.safe_load(path.read_text("utf-8")) or []
    return {str(i["mutant"]): str(i["reason"]) for i in items}


def _report(targets: list[Target], results: list[Result], equivalents: dict[str, str]) -> int:
    bad = 0
    rows = []
    unlisted: list[Result] = []
    keys = {r.mutant.key for r in results}
    for t in targets:
        mine = [r for r in results if r.mutant.path == t.path and (
            t.functions is None or r.mutant.qualname.split(".")[0] in t.functions)]
        det = sum(r.status in ("killed", "timeout") for r in mine)
        surv = [r for r in mine if r.status not in ("killed", "timeout")]
        eq = sum(r.mutant.key in equivalents for r in surv)
        unlisted += [r for r in surv if r.mutant.key not in equivalents]
        pct = 100.0 * det / len(mine) if mine else 100.0
        ok = pct >= t.threshold
        bad += not ok
        rows.append((t.name, len(mine), det, len(surv), eq, pct, t.threshold, ok))
    print(f"{'module':34} {'mutants':>7} {'detected':>8} {'survived':>8} {'equiv.':>6} {'score':>7}  need")
    for name, n, det, n_surv, eq, pct, thr, ok in rows:
        print(f"{name:34} {n:7} {det:8} {n_surv:8} {eq:6} {pct:6.1f}%  {thr:.0f}%{'' if ok else '  BELOW'}")
    if unlisted:
        print(f"\n{len(unlisted)} survivor(s) not listed in {EQUIVALENTS.relative_to(ROOT)}:")
        for r in unlisted:
            why = {"no_tests": "no test runs this line", "error": "could not run"}.get(r.status, "survived")
            print(f"  {r.mutant.path}:{r.mutant.lines[0]} [{why}] {r.mutant.key}")
    stale = sorted(k for k in equivalents if k not in keys and any(
        k.startswith(t.path + "::") for t in targets))
    if stale:
        print(f"\n{len(stale)} listed equivalent(s) match no mutant any more (remove them):")
        for k in stale:
            print(f"  {k}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps([
        {"key": r.mutant.key, "line": r.mutant.lines[0], "status": r.status, "tests": r.tests,
         "seconds": round(r.seconds, 2)} for r in results], indent=1), "utf-8")
    return 1 if bad or unlisted else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="mutate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--module", action="append", help="only this target (repeatable)")
    ap.add_argument("--jobs", "-j", type=int, default=1)
    ap.add_argument("--show", metavar="KEY", help="print the mutated function of one mutant")
    ap.add_argument("--list", action="store_true", help="list the mutants only")
    ap.add_argument("--budget", type=float, metavar="SECONDS",
                    help="per mutant, only the fastest covering tests that fit (while developing)")
    ap.add_argument("--tests", nargs="+", metavar="FILE",
                    help="only these test files (a quicker, weaker check; no cache)")
    ap.add_argument("--_coverage", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if a._coverage:
        return _run_coverage(Path(a._coverage[0]), a._coverage[1:], a.rest)
    targets = [t for t in TARGETS if not a.module or t.path in a.module or t.name in a.module]
    if not targets:
        ap.error(f"no such target; targets: {', '.join(t.path for t in TARGETS)}")
    mutants = [m for t in targets for m in _mutants(t)]
    if a.list or a.show:
        import ast
        for m in mutants:
            if a.show and m.key != a.show:
                continue
            print(f"{m.path}:{m.lines[0]} {m.key}")
            if a.show:
                tree = mutated_tree((ROOT / m.path).read_text("utf-8"), m.path, m.index)
                for node in ast.walk(tree):
                    if isinstance(node, ast.FunctionDef) and node.lineno == m.function_lines[0]:
                        print(ast.unparse(node))
        return 0
    if a.tests:
        part = OUT / "coverage-subset.json"
        OUT.mkdir(parents=True, exist_ok=True)
        rc = subprocess.run([sys.executable, "-m", "mutasi.tools.mutate", "--_coverage", str(part),
                             *sorted({t.path for t in targets}), "--", *a.tests], cwd=ROOT).returncode
        if rc != 0:
            raise SystemExit(f"coverage run failed (exit {rc})")
        cmap = json.loads(part.read_text("utf-8"))
    else:
        cmap = _coverage_map(sorted({t.path for t in TARGETS}))
    files = sorted({t.split("::")[0] for m in mutants for t in _tests_for(m, cmap, a.budget)})
    _preload()
    print(f"mutate: {len(mutants)} mutants in {len(targets)} target(s), {a.jobs} at a time",
          file=sys.stderr)
    server = _Server(mutants, cmap, max(1, a.jobs), a.budget)
    import pytest

    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # pytest's own summary: the report below is what counts
    try:
        pytest.main(["-q", "-p", "no:cacheprovider", "-o", "addopts=", "--no-header", *files],
                    plugins=[server])
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
    return _report(targets, server.results, load_equivalents())


if __name__ == "__main__":
    sys.exit(main())
