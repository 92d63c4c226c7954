"""Regenerate docs/img: one screenshot per document kind (Bahasa Indonesia), taken in a real
browser from the full demo, so the pictures in docs/reports.md show what a region gets.

    mutasi demo --db sqlite:///$TMP/mutasi.db --out $TMP/out --no-pdf     # in a temporary folder
    python -m mutasi.tools.docs_img --db sqlite:///$TMP/mutasi.db         # writes docs/img/*.png

The letter is a proposed-move letter of the plan run (the demo's Eko Susanto when present).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mutasi.paths import EXAMPLES, REPO
from mutasi.report_source import AuditStoreSource
from reports.build import contexts
from reports.config import load_config
from reports.factmeta import from_engine
from reports.render import render

KINDS = ("letters", "committee", "inspector", "fairness", "monitoring")


def pick(src: AuditStoreSource) -> dict[str, tuple[str, Any]]:
    cfg = load_config(EXAMPLES / "letters" / "config.yaml")
    out: dict[str, tuple[str, Any]] = {}
    # the plan: the demo's later runs (its voluntary round) have their own documents
    plans = [r.run_id for r in src.runs() if r.kind == "plan"]
    for kind in KINDS:
        docs = contexts(kind, src, plans[-1] if plans else None, "id", from_engine(), cfg)
        if kind == "letters":
            proposed = [d for d in docs if d[2].placement is not None]
            eko = [d for d in proposed if d[2].name == "Eko Susanto"]
            docs = eko or proposed or docs
        if docs:
            _stem, template, ctx = docs[0]
            out[template.split(".")[0]] = (template, ctx)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="database of a full `mutasi demo`")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    ap.add_argument("--browser", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args(argv)
    src = AuditStoreSource(args.db)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for kind, (template, ctx) in sorted(pick(src).items()):
            page = Path(tmp) / f"{kind}.html"
            page.write_text(render(template, ctx), encoding="utf-8")
            shot = args.out / f"{kind}.png"
            subprocess.run(
                [args.browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={Path(tmp) / 'profile'}", "--window-size=1000,1400", f"--screenshot={shot}",
                 page.as_uri()],
                check=True, capture_output=True, timeout=120)
            print(f"{shot}", file=sys.stderr)
    src.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
