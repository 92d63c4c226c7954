"""The import files of the demo region (SIASN-style CSV). Column headers are the column
map's names (mutasi/store/columns.yaml), so the demo and the importer cannot drift apart."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from mutasi.demo.people import generate_employees
from mutasi.demo.region import abk_rows, plan_region
from mutasi.demo.tables import (
    DEFAULT_AS_OF,
    DEFAULT_SEED,
    FILES,
    UNIT_PLACES,
    UNITS,
)


def generate_demo(
    out_dir: Path, employees: int = 3000, seed: int = DEFAULT_SEED, as_of: date = DEFAULT_AS_OF
) -> dict[str, Path]:
    """Write the import files of a synthetic region into out_dir; returns kind -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    slots = plan_region(employees, seed)
    paths = {kind: out_dir / name for kind, (name, _) in FILES.items()}
    handles = {kind: paths[kind].open("w", encoding="utf-8", newline="") for kind in FILES}
    try:
        writers = {kind: csv.writer(handles[kind], lineterminator="\n") for kind in FILES}
        for kind, (_, header) in FILES.items():
            writers[kind].writerow(header)
        for uid, name, kind, _ in UNITS:
            code, hardship = UNIT_PLACES[uid]
            writers["units"].writerow((uid, name, kind, code, "ya" if hardship else "tidak"))
        for s in slots:
            p = s.position
            writers["positions"].writerow(
                (
                    p.id,
                    p.unit_id,
                    p.name,
                    p.kind,
                    p.jf_level or "",
                    p.eselon or "",
                    p.rank_min,
                    p.rank_max,
                    ";".join(p.education),
                    ";".join(p.competencies),
                    p.job_family,
                    s.headcount,
                    "ya" if p.is_sekda else "tidak",
                )
            )
        writers["abk"].writerows(abk_rows(slots, seed))
        for emp in generate_employees(employees, seed, as_of):
            for kind, rows in emp.rows.items():
                if rows:
                    writers[kind].writerows(rows)
    finally:
        for h in handles.values():
            h.close()
    return paths
