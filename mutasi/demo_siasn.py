"""The demo region written as a BKPSDM downloads it from SIASN (`mutasi demo --shape siasn`).

The region is first generated in mutasi's own format (mutasi.demo), then each file is rewritten
row by row, streaming, into SIASN's shape: web-service objects as CSV (data-utama, rw-jabatan,
rw-golongan, rw-skp, rw-skp22, rw-hukdis, rw-pendidikan, rw-diklat, rw-kursus, ref-unor), or,
with ``export=True``, the employees as the "Export Data ASN" CSV instead of data-utama. SIASN's
habits are reproduced on purpose: ids through the code tables, `01-01-0001` for no date, history
files that carry only the PNS id, no end dates, staff filed under sub-units, no unit type.
What SIASN does not hold (position map, ABK, competencies, preferences, data_tambahan.csv) is
copied in mutasi's format. Importing either shape gives the same store as the original.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from mutasi.demo import DEFAULT_AS_OF, DEFAULT_SEED, generate_demo
from mutasi.store.codes import code_table

_NS = uuid.UUID("6f0c7c52-2b7e-4c8e-9a51-3f1d3e2b9a10")  # fixed: same region, same ids
REGION_ID = "PEMDA-CONTOH"
COPIED = ("peta_jabatan.csv", "abk.csv", "kompetensi.csv", "preferensi.csv")
DETAILS = (
    "sedangDiperiksa",
    "prosesHukum",
    "bebasTemuan",
    "ikatanDinasSampai",
    "ikatanDinasTidakAdaSumber",
    "tglPelantikanJpt",
    "potensi",
    "pengalamanTerkaitBulan",
)
STRUCTURAL = ("jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas")
WS_EMPLOYEE = (
    "id", "nipBaru", "nipLama", "nama", "gelarDepan", "gelarBelakang", "tglLahir",
    "jenisKelamin", "agamaId", "agama", "statusPegawai", "kedudukanPnsId", "kedudukanPnsNama",
    "tmtCpns", "tmtPns", "golRuangAkhirId", "golRuangAkhir", "tmtGolAkhir", "jenisJabatanId",
    "jenisJabatan", "jabatanNama", "jabatanStrukturalId", "jabatanFungsionalId",
    "jabatanFungsionalUmumId", "tmtJabatan", "unorId", "unorNama", "unorIndukId",
    "tkPendidikanTerakhirId", "tkPendidikanTerakhir", "pendidikanTerakhirNama",
)  # fmt: skip
EXPORT_EMPLOYEE = (
    "PNS ID", "NIP BARU", "NIP LAMA", "NAMA", "GELAR DEPAN", "GELAR BELAKANG", "TANGGAL LAHIR",
    "JENIS KELAMIN", "AGAMA ID", "AGAMA NAMA", "NIK", "KEDUDUKAN HUKUM ID",
    "KEDUDUKAN HUKUM NAMA", "STATUS CPNS PNS", "TMT CPNS", "TMT PNS", "GOL AKHIR ID",
    "GOL AKHIR NAMA", "TMT GOLONGAN", "JENIS JABATAN ID", "JENIS JABATAN NAMA", "JABATAN ID",
    "JABATAN NAMA", "TMT JABATAN", "TINGKAT PENDIDIKAN ID", "TINGKAT PENDIDIKAN NAMA",
    "PENDIDIKAN NAMA", "UNOR ID", "UNOR NAMA",
)  # fmt: skip
HISTORY_HEADERS = {
    "rw-jabatan.csv": (
        "id", "idPns", "nipBaru", "jenisJabatan", "jabatanStrukturalId", "jabatanStrukturalNama",
        "jabatanFungsionalId", "jabatanFungsionalNama", "jabatanFungsionalUmumId",
        "jabatanFungsionalUmumNama", "unorId", "tmtJabatan", "tmtPelantikan", "nomorSk",
    ),
    "rw-golongan.csv": ("id", "idPns", "nipBaru", "golonganId", "golongan", "tmtGolongan", "skNomor"),
    "rw-skp.csv": ("id", "tahun", "nilaiSkp", "nilaiPrestasiKerja", "pns"),
    "rw-skp22.csv": ("id", "tahun", "kuadranKinerjaNilai", "kuadranKinerja", "pnsDinilaiId"),
    "rw-hukdis.csv": (
        "id", "pnsOrang", "jenisHukuman", "jenisHukumanNama", "jenisTingkatHukumanId",
        "hukumanTanggal", "akhirHukumTanggal", "skNomor",
    ),
    "rw-pendidikan.csv": (
        "id", "idPns", "nipBaru", "tkPendidikanId", "tkPendidikanNama", "pendidikanNama",
        "namaSekolah", "tahunLulus",
    ),
    "rw-diklat.csv": ("id", "idPns", "nipBaru", "latihanStrukturalId", "latihanStrukturalNama", "tahun", "jumlahJam"),
    "rw-kursus.csv": ("id", "idPns", "nipBaru", "namaKursus", "tahunKursus", "jumlahJam"),
}  # fmt: skip


def pns_id(nip: str) -> str:
    """A stable invented PNS id (SIASN uses a GUID per person)."""
    return str(uuid.uuid5(_NS, nip))


def _row_id(*parts: object) -> str:
    return uuid.uuid5(_NS, "|".join(str(x) for x in parts)).hex


def _code(table: str, value: str, column: str = "value") -> tuple[str, str]:
    """(id, name) of the row whose ``column`` is ``value``: SIASN's spelling of our value."""
    t = code_table(table)
    ci = t.columns.index(column)
    for row in t.rows:
        if row[ci] == value:
            return row[0], row[1]
    raise KeyError(f"{value!r} not in code table {table}")  # the generator's own values


# The plain degree of each level (the table also files profesi/spesialis under S1/S2/S3).
_EDU_ID = {"SD": "05", "SMP": "10", "SMA": "15", "D1": "20", "D2": "25", "D3": "30", "D4": "35",
           "S1": "40", "S2": "45", "S3": "50"}  # fmt: skip


def _education(level: str) -> tuple[str, str]:
    name = code_table("tingkat_pendidikan").lookup(_EDU_ID[level], "name") or ""
    return _EDU_ID[level], name


def _read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _sub_unit(unit_id: str, nip: str) -> str:
    """Staff are filed under a sub-unit (bidang) of their OPD for about half of them."""
    return f"{unit_id}-B{int(nip[-4:]) % 2 + 1}" if int(nip[-6:-4]) % 2 else unit_id


def generate_siasn_demo(
    out_dir: Path,
    employees: int = 3000,
    seed: int = DEFAULT_SEED,
    as_of: date = DEFAULT_AS_OF,
    export: bool = False,
) -> list[Path]:
    """Write the demo region in SIASN's shape into out_dir; returns the files written."""
    with tempfile.TemporaryDirectory(prefix="mutasi-demo-") as tmp:
        src = Path(tmp)
        generate_demo(src, employees=employees, seed=seed, as_of=as_of)
        return write_siasn_shape(src, out_dir, export=export)


def write_siasn_shape(src: Path, out_dir: Path, export: bool = False) -> list[Path]:
    """Rewrite a region in mutasi's format (folder ``src``) into SIASN's shape in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in COPIED:
        shutil.copyfile(src / name, out_dir / name)
        written.append(out_dir / name)
    kinds = {r["jabatanId"]: r["jenisJabatan"] for r in _read(src / "peta_jabatan.csv")}
    written.append(_units(src, out_dir))
    written.extend(_employees(src, out_dir, kinds, export))
    written.extend(_histories(src, out_dir, kinds))
    return written


def _writer(path: Path, header: tuple[str, ...]) -> tuple[object, csv.DictWriter[str]]:
    fh = path.open("w", encoding="utf-8", newline="")
    w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
    w.writeheader()
    return fh, w


def _units(src: Path, out: Path) -> Path:
    path = out / "ref-unor.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("Id", "NamaUnor", "DiatasanId", "EselonId", "NamaJabatan"))
        w.writerow((REGION_ID, "Pemerintah Kabupaten Contoh", "", "", "Bupati"))
        for r in _read(src / "unor.csv"):
            uid, name = r["unorId"], r["unorNama"]
            w.writerow((uid, name, REGION_ID, "22", f"Kepala {name}"))
            for k in (1, 2):
                w.writerow((f"{uid}-B{k}", f"Bidang {k} {name}", uid, "32", f"Kepala Bidang {k}"))
    return path


def _position_cells(pid: str, kinds: dict[str, str]) -> tuple[str, str]:
    """(jenisJabatanId, which id column) for a position of the map."""
    kind = kinds.get(pid, "")
    if kind in STRUCTURAL:
        return "1", "jabatanStrukturalId"
    if kind.startswith("jf_"):
        return "2", "jabatanFungsionalId"
    return "4", "jabatanFungsionalUmumId"


def _employees(src: Path, out: Path, kinds: dict[str, str], export: bool) -> list[Path]:
    main_path = out / ("Export_Data_ASN.csv" if export else "data-utama.csv")
    details_path = out / "data_tambahan.csv"
    fh, w = _writer(main_path, EXPORT_EMPLOYEE if export else WS_EMPLOYEE)
    dfh, dw = _writer(details_path, ("nipBaru", *DETAILS))
    try:
        for r in _read(src / "pegawai.csv"):
            nip = r["nipBaru"]
            dw.writerow({"nipBaru": nip, **{k: r[k] for k in DETAILS}})
            agama_id, agama = _code("agama", r["agama"])
            ked_id, ked = _code("kedudukan_hukum", r["kedudukanPns"].lower().replace(" ", "_"))
            gol_id, gol = _code("golongan", r["golRuangAkhir"])
            edu_id, edu = _education(r["tkPendidikanTerakhir"])
            jenis_id, id_col = _position_cells(r["jabatanId"], kinds)
            jenis = code_table("jenis_jabatan").lookup(jenis_id, "name") or ""
            structural = jenis_id == "1"
            unit = r["unorId"] if structural else _sub_unit(r["unorId"], nip)
            tmt_jab = r["tmtJabatan"] or "01-01-0001"  # SIASN's "no date"
            if export:
                iso = _iso_with_time
                w.writerow({
                    "PNS ID": pns_id(nip), "NIP BARU": "'" + nip, "NIP LAMA": "", "NAMA": r["nama"],
                    "GELAR DEPAN": "", "GELAR BELAKANG": "", "TANGGAL LAHIR": r["tglLahir"],
                    "JENIS KELAMIN": {"L": "M", "P": "F"}[r["jenisKelamin"]],
                    "AGAMA ID": agama_id, "AGAMA NAMA": agama, "NIK": "null",
                    "KEDUDUKAN HUKUM ID": ked_id, "KEDUDUKAN HUKUM NAMA": ked,
                    "STATUS CPNS PNS": r["statusPegawai"][0],
                    "TMT CPNS": iso(r["tmtCpns"]), "TMT PNS": iso(r["tmtPns"]) or "null",
                    "GOL AKHIR ID": gol_id, "GOL AKHIR NAMA": gol,
                    "TMT GOLONGAN": iso(r["tmtGolAkhir"]), "JENIS JABATAN ID": jenis_id,
                    "JENIS JABATAN NAMA": jenis, "JABATAN ID": r["jabatanId"],
                    "JABATAN NAMA": r["jabatanNama"], "TMT JABATAN": iso(r["tmtJabatan"]) or "00-00-0000",
                    "TINGKAT PENDIDIKAN ID": edu_id, "TINGKAT PENDIDIKAN NAMA": edu,
                    "PENDIDIKAN NAMA": r["pendidikanTerakhirNama"], "UNOR ID": unit, "UNOR NAMA": "",
                })  # fmt: skip
                continue
            w.writerow({
                "id": pns_id(nip), "nipBaru": nip, "nipLama": "", "nama": r["nama"],
                "gelarDepan": "", "gelarBelakang": "", "tglLahir": r["tglLahir"],
                "jenisKelamin": {"L": "M", "P": "F"}[r["jenisKelamin"]], "agamaId": agama_id,
                "agama": agama, "statusPegawai": r["statusPegawai"], "kedudukanPnsId": ked_id,
                "kedudukanPnsNama": ked, "tmtCpns": r["tmtCpns"],
                "tmtPns": r["tmtPns"] or "01-01-0001", "golRuangAkhirId": gol_id,
                "golRuangAkhir": gol, "tmtGolAkhir": r["tmtGolAkhir"], "jenisJabatanId": jenis_id,
                "jenisJabatan": jenis, "jabatanNama": r["jabatanNama"],
                "jabatanStrukturalId": "", "jabatanFungsionalId": "", "jabatanFungsionalUmumId": "",
                id_col: r["jabatanId"], "tmtJabatan": tmt_jab, "unorId": unit, "unorNama": "",
                "unorIndukId": r["unorId"], "tkPendidikanTerakhirId": edu_id,
                "tkPendidikanTerakhir": edu, "pendidikanTerakhirNama": r["pendidikanTerakhirNama"],
            })  # fmt: skip
    finally:
        fh.close()  # type: ignore[attr-defined]
        dfh.close()  # type: ignore[attr-defined]
    return [main_path, details_path]


def _iso_with_time(dmy: str) -> str:
    """26-09-1986 -> 1986-09-26T00:00:00 (how some SIASN downloads write dates)."""
    if not dmy:
        return ""
    d, m, y = dmy.split("-")
    return f"{y}-{m}-{d}T00:00:00"


def _histories(src: Path, out: Path, kinds: dict[str, str]) -> list[Path]:
    handles = {name: _writer(out / name, header) for name, header in HISTORY_HEADERS.items()}
    w = {name: hw for name, (_, hw) in handles.items()}
    try:
        for r in _read(src / "riwayat_jabatan.csv"):
            nip, pid = r["nipBaru"], r["jabatanId"]
            row = {"id": _row_id("jab", nip, r["tmtJabatan"]), "idPns": pns_id(nip), "nipBaru": nip,
                   "unorId": r["unorId"], "tmtJabatan": r["tmtJabatan"],
                   "tmtPelantikan": "01-01-0001", "nomorSk": r["nomorSk"]}  # fmt: skip
            if pid:
                jenis, id_col = _position_cells(pid, kinds)
                row |= {"jenisJabatan": jenis, id_col: pid, id_col.replace("Id", "Nama"): r["jabatanNama"]}
            else:  # a former post no longer in the map: SIASN's row names it only
                row |= {"jenisJabatan": "", "jabatanFungsionalUmumNama": r["jabatanNama"]}
            w["rw-jabatan.csv"].writerow(row)
        for r in _read(src / "riwayat_golongan.csv"):
            nip = r["nipBaru"]
            gid, gname = _code("golongan", r["golongan"])
            w["rw-golongan.csv"].writerow({
                "id": _row_id("gol", nip, gid), "idPns": pns_id(nip), "nipBaru": nip,
                "golonganId": gid, "golongan": gname, "tmtGolongan": r["tmtGolongan"],
                "skNomor": r["nomorSk"],
            })  # fmt: skip
        for r in _read(src / "riwayat_skp.csv"):
            nip, year = r["nipBaru"], r["tahun"]
            if r["predikat"]:
                kid, kname = _code("kuadran_kinerja", r["predikat"])
                w["rw-skp22.csv"].writerow({
                    "id": _row_id("skp22", nip, year), "tahun": year, "kuadranKinerjaNilai": kid,
                    "kuadranKinerja": kname, "pnsDinilaiId": pns_id(nip),
                })  # fmt: skip
            else:
                w["rw-skp.csv"].writerow({
                    "id": _row_id("skp", nip, year), "tahun": year, "nilaiSkp": r["nilai"],
                    "nilaiPrestasiKerja": "", "pns": pns_id(nip),
                })  # fmt: skip
        levels = {"ringan": "R", "sedang": "S", "berat": "B"}
        for r in _read(src / "hukuman_disiplin.csv"):
            nip = r["nipBaru"]
            hid, hname = _code("jenis_hukuman", r["jenisHukuman"])
            w["rw-hukdis.csv"].writerow({
                "id": _row_id("hd", nip, r["tmtHukuman"]), "pnsOrang": pns_id(nip),
                "jenisHukuman": hid, "jenisHukumanNama": hname,
                "jenisTingkatHukumanId": levels[r["tingkatHukuman"]],
                "hukumanTanggal": r["tmtHukuman"], "akhirHukumTanggal": r["akhirHukuman"],
                "skNomor": r["nomorSk"],
            })  # fmt: skip
        for r in _read(src / "riwayat_pendidikan.csv"):
            nip = r["nipBaru"]
            tid, tname = _education(r["tkPendidikan"])
            w["rw-pendidikan.csv"].writerow({
                "id": _row_id("pend", nip, tid), "idPns": pns_id(nip), "nipBaru": nip,
                "tkPendidikanId": tid, "tkPendidikanNama": tname, "pendidikanNama": r["pendidikanNama"],
                "namaSekolah": r["namaSekolah"], "tahunLulus": r["tahunLulus"],
            })  # fmt: skip
        for r in _read(src / "riwayat_diklat.csv"):
            nip = r["nipBaru"]
            if r["namaDiklat"].startswith("Pelatihan Kepemimpinan"):
                w["rw-diklat.csv"].writerow({
                    "id": _row_id("dik", nip, r["namaDiklat"]), "idPns": pns_id(nip), "nipBaru": nip,
                    "latihanStrukturalId": "8", "latihanStrukturalNama": r["namaDiklat"],
                    "tahun": r["tahun"], "jumlahJam": r["jumlahJam"],
                })  # fmt: skip
            else:
                w["rw-kursus.csv"].writerow({
                    "id": _row_id("kur", nip, r["namaDiklat"]), "idPns": pns_id(nip), "nipBaru": nip,
                    "namaKursus": r["namaDiklat"], "tahunKursus": r["tahun"], "jumlahJam": r["jumlahJam"],
                })  # fmt: skip
    finally:
        for fh, _ in handles.values():
            fh.close()  # type: ignore[attr-defined]
    return [out / name for name in HISTORY_HEADERS]
