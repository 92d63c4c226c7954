"""Seeded synthetic kabupaten/kota: units, position map, employees with histories, ABK, preferences.

Deterministic: the same (employees, seed, as_of) gives identical bytes; randomness comes only
from random.Random(seed) instances, never the global generator or the clock. Employees are
generated one at a time (``generate_employees`` is an iterator) and written as they come, so a
million employees never sit in memory. Rank ranges of eselon posts follow PP 100/2000 as
amended by PP 13/2002 (docs/REFERENCE); rank ranges of JF and pelaksana posts, task times and
every distribution here are demo values, not regulation.

NIPs are unique by construction: employee i gets sequence number i // 4032 + 1 and a
(birth month-day, TMT CPNS month) pair that is a bijection of i % 4032 (336 month-days x 12
months), so two employees differ in the sequence or in that pair (valid up to 4,027,968).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mutasi.store.parse import GOLONGAN_ORDER

DEFAULT_SEED = 20261122
DEFAULT_AS_OF = date(2026, 11, 22)
EFFECTIVE_MINUTES = 75_000  # 1,250 hours a year

# (id, name, kind, share of the staff): shares are demo values for a mid-sized kabupaten.
UNITS: tuple[tuple[str, str, str, float], ...] = (
    ("SETDA", "Sekretariat Daerah", "sekretariat", 3.0),
    ("SETWAN", "Sekretariat DPRD", "sekretariat", 1.5),
    ("INSP", "Inspektorat Daerah", "inspektorat", 1.5),
    ("BAPPEDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "badan", 1.5),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", 1.5),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan", 2.0),
    ("BAPENDA", "Badan Pendapatan Daerah", "badan", 1.5),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", 1.0),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan", 0.8),
    ("DISDIK", "Dinas Pendidikan dan Kebudayaan", "dinas", 38.0),
    ("DINKES", "Dinas Kesehatan", "dinas", 11.0),
    ("RSUD", "Rumah Sakit Umum Daerah", "rsud", 10.0),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", 2.0),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "dinas", 1.0),
    ("DINSOS", "Dinas Sosial", "dinas", 1.2),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", 1.5),
    ("DISHUB", "Dinas Perhubungan", "dinas", 1.5),
    ("DLH", "Dinas Lingkungan Hidup", "dinas", 1.5),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "dinas", 1.0),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", 1.0),
    ("DISTAN", "Dinas Pertanian dan Pangan", "dinas", 2.5),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "satpol_pp", 2.5),
    ("KEC-UTARA", "Kecamatan Kota Utara", "kecamatan", 1.2),
    ("KEC-SELATAN", "Kecamatan Kota Selatan", "kecamatan", 1.2),
    ("KEC-BARAT", "Kecamatan Kota Barat", "kecamatan", 1.2),
)
# ABK factor per unit (staff needed / staff on post): < 1 surplus, > 1 deficit.
ABK_FACTOR = {
    "DINKES": 1.3,
    "RSUD": 1.25,
    "SATPOLPP": 0.75,
    "SETWAN": 0.7,
    "BAPENDA": 0.8,
    "DISDUKCAPIL": 1.35,
    "INSP": 1.3,
}

# Functional posts by unit: (name, kind, level, job family, share inside the unit's non-structural staff).
JF_BY_UNIT: dict[str, tuple[tuple[str, str, str, str, float], ...]] = {
    "DISDIK": (
        ("Guru Ahli Pertama", "jf_keahlian", "ahli_pertama", "pendidikan", 30.0),
        ("Guru Ahli Muda", "jf_keahlian", "ahli_muda", "pendidikan", 30.0),
        ("Guru Ahli Madya", "jf_keahlian", "ahli_madya", "pendidikan", 25.0),
        ("Pengawas Sekolah Ahli Madya", "jf_keahlian", "ahli_madya", "pendidikan", 2.0),
    ),
    "DINKES": (
        ("Perawat Terampil", "jf_keterampilan", "terampil", "kesehatan", 25.0),
        ("Bidan Terampil", "jf_keterampilan", "terampil", "kesehatan", 25.0),
        ("Dokter Ahli Pertama", "jf_keahlian", "ahli_pertama", "kesehatan", 10.0),
        ("Epidemiolog Kesehatan Ahli Muda", "jf_keahlian", "ahli_muda", "kesehatan", 5.0),
    ),
    "RSUD": (
        ("Perawat Ahli Pertama", "jf_keahlian", "ahli_pertama", "kesehatan", 25.0),
        ("Perawat Terampil", "jf_keterampilan", "terampil", "kesehatan", 30.0),
        ("Dokter Ahli Muda", "jf_keahlian", "ahli_muda", "kesehatan", 10.0),
        ("Apoteker Ahli Pertama", "jf_keahlian", "ahli_pertama", "kesehatan", 5.0),
    ),
    "SATPOLPP": (
        ("Polisi Pamong Praja Terampil", "jf_keterampilan", "terampil", "ketertiban", 50.0),
    ),
    "INSP": (
        ("Auditor Ahli Pertama", "jf_keahlian", "ahli_pertama", "pengawasan", 30.0),
        ("Auditor Ahli Muda", "jf_keahlian", "ahli_muda", "pengawasan", 25.0),
    ),
    "BKPSDM": (
        (
            "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
            "jf_keahlian",
            "ahli_pertama",
            "kepegawaian",
            30.0,
        ),
    ),
    "BAPPEDA": (("Perencana Ahli Pertama", "jf_keahlian", "ahli_pertama", "perencanaan", 30.0),),
    "DISTAN": (("Penyuluh Pertanian Terampil", "jf_keterampilan", "terampil", "pertanian", 40.0),),
}
JF_RANKS = {  # demo values
    "ahli_pertama": ("III/a", "III/b"),
    "ahli_muda": ("III/c", "III/d"),
    "ahli_madya": ("IV/a", "IV/c"),
    "terampil": ("II/c", "III/b"),
}
PELAKSANA = (  # (name, job family, share, rank range, education)
    ("Pengadministrasi Perkantoran", "administrasi", 4.0, ("II/a", "III/b"), ("SMA", "D3", "S1")),
    ("Pengelola Keuangan", "keuangan", 2.0, ("II/b", "III/c"), ("D3", "S1")),
    ("Penata Laporan Keuangan", "keuangan", 1.0, ("III/a", "III/d"), ("S1",)),
    ("Pengolah Data dan Informasi", "informatika", 1.5, ("II/c", "III/c"), ("D3", "S1")),
    ("Analis Kebijakan", "administrasi", 1.5, ("III/a", "III/d"), ("S1", "S2")),
)
COMPETENCIES = {
    "administrasi": ("Kearsipan", "Tata Naskah Dinas", "Pelayanan Publik"),
    "keuangan": ("Akuntansi Pemerintahan", "Pengelolaan Barang Milik Daerah", "Penganggaran"),
    "informatika": ("Analisis Data", "Keamanan Informasi", "Pengembangan Aplikasi"),
    "pendidikan": ("Pedagogik", "Kurikulum Merdeka", "Asesmen Pembelajaran"),
    "kesehatan": ("Pelayanan Kesehatan Dasar", "Kegawatdaruratan", "Surveilans"),
    "ketertiban": ("Penegakan Perda", "Ketertiban Umum"),
    "pengawasan": ("Audit Kinerja", "Audit Keuangan", "Manajemen Risiko"),
    "kepegawaian": ("Manajemen ASN", "Analisis Jabatan", "Sistem Merit"),
    "perencanaan": ("Perencanaan Pembangunan", "Analisis Kebijakan Publik"),
    "pertanian": ("Penyuluhan", "Agribisnis"),
    "manajerial": ("Kepemimpinan", "Manajemen Perubahan", "Perencanaan Strategis"),
}
MALE = (
    "Agus",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Imam",
    "Joko",
    "Rudi",
    "Slamet",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Ahmad",
    "Bambang",
    "Dimas",
    "Rizky",
    "Arif",
    "Hadi",
    "Irfan",
)
FEMALE = (
    "Ani",
    "Dewi",
    "Endang",
    "Fitri",
    "Indah",
    "Lestari",
    "Maya",
    "Nur",
    "Putri",
    "Rina",
    "Siti",
    "Sri",
    "Tri",
    "Wulan",
    "Yuni",
    "Ayu",
    "Dian",
    "Ratna",
    "Nia",
    "Kartika",
)
FAMILY = (
    "Santoso",
    "Wibowo",
    "Saputra",
    "Hidayat",
    "Nugroho",
    "Setiawan",
    "Kurniawan",
    "Pratama",
    "Lubis",
    "Siregar",
    "Nasution",
    "Harahap",
    "Sihombing",
    "Wijaya",
    "Susanto",
    "Rahman",
    "Hasibuan",
    "Purba",
    "Utami",
    "Rahayu",
)
RELIGIONS = (
    ("Islam", 87.0),
    ("Kristen", 7.0),
    ("Katolik", 3.0),
    ("Hindu", 1.7),
    ("Buddha", 1.0),
    ("Konghucu", 0.3),
)
PREDICATES = (
    ("Baik", 74.0),
    ("Sangat Baik", 20.0),
    ("Butuh Perbaikan", 4.5),
    ("Kurang", 1.2),
    ("Sangat Kurang", 0.3),
)
ENTRY_RANK = {
    "SMA": "II/a",
    "D3": "II/c",
    "D4": "III/a",
    "S1": "III/a",
    "S2": "III/b",
    "S3": "III/c",
}
AGE_AT_CPNS = {
    "SMA": (19, 27),
    "D3": (22, 29),
    "D4": (23, 30),
    "S1": (23, 31),
    "S2": (26, 34),
    "S3": (30, 38),
}
MAJOR = {
    "pendidikan": "Pendidikan Guru Sekolah Dasar",
    "kesehatan": "Keperawatan",
    "keuangan": "Akuntansi",
    "informatika": "Teknik Informatika",
    "pengawasan": "Akuntansi",
    "kepegawaian": "Manajemen Sumber Daya Manusia",
    "perencanaan": "Perencanaan Wilayah dan Kota",
    "pertanian": "Agroteknologi",
    "ketertiban": "Ilmu Hukum",
    "administrasi": "Administrasi Negara",
    "manajerial": "Administrasi Negara",
}

FILES = {
    "units": ("unor.csv", ("unorId", "unorNama", "jenisUnor")),
    "positions": (
        "peta_jabatan.csv",
        (
            "jabatanId",
            "unorId",
            "jabatanNama",
            "jenisJabatan",
            "jenjangJabatan",
            "eselon",
            "golMin",
            "golMaks",
            "syaratPendidikan",
            "syaratKompetensi",
            "rumpunJabatan",
            "kebutuhan",
            "isSekda",
        ),
    ),
    "employees": (
        "pegawai.csv",
        (
            "nipBaru",
            "nama",
            "tglLahir",
            "jenisKelamin",
            "agama",
            "statusPegawai",
            "kedudukanPns",
            "tmtCpns",
            "tmtPns",
            "golRuangAkhir",
            "tmtGolAkhir",
            "jenisJabatan",
            "jabatanId",
            "jabatanNama",
            "tmtJabatan",
            "unorId",
            "unorNama",
            "tkPendidikanTerakhir",
            "pendidikanTerakhirNama",
            "sedangDiperiksa",
            "prosesHukum",
            "bebasTemuan",
            "ikatanDinasSampai",
            "tglPelantikanJpt",
            "potensi",
            "pengalamanTerkaitBulan",
        ),
    ),
    "position_history": (
        "riwayat_jabatan.csv",
        ("nipBaru", "jabatanId", "jabatanNama", "unorId", "tmtJabatan", "tmtSelesai", "nomorSk"),
    ),
    "rank_history": ("riwayat_golongan.csv", ("nipBaru", "golongan", "tmtGolongan", "nomorSk")),
    "skp": ("riwayat_skp.csv", ("nipBaru", "tahun", "predikat", "nilai", "regulasi")),
    "discipline": (
        "hukuman_disiplin.csv",
        ("nipBaru", "tingkatHukuman", "jenisHukuman", "tmtHukuman", "akhirHukuman", "nomorSk"),
    ),
    "education": (
        "riwayat_pendidikan.csv",
        ("nipBaru", "tkPendidikan", "pendidikanNama", "namaSekolah", "tahunLulus"),
    ),
    "training": ("riwayat_diklat.csv", ("nipBaru", "namaDiklat", "tahun", "jumlahJam")),
    "competencies": ("kompetensi.csv", ("nipBaru", "kompetensi", "level")),
    "abk": (
        "abk.csv",
        (
            "jabatanId",
            "uraianTugas",
            "waktuPenyelesaian",
            "satuanWaktu",
            "volumeKerja",
            "satuanHasil",
        ),
    ),
    "preferences": ("preferensi.csv", ("nipBaru", "unorId", "urutan")),
}
KIND_LABEL = {
    "jpt_pratama": "Jabatan Pimpinan Tinggi Pratama",
    "administrator": "Jabatan Administrator",
    "pengawas": "Jabatan Pengawas",
    "pelaksana": "Jabatan Pelaksana",
    "jf_keahlian": "Jabatan Fungsional Keahlian",
    "jf_keterampilan": "Jabatan Fungsional Keterampilan",
}


@dataclass(frozen=True)
class DemoPosition:
    id: str
    unit_id: str
    name: str
    kind: str
    jf_level: str | None
    eselon: str | None
    rank_min: str
    rank_max: str
    education: tuple[str, ...]
    competencies: tuple[str, ...]
    job_family: str
    share: float  # 0 for single-holder posts
    is_sekda: bool = False


@dataclass
class Slot:
    position: DemoPosition
    on_post: int
    headcount: int


@dataclass
class EmployeeRows:
    """One employee and its history rows, as CSV rows by file kind."""

    nip: str
    rows: dict[str, list[tuple[object, ...]]] = field(default_factory=dict)


def _d(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def _shift_years(d: date, years: int) -> date:
    return d.replace(year=d.year + years, day=min(d.day, 28))


def positions_for(unit_id: str, unit_kind: str) -> list[DemoPosition]:
    """The position map of one unit: head, second, division heads, section heads, staff, JF."""
    out: list[DemoPosition] = []
    n = 0

    def add(
        name: str,
        kind: str,
        eselon: str | None,
        lo: str,
        hi: str,
        edu: tuple[str, ...],
        fam: str,
        share: float = 0.0,
        jf: str | None = None,
        sekda: bool = False,
    ) -> None:
        nonlocal n
        n += 1
        comps = COMPETENCIES[fam][:2] if kind != "pelaksana" else COMPETENCIES[fam][:1]
        out.append(
            DemoPosition(
                f"{unit_id}-{n:03d}",
                unit_id,
                name,
                kind,
                jf,
                eselon,
                lo,
                hi,
                edu,
                comps,
                fam,
                share,
                sekda,
            )
        )

    senior = ("D4", "S1", "S2", "S3")
    if unit_id == "SETDA":
        add(
            "Sekretaris Daerah",
            "jpt_pratama",
            "II.a",
            "IV/c",
            "IV/d",
            ("S1", "S2", "S3"),
            "manajerial",
            sekda=True,
        )
        for part in ("Pemerintahan", "Hukum", "Organisasi", "Pengadaan Barang dan Jasa"):
            add(
                f"Kepala Bagian {part}",
                "administrator",
                "III.a",
                "IV/a",
                "IV/b",
                senior,
                "manajerial",
            )
    elif unit_kind == "kecamatan":
        add("Camat", "administrator", "III.a", "IV/a", "IV/b", senior, "manajerial")
        add("Sekretaris Camat", "administrator", "III.b", "III/d", "IV/a", senior, "manajerial")
        for part in ("Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Pemberdayaan Masyarakat"):
            add(
                f"Kepala Seksi {part}",
                "pengawas",
                "IV.a",
                "III/c",
                "III/d",
                ("D3", *senior),
                "manajerial",
            )
    else:
        head = "Direktur" if unit_kind == "rsud" else "Kepala"
        add(
            f"{head} {dict((u[0], u[1]) for u in UNITS)[unit_id]}",
            "jpt_pratama",
            "II.b",
            "IV/b",
            "IV/c",
            ("S1", "S2", "S3"),
            "manajerial",
        )
        add(
            "Sekretaris" if unit_kind != "inspektorat" else "Sekretaris Inspektorat",
            "administrator",
            "III.a",
            "IV/a",
            "IV/b",
            senior,
            "manajerial",
        )
        for part in ("Program", "Pelayanan", "Pengembangan"):
            add(
                f"Kepala Bidang {part}",
                "administrator",
                "III.b",
                "III/d",
                "IV/a",
                senior,
                "manajerial",
            )
    add(
        "Kepala Subbagian Umum dan Kepegawaian",
        "pengawas",
        "IV.a",
        "III/c",
        "III/d",
        ("D3", *senior),
        "administrasi",
    )
    add(
        "Kepala Subbagian Keuangan",
        "pengawas",
        "IV.a",
        "III/c",
        "III/d",
        ("D3", *senior),
        "keuangan",
    )
    for name, fam, share, (lo, hi), edu in PELAKSANA:
        add(name, "pelaksana", None, lo, hi, edu, fam, share)
    for name, kind, level, fam, share in JF_BY_UNIT.get(unit_id, ()):
        lo, hi = JF_RANKS[level]
        edu = ("D3",) if kind == "jf_keterampilan" else ("D4", "S1", "S2")
        add(name, kind, None, lo, hi, edu, fam, share, jf=level)
    return out


def plan_region(n: int, seed: int) -> list[Slot]:
    """Every position with how many employees hold it (sum = n) and its headcount (formasi)."""
    rng = random.Random(f"{seed}:region")
    positions = [p for uid, _, kind, _ in UNITS for p in positions_for(uid, kind)]
    single = [p for p in positions if p.share == 0]
    filled = [p for p in single if rng.random() >= 0.08]  # about 8% of leading posts vacant
    staff_n = max(n - len(filled), 0)
    if n < len(filled):
        filled = filled[:n]
    weight = {uid: share for uid, _, _, share in UNITS}
    shared = [p for p in positions if p.share > 0]
    unit_share_sum: dict[str, float] = {}
    for p in shared:
        unit_share_sum[p.unit_id] = unit_share_sum.get(p.unit_id, 0.0) + p.share
    raw = [
        staff_n * weight[p.unit_id] / sum(weight.values()) * p.share / unit_share_sum[p.unit_id]
        for p in shared
    ]
    counts = [int(x) for x in raw]
    # largest remainder, ties broken by position id: the total is exactly n
    order = sorted(range(len(shared)), key=lambda i: (-(raw[i] - counts[i]), shared[i].id))
    for i in order[: staff_n - sum(counts)]:
        counts[i] += 1
    on_post = {p.id: 1 for p in filled} | {p.id: c for p, c in zip(shared, counts, strict=True)}
    slots = []
    for p in positions:
        k = on_post.get(p.id, 0)
        head = 1 if p.share == 0 else max(1, round(k * rng.uniform(0.9, 1.15)))
        slots.append(Slot(p, k, head))
    return slots


def abk_rows(slots: list[Slot], seed: int) -> Iterator[tuple[object, ...]]:
    """Worksheet lines whose staff-needed lands near on_post x the unit's factor."""
    rng = random.Random(f"{seed}:abk")
    tasks = (
        "Menyusun rencana kerja",
        "Melaksanakan kegiatan pokok",
        "Menyusun laporan",
        "Mengolah data",
        "Melayani permohonan",
        "Melakukan koordinasi",
    )
    for s in slots:
        p = s.position
        base = max(s.on_post, 1) if p.share else 1
        unit_factor = ABK_FACTOR.get(p.unit_id, 1.0)
        if unit_factor < 1 and p.kind != "pelaksana":
            # a unit's surplus sits in its administrative staff, as in most regions;
            # its specialists (JF) and leading posts stay needed
            unit_factor = 1.0
        factor = unit_factor * rng.uniform(0.92, 1.08)
        # + 0.5 staff so that rounding down lands on the intended figure, not below it
        target_minutes = (base * factor + 0.5) * EFFECTIVE_MINUTES
        k = rng.randint(3, 6)
        weights = [rng.uniform(0.5, 1.5) for _ in range(k)]
        for j in range(k):
            minutes = rng.choice((15, 30, 45, 60, 90, 120, 180, 240))
            unit = "jam" if minutes >= 60 and minutes % 60 == 0 else "menit"
            time_value = minutes // 60 if unit == "jam" else minutes
            volume = max(1, round(target_minutes * weights[j] / sum(weights) / minutes))
            yield (p.id, tasks[j], time_value, unit, volume, "laporan" if j == 2 else "kegiatan")


def generate_employees(
    n: int, seed: int = DEFAULT_SEED, as_of: date = DEFAULT_AS_OF
) -> Iterator[EmployeeRows]:
    """Employees one by one (no list is built), with their history rows."""
    if n > 999 * 4032:
        raise ValueError("at most 4,027,968 employees (NIP sequence numbers run to 999)")
    slots = plan_region(n, seed)
    unit_names = {u[0]: u[1] for u in UNITS}
    unit_ids = [u[0] for u in UNITS]
    rng = random.Random(f"{seed}:employees")
    i = 0
    for slot in slots:
        for _ in range(slot.on_post):
            yield _employee(i, slot.position, rng, as_of, unit_names, unit_ids)
            i += 1


def _employee(
    i: int,
    p: DemoPosition,
    rng: random.Random,
    as_of: date,
    unit_names: dict[str, str],
    unit_ids: list[str],
) -> EmployeeRows:
    block, rest = divmod(i, 4032)
    f = (rest * 2267 + block * 7919) % 4032  # 2267 is coprime to 4032: a bijection of rest
    md, cpns_month = f % 336, f // 336 + 1
    birth_month, birth_day = md // 28 + 1, md % 28 + 1

    lo, hi = GOLONGAN_ORDER.index(p.rank_min), GOLONGAN_ORDER.index(p.rank_max)
    rank = rng.randint(lo, hi)
    edu = rng.choice(p.education)
    if rank >= GOLONGAN_ORDER.index("IV/a") and edu in ("D3", "D4", "S1") and rng.random() < 0.6:
        edu = "S2"
    if rank < GOLONGAN_ORDER.index("III/a") and edu not in ("SMA", "D3"):
        edu = "D3"
    entry = GOLONGAN_ORDER.index(ENTRY_RANK[edu])
    service = max(0, (rank - entry) * 4) + rng.randint(0, 3) if rank > entry else rng.randint(0, 5)
    age_lo, age_hi = AGE_AT_CPNS[edu]
    age_at_cpns = rng.randint(age_lo, age_hi)
    bup = 60 if p.kind == "jpt_pratama" or p.jf_level == "ahli_madya" else 58
    service = min(service, bup - 1 - age_at_cpns)
    cpns_year = as_of.year - service - (1 if cpns_month > as_of.month else 0)
    tmt_cpns = date(cpns_year, cpns_month, 1)
    birth = date(cpns_year - age_at_cpns, birth_month, birth_day)
    if rank < entry:
        rank = entry  # an entrant cannot be below the entry rank of the education level
    golongan = GOLONGAN_ORDER[rank]
    months_service = (as_of.year - tmt_cpns.year) * 12 + as_of.month - tmt_cpns.month
    status = "CPNS" if months_service < 12 else "PNS"
    tmt_pns = _shift_years(tmt_cpns, 1) if status == "PNS" else None
    female_share = (
        0.7
        if p.job_family in ("pendidikan", "kesehatan")
        else 0.25
        if p.kind in ("jpt_pratama", "administrator")
        else 0.45
    )
    gender = "P" if rng.random() < female_share else "L"
    nip = f"{birth:%Y%m%d}{tmt_cpns:%Y%m}{'2' if gender == 'P' else '1'}{block + 1:03d}"
    name = f"{rng.choice(FEMALE if gender == 'P' else MALE)} {rng.choice(FAMILY)}"
    study = status == "PNS" and rng.random() < 0.015
    kedudukan = "Tugas Belajar" if study else "Aktif"
    tmt_gol = (
        tmt_cpns
        if rank == entry
        else date(max(tmt_cpns.year, as_of.year - rng.randint(0, 4)), rng.choice((4, 10)), 1)
    )
    if not tmt_cpns <= tmt_gol <= as_of:
        tmt_gol = tmt_cpns
    # months in the current post: mostly 2-5 years, a few up to 8; never before TMT CPNS
    in_post = min(months_service, int(rng.triangular(1, 96, 36)))
    y, m0 = divmod(as_of.year * 12 + as_of.month - 1 - in_post, 12)
    tmt_jab = max(tmt_cpns, date(y, m0 + 1, rng.randint(1, 28)))
    missing_tmt_jabatan = rng.random() < 0.03  # data missing must occur in the demo
    jpt_date = tmt_jab if p.kind == "jpt_pratama" else None
    examined = "ya" if rng.random() < 0.005 else "tidak"
    judicial = "ya" if rng.random() < 0.002 else "tidak"
    cleared_draw = rng.random()
    cleared = "tidak" if cleared_draw < 0.01 else "" if cleared_draw < 0.03 else "ya"
    bond = _shift_years(as_of, rng.randint(1, 3)) if (not study and rng.random() < 0.01) else None
    potential = _weighted(rng, (("rendah", 20.0), ("menengah", 60.0), ("tinggi", 20.0)))
    related = months_service if p.kind in ("jpt_pratama", "administrator") else ""
    major = MAJOR[p.job_family] if edu not in ("SMA",) else ""
    rows: dict[str, list[tuple[object, ...]]] = {k: [] for k in FILES}
    rows["employees"].append(
        (
            nip,
            name,
            _d(birth),
            gender,
            _weighted(rng, RELIGIONS),
            status,
            kedudukan,
            _d(tmt_cpns),
            _d(tmt_pns),
            golongan,
            _d(tmt_gol),
            KIND_LABEL[p.kind],
            p.id,
            p.name,
            "" if missing_tmt_jabatan else _d(tmt_jab),
            p.unit_id,
            unit_names[p.unit_id],
            edu,
            major,
            examined,
            judicial,
            cleared,
            _d(bond),
            _d(jpt_date),
            potential,
            related,
        )
    )
    if status == "PNS" and tmt_jab > date(tmt_cpns.year + 2, 1, 1) and rng.random() < 0.6:
        prev_unit = p.unit_id if rng.random() < 0.7 else rng.choice(unit_ids)
        rows["position_history"].append(
            (
                nip,
                "",
                "Pengadministrasi Perkantoran",
                prev_unit,
                _d(tmt_cpns),
                "" if missing_tmt_jabatan else _d(tmt_jab),  # its end would tell the missing TMT
                f"821/{rng.randint(1, 999)}/BKPSDM/{tmt_cpns.year}",
            )
        )
    if not missing_tmt_jabatan:
        rows["position_history"].append(
            (
                nip,
                p.id,
                p.name,
                p.unit_id,
                _d(tmt_jab),
                "",
                f"821/{rng.randint(1, 999)}/BKPSDM/{tmt_jab.year}",
            )
        )
    rows["rank_history"].append(
        (nip, golongan, _d(tmt_gol), f"823/{rng.randint(1, 999)}/{tmt_gol.year}")
    )
    for year in range(max(tmt_cpns.year + 1, as_of.year - 5), as_of.year):
        if year == as_of.year - 1 and rng.random() < 0.02:
            continue  # SKP of last year not yet on file: data missing
        if year >= 2022:
            rows["skp"].append((nip, year, _weighted(rng, PREDICATES), "", "PermenPANRB 6/2022"))
        else:
            rows["skp"].append((nip, year, "", rng.randint(70, 110), "PP 30/2019"))
    if status == "PNS" and rng.random() < 0.025:
        level = _weighted(rng, (("ringan", 55.0), ("sedang", 30.0), ("berat", 15.0)))
        start = date.fromordinal(as_of.toordinal() - rng.randint(30, 4 * 365))
        kind, months = {
            "ringan": (
                rng.choice(
                    ("teguran lisan", "teguran tertulis", "pernyataan tidak puas secara tertulis")
                ),
                0,
            ),
            "sedang": (
                rng.choice(
                    (
                        "pemotongan tunjangan kinerja 25% selama 6 bulan",
                        "pemotongan tunjangan kinerja 25% selama 9 bulan",
                        "pemotongan tunjangan kinerja 25% selama 12 bulan",
                    )
                ),
                0,
            ),
            "berat": (
                rng.choice(
                    (
                        "penurunan jabatan setingkat lebih rendah selama 12 bulan",
                        "pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
                    )
                ),
                12,
            ),
        }[level]
        if level == "sedang":
            months = int(kind.split("selama ")[1].split(" ")[0])
        end_month = start.month - 1 + months
        end = (
            date(start.year + end_month // 12, end_month % 12 + 1, min(start.day, 28))
            if months
            else start
        )
        rows["discipline"].append(
            (nip, level, kind, _d(start), _d(end), f"800/{rng.randint(1, 999)}/HD/{start.year}")
        )
    grad = tmt_cpns.year - rng.randint(1, 4)
    rows["education"].append(
        (nip, edu, major, "Universitas Negeri" if edu not in ("SMA",) else "SMA Negeri 1", grad)
    )
    if edu in ("S2", "S3"):
        rows["education"].append((nip, "S1", MAJOR[p.job_family], "Universitas Negeri", grad - 3))
    if status == "PNS":
        rows["training"].append((nip, "Pelatihan Dasar CPNS", tmt_cpns.year, 120))
    if p.kind in ("administrator", "jpt_pratama"):
        rows["training"].append(
            (
                nip,
                "Pelatihan Kepemimpinan Administrator",
                max(tmt_cpns.year + 5, as_of.year - 6),
                200,
            )
        )
    elif p.kind == "pengawas":
        rows["training"].append(
            (nip, "Pelatihan Kepemimpinan Pengawas", max(tmt_cpns.year + 3, as_of.year - 6), 150)
        )
    comps = list(COMPETENCIES[p.job_family])
    rng.shuffle(comps)
    for c in sorted(comps[: rng.randint(0, len(comps))]):
        rows["competencies"].append((nip, c, rng.randint(1, 5)))
    if status == "PNS" and rng.random() < 0.1:
        prefs = rng.sample([u for u in unit_ids if u != p.unit_id], rng.randint(1, 3))
        for rank_no, u in enumerate(prefs, start=1):
            rows["preferences"].append((nip, u, rank_no))
    return EmployeeRows(nip, rows)


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
            writers["units"].writerow((uid, name, kind))
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
