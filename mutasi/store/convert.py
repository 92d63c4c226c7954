"""Store rows -> engine.records (World, Employee). Streaming for large stores."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from engine import records as r
from engine.workload import DEFAULT_EFFECTIVE_HOURS, AbkTaskRow, workloads
from mutasi.store import models
from mutasi.store.portal_models import PortalPreference


def _t(model: Any) -> Any:
    return model.__table__


def load_world(
    engine: Engine, effective_hours: float = DEFAULT_EFFECTIVE_HOURS, rounding: str = "down"
) -> r.World:
    """Units, positions and ABK workloads (staff on post counted from the employee table)."""
    unit_t, pos_t, emp_t, abk_t = (
        _t(models.Unit),
        _t(models.Position),
        _t(models.Employee),
        _t(models.AbkTask),
    )
    with engine.connect() as conn:
        units = {
            row.id: r.Unit(row.id, row.name, row.kind, row.region_code, row.hardship)
            for row in conn.execute(select(unit_t).order_by(unit_t.c.id))
        }
        positions = {
            row.id: _position(row) for row in conn.execute(select(pos_t).order_by(pos_t.c.id))
        }
        on_post = {
            pid: n
            for pid, n in conn.execute(
                select(emp_t.c.position_id, func.count())
                .where(emp_t.c.position_id.is_not(None))
                .group_by(emp_t.c.position_id)
            )
        }
        tasks = [
            AbkTaskRow(
                row.position_id, row.task, row.completion_time, row.time_unit, row.yearly_volume
            )
            for row in conn.execute(select(abk_t).order_by(abk_t.c.position_id, abk_t.c.key))
        ]
    return r.World(
        units=units,
        positions=positions,
        workloads=workloads(tasks, on_post, effective_hours, rounding),
    )


def _position(row: Any) -> r.Position:
    return r.Position(
        id=row.id,
        unit_id=row.unit_id,
        name=row.name,
        kind=row.kind,
        jf_level=row.jf_level,
        eselon=row.eselon,
        rank_min=row.rank_min,
        rank_max=row.rank_max,
        required_education_levels=tuple(row.required_education_levels or ()),
        required_majors=tuple(row.required_majors or ()),
        required_competencies=tuple(row.required_competencies or ()),
        job_family=row.job_family,
        headcount=row.headcount,
        is_sekda=bool(row.is_sekda),
    )


def iter_employees(engine: Engine, batch_size: int = 1000) -> Iterator[r.Employee]:
    """Every employee, ordered by NIP, read in batches (keyset pagination): memory stays flat."""
    emp_t = _t(models.Employee)
    last: str | None = None
    while True:
        with engine.connect() as conn:
            q = select(emp_t).order_by(emp_t.c.nip).limit(batch_size)
            if last is not None:
                q = q.where(emp_t.c.nip > last)
            rows = list(conn.execute(q))
            if not rows:
                return
            batch = _employees(conn, rows)
        yield from batch
        last = rows[-1].nip


def get_employee(engine: Engine, nip: str) -> r.Employee | None:
    emp_t = _t(models.Employee)
    with engine.connect() as conn:
        rows = list(conn.execute(select(emp_t).where(emp_t.c.nip == nip)))
        return _employees(conn, rows)[0] if rows else None


def _employees(conn: Connection, rows: list[Any]) -> list[r.Employee]:
    nips = [row.nip for row in rows]
    src = _t(models.SourceFile)
    discipline_known = (
        conn.execute(select(src.c.sha256).where(src.c.kind == "discipline").limit(1)).first()
        is not None
    )
    return build_employees(
        rows,
        History(
            skp=_by_nip(conn, models.SkpEntry, nips),
            disc=_by_nip(conn, models.DisciplineEntry, nips),
            comp=_by_nip(conn, models.CompetencyEntry, nips),
            train=_by_nip(conn, models.TrainingEntry, nips),
            pref=_by_nip(conn, models.Preference, nips),
            post=_by_nip(conn, models.PositionHistoryEntry, nips),
            circ=_by_nip(conn, models.CircumstanceEntry, nips),
            chosen=_portal_choices_of(
                (row.nip, row.round_id, row.rank, row.unit_id)
                for row in conn.execute(_portal_select(nips))
            ),
        ),
        discipline_known,
    )


@dataclass
class History:
    """History rows of a batch of employees, by NIP, each list in the order of its `key`."""

    skp: dict[str, list[Any]]
    disc: dict[str, list[Any]]
    comp: dict[str, list[Any]]
    train: dict[str, list[Any]]
    pref: dict[str, list[Any]]
    chosen: dict[str, tuple[str, ...]]  # portal choices (the latest round), by NIP
    post: dict[str, list[Any]]  # position history (riwayat jabatan)
    circ: dict[str, list[Any]]  # declared circumstances (keadaan_pegawai)


def build_employees(rows: Iterable[Any], h: History, discipline_known: bool) -> list[r.Employee]:
    """engine.records.Employee from store rows (any objects with the columns as attributes):
    the one construction both readers (SQLAlchemy here, DB-API in fastread.py) use."""
    skp, disc, comp, train, pref, chosen = h.skp, h.disc, h.comp, h.train, h.pref, h.chosen
    post, circ = h.post, h.circ
    out = []
    for row in rows:
        n = row.nip
        out.append(
            r.Employee(
                nip=n,
                name=row.name,
                birth_date=row.birth_date,
                gender=row.gender,
                religion=row.religion,
                status=row.status,
                kedudukan=row.kedudukan,
                tmt_cpns=row.tmt_cpns,
                tmt_pns=row.tmt_pns,
                golongan=row.golongan,
                tmt_golongan=row.tmt_golongan,
                unit_id=row.unit_id,
                position_id=row.position_id,
                tmt_jabatan=row.tmt_jabatan,
                education_level=row.education_level,
                education_major=row.education_major,
                competencies=tuple(sorted({c.competency for c in comp[n]})),
                trainings=tuple(
                    t.name for t in sorted(train[n], key=lambda t: (t.year or 0, t.name))
                ),
                skp=tuple(
                    r.SkpRecord(s.year, s.predicate, s.score, s.regulation)
                    for s in sorted(skp[n], key=lambda s: s.year)
                ),
                punishments=tuple(
                    r.Punishment(d.level, d.kind, d.start, d.end, d.decree)
                    for d in sorted(disc[n], key=lambda d: (d.start, d.kind))
                ),
                discipline_record_known=discipline_known,
                under_examination=row.under_examination,
                in_judicial_process=row.in_judicial_process,
                on_study_assignment=row.on_study_assignment,
                service_bond_until=row.service_bond_until,
                no_service_bond_source=row.no_service_bond_source,
                inspektorat_cleared=row.inspektorat_cleared,
                jpt_inauguration_date=row.jpt_inauguration_date,
                potential=row.potential,
                potential_score=row.potential_score,
                related_experience_months=row.related_experience_months,
                preferences=chosen[n]
                if n in chosen
                else tuple(p.unit_id for p in sorted(pref[n], key=lambda p: (p.rank, p.unit_id))),
                postings=tuple(
                    r.Posting(x.unit_id, x.start, x.end)
                    for x in sorted(post[n], key=lambda x: (x.start, x.unit_id or ""))
                ),
                circumstances=tuple(
                    r.Circumstance(c.kind, c.region_code, c.document, c.verified_by, c.verified_on)
                    for c in sorted(circ[n], key=lambda c: c.kind)
                ),
            )
        )
    return out


def _portal_select(nips: list[str]) -> Any:
    t = _t(PortalPreference)
    return select(t.c.nip, t.c.round_id, t.c.rank, t.c.unit_id).where(t.c.nip.in_(nips))


def _portal_choices_of(rows: Iterable[tuple[Any, Any, Any, Any]]) -> dict[str, tuple[str, ...]]:
    """Choices an employee made in the portal (the latest round they chose in) replace the
    imported preferences: the plan reads both the same way (docs/portal.md).
    Rows: (nip, round_id, rank, unit_id)."""
    latest: dict[str, tuple[int, list[tuple[int, str]]]] = {}
    for nip_v, rid_v, rank, unit in rows:
        nip, rid = str(nip_v), int(rid_v)
        if nip not in latest or latest[nip][0] < rid:
            latest[nip] = (rid, [])
        if latest[nip][0] == rid:
            latest[nip][1].append((int(rank), str(unit)))
    return {n: tuple(u for _, u in sorted(v[1])) for n, v in latest.items()}


def _by_nip(conn: Connection, model: Any, nips: list[str]) -> dict[str, list[Any]]:
    table = _t(model)
    out: dict[str, list[Any]] = defaultdict(list)
    for row in conn.execute(select(table).where(table.c.nip.in_(nips)).order_by(table.c.key)):
        out[row.nip].append(row)
    return out
