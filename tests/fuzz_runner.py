"""Run the hostile-input corpus through the CLI in-process, each item under a time bound,
the whole process under a memory bound; write one JSON result per item.

    python tests/fuzz_runner.py WORK_DIR RESULTS.json [--limit-mb N] [--seconds S]

Run as its own process (tests/test_fuzz_corpus.py does) so the address-space limit and the
alarm never touch the test process. A verdict per item:
  ok | traceback | internal_error | hang | memory | silent_accept | wrong_code | refused_good |
  wrote_rows (a refused import changed the database) | crash (exit code outside 0..3)
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import resource
import shutil
import signal
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fuzz_corpus import BASE_FILES, Item, build_corpus  # noqa: E402

from mutasi.cli.app import main  # noqa: E402


class _Hang(BaseException):
    """Raised by the alarm; a BaseException so the CLI's own error handler cannot swallow it."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise _Hang()


def _db_digest(path: str) -> str:
    """Every row of every table (SQLite): equal digests = the database did not change."""
    if not Path(path).exists():
        return "absent"
    h = hashlib.sha256()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for n in names:
            h.update(n.encode())
            for row in sorted(repr(r) for r in con.execute(f'SELECT * FROM "{n}"')):
                h.update(row.encode())
    finally:
        con.close()
    return h.hexdigest()


def _call(argv: list[str], seconds: float) -> tuple[str, int | None, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    t0 = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    status, code = "ran", None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except _Hang:
        status = "hang"
    except MemoryError:
        status = "memory"
    except BaseException as exc:  # noqa: BLE001 - anything escaping main() is a finding
        status = f"escaped:{type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return status, code, out.getvalue(), err.getvalue(), time.monotonic() - t0


def judge(item: Item, status: str, code: int | None, text: str, changed: bool) -> str:
    if status == "hang":
        return "hang"
    if status == "memory" or "MemoryError" in text:
        return "memory"
    if status != "ran":
        return "traceback"
    if "Traceback (most recent call last)" in text:
        return "traceback"
    if "internal error" in text:
        return "internal_error"
    if code not in (0, 1, 2, 3):
        return "crash"
    if item.area == "import" and code != 0 and changed:
        return "wrote_rows"
    if item.expect == "good" and code != 0:
        return "refused_good"
    if item.expect == "bad":
        if code == 0:
            return "silent_accept"
        if item.code and item.code not in text:
            return "wrong_code"
    return "ok"


def _template(root: Path) -> Path:
    """A store holding two units, two positions and two employees (the base files)."""
    data = root / "template-data"
    data.mkdir()
    for name, text in BASE_FILES.items():
        (data / name).write_text(text, encoding="utf-8")
    db = root / "template.db"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        rc = main(["import", str(data), "--db", f"sqlite:///{db}"])
    if rc != 0:
        raise SystemExit(f"the corpus template does not import (exit {rc})")
    return db


def run(root: Path, seconds: float) -> list[dict[str, Any]]:
    items = build_corpus(root)
    template = _template(root)
    base = _db_digest(str(template))
    results = []
    for item in items:
        if item.db:
            shutil.copy(template, item.db)
        status, code, out, err, took = _call(item.argv, seconds)
        text = out + err
        changed = bool(item.db) and _db_digest(item.db) != base
        verdict = judge(item, status, code, text, changed)
        follow = None
        if verdict == "ok" and item.then_evaluate and code == 0:
            # a pack that checks clean must also run: evaluate it on the template store
            f_status, f_code, f_out, f_err, f_took = _call(item.then_evaluate, seconds)
            took += f_took
            f_item = Item(item.id + "+evaluate", "pack", "any", item.then_evaluate)
            verdict = judge(f_item, f_status, f_code, f_out + f_err, False)
            follow = {"exit": f_code, "tail": (f_out + f_err)[-600:]}
        results.append({"id": item.id, "area": item.area, "expect": item.expect, "code": item.code,
                        "exit": code, "status": status, "seconds": round(took, 3), "verdict": verdict,
                        "tail": text[-600:], "evaluate": follow})
        if item.db:
            Path(item.db).unlink(missing_ok=True)
    return results


def _limit_memory(mb: int) -> None:
    """Cap the address space at what the process uses now plus ``mb`` megabytes."""
    with open("/proc/self/status", encoding="ascii") as fh:
        vm = next(int(line.split()[1]) for line in fh if line.startswith("VmSize:"))  # kB
    limit = vm * 1024 + mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def cli(argv: list[str]) -> int:
    root, out = Path(argv[0]), Path(argv[1])
    mb = int(argv[argv.index("--limit-mb") + 1]) if "--limit-mb" in argv else 1024
    seconds = float(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else 20.0
    root.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    _limit_memory(mb)
    t0 = time.monotonic()
    results = run(root, seconds)
    out.write_text(json.dumps({"seconds": round(time.monotonic() - t0, 1), "results": results}, indent=1),
                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(cli(sys.argv[1:]))
