"""The files a plan run leaves for people: plan.json (the recorded payload), workload.csv
and workload.png (staff needed vs on post before and after, per unit)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from reports.csvout import write_csv

WORKLOAD_COLUMNS = ("unit_id", "unit_name", "staff_needed", "on_post_before", "moves_in",
                    "moves_out", "on_post_after", "balance_before", "balance_after")


def write_plan_files(plan: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write the three files into ``out_dir`` (created if needed); returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "plan.json", out_dir / "workload.csv", out_dir / "workload.png"]
    paths[0].write_text(json.dumps(plan, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                        encoding="utf-8")
    with paths[1].open("w", newline="", encoding="utf-8") as fh:
        # the one CSV writer: unit names starting = + - @ would run as formulas
        write_csv(fh, WORKLOAD_COLUMNS, ([row[c] for c in WORKLOAD_COLUMNS] for row in plan["workload"]))
    _write_chart(plan["workload"], paths[2])
    return paths


def _write_chart(rows: list[dict[str, Any]], path: Path) -> None:
    """Staff needed vs on post before/after per unit (chart drawn by reports/charts.py)."""
    from reports.charts import before_after_chart

    uri = before_after_chart(
        [r["unit_id"] for r in rows], [r["staff_needed"] for r in rows],
        [r["on_post_before"] for r in rows], [r["on_post_after"] for r in rows],
        "Beban kerja per unit / workload per unit",
        ("Kebutuhan / needed", "Sebelum / before", "Sesudah / after"),
    )
    path.write_bytes(base64.b64decode(uri.split(",", 1)[1]))
