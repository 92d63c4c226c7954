"""Issue 16: the hostile-input corpus (tests/fuzz_corpus.py, fixed seed) through the CLI.

More than 300 bad packs, import files and SK-draft review files, each run in-process through
mutasi.cli.app.main by tests/fuzz_runner.py in a child process whose address space is capped
(1 GiB above its start) and with a 20-second alarm per item. Fails on a traceback, a hang,
running out of memory, an "internal error", a bad item accepted or refused without its
code, a good item refused, or any change to the database by a refused import. A pack that
checks clean is then evaluated on a small store and must run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_the_hostile_corpus_gets_a_clear_answer_for_every_item(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(HERE / "fuzz_runner.py"), str(tmp_path / "work"), str(out)],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))["results"]
    by_expect = Counter(r["expect"] for r in results)
    assert by_expect["bad"] >= 300 and by_expect["good"] >= 3, by_expect
    assert {r["area"] for r in results} == {"pack", "import", "review"}
    bad = [f"{r['id']}: {r['verdict']} (exit {r['exit']}, expected {r['code'] or r['expect']})\n"
           f"    {r['tail'][-400:]!r}" for r in results if r["verdict"] != "ok"]
    assert not bad, f"{len(bad)} of {len(results)} corpus items failed:\n" + "\n".join(bad)
    # the bad items were refused for their reason, not by accident of a missing file
    refused = Counter(r["exit"] for r in results if r["expect"] == "bad")
    assert set(refused) <= {1, 2} and refused[1] > 250, refused
    # packs that checked clean were evaluated on the template store, and ran
    evaluated = [r for r in results if r["evaluate"] is not None]
    assert len(evaluated) >= 5 and all(r["evaluate"]["exit"] in (0, 1) for r in evaluated)
