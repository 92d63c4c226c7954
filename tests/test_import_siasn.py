"""SIASN files as a BKPSDM downloads them import without hand editing (issue #21).

Each silent loss the issue lists has a test here; the values in every file are invented.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from mutasi.cli.app import main
from mutasi.demo import generate_demo
from mutasi.demo_siasn import generate_siasn_demo, pns_id
from mutasi.store import DataImportError, get_employee, import_paths, open_store
from mutasi.store.codes import code_table, table_names
from mutasi.store.parse import parse_date

NIP_A = "198503222010011005"  # born 1985-03-22, CPNS 2010-01, male
NIP_B = "199201302017082002"  # born 1992-01-30, CPNS 2017-08, female
GUID_A = "5e2c1a0e-0000-4000-8000-00000000000a"
GUID_B = "5e2c1a0e-0000-4000-8000-00000000000b"


def write(path: Path, text_: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text_, encoding="utf-8")
    return path


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table, sorted, without the surrogate row id (file order)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            out = {}
            for n in sorted(inspect(conn).get_table_names()):
                if n in ("source_file", "alembic_version") or n.startswith(("portal_", "voluntary_")):
                    continue  # bookkeeping, the web portal's and the voluntary round's tables, not imported data
                cols = [c["name"] for c in inspect(conn).get_columns(n)]
                keep = [c for c in cols if not (c == "id" and "key" in cols)]
                rows = conn.execute(text(f'SELECT {", ".join(keep)} FROM "{n}"'))
                out[n] = sorted((tuple(r) for r in rows), key=repr)
            return out
    finally:
        engine.dispose()


UNOR = (
    "Id,NamaUnor,DiatasanId\n"
    "PEMDA,Pemerintah Kabupaten Contoh,\n"
    "DINKES,Dinas Kesehatan,PEMDA\n"
    "DINKES-P1,Puskesmas Kota,DINKES\n"
    "DINKES-P1-A,Pustu Desa A,DINKES-P1\n"
    "KANTOR,Kantor Arsip,PEMDA\n"
)
PETA = (
    "jabatanId,unorId,jabatanNama,jenisJabatan,jenjangJabatan,golMin,golMaks\n"
    "JF-PERAWAT,DINKES,Perawat Ahli Pertama,jf_keahlian,ahli_pertama,III/a,III/b\n"
    "JFU-ADM,DINKES,Pengadministrasi Perkantoran,pelaksana,,II/a,III/b\n"
    "DINKES-SEK,DINKES,Sekretaris,administrator,,III/d,IV/a\n"
)
DATA_UTAMA = (
    "id,nipBaru,nama,tglLahir,jenisKelamin,agama,statusPegawai,kedudukanPnsId,tmtCpns,tmtPns,"
    "golRuangAkhirId,tmtGolAkhir,jenisJabatanId,jabatanStrukturalId,jabatanFungsionalId,"
    "jabatanFungsionalUmumId,tmtJabatan,unorId,tkPendidikanTerakhir,nipLama\n"
    f"{GUID_A},{NIP_A},Budi Santoso,22-03-1985,M,Katholik,PNS,01,01-01-2010,01-01-2011,32,"
    f"01-04-2020,2,,JF-PERAWAT,,01-01-0001,DINKES-P1-A,Diploma III/Sarjana Muda,\n"
    f"{GUID_B},{NIP_B},Sri Lestari,30-01-1992,F,Islam,CPNS,03,01-08-2017,00-00-0000,"
    f"21,null,4,,,JFU-ADM,2021-09-26T00:00:00,DINKES,SLTA Kejuruan,\n"
)


def siasn_folder(tmp: Path) -> Path:
    folder = tmp / "unduhan"
    write(folder / "ref-unor.csv", UNOR)
    write(folder / "peta_jabatan.csv", PETA)
    write(folder / "data-utama.csv", DATA_UTAMA)
    return folder


def test_web_service_files_import_as_downloaded(tmp_path: Path, db_url: str) -> None:
    folder = siasn_folder(tmp_path)
    write(folder / "rw-skp22.csv",
          f"id,tahun,kuadranKinerja,pnsDinilaiId\nx1,2024,SANGAT BAIK,{GUID_A}\nx2,2025,BAIK,{GUID_A}\n")
    write(folder / "rw-skp.csv", f"id,tahun,nilaiSkp,pns\ny1,2021,88.5,{GUID_A}\ny2,2017,80,{GUID_A}\n")
    write(folder / "rw-hukdis.csv",
          "id,pnsOrang,jenisHukuman,jenisTingkatHukumanId,hukumanTanggal,akhirHukumTanggal,skNomor\n"
          f"h1,{GUID_B},2,R,14-02-2023,14-02-2023,800/1\n"
          f"h2,{GUID_A},24,,01-09-2026,01-06-2027,800/2\n")
    write(folder / "rw-jabatan.csv",
          "id,idPns,jenisJabatan,jabatanFungsionalId,jabatanFungsionalNama,jabatanFungsionalUmumId,"
          "jabatanFungsionalUmumNama,unorId,tmtJabatan,tmtPelantikan\n"
          f"j1,{GUID_A},4,,,JFU-ADM,Pengadministrasi Perkantoran,DINKES-P1,01-01-2010,01-01-0001\n"
          f"j2,{GUID_A},2,JF-PERAWAT,Perawat Ahli Pertama,,,DINKES-P1-A,01-03-2019,01-01-0001\n")
    write(folder / "rw-golongan.csv",
          f"id,idPns,nipBaru,golonganId,tmtGolongan\ng1,{GUID_A},,31,01-01-2010\ng2,{GUID_A},,32,01-04-2020\n")
    write(folder / "rw-pendidikan.csv",
          f"id,idPns,nipBaru,tkPendidikanId,pendidikanNama\np1,,{NIP_A},30,D-III Keperawatan\n")
    write(folder / "rw-kursus.csv",
          f"id,idPns,nipBaru,namaKursus,tahunKursus,jumlahJam\nk1,{GUID_B},,Pelatihan Dasar CPNS,2018,120\n")
    engine = open_store(db_url)
    try:
        summary = import_paths(engine, [folder])
        a, b = get_employee(engine, NIP_A), get_employee(engine, NIP_B)
        assert a is not None and b is not None
        # the position id comes from the column jenisJabatanId names (2: JF, 4: pelaksana)
        assert (a.position_id, b.position_id) == ("JF-PERAWAT", "JFU-ADM")
        # sub-units (Pustu under Puskesmas under Dinas) roll up to the OPD
        assert (a.unit_id, b.unit_id) == ("DINKES", "DINKES")
        # 01-01-0001, 00-00-0000 and null are "no date", never the year 1
        assert a.tmt_jabatan is None and b.tmt_pns is None and b.tmt_golongan is None
        assert b.tmt_jabatan == date(2021, 9, 26)  # ISO with a time part
        # code tables: golongan ids, kedudukan ids, education names, SIASN spellings
        assert (a.golongan, b.golongan) == ("III/b", "II/a")
        assert (a.kedudukan, b.kedudukan) == ("aktif", "tugas_belajar")
        assert (a.education_level, b.education_level) == ("D3", "SMA")
        assert (a.religion, a.gender, b.status) == ("Katolik", "L", "CPNS")
        # SKP and punishments joined by the PNS id; predicates in upper case; R/S/B levels
        assert [(s.year, s.predicate, s.score, s.regulation) for s in a.skp] == [
            (2017, None, 80.0, "PP 46/2011"),
            (2021, None, 88.5, "PP 30/2019"),
            (2024, "Sangat Baik", None, "PermenPANRB 6/2022"),
            (2025, "Baik", None, "PermenPANRB 6/2022"),
        ]
        assert [(p.level, p.kind) for p in b.punishments] == [("ringan", "teguran tertulis")]
        assert [(p.level, p.kind) for p in a.punishments] == [
            ("sedang", "pemotongan tunjangan kinerja 25% selama 9 bulan")
        ]
        assert b.trainings == ("Pelatihan Dasar CPNS",)  # rw-kursus is mapped
        with engine.connect() as conn:
            units = conn.execute(text("SELECT id, kind FROM unit ORDER BY id")).all()
            hist = conn.execute(
                text("SELECT position_id, unit_id, start, \"end\" FROM position_history ORDER BY start")
            ).all()
            ranks = conn.execute(text("SELECT golongan FROM rank_history ORDER BY golongan")).all()
        # the region itself and its sub-units are not units; a unit without a type gets one
        assert [tuple(u) for u in units] == [("DINKES", "dinas"), ("KANTOR", "lainnya")]
        # the old post ends when the next one starts; the current one stays open
        assert [tuple(map(str, h)) for h in hist] == [
            ("JFU-ADM", "DINKES", "2010-01-01", "2019-03-01"),
            ("JF-PERAWAT", "DINKES", "2019-03-01", "None"),
        ]
        assert [r[0] for r in ranks] == ["III/a", "III/b"]
    finally:
        engine.dispose()
    codes = {(w.code, w.field) for w in summary.warnings}
    assert ("MUT-D050", "nipLama") in codes and ("MUT-D050", "tmtPelantikan") in codes
    assert ("MUT-D051", "nipLama") not in codes  # an ignored column is not a field
    assert ("MUT-D052", "NamaUnor") in codes  # Kantor Arsip: no type in its name


def test_export_data_asn_imports_with_quoted_nips(tmp_path: Path, sqlite_url: str) -> None:
    folder = tmp_path / "x"
    write(folder / "unor.csv", "unorId,unorNama,jenisUnor\nDINKES,Dinas Kesehatan,dinas\n")
    write(folder / "peta_jabatan.csv", PETA)
    write(folder / "Data ASN Kabupaten Contoh.csv",
          "PNS ID,NIP BARU,NAMA,TANGGAL LAHIR,JENIS KELAMIN,AGAMA NAMA,KEDUDUKAN HUKUM NAMA,"
          "STATUS CPNS PNS,TMT CPNS,GOL AKHIR NAMA,TMT GOLONGAN,JENIS JABATAN ID,JABATAN ID,"
          "TMT JABATAN,TINGKAT PENDIDIKAN NAMA,NIK,UNOR ID\n"
          f"{GUID_A},'{NIP_A},Budi Santoso,22-03-1985,M,Budha,Aktif,P,01-01-2010,III/b,44197,2,"
          f"JF-PERAWAT,01-01-0001,S-1/Sarjana,'3201012203850001,DINKES\n")
    write(folder / "rw-skp22.csv", f"tahun,kuadranKinerja,pnsDinilaiId\n2025,BUTUH PERBAIKAN,{GUID_A}\n")
    engine = open_store(sqlite_url)
    try:
        import_paths(engine, [folder])
        a = get_employee(engine, NIP_A)
        assert a is not None
        assert (a.golongan, a.kedudukan, a.status, a.religion, a.education_level) == (
            "III/b", "aktif", "PNS", "Buddha", "S1",
        )
        assert a.tmt_golongan == date(2021, 1, 1)  # an Excel serial date (44197)
        assert a.position_id == "JF-PERAWAT" and a.tmt_jabatan is None
        assert [(s.year, s.predicate) for s in a.skp] == [(2025, "Butuh Perbaikan")]
        with engine.connect() as conn:
            nik = conn.execute(text("SELECT nik FROM employee")).scalar()
        assert nik == "3201012203850001"
    finally:
        engine.dispose()


def problems_of(folder: Path, sqlite_url: str) -> list[tuple[str, int, int, str, str]]:
    engine = open_store(sqlite_url)
    try:
        with pytest.raises(DataImportError) as info:
            import_paths(engine, [folder])
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM employee")).scalar() == 0
    finally:
        engine.dispose()
    return [(Path(p.file).name, p.line, p.col, p.code, p.field) for p in info.value.problems]


def test_bad_siasn_rows_are_errors_not_silent_empties(tmp_path: Path, sqlite_url: str) -> None:
    folder = siasn_folder(tmp_path)
    bad = DATA_UTAMA.replace(",2,,JF-PERAWAT,,", ",2,,,JFU-ADM,").replace(",21,null,", ",99,null,")
    write(folder / "data-utama.csv", bad)
    write(folder / "rw-skp22.csv", "tahun,kuadranKinerja,pnsDinilaiId\n2025,BAIK,no-such-guid\n")
    found = problems_of(folder, sqlite_url)
    assert found == [
        # jenisJabatanId 2 names jabatanFungsionalId, which is empty: an error at that column
        ("data-utama.csv", 2, 15, "MUT-D043", "jabatanFungsionalId"),
        # golongan id 99 is in no code table row: the error names the table
        ("data-utama.csv", 3, 11, "MUT-D042", "golRuangAkhirId"),
        ("rw-skp22.csv", 2, 3, "MUT-D035", "pnsDinilaiId"),
    ]
    engine = open_store(sqlite_url)
    try:
        with pytest.raises(DataImportError) as info:
            import_paths(engine, [folder])
    finally:
        engine.dispose()
    msg = next(p for p in info.value.problems if p.code == "MUT-D042")
    assert "code table golongan" in msg.message and "golongan.yaml" in msg.message


def test_unit_without_type_no_longer_crashes(tmp_path: Path, sqlite_url: str) -> None:
    # mutasi's own format, type column present with an empty cell (was: IntegrityError)
    own = write(tmp_path / "unor.csv", "unorId,unorNama,jenisUnor\nDISHUB,Dinas Perhubungan,\n")
    engine = open_store(sqlite_url)
    try:
        summary = import_paths(engine, [own])
        assert [(w.code, w.field) for w in summary.warnings] == [("MUT-D051", "jenisUnor")]
        # and again without the column: the stored type stays
        write(own, "unorId,unorNama\nDISHUB,Dinas Perhubungan\nX1,Unit Lain\n")
        import_paths(engine, [own])
        with engine.connect() as conn:
            kinds = conn.execute(text("SELECT id, kind FROM unit ORDER BY id")).all()
        assert [tuple(k) for k in kinds] == [("DISHUB", "dinas"), ("X1", "lainnya")]
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("01-01-0001", None), ("00-00-0000", None), ("null", None), ("NULL", None),
        ("0001-01-01T00:00:00", None), ("26-09-1986", date(1986, 9, 26)),
        ("1986-09-26T00:00:00", date(1986, 9, 26)), ("1986-09-26 00:00:00.000", date(1986, 9, 26)),
        ("1986-09-26T07:30:00+07:00", date(1986, 9, 26)), ("31455", date(1986, 2, 12)),
    ],
)  # fmt: skip
def test_siasn_dates(cell: str, expected: date | None) -> None:
    # 31455: days after 1899-12-30 as spreadsheets count (checked: 1986-02-12 is serial 31455)
    assert parse_date(cell) == expected


def test_every_code_table_names_its_source() -> None:
    for name in table_names():
        t = code_table(name)
        assert t.name == name and "source" not in t.source.lower()[:0]
        assert len(t.source) > 40, f"{name}: the source must say where the codes come from"
        assert len({r[0] for r in t.rows}) == len(t.rows), f"{name}: duplicate id"
    assert code_table("golongan").lookup("45") == "IV/e"
    assert code_table("tingkat_pendidikan").lookup("Diploma III/Sarjana Muda") == "D3"
    assert code_table("jenis_hukuman").lookup("28", "level") == "berat"


@pytest.mark.parametrize("export", [False, True], ids=["web-service", "export-data-asn"])
def test_both_siasn_shapes_give_the_same_store_as_mutasi_format(
    tmp_path: Path, export: bool
) -> None:
    own, siasn = tmp_path / "own", tmp_path / "siasn"
    generate_demo(own, employees=160)
    generate_siasn_demo(siasn, employees=160, export=export)
    url_own, url_siasn = f"sqlite:///{tmp_path}/own.db", f"sqlite:///{tmp_path}/siasn.db"
    for folder, url in ((own, url_own), (siasn, url_siasn)):
        engine = open_store(url)
        try:
            import_paths(engine, [folder])
        finally:
            engine.dispose()
    a, b = dump(url_own), dump(url_siasn)
    assert list(a) == list(b)
    # What SIASN does not hold (docs/input-formats.md): where units lie and hardship flags
    # (unit columns 4 and 5), declared circumstances (written by `mutasi demo` later, if at all)
    assert a.pop("circumstance") == b.pop("circumstance") == []
    assert {r[3:] for r in b["unit"]} == {(None, None)} and None not in {r[3] for r in a["unit"]}
    a["unit"] = [r[:3] for r in a["unit"]]
    b["unit"] = [r[:3] for r in b["unit"]]
    for table in a:
        assert len(a[table]) > 0, table
        assert a[table] == b[table], table


def test_demo_writes_siasn_shape_from_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "wilayah"
    assert main(["demo", "--files-only", "--shape", "siasn", "--employees", "40", "--out", str(out)]) == 0
    names = sorted(p.name for p in (out / "data").iterdir())
    assert {"data-utama.csv", "ref-unor.csv", "rw-jabatan.csv", "rw-skp22.csv", "rw-hukdis.csv",
            "rw-kursus.csv", "peta_jabatan.csv", "data_tambahan.csv"} <= set(names)  # fmt: skip
    nips = [r.split(",")[1] for r in (out / "data" / "data-utama.csv").read_text(encoding="utf-8").splitlines()[1:]]
    skp22 = (out / "data" / "rw-skp22.csv").read_text(encoding="utf-8").splitlines()
    assert "nipBaru" not in skp22[0]  # SIASN's SKP rows carry only the PNS id
    assert {r.split(",")[-1] for r in skp22[1:]} <= {pns_id(n) for n in nips}
    capsys.readouterr()
    code = main(["import", str(out / "data"), "--db", f"sqlite:///{tmp_path}/d.db", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["ok"] is True
    assert {w["code"] for w in result["warnings"]} >= {"MUT-D050"}


def test_siasn_header_is_detected_whatever_the_file_name(tmp_path: Path, sqlite_url: str) -> None:
    folder = siasn_folder(tmp_path)
    (folder / "data-utama.csv").rename(folder / "pegawai_2026.csv")
    engine = open_store(sqlite_url)
    try:
        import_paths(engine, [folder])
        a = get_employee(engine, NIP_A)
        assert a is not None and a.position_id == "JF-PERAWAT" and a.golongan == "III/b"
    finally:
        engine.dispose()
    # forced to mutasi's own columns the same file is not read as SIASN: its sub-unit is unknown
    engine = open_store(f"sqlite:///{tmp_path}/other.db")
    try:
        with pytest.raises(DataImportError) as info:
            import_paths(engine, [folder], profile="default")
    finally:
        engine.dispose()
    assert ("MUT-D030", "unorId") in {(p.code, p.field) for p in info.value.problems}


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "siasn"


def test_fixture_region_gives_the_same_store_in_all_three_shapes(tmp_path: Path) -> None:
    """tests/fixtures/siasn: one small region as web-service CSVs, as Export Data ASN, and
    written by hand in mutasi's own format; imported without a column map, row for row equal."""
    dumps = {}
    for shape in ("mutasi-format", "web-service", "export-data-asn"):
        url = f"sqlite:///{tmp_path}/{shape}.db"
        engine = open_store(url)
        try:
            summary = import_paths(engine, [FIXTURES / shape])
        finally:
            engine.dispose()
        kinds = {f.kind for f in summary.files}
        assert "employees" in kinds and "skp" in kinds and "discipline" in kinds, shape
        dumps[shape] = dump(url)
    for shape in ("web-service", "export-data-asn"):
        for table, rows in dumps["mutasi-format"].items():
            assert dumps[shape][table] == rows, f"{shape}: {table}"
    assert len(dumps["mutasi-format"]["employee"]) == 4
    assert len(dumps["mutasi-format"]["skp"]) == 6


def test_column_map_still_wins_under_the_siasn_profile(tmp_path: Path, sqlite_url: str) -> None:
    folder = siasn_folder(tmp_path)
    write(folder / "data-utama.csv", DATA_UTAMA.replace("tglLahir", "TGL_LHR"))
    cmap = write(tmp_path / "peta_kolom.yaml", "employees:\n  birth_date: TGL_LHR\n")
    engine = open_store(sqlite_url)
    try:
        import_paths(engine, [folder], column_map=cmap, profile="siasn")
        a = get_employee(engine, NIP_A)
        assert a is not None and a.birth_date == date(1985, 3, 22) and a.golongan == "III/b"
    finally:
        engine.dispose()


def test_missing_required_siasn_column_lists_siasn_names(tmp_path: Path, sqlite_url: str) -> None:
    folder = siasn_folder(tmp_path)
    write(folder / "rw-skp22.csv", f"kuadranKinerja,pnsDinilaiId\nBAIK,{GUID_A}\n")
    engine = open_store(sqlite_url)
    try:
        with pytest.raises(DataImportError) as info:
            import_paths(engine, [folder])
    finally:
        engine.dispose()
    (p,) = info.value.problems
    assert (Path(p.file).name, p.code, p.field) == ("rw-skp22.csv", "MUT-D003", "year")
    assert "tahun" in p.message
