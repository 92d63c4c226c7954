"""SQLModel tables of the store: organisation, employees, their histories, ABK and preferences.

Natural keys are primary keys (unit id, position id, NIP) or, for history rows, a unique
``key`` text built by the importer (e.g. "<nip>|<year>"): re-importing a file upserts by that
key, so the same file twice changes nothing. Schema changes go through migrations
(mutasi/store/migrations), never through ``create_all``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Column, Table
from sqlmodel import Field, SQLModel


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Unit(SQLModel, table=True):
    """An OPD (regional government unit)."""

    __tablename__ = "unit"
    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    kind: str = Field(default="dinas", max_length=40)
    # kode wilayah of its office (kecamatan level or finer), and whether a regional decision
    # declares it a hardship posting (daerah terpencil); None = not on file (issue 20)
    region_code: str | None = Field(default=None, max_length=13)
    hardship: bool | None = None


class Position(SQLModel, table=True):
    """One position of the position map (peta jabatan)."""

    __tablename__ = "position"
    id: str = Field(primary_key=True, max_length=64)
    unit_id: str = Field(foreign_key="unit.id", index=True, max_length=64)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=40)
    jf_level: str | None = Field(default=None, max_length=40)
    eselon: str | None = Field(default=None, max_length=10)
    rank_min: str | None = Field(default=None, max_length=8)
    rank_max: str | None = Field(default=None, max_length=8)
    required_education_levels: list[str] = _json_list()
    required_majors: list[str] = _json_list()
    required_competencies: list[str] = _json_list()
    job_family: str | None = Field(default=None, max_length=100)
    headcount: int | None = None
    is_sekda: bool = False


class Employee(SQLModel, table=True):
    """An employee as of the last import (all fields of engine.records.Employee)."""

    __tablename__ = "employee"
    nip: str = Field(primary_key=True, max_length=18)
    name: str = Field(max_length=200)
    nik: str | None = Field(default=None, max_length=16)  # personal: masked in exports
    birth_date: date | None = None
    gender: str | None = Field(default=None, max_length=1)  # protected: fairness report only
    religion: str | None = Field(default=None, max_length=40)  # protected: fairness report only
    status: str | None = Field(default=None, max_length=10)
    kedudukan: str | None = Field(default=None, max_length=40)
    tmt_cpns: date | None = None
    tmt_pns: date | None = None
    golongan: str | None = Field(default=None, max_length=8)
    tmt_golongan: date | None = None
    unit_id: str | None = Field(default=None, foreign_key="unit.id", index=True, max_length=64)
    position_id: str | None = Field(
        default=None, foreign_key="position.id", index=True, max_length=64
    )
    tmt_jabatan: date | None = None
    education_level: str | None = Field(default=None, max_length=4)
    education_major: str | None = Field(default=None, max_length=200)
    under_examination: bool | None = None
    in_judicial_process: bool | None = None
    on_study_assignment: bool | None = None
    service_bond_until: date | None = None
    no_service_bond_source: str | None = Field(default=None, max_length=300)
    inspektorat_cleared: bool | None = None
    jpt_inauguration_date: date | None = None
    potential: str | None = Field(default=None, max_length=20)
    potential_score: float | None = None
    related_experience_months: int | None = None


class _History(SQLModel):
    """Common columns of history rows: surrogate id, natural key, owner NIP."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=300)
    nip: str = Field(foreign_key="employee.nip", index=True, max_length=18)


class SkpEntry(_History, table=True):
    """Yearly performance appraisal (SKP)."""

    __tablename__ = "skp"
    year: int
    predicate: str | None = Field(default=None, max_length=20)
    score: float | None = None
    regulation: str | None = Field(default=None, max_length=60)


class DisciplineEntry(_History, table=True):
    """Disciplinary punishment (PP 94/2021): level, type, start, end."""

    __tablename__ = "discipline"
    level: str = Field(max_length=10)
    kind: str = Field(max_length=200)
    start: date
    end: date | None = None
    decree: str | None = Field(default=None, max_length=100)


class PositionHistoryEntry(_History, table=True):
    """Riwayat jabatan, including earlier transfers (monitoring after a transfer)."""

    __tablename__ = "position_history"
    position_id: str | None = Field(default=None, max_length=64)
    position_name: str = Field(max_length=200)
    unit_id: str | None = Field(default=None, max_length=64)
    start: date
    end: date | None = None
    decree: str | None = Field(default=None, max_length=100)


class CircumstanceEntry(_History, table=True):
    """A circumstance the person declared for the voluntary round's points (keadaan_pegawai):
    one per NIP and kind. Verified when the committee's checker and date are filled in."""

    __tablename__ = "circumstance"
    kind: str = Field(max_length=20)  # spouse_workplace / domicile
    region_code: str = Field(max_length=13)
    document: str = Field(max_length=300)
    verified_by: str | None = Field(default=None, max_length=200)
    verified_on: date | None = None


class RankHistoryEntry(_History, table=True):
    """Riwayat golongan."""

    __tablename__ = "rank_history"
    golongan: str = Field(max_length=8)
    start: date
    decree: str | None = Field(default=None, max_length=100)


class EducationEntry(_History, table=True):
    """Riwayat pendidikan."""

    __tablename__ = "education"
    level: str = Field(max_length=4)
    major: str | None = Field(default=None, max_length=200)
    institution: str | None = Field(default=None, max_length=200)
    graduation_year: int | None = None


class TrainingEntry(_History, table=True):
    """Riwayat diklat (training)."""

    __tablename__ = "training"
    name: str = Field(max_length=200)
    year: int | None = None
    hours: int | None = None


class CompetencyEntry(_History, table=True):
    """A competency held by an employee (assessment result or certificate)."""

    __tablename__ = "competency"
    competency: str = Field(max_length=200)
    level: int | None = None


class AbkTask(SQLModel, table=True):
    """One task of a position's workload analysis (ABK) worksheet."""

    __tablename__ = "abk_task"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=300)
    position_id: str = Field(foreign_key="position.id", index=True, max_length=64)
    task: str = Field(max_length=300)
    completion_time: float
    time_unit: str = Field(max_length=10)  # menit / jam, explicit as in the worksheet
    yearly_volume: float
    output_unit: str | None = Field(default=None, max_length=60)


class Preference(SQLModel, table=True):
    """An employee's preferred destination unit, rank 1 = most preferred."""

    __tablename__ = "preference"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=300)
    nip: str = Field(foreign_key="employee.nip", index=True, max_length=18)
    unit_id: str = Field(foreign_key="unit.id", max_length=64)
    rank: int


class SourceFile(SQLModel, table=True):
    """A file imported once, by content hash: the same file again adds nothing."""

    __tablename__ = "source_file"
    sha256: str = Field(primary_key=True, max_length=64)
    kind: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=300)
    rows: int


HISTORY_TABLES: tuple[type[SQLModel], ...] = (
    SkpEntry,
    DisciplineEntry,
    PositionHistoryEntry,
    RankHistoryEntry,
    EducationEntry,
    TrainingEntry,
    CompetencyEntry,
    CircumstanceEntry,
)

# The store's own tables: migrations and schema comparisons leave every other table (the
# audit's, which has its own migrations and version table) alone.
from mutasi.store.portal_models import PORTAL_MODELS  # noqa: E402  (the portal's tables)
from mutasi.store.round_models import ROUND_MODELS  # noqa: E402  (the voluntary round's tables)

OWN_TABLES: frozenset[str] = frozenset(
    m.__table__.name  # type: ignore[attr-defined]
    for m in (Unit, Position, Employee, AbkTask, Preference, SourceFile, *HISTORY_TABLES,
              *PORTAL_MODELS, *ROUND_MODELS)
)


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic filter: only the store's tables and what belongs to them."""
    if type_ == "table":
        return name in OWN_TABLES
    table = getattr(obj, "table", None)
    return table is None or table.name in OWN_TABLES


def table_of(model: Any) -> Table:
    """The Core table of a model (typed, for Core queries)."""
    table: Table = model.__table__
    return table
