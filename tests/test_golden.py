"""Golden files: the public outputs users and inspectors keep, byte for byte.

Through the CLI, at a fixed as-of date with a frozen run start time: the example region
(examples/import) is imported and evaluated, and a small generated region (demo seed) is
planned; then one decision's JSON, the audit export of the evaluate run, plan.json and one
letter per language (the text of the HTML) are compared with tests/golden/. The plan payload
of the hand-built region of tests/test_plan.py (placements, runner-ups, unplaced people and
open positions, each checked by hand there) is pinned too.

A diff here is a change in what people keep: review it line by line. When the change is
intended, regenerate with MUTASI_GOLDEN_UPDATE=1, read `git diff tests/golden` and say in the
commit message why the output changed. Never regenerate to make a red test green.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mutasi.cli.app import main

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
AS_OF = "2026-11-22"
STARTED_AT = "2026-11-22T08:00:00+00:00"
NIP = "199405122019032011"  # Rina Lestari, S.Psi. of the example region
DEMO_EMPLOYEES = 150


def _freeze_clock(mp: pytest.MonkeyPatch) -> None:
    """Every run module's `started_at` returns one fixed time (the only wall-clock read)."""
    import mutasi.runs.evaluate_run
    import mutasi.runs.plan_run  # noqa: F401  (load them so their names can be patched)
    from mutasi.runs import common

    orig = common.started_at
    for mod in list(sys.modules.values()):
        if mod is not None and getattr(mod, "started_at", None) is orig:
            mp.setattr(mod, "started_at", lambda: STARTED_AT)


class _Text(HTMLParser):
    """The words a reader sees: text outside <style>/<script>, one line per text run."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skip:
            self.lines.append(text)


def html_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    return "\n".join(p.lines) + "\n"


def _run(*args: str) -> None:
    code = main(list(args))
    assert code == 0, f"mutasi {' '.join(args)} exited {code}"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("golden")
    db = f"sqlite:///{tmp / 'mutasi.db'}"
    with pytest.MonkeyPatch.context() as mp:
        _freeze_clock(mp)
        _run("import", "--db", db, str(REPO / "examples" / "import"))
        _run("evaluate", "--db", db, "--as-of", AS_OF, "--actor", "Tim BKPSDM", "--json")
        _run("audit", "export", "--db", db, "--out", str(tmp / "export.jsonl"))
        # the plan runs on a generated region with surpluses and deficits to move between
        from mutasi.demo import generate_demo

        demo = f"sqlite:///{tmp / 'demo.db'}"
        generate_demo(tmp / "demo", employees=DEMO_EMPLOYEES)
        _run("import", "--db", demo, str(tmp / "demo"))
        _run("plan", "--db", demo, "--as-of", AS_OF, "--actor", "Tim BKPSDM", "--json",
             "--fill-weight", "1.0", "--out", str(tmp / "plan"))
        for lang in ("id", "en"):
            _run("report", "letters", "--db", db, "--run", "1", "--nip", NIP, "--lang", lang,
                 "--format", "html", "--out", str(tmp / f"letters-{lang}"))
    from audit.log import AuditLog
    from mutasi.store.db import open_store

    store = open_store(db)
    try:
        decision = AuditLog(store).decision("1-1")
    finally:
        store.dispose()
    out = {
        "decision.json": json.dumps(decision.decision, ensure_ascii=False, indent=2,
                                    sort_keys=True) + "\n",
        "audit-export.jsonl": (tmp / "export.jsonl").read_text(encoding="utf-8"),
        "plan.json": (tmp / "plan" / "plan.json").read_text(encoding="utf-8"),
    }
    from test_plan import _region

    from engine.plan import PlanSettings, build_plan

    w, employees, cands, pairs = _region()
    hand = build_plan(world=w, employees=employees, candidates=cands, pairs=pairs,
                      training_catalog={"audit": "Diklat Auditor Ahli Pertama"},
                      settings=PlanSettings(fill_weight=50.0))
    out["plan-hand-region.json"] = json.dumps(hand.to_dict(), ensure_ascii=False, indent=2,
                                              sort_keys=True) + "\n"
    for lang in ("id", "en"):
        (letter,) = sorted((tmp / f"letters-{lang}").rglob("*.html"))
        out[f"letter-{lang}.txt"] = html_text(letter.read_text(encoding="utf-8"))
    yield out


@pytest.mark.parametrize("name", ["decision.json", "audit-export.jsonl", "plan.json",
                                  "plan-hand-region.json", "letter-id.txt", "letter-en.txt"])
def test_output_matches_its_golden_file(outputs: dict[str, str], name: str) -> None:
    path = GOLDEN / name
    got = outputs[name]
    if os.environ.get("MUTASI_GOLDEN_UPDATE") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            f"golden/{name}", "now", n=2))
        pytest.fail(f"{name} differs from its golden file (review, never regenerate blindly):\n"
                    + diff[:6000])


def test_golden_files_hold_what_a_reader_checks_by_hand() -> None:
    """The golden files are not just any output: facts checked by hand against
    examples/import/pegawai.csv (Rina Lestari, TMT jabatan 02/01/2024: 2 years 10 months in
    post on 2026-11-22; no court or examination data on file) and the hand-built region."""
    decision = json.loads((GOLDEN / "decision.json").read_text(encoding="utf-8"))
    assert decision["subject"] == {"nip": "197011201997032001"} and decision["as_of"] == AS_OF
    export = (GOLDEN / "audit-export.jsonl").read_text(encoding="utf-8").splitlines()
    header = json.loads(export[0])
    assert header["format"] == "mutasi-audit-export v1" and header["size"] == len(export) - 1
    assert json.loads(export[1])["entry"]["started_at"] == STARTED_AT
    letter = (GOLDEN / "letter-id.txt").read_text(encoding="utf-8")
    assert "Rina Lestari, S.Psi." in letter and "2 tahun 10 bulan" in letter
    assert "Hasil untuk Anda belum dapat ditetapkan karena ada data yang belum tercatat." in letter
    assert "2 years 10 months" in (GOLDEN / "letter-en.txt").read_text(encoding="utf-8")
    plan = json.loads((GOLDEN / "plan.json").read_text(encoding="utf-8"))
    assert plan["as_of"] == AS_OF and plan["inputs"]["fill_weight"] == 1.0
    hand = json.loads((GOLDEN / "plan-hand-region.json").read_text(encoding="utf-8"))
    assert [(p["nip"], p["position_id"]) for p in hand["placements"]] == [("11", "D1"),
                                                                          ("12", "D1")]
