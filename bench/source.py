"""Benchmark input: the demo generator's rows turned into engine records, without a store.

The import path (CSV -> database -> records) is not what the benchmark times; the rows are
parsed with the importer's own column map and parsers so the records match what
``mutasi data import`` + ``iter_employees`` would give. One "agency" is one demo region
(its own seed): agencies are independent, which is how a national run is split.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

from engine import records as r
from engine.workload import DEFAULT_EFFECTIVE_HOURS, AbkTaskRow, workloads
from mutasi import demo
from mutasi.demo.tables import UNIT_PLACES
from mutasi.store.columns import default_map, resolve_columns
from mutasi.store.rows import PARSERS

_CMAP = default_map()
# kind -> [(field, column index, parser)] for the demo's own headers
_FIELDS: dict[str, list[tuple[str, int, Any]]] = {}
for _kind, (_, _headers) in demo.FILES.items():
    _cols = resolve_columns(_kind, list(_headers), _CMAP)
    _FIELDS[_kind] = sorted((f, i, PARSERS[_kind][f]) for f, i in _cols.items())


def _parse(kind: str, row: tuple[object, ...]) -> dict[str, Any]:
    return {f: parse(row[i]) for f, i, parse in _FIELDS[kind]}


def agency_seed(agency: int, seed: int = demo.DEFAULT_SEED) -> int:
    return seed + 7919 * agency


def build_world(n: int, seed: int) -> r.World:
    """Units, positions and ABK workloads of the demo region of n employees."""
    slots = demo.plan_region(n, seed)
    units = {uid: r.Unit(uid, name, kind, *UNIT_PLACES[uid]) for uid, name, kind, _ in demo.UNITS}
    positions: dict[str, r.Position] = {}
    for s in slots:
        p = s.position
        positions[p.id] = r.Position(
            id=p.id, unit_id=p.unit_id, name=p.name, kind=p.kind, jf_level=p.jf_level,
            eselon=p.eselon, rank_min=p.rank_min, rank_max=p.rank_max,
            required_education_levels=tuple(p.education), required_competencies=p.competencies,
            job_family=p.job_family, headcount=s.headcount, is_sekda=p.is_sekda)
    tasks = []
    for row in demo.abk_rows(slots, seed):
        v = _parse("abk", row)
        tasks.append(AbkTaskRow(v["position_id"], v["task"], v["completion_time"], v["time_unit"],
                                v["yearly_volume"]))
    on_post = {s.position.id: s.on_post for s in slots if s.on_post}
    return r.World(units=units, positions=dict(sorted(positions.items())),
                   workloads=workloads(tasks, on_post, DEFAULT_EFFECTIVE_HOURS, "down"))


def to_employee(rows: demo.EmployeeRows) -> r.Employee:
    """One demo employee as the store would hand it to the engine (see store/convert.py)."""
    e = _parse("employees", rows.rows["employees"][0])
    if "on_study_assignment" not in e and e.get("kedudukan"):  # as the importer derives it
        e["on_study_assignment"] = e["kedudukan"] == "tugas_belajar"
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for kind in ("skp", "discipline", "competencies", "training", "preferences", "position_history"):
        by[kind] = [_parse(kind, row) for row in rows.rows.get(kind, ())]
    return r.Employee(
        nip=e["nip"], name=e["name"], birth_date=e.get("birth_date"), gender=e.get("gender"),
        religion=e.get("religion"), status=e.get("status"), kedudukan=e.get("kedudukan"),
        tmt_cpns=e.get("tmt_cpns"), tmt_pns=e.get("tmt_pns"), golongan=e.get("golongan"),
        tmt_golongan=e.get("tmt_golongan"), unit_id=e.get("unit_id"),
        position_id=e.get("position_id"), tmt_jabatan=e.get("tmt_jabatan"),
        education_level=e.get("education_level"), education_major=e.get("education_major"),
        competencies=tuple(sorted({c["competency"] for c in by["competencies"]})),
        trainings=tuple(t["name"] for t in sorted(by["training"],
                                                  key=lambda t: (t.get("year") or 0, t["name"]))),
        skp=tuple(r.SkpRecord(s["year"], s.get("predicate"), s.get("score"), s.get("regulation"))
                  for s in sorted(by["skp"], key=lambda s: s["year"])),
        punishments=tuple(r.Punishment(d["level"], d["kind"], d.get("start"), d.get("end"),
                                       d.get("decree"))
                          for d in sorted(by["discipline"], key=lambda d: (d["start"], d["kind"]))),
        discipline_record_known=True,
        under_examination=e.get("under_examination"),
        in_judicial_process=e.get("in_judicial_process"),
        on_study_assignment=e.get("on_study_assignment"),
        service_bond_until=e.get("service_bond_until"),
        no_service_bond_source=e.get("no_service_bond_source"),
        inspektorat_cleared=e.get("inspektorat_cleared"),
        jpt_inauguration_date=e.get("jpt_inauguration_date"),
        potential=e.get("potential"), potential_score=e.get("potential_score"),
        related_experience_months=e.get("related_experience_months"),
        preferences=tuple(p["unit_id"] for p in sorted(by["preferences"],
                                                       key=lambda p: (p["rank"], p["unit_id"]))),
        postings=tuple(r.Posting(h.get("unit_id"), h["start"], h.get("end"))
                       for h in sorted(by["position_history"], key=lambda h: (h["start"], h.get("unit_id") or ""))),
    )


def employees(n: int, seed: int, as_of: date) -> Iterator[r.Employee]:
    """n employees of one agency, streamed."""
    for rows in demo.generate_employees(n, seed, as_of):
        yield to_employee(rows)
