"""Checks across rows, files and the database: references and duplicates."""

from __future__ import annotations

from sqlalchemy import Connection, select

from mutasi.errors import Problem
from mutasi.store import models
from mutasi.store.parsed import ParsedFile
from mutasi.store.rows import KEY_FIELDS, KEYS

NIP_KINDS = (
    "employee_details",
    "skp",
    "discipline",
    "position_history",
    "rank_history",
    "education",
    "training",
    "competencies",
    "preferences",
)


def check_references(conn: Connection, parsed: list[ParsedFile]) -> list[Problem]:
    """Unknown unit/position, history for an unknown NIP, duplicates across all files."""
    problems: list[Problem] = []
    unit_t, pos_t, emp_t = (
        models.table_of(m) for m in (models.Unit, models.Position, models.Employee)
    )
    units = {r[0] for r in conn.execute(select(unit_t.c.id))}
    positions = {r[0]: r[1] for r in conn.execute(select(pos_t.c.id, pos_t.c.unit_id))}
    nips_in_files: set[str] = set()
    for pf in parsed:
        for row in pf.rows:
            v = row.values
            if pf.kind == "units" and v.get("id"):
                units.add(v["id"])
            elif pf.kind == "positions" and v.get("id"):
                positions[v["id"]] = v.get("unit_id")
            elif pf.kind == "employees" and v.get("nip"):
                nips_in_files.add(v["nip"])
    wanted = sorted(
        {
            r.values["nip"]
            for pf in parsed
            if pf.kind in NIP_KINDS
            for r in pf.rows
            if r.values.get("nip")
        }
        - nips_in_files
    )
    known_nips = set(nips_in_files)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        known_nips.update(
            r[0] for r in conn.execute(select(emp_t.c.nip).where(emp_t.c.nip.in_(chunk)))
        )

    seen: dict[tuple[str, str], tuple[str, int]] = {}
    pref_ranks: dict[tuple[str, int], tuple[str, int]] = {}
    for pf in parsed:
        name = str(pf.path)
        for row in pf.rows:
            v = row.values
            if (
                pf.kind in ("positions", "employees")
                and v.get("unit_id")
                and "unit_id" not in row.bad
                and v["unit_id"] not in units
            ):
                problems.append(
                    row.problem(
                        name,
                        "unit_id",
                        "MUT-D030",
                        f"unknown unit '{v['unit_id']}'",
                        "import its row in the units file first",
                    )
                )
            if pf.kind == "employees" and v.get("position_id") and "position_id" not in row.bad:
                pid = v["position_id"]
                if pid not in positions:
                    problems.append(
                        row.problem(
                            name,
                            "position_id",
                            "MUT-D031",
                            f"unknown position '{pid}'",
                            "not in the position map (peta jabatan)",
                        )
                    )
                elif v.get("unit_id") and positions[pid] != v["unit_id"]:
                    problems.append(
                        row.problem(
                            name,
                            "position_id",
                            "MUT-D034",
                            f"position '{pid}' belongs to unit '{positions[pid]}', not '{v['unit_id']}'",
                        )
                    )
            if pf.kind == "abk" and v.get("position_id") and v["position_id"] not in positions:
                problems.append(
                    row.problem(
                        name, "position_id", "MUT-D031", f"unknown position '{v['position_id']}'"
                    )
                )
            if pf.kind in NIP_KINDS and v.get("nip") and v["nip"] not in known_nips:
                problems.append(
                    row.problem(
                        name,
                        "nip",
                        "MUT-D033",
                        f"no employee with NIP {v['nip']}",
                        "import the employee first",
                    )
                )
            if pf.kind == "preferences":
                if v.get("unit_id") and v["unit_id"] not in units:
                    problems.append(
                        row.problem(name, "unit_id", "MUT-D030", f"unknown unit '{v['unit_id']}'")
                    )
                if v.get("nip") and v.get("rank") is not None:
                    rk = (v["nip"], v["rank"])
                    if rk in pref_ranks:
                        f0, l0 = pref_ranks[rk]
                        problems.append(
                            row.problem(
                                name,
                                "rank",
                                "MUT-D032",
                                f"NIP {v['nip']} has preference rank {v['rank']} twice (first at {f0}:{l0})",
                            )
                        )
                    else:
                        pref_ranks[rk] = (name, row.line)
            if any(f in row.bad or v.get(f) is None for f in KEY_FIELDS[pf.kind]):
                continue
            key = (pf.kind, KEYS[pf.kind](v))
            if key in seen:
                f0, l0 = seen[key]
                first = KEY_FIELDS[pf.kind][0]
                problems.append(
                    row.problem(
                        name,
                        first,
                        "MUT-D032",
                        f"duplicate {pf.kind} row '{key[1]}' (first at {f0}:{l0})",
                    )
                )
            else:
                seen[key] = (name, row.line)
    return problems
