"""The voluntary round's circumstance items (issue 20): family reunion, nearness to the
domicile, hardship postings. Import of unit locations and keadaan_pegawai.csv (validated,
all or nothing), the facts' three states, points by hand at two positions, the words a
reader gets, the employee's own data page, and the demo's seeded declarations."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from engine import Evaluator, load_pack
from engine.facts import MISSING_KEY, candidate_facts, pair_facts
from engine.records import Circumstance, Employee, Position, Posting, SkpRecord, Unit, World
from engine.round.model import point_items, total_points
from mutasi.paths import REPO_RULES
from mutasi.store import DataImportError, import_paths, open_store
from mutasi.store.convert import get_employee, load_world

AS_OF = date(2026, 11, 22)
NIP = "198609262015051001"

UNITS = "unorId,unorNama,jenisUnor,kodeWilayah,daerahTerpencil\n" \
        "BAPPEDA,Bappeda,badan,14.72.01,tidak\n" \
        "DINKES,Dinas Kesehatan,dinas,14.72.03,tidak\n" \
        "PKM-SS,Puskesmas Sungai Sembilan,dinas,14.72.04,ya\n"
EMPLOYEES = "nipBaru,nama,unorId\n" \
            f"{NIP},Andi Pratama,BAPPEDA\n" \
            "199405122019032011,Rina Lestari,DINKES\n"
HEADER = "nipBaru,jenisKeadaan,kodeWilayah,dokumen,diverifikasiOleh,tanggalVerifikasi\n"


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def _count(url: str, table: str) -> int:
    from sqlalchemy import text

    engine = open_store(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar() or 0)
    finally:
        engine.dispose()


# ---- import -----------------------------------------------------------------------------

def test_bad_rows_are_named_by_file_row_and_field_and_nothing_is_written(tmp_path: Path, sqlite_url: str) -> None:
    folder = _write(tmp_path / "in", {
        "unor.csv": UNITS + "DISDIK,Dinas Pendidikan,dinas,14.72,tidak\n",  # row 5: kabupaten/kota level only
        "pegawai.csv": EMPLOYEES,
        "keadaan_pegawai.csv": HEADER
        + f"{NIP},tempat_kerja_pasangan,14.72.03.1002,SK 800/12,Tim,01-10-2026\n"  # 2: fine
        + "199001012015011001,domisili,14.72.01,KTP,,\n"  # 3: NIP not in the store or the import
        + f"{NIP},domisili,14-72-01,KTP,,\n"  # 4: not a kode wilayah
        + "199405122019032011,domisil,14.72.01,KTP,Tim,31-02-2026\n"  # 5: kind misspelt, no 31 Feb
        + "199405122019032011,tempat_kerja_pasangan,14.72.01,SK 1,Tim,\n",  # 6: who without when
    })
    engine = open_store(sqlite_url)
    try:
        with pytest.raises(DataImportError) as exc:
            import_paths(engine, [folder])
    finally:
        engine.dispose()
    got = [(Path(p.file).name, p.line, p.field, p.code) for p in exc.value.problems]
    assert got == [
        ("keadaan_pegawai.csv", 3, "nipBaru", "MUT-D033"),
        ("keadaan_pegawai.csv", 4, "kodeWilayah", "MUT-D260"),
        ("keadaan_pegawai.csv", 5, "jenisKeadaan", "MUT-D261"),
        ("keadaan_pegawai.csv", 5, "tanggalVerifikasi", "MUT-D021"),
        ("keadaan_pegawai.csv", 6, "tanggalVerifikasi", "MUT-D262"),
        ("unor.csv", 5, "kodeWilayah", "MUT-D260"),
    ]
    kind = next(p for p in exc.value.problems if p.code == "MUT-D261")
    assert "did you mean domisili?" in kind.hint
    # all or nothing: not one unit, employee or declaration was written
    assert (_count(sqlite_url, "unit"), _count(sqlite_url, "employee"), _count(sqlite_url, "circumstance")) == (0, 0, 0)


def test_locations_and_declarations_are_stored_and_read_back(tmp_path: Path, sqlite_url: str) -> None:
    folder = _write(tmp_path / "in", {
        "unor.csv": UNITS + "DISDIK,Dinas Pendidikan,dinas,,\n",
        "pegawai.csv": EMPLOYEES,
        "riwayat_jabatan.csv": "nipBaru,jabatanNama,unorId,tmtJabatan,tmtSelesai\n"
        f"{NIP},Pengelola,PKM-SS,01-05-2016,01-05-2020\n{NIP},Analis,BAPPEDA,02-01-2023,\n",
        "keadaan_pegawai.csv": HEADER
        + f"{NIP},Tempat kerja suami/istri,14.72.03.1002,SK 800/12,Tim Penilai Kinerja,01-10-2026\n"
        + f"{NIP},domisili,14.72.01,KTP,,\n",
    })
    engine = open_store(sqlite_url)
    try:
        import_paths(engine, [folder])
        import_paths(engine, [folder])  # the same files again change nothing
        world = load_world(engine)
        emp = get_employee(engine, NIP)
    finally:
        engine.dispose()
    assert _count(sqlite_url, "circumstance") == 2
    assert (world.units["PKM-SS"].region_code, world.units["PKM-SS"].hardship) == ("14.72.04", True)
    assert (world.units["DISDIK"].region_code, world.units["DISDIK"].hardship) == (None, None)
    assert emp is not None
    assert emp.circumstances == (
        Circumstance("domicile", "14.72.01", "KTP", None, None),
        Circumstance("spouse_workplace", "14.72.03.1002", "SK 800/12", "Tim Penilai Kinerja", date(2026, 10, 1)),
    )
    assert emp.postings == (Posting("PKM-SS", date(2016, 5, 1), date(2020, 5, 1)),
                            Posting("BAPPEDA", date(2023, 1, 2), None))


# ---- facts: three states ----------------------------------------------------------------

WORLD = World(units={
    "bappeda": Unit("bappeda", "Bappeda", "badan", "14.72.01", False),
    "dinkes": Unit("dinkes", "Dinas Kesehatan", "dinas", "14.72.03", False),
    "pkm": Unit("pkm", "Puskesmas", "dinas", "14.72.04", True),
    "disdik": Unit("disdik", "Dinas Pendidikan", "dinas", None, False),
    "setda": Unit("setda", "Setda", "sekretariat", "14.72.01", None),
})
DINKES = Position("dinkes-1", "dinkes", "Pengelola Anggaran", "pelaksana")
BAPPEDA = Position("bappeda-1", "bappeda", "Pengelola Anggaran", "pelaksana")
DISDIK = Position("disdik-1", "disdik", "Pengelola Anggaran", "pelaksana")
SPOUSE = Circumstance("spouse_workplace", "14.72.03.1002", "SK 800/12", "Tim", date(2026, 10, 1))


def _emp(**kw: object) -> Employee:
    base: dict[str, object] = {"nip": NIP, "name": "Andi", "postings": (
        Posting("pkm", date(2016, 5, 1), date(2020, 5, 1)), Posting("bappeda", date(2023, 1, 2)))}
    base.update(kw)
    return Employee(**base)  # type: ignore[arg-type]


def _pair(emp: Employee, pos: Position) -> dict[str, object]:
    return pair_facts(emp, pos, WORLD, AS_OF, {})


def test_not_claimed_is_a_value_verified_claims_compare_places_missing_has_a_reason() -> None:
    f = _pair(_emp(), DINKES)
    assert (f["spouse_workplace_area"], f["domicile_area"]) == ("not_claimed", "not_claimed")
    assert "spouse_workplace_area" not in f[MISSING_KEY]  # type: ignore[operator]
    # verified: the spouse works in kecamatan 14.72.03
    assert _pair(_emp(circumstances=(SPOUSE,)), DINKES)["spouse_workplace_area"] == "same_kecamatan"
    assert _pair(_emp(circumstances=(SPOUSE,)), BAPPEDA)["spouse_workplace_area"] == "same_kabkota"
    pekanbaru = Circumstance("domicile", "14.71.02", "KTP", "Tim", date(2026, 10, 1))
    assert _pair(_emp(circumstances=(pekanbaru,)), DINKES)["domicile_area"] == "elsewhere"
    # a claim without its check, or checked after the as-of date, is data missing, never "not claimed"
    for claim in (Circumstance("spouse_workplace", "14.72.03", "SK"),
                  Circumstance("spouse_workplace", "14.72.03", "SK", "Tim", None),
                  Circumstance("spouse_workplace", "14.72.03", "SK", "Tim", date(2026, 11, 23))):
        f = _pair(_emp(circumstances=(claim,)), DINKES)
        assert f["spouse_workplace_area"] is None
        assert f[MISSING_KEY]["spouse_workplace_area"] == "claim_not_verified"  # type: ignore[index]
    # checked on the as-of date itself: counts
    on_day = Circumstance("spouse_workplace", "14.72.03", "SK", "Tim", AS_OF)
    assert _pair(_emp(circumstances=(on_day,)), DINKES)["spouse_workplace_area"] == "same_kecamatan"
    # the target's unit has no region code: a verified claim cannot be placed; no claim still is "not claimed"
    f = _pair(_emp(circumstances=(SPOUSE,)), DISDIK)
    assert f["spouse_workplace_area"] is None and f["domicile_area"] == "not_claimed"
    assert f[MISSING_KEY]["spouse_workplace_area"] == "unit_location_unknown"  # type: ignore[index]


def test_hardship_months_from_the_position_history() -> None:
    def months(emp: Employee) -> tuple[object, object]:
        f = candidate_facts(emp, WORLD, AS_OF, {})
        return f["hardship_posting_months"], f[MISSING_KEY].get("hardship_posting_months")  # type: ignore[union-attr]

    # 1 May 2016 .. 1 May 2020 at the puskesmas = 48 months; Bappeda is no hardship posting
    assert months(_emp()) == (48, None)
    # still there on the as-of date: 1 Jan 2026 .. 22 Nov 2026 = 10 months
    assert months(_emp(postings=(Posting("pkm", date(2026, 1, 1)),))) == (10, None)
    assert months(_emp(postings=(Posting("bappeda", date(2023, 1, 2)),))) == (0, None)
    # unknown, each with its reason (never 0)
    assert months(_emp(postings=())) == (None, "no_position_history")
    assert months(_emp(postings=(Posting(None, date(2020, 1, 1)),))) == (None, "posting_unit_unknown")
    assert months(_emp(postings=(Posting("setda", date(2020, 1, 1)),))) == (None, "unit_hardship_not_stated")
    assert months(_emp(postings=(Posting("gone", date(2020, 1, 1)),))) == (None, "unit_hardship_not_stated")
    # a posting that starts after the as-of date is not served yet
    assert months(_emp(postings=(Posting("pkm", date(2027, 1, 1)),))) == (None, "no_position_history")


# ---- points of one person at two positions, by hand -------------------------------------

def test_points_of_one_person_at_two_positions() -> None:
    # rules/kota-dumai/criteria/bareme.yaml with parameters.yaml, worked by hand:
    # in post since 2023-01-02: 46 months (>= 36) 0.4 x 100 = 40; PNS since 2016-05-01: 126 months
    # (>= 120) 0.6 x 60 = 36; III/c = 11 (>= 9) 0.6 x 40 = 24; SKP 2025 Baik 0.6 x 80 = 48;
    # hardship 48 months (>= 36) 0.6 x 50 = 30; domicile not claimed 0.
    # Spouse in 14.72.03: Dinkes (14.72.03) 1.0 x 60 = 60 -> 238; Bappeda (14.72.01) 0.5 x 60 = 30 -> 208.
    emp = _emp(circumstances=(SPOUSE,), status="PNS", tmt_pns=date(2016, 5, 1), golongan="III/c",
               tmt_jabatan=date(2023, 1, 2), skp=(SkpRecord(2025, "Baik"),))
    ev = Evaluator(load_pack(REPO_RULES / "kota-dumai"), AS_OF, backend="reference")
    try:
        got = {pos.unit_id: total_points(point_items(ev.evaluate_pair(emp, pos, WORLD)))
               for pos in (DINKES, BAPPEDA, DISDIK)}
        items = {i.criterion_id: i.contribution for i in point_items(ev.evaluate_pair(emp, DINKES, WORLD))}
    finally:
        ev.close()
    assert got == {"dinkes": 238.0, "bappeda": 208.0, "disdik": None}  # Disdik: no region code
    assert (items["bareme_family_reunion"], items["bareme_home_distance"], items["bareme_hardship_service"]) \
        == (60.0, 0.0, 30.0)


# ---- readers ----------------------------------------------------------------------------

def test_letter_lines_say_not_claimed_and_why_data_is_missing() -> None:
    from reports.round_report import _items, bid_sentence

    bid = {"items": [
        {"title": {"id": "Nilai penyatuan keluarga", "en": "Points for family reunion"}, "points": None,
         "weight": 60.0, "contribution": None, "read": {"spouse_workplace_area": None},
         "missing": {"spouse_workplace_area": "claim_not_verified"}},
        {"title": {"id": "Nilai kedekatan dengan domisili", "en": "Points for nearness to the domicile"},
         "points": 0.0, "weight": 30.0, "contribution": 0.0, "read": {"domicile_area": "not_claimed"},
         "missing": {}},
        {"title": {"id": "Nilai masa tugas di daerah terpencil", "en": "Points for service in hardship postings"},
         "points": 0.6, "weight": 50.0, "contribution": 30.0, "read": {"hardship_posting_months": 48},
         "missing": {}},
    ]}
    assert _items(bid, "id") == [
        "Nilai penyatuan keluarga: data belum lengkap: klaim belum diverifikasi tim",
        "Nilai kedekatan dengan domisili (tidak diajukan): 0 × bobot 30 = 0",
        "Nilai masa tugas di daerah terpencil (4 tahun): 0,6 × bobot 50 = 30",
    ]
    en = _items(bid, "en")
    assert en[0] == "Points for family reunion: data missing: the claim is not yet verified by the committee"
    assert en[1] == "Points for nearness to the domicile (not claimed): 0 × weight 30 = 0"
    assert not any(re.search(r"\b[a-z]+_[a-z_]+\b", line) for line in _items(bid, "id") + en)
    # the bid's sentence: waiting for the committee's check, not "complete your data"
    bid["reason"] = "points_missing"
    assert bid_sentence(bid, 0, "id") == (
        "Nilai prioritas belum dapat dihitung: klaim Anda untuk Nilai penyatuan keluarga belum diverifikasi "
        "tim. Bila dokumen pendukungnya belum Anda serahkan, serahkan kepada BKPSDM.")
    bid["items"][0]["missing"] = {"spouse_workplace_area": "unit_location_unknown"}
    assert bid_sentence(bid, 0, "en").startswith("Your priority points could not be computed because data are "
                                                 "missing: Points for family reunion.")


def test_the_employee_sees_their_declarations_and_whether_they_are_verified(tmp_path: Path, sqlite_url: str) -> None:
    from mutasi.portal.mydata import person_data

    folder = _write(tmp_path / "in", {
        "unor.csv": UNITS, "pegawai.csv": EMPLOYEES,
        "keadaan_pegawai.csv": HEADER
        + f"{NIP},tempat_kerja_pasangan,14.72.03.1002,SK 800/12,Tim Penilai Kinerja,01-10-2026\n"
        + f"{NIP},domisili,14.72.01,KTP,,\n",
    })
    engine = open_store(sqlite_url)
    try:
        import_paths(engine, [folder])
        mine = person_data(engine, NIP, "id", AS_OF)
        other = person_data(engine, "199405122019032011", "en", AS_OF)
    finally:
        engine.dispose()
    assert mine is not None and other is not None
    text = {i.key: i.text for i in mine.items}["circumstances"]
    assert text == ("domisili: kode wilayah 14.72.01, dokumen KTP (belum diverifikasi tim; nilainya belum "
                    "dapat dihitung); tempat kerja suami/istri: kode wilayah 14.72.03.1002, dokumen SK 800/12 "
                    "(diverifikasi Tim Penilai Kinerja pada 1 Oktober 2026)")
    assert {i.key: i.text for i in other.items}["circumstances"] == "none declared"


# ---- the demo's declarations --------------------------------------------------------------

def test_demo_declarations_are_seeded_and_mostly_absent() -> None:
    from mutasi.demo.round import demo_circumstances

    ranked = {f"1990010120150110{i:02d}": [f"P{i % 3}"] for i in range(40)}
    place = {"P0": "14.72.01", "P1": "14.72.02", "P2": "14.72.03"}
    me = "199001012015011007"
    a = demo_circumstances(ranked, place, 5, "15-11-2026", include=me)
    assert a == demo_circumstances(dict(reversed(list(ranked.items()))), place, 5, "15-11-2026", include=me)
    verified = [r for r in a if r[4]]
    unverified = [r for r in a if not r[4]]
    assert len(verified) == 6 and len(unverified) == 1  # the demo employee and five others; one claim
    assert me in {r[0] for r in verified} and unverified[0][0] != me
    assert len({r[0] for r in a}) == 7 < 40 // 2  # most participants claim nothing
    mine = next(r for r in a if r[0] == me)  # the spouse works near the demo employee's first choice
    assert mine[1] == "tempat_kerja_pasangan" and mine[2].startswith(place[ranked[me][0]] + ".")
