"""The store: migrations, and conversion to engine records (load_world, iter_employees, get_employee)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from engine.records import Punishment, SkpRecord
from mutasi.store import get_employee, import_paths, iter_employees, load_world, open_store

OWN_TABLES = {
    "abk_task", "competency", "discipline", "education", "employee", "position", "position_history",
    "preference", "rank_history", "skp", "source_file", "training", "unit",
}  # fmt: skip


@pytest.mark.pg_owner(reason="creates and drops tables: migrations run as the owner")
def test_migrations_create_schema_and_leave_other_tables_alone(db_url: str) -> None:
    engine = open_store(db_url, migrate=False)
    with engine.begin() as conn:  # someone else's table (e.g. the audit's) already there
        conn.execute(text("CREATE TABLE audit_example (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO audit_example (id) VALUES (7)"))
    engine.dispose()
    engine = open_store(db_url)
    engine.dispose()
    engine = open_store(db_url)  # second open: already at head, nothing to do
    try:
        names = set(inspect(engine).get_table_names())
        assert names >= OWN_TABLES and "alembic_version" in names
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head()
            assert conn.execute(text("SELECT id FROM audit_example")).scalar() == 7
    finally:
        engine.dispose()


def _head() -> str:
    """The newest migration of the store's chain (one head: the chain never branches)."""
    from alembic.script import ScriptDirectory

    from mutasi.store.db import alembic_config

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"the store's migrations branch: {heads}"
    return str(heads[0])


def _examples(db_url: str, repo: Path):  # type: ignore[no-untyped-def]
    engine = open_store(db_url)
    import_paths(engine, [repo / "examples/import"])
    return engine


def test_load_world_workloads_from_examples(db_url: str, repo: Path) -> None:
    engine = _examples(db_url, repo)
    try:
        world = load_world(engine)
        assert sorted(world.units) == ["BKPSDM", "DINKES", "KEC-UTARA"]
        assert world.positions["DINKES-010"].required_competencies == (
            "Pelayanan Kesehatan Dasar",
            "Kegawatdaruratan",
        )
        assert world.positions["DINKES-010"].rank_min == "III/a"
        # DINKES-010 carries the six-task worksheet: 169,200 min / 75,000 = 2.256 -> down 2;
        # on post: Putri, Dimas (pegawai.csv) and Dewi (pegawai_tambahan.xlsx) = 3 -> surplus 1
        w = world.workloads["DINKES-010"]
        assert (w.staff_needed, w.on_post, w.balance, w.rounding) == (2, 3, 1, "down")
        # KEC-UTARA-010: 10 x 3,000 + 20 x 2,400 = 78,000 min / 75,000 = 1.04 -> 1; on post 2
        assert (
            world.workloads["KEC-UTARA-010"].staff_needed,
            world.workloads["KEC-UTARA-010"].balance,
        ) == (1, 1)
        # BKPSDM-010: 240 x 150 + 180 x 200 = 72,000 / 75,000 = 0.96 -> down 0, up 1
        assert world.workloads["BKPSDM-010"].staff_needed == 0
        assert load_world(engine, rounding="up").workloads["BKPSDM-010"].staff_needed == 1
        # 72,000 / (1,300 x 60 = 78,000) = 0.923 -> nearest 1
        assert load_world(engine, 1300, "nearest").workloads["BKPSDM-010"].staff_needed == 1
        assert "DINKES-001" not in world.workloads  # no ABK worksheet: no workload, not zero
    finally:
        engine.dispose()


def test_employee_records(db_url: str, repo: Path) -> None:
    engine = _examples(db_url, repo)
    try:
        dimas = get_employee(engine, "199609172020121004")
        assert dimas is not None
        assert dimas.kedudukan == "tugas_belajar" and dimas.on_study_assignment is True
        assert dimas.tmt_jabatan is None  # empty cell: data missing, not a date
        assert dimas.inspektorat_cleared is None
        assert dimas.religion == "Katolik" and dimas.gender == "L"
        agus = get_employee(engine, "198503222010011005")
        assert agus is not None and agus.discipline_record_known
        assert agus.punishments == (
            Punishment(
                "sedang",
                "pemotongan tunjangan kinerja 25% selama 6 bulan",
                date(2026, 9, 1),
                date(2027, 2, 28),
                "800/112/HD/2026",
            ),
        )
        putri = get_employee(engine, "199201302017082002")
        assert putri is not None
        assert putri.skp == (
            SkpRecord(2021, None, 88.5, "PP 30/2019"),
            SkpRecord(2024, "Baik", None, "PermenPANRB 6/2022"),
            SkpRecord(2025, "Butuh Perbaikan", None, "PermenPANRB 6/2022"),
        )
        assert putri.competencies == ("Kegawatdaruratan", "Pelayanan Kesehatan Dasar")
        siti = get_employee(engine, "198811112014032003")
        assert siti is not None and siti.preferences == ("DINKES", "BKPSDM")
        assert get_employee(engine, "000000000000000000") is None
    finally:
        engine.dispose()


def test_iter_employees_streams_in_nip_order(db_url: str, repo: Path) -> None:
    engine = _examples(db_url, repo)
    try:
        small = [e.nip for e in iter_employees(engine, batch_size=5)]  # 12 = 5 + 5 + 2
        assert len(small) == 12 and small == sorted(small)
        assert small == [e.nip for e in iter_employees(engine)]
    finally:
        engine.dispose()


def test_discipline_unknown_without_a_discipline_file(sqlite_url: str, repo: Path) -> None:
    engine = open_store(sqlite_url)
    d = repo / "examples/import"
    import_paths(engine, [d / "unor.csv", d / "peta_jabatan.csv", d / "pegawai.csv"])
    emp = get_employee(engine, "198503222010011005")
    engine.dispose()
    assert emp is not None and emp.discipline_record_known is False and emp.punishments == ()


def test_models_and_migrations_agree(db_url: str) -> None:
    """A model change without a migration shows up here (schema changes go through Alembic)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from mutasi.store.models import include_object

    engine = open_store(db_url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"include_object": include_object})
            assert compare_metadata(ctx, SQLModel.metadata) == []
    finally:
        engine.dispose()
