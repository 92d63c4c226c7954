"""`mutasi import`: examples, validation with file/row/column, one transaction, idempotence."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, select, text

from mutasi.cli.app import main
from mutasi.store import DataImportError, get_employee, import_paths, open_store
from mutasi.store.parse import CellError, parse_date


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: equal dumps = the database did not change."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = sorted(inspect(conn).get_table_names())
            return {
                n: sorted((tuple(r) for r in conn.execute(text(f'SELECT * FROM "{n}"'))), key=repr)
                for n in names
            }
    finally:
        engine.dispose()


def run_json(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def write(path: Path, text_: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text_, encoding="utf-8")
    return path


def test_examples_import_from_cli(
    db_url: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_json(capsys, ["import", str(repo / "examples/import"), "--db", db_url])
    assert code == 0
    by_kind: dict[str, int] = {}
    for f in out["files"]:
        by_kind[f["kind"]] = by_kind.get(f["kind"], 0) + f["inserted"]
    # 10 employees in pegawai.csv + 2 in pegawai_tambahan.xlsx
    assert by_kind == {
        "units": 3, "positions": 8, "employees": 12, "position_history": 5, "rank_history": 2, "skp": 20,
        "discipline": 2, "education": 3, "training": 2, "competencies": 4, "abk": 10, "preferences": 2,
    }  # fmt: skip
    engine = open_store(db_url)
    try:
        # semicolon-separated, BOM, DD/MM/YYYY
        kepala = get_employee(engine, "197203151998031002")
        assert kepala is not None and kepala.name == "Drs. Bambang Wibowo, M.Si."
        assert kepala.tmt_jabatan == date(2023, 1, 3) and kepala.golongan == "IV/c"
        # XLSX with date cells and NIP as text
        dewi = get_employee(engine, "199508052019022003")
        assert (
            dewi is not None
            and dewi.birth_date == date(1995, 8, 5)
            and dewi.tmt_jabatan == date(2021, 1, 4)
        )
        assert dewi.gender == "P" and dewi.position_id == "DINKES-010"
    finally:
        engine.dispose()


def test_reimport_changes_nothing(
    db_url: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(repo / "examples/import"), "--db", db_url]) == 0
    before = dump(db_url)
    code, out = run_json(capsys, ["import", str(repo / "examples/import"), "--db", db_url])
    assert code == 0
    assert all(
        f["inserted"] == 0 and f["updated"] == 0 and f["unchanged"] == f["rows"]
        for f in out["files"]
    )
    assert dump(db_url) == before


def test_broken_file_reports_all_three_and_writes_nothing(
    db_url: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(repo / "examples/import"), "--db", db_url]) == 0
    before = dump(db_url)
    broken = repo / "examples/import/broken/pegawai.csv"
    code, out = run_json(capsys, ["import", str(broken), "--db", db_url])
    assert code == 1
    found = [(p["line"], p["col"], p["code"], p["field"]) for p in out["problems"]]
    # row 2: NIP 19860927... vs tglLahir 26-09-1986; row 3: tmtPns 31-02-2017 (column 9);
    # row 4: unorId DISHUB (column 13) is not a unit
    assert found == [
        (2, 1, "MUT-D011", "nipBaru"),
        (3, 9, "MUT-D021", "tmtPns"),
        (4, 13, "MUT-D030", "unorId"),
    ]
    assert {p["file"] for p in out["problems"]} == {str(broken)}
    assert dump(db_url) == before
    # without --json: the same problems on stderr, exit 1
    assert main(["import", str(broken), "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "pegawai.csv:3:9: MUT-D021" in err


def test_one_bad_file_means_nothing_from_any_file(
    tmp_path: Path, sqlite_url: str, repo: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(repo / "examples/import/unor.csv", folder)
    shutil.copy(repo / "examples/import/peta_jabatan.csv", folder)
    write(folder / "pegawai.csv", "nipBaru,nama,unorId\n198609262015051001,A,NOPE\n")
    engine = open_store(sqlite_url)
    with pytest.raises(DataImportError) as exc:
        import_paths(engine, [folder])
    assert [p.code for p in exc.value.problems] == ["MUT-D030"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM unit")).scalar() == 0
    engine.dispose()


EMP_HEADER = "nipBaru,nama,tglLahir,jenisKelamin,tmtCpns,tmtPns,golRuangAkhir\n"


def problems_of(
    tmp_path: Path, sqlite_url: str, files: dict[str, str]
) -> list[tuple[str, int, int, str]]:
    for name, content in files.items():
        write(tmp_path / "in" / name, content)
    engine = open_store(sqlite_url)
    try:
        with pytest.raises(DataImportError) as exc:
            import_paths(engine, [tmp_path / "in"])
        return [(Path(p.file).name, p.line, p.col, p.code) for p in exc.value.problems]
    finally:
        engine.dispose()


def test_nip_date_and_rank_checks(tmp_path: Path, sqlite_url: str) -> None:
    rows = [
        "19860926201505100,Short,26-09-1986,L,01-05-2015,01-05-2016,III/a",  # 2: 17 digits
        "198609262015051001,Ok,26-09-1986,L,01-05-2015,01-05-2016,III/a",  # 3: fine
        "198609262015061002,Month,26-09-1986,L,01-05-2015,01-05-2016,III/a",  # 4: TMT CPNS 2015-06 vs 05
        "198609262015053003,Digit,26-09-1986,L,01-05-2015,01-05-2016,III/a",  # 5: gender digit 3
        "198609262015052004,Gender,26-09-1986,L,01-05-2015,01-05-2016,III/a",  # 6: digit 2 but L
        "198609262015051005,Rank,26-09-1986,L,01-05-2015,01-05-2016,III/f",  # 7: no III/f
        "199002302015051006,Date,30-02-1990,L,01-05-2015,01-05-2016,III/a",  # 8: 30 Feb; NIP date too
        "201601012015051007,Order,01-01-2016,L,01-05-2015,01-05-2016,III/a",  # 9: born after TMT CPNS
        "198609262015051008,Pns,26-09-1986,L,01-05-2015,01-04-2015,III/a",  # 10: TMT PNS < TMT CPNS
        "198609262015051009,,26-09-1986,L,01-05-2015,01-05-2016,III/a",  # 11: no name
        "198609262015051001,Twice,26-09-1986,L,01-05-2015,01-05-2016,III/a",  # 12: duplicate of row 3
    ]
    got = problems_of(tmp_path, sqlite_url, {"pegawai.csv": EMP_HEADER + "\n".join(rows) + "\n"})
    f = "pegawai.csv"
    assert got == [
        (f, 2, 1, "MUT-D010"),
        (f, 4, 1, "MUT-D012"),
        (f, 5, 1, "MUT-D013"),
        (f, 6, 1, "MUT-D013"),
        (f, 7, 7, "MUT-D020"),
        (f, 8, 1, "MUT-D011"),  # the NIP's 19900230 is no date either
        (f, 8, 3, "MUT-D021"),
        (f, 9, 5, "MUT-D022"),  # NIP agrees, but birth 2016-01-01 is not before TMT CPNS 2015-05-01
        (f, 10, 6, "MUT-D022"),
        (f, 11, 2, "MUT-D004"),
        (f, 12, 1, "MUT-D032"),
    ]


def test_reference_checks(tmp_path: Path, sqlite_url: str, repo: Path) -> None:
    for name in ("unor.csv", "peta_jabatan.csv"):
        write(tmp_path / "in" / name, (repo / "examples/import" / name).read_text(encoding="utf-8"))
    got = problems_of(
        tmp_path,
        sqlite_url,
        {
            "pegawai.csv": "nipBaru,nama,unorId,jabatanId\n"
            "198609262015051001,A,DINKES,DINKES-999\n"  # 2: unknown position (col 4)
            "198609262015051002,B,DINKES,BKPSDM-010\n",  # 3: position of another unit
            "riwayat_skp.csv": "nipBaru,tahun,predikat\n"
            "198609262015051001,2025,Baik\n"
            "199901012020011001,2025,Baik\n"  # 3: unknown NIP
            "198609262015051001,2025,Sangat Baik\n"  # 4: duplicate year
            "198609262015051002,2025,Lumayan\n",  # 5: no such predicate
            "abk.csv": "jabatanId,uraianTugas,waktuPenyelesaian,satuanWaktu,volumeKerja\nX-1,t,10,menit,5\n",
        },
    )
    assert got == [
        ("abk.csv", 2, 1, "MUT-D031"),
        ("pegawai.csv", 2, 4, "MUT-D031"),
        ("pegawai.csv", 3, 4, "MUT-D034"),
        ("riwayat_skp.csv", 3, 1, "MUT-D033"),
        ("riwayat_skp.csv", 4, 1, "MUT-D032"),
        ("riwayat_skp.csv", 5, 3, "MUT-D040"),
    ]


@pytest.mark.parametrize(
    "raw", ["26-09-1986", "26/09/1986", "1986-09-26", "26.09.1986", date(1986, 9, 26)]
)
def test_indonesian_dates(raw: object) -> None:
    assert parse_date(raw) == date(1986, 9, 26)


@pytest.mark.parametrize("raw", ["1986-02-30", "31/04/2020", "26 Sept 1986", "09-26-1986"])
def test_impossible_or_unknown_dates(raw: str) -> None:
    with pytest.raises(CellError) as exc:
        parse_date(raw)
    assert exc.value.code == "MUT-D021"


def test_column_map_override(
    tmp_path: Path, sqlite_url: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(repo / "examples/import/unor.csv", tmp_path)
    f = write(
        tmp_path / "data_simpeg.csv",
        "NOMOR_INDUK;NAMA_LENGKAP;UNIT\n198609262015051001;Joko;DINKES\n",
    )
    cmap = write(
        tmp_path / "map.yaml",
        "employees:\n  nip: NOMOR_INDUK\n  name: [NAMA_LENGKAP]\n  unit_id: UNIT\n",
    )
    # without the map the required columns are missing (row 1 = header)
    code, out = run_json(capsys, ["import", "--kind", "employees", str(f), "--db", sqlite_url])
    assert code == 1 and sorted(p["code"] for p in out["problems"]) == ["MUT-D003", "MUT-D003"]
    assert main(["import", str(tmp_path / "unor.csv"), "--db", sqlite_url]) == 0
    code, out = run_json(
        capsys,
        ["import", "--kind", "employees", str(f), "--column-map", str(cmap), "--db", sqlite_url],
    )
    assert code == 0 and out["files"][0]["inserted"] == 1
    engine = open_store(sqlite_url)
    emp = get_employee(engine, "198609262015051001")
    engine.dispose()
    assert emp is not None and emp.name == "Joko" and emp.unit_id == "DINKES"


def test_bad_column_map_points_at_the_line(
    tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    f = write(tmp_path / "pegawai.csv", EMP_HEADER)
    cmap = write(tmp_path / "map.yaml", "employees:\n  nip: NIP\n  nipp: X\npegawaii:\n  nip: Y\n")
    code, out = run_json(capsys, ["import", str(f), "--column-map", str(cmap), "--db", sqlite_url])
    assert code == 1
    assert [(p["line"], p["col"], p["code"]) for p in out["problems"]] == [
        (3, 3, "MUT-D041"),
        (4, 1, "MUT-D041"),
    ]


def test_changed_value_is_updated_in_place(
    tmp_path: Path, sqlite_url: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    shutil.copytree(repo / "examples/import", src, ignore=shutil.ignore_patterns("broken", "*.py"))
    assert main(["import", str(src), "--db", sqlite_url]) == 0
    skp = src / "riwayat_skp.csv"
    skp.write_text(
        skp.read_text(encoding="utf-8").replace(
            "199201302017082002,2025,Butuh Perbaikan", "199201302017082002,2025,Baik"
        ),
        encoding="utf-8",
    )
    code, out = run_json(capsys, ["import", str(skp), "--db", sqlite_url])
    assert code == 0 and (out["files"][0]["updated"], out["files"][0]["inserted"]) == (1, 0)
    engine = open_store(sqlite_url)
    emp = get_employee(engine, "199201302017082002")
    engine.dispose()
    assert emp is not None and [(s.year, s.predicate) for s in emp.skp][-1] == (2025, "Baik")


def test_file_level_problems(
    tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown = write(tmp_path / "daftar.csv", "a,b\n1,2\n")
    code, out = run_json(capsys, ["import", str(unknown), "--db", sqlite_url])
    assert code == 1 and out["problems"][0]["code"] == "MUT-D002"
    latin = tmp_path / "pegawai.csv"
    latin.write_bytes(b"nipBaru,nama\n198609262015051001,Jos\xe9\n")
    code, out = run_json(capsys, ["import", str(latin), "--db", sqlite_url])
    assert code == 1 and (out["problems"][0]["code"], out["problems"][0]["line"]) == ("MUT-D001", 2)
    assert main(["import", str(tmp_path / "missing.csv"), "--db", sqlite_url]) == 2


def test_nothing_written_leaves_no_source_record(
    tmp_path: Path, sqlite_url: str, repo: Path
) -> None:
    engine = open_store(sqlite_url)
    with pytest.raises(DataImportError):
        import_paths(engine, [repo / "examples/import/broken/pegawai.csv"])
    with engine.connect() as conn:
        assert conn.execute(select(text("count(*)")).select_from(text("source_file"))).scalar() == 0
    engine.dispose()


def test_every_column_is_documented(repo: Path) -> None:
    from mutasi.store.columns import KINDS, default_map

    doc = (repo / "docs/input-formats.md").read_text(encoding="utf-8")
    missing = [
        f"{kind}.{field_name}/{name}"
        for kind, fields in default_map().items()
        for field_name, names in fields.items()
        for name in names
        if f"`{field_name}`" not in doc or f"`{name}`" not in doc
    ]
    missing += [f"### {k.name}" for k in KINDS if f"### {k.name}\n" not in doc]
    assert missing == []


def test_a_statement_of_no_service_bond_needs_its_source(tmp_path: Path, sqlite_url: str, repo: Path) -> None:
    # ikatanDinasTidakAdaSumber names the document or check; a bare yes/no or "tidak ada"
    # says nothing about where it comes from and is refused at its row and column
    for name in ("unor.csv", "peta_jabatan.csv"):
        write(tmp_path / "in" / name, (repo / "examples/import" / name).read_text(encoding="utf-8"))
    got = problems_of(tmp_path, sqlite_url, {
        "pegawai.csv": "nipBaru,nama,ikatanDinasSampai,ikatanDinasTidakAdaSumber\n"
        "198609262015051001,A,,ya\n"  # 2: refused
        "198609262015051002,B,,tidak ada\n"  # 3: refused
        "198609262015051003,C,,Surat keterangan 800/45/BKPSDM/2026\n",  # 4: fine
    })
    assert got == [("pegawai.csv", 2, 4, "MUT-D400"), ("pegawai.csv", 3, 4, "MUT-D400")]


def test_service_bond_statement_is_stored_and_read_back(tmp_path: Path, sqlite_url: str) -> None:
    from mutasi.store.convert import iter_employees

    write(tmp_path / "in" / "pegawai.csv", "nipBaru,nama,ikatanDinasSampai,ikatanDinasTidakAdaSumber\n"
          "198609262015051001,A,,Surat keterangan 800/45/BKPSDM/2026\n"
          "198609262015051002,B,31-12-2027,\n"
          "198609262015051003,C,,\n")
    engine = open_store(sqlite_url)
    try:
        import_paths(engine, [tmp_path / "in"])
        got = {e.nip[-1]: (e.service_bond_until, e.no_service_bond_source) for e in iter_employees(engine)}
    finally:
        engine.dispose()
    assert got == {"1": (None, "Surat keterangan 800/45/BKPSDM/2026"), "2": (date(2027, 12, 31), None),
                   "3": (None, None)}
