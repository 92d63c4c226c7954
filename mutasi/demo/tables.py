"""The demo region's fixed tables: units, job families, names, distributions. Demo values,
not regulation, except where a comment cites one."""

from __future__ import annotations

from datetime import date

from mutasi.store.columns import default_map

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

KIND_LABEL = {
    "jpt_pratama": "Jabatan Pimpinan Tinggi Pratama",
    "administrator": "Jabatan Administrator",
    "pengawas": "Jabatan Pengawas",
    "pelaksana": "Jabatan Pelaksana",
    "jf_keahlian": "Jabatan Fungsional Keahlian",
    "jf_keterampilan": "Jabatan Fungsional Keterampilan",
}

def _header(kind: str, *fields: str) -> tuple[str, ...]:
    """A demo file's header: each field's first column name in the importer's default column
    map; a name written "=name" is a SIASN column the importer does not read, kept as is."""
    cmap = default_map()[kind]
    return tuple(f[1:] if f.startswith("=") else cmap[f][0] for f in fields)


FILES = {  # kind -> (file name, header): the header built from the column map
    "units": ("unor.csv", _header("units", "id", "name", "kind", "region_code", "hardship")),
    "positions": ("peta_jabatan.csv", _header("positions", "id", "unit_id", "name", "kind", "jf_level", "eselon", "rank_min", "rank_max", "required_education_levels", "required_competencies", "job_family", "headcount", "is_sekda")),
    "employees": ("pegawai.csv", _header("employees", "nip", "name", "birth_date", "gender", "religion", "status", "kedudukan", "tmt_cpns", "tmt_pns", "golongan", "tmt_golongan", "=jenisJabatan", "position_id", "=jabatanNama", "tmt_jabatan", "unit_id", "=unorNama", "education_level", "education_major", "under_examination", "in_judicial_process", "inspektorat_cleared", "service_bond_until", "no_service_bond_source", "jpt_inauguration_date", "potential", "related_experience_months")),
    "position_history": ("riwayat_jabatan.csv", _header("position_history", "nip", "position_id", "position_name", "unit_id", "start", "end", "decree")),
    "rank_history": ("riwayat_golongan.csv", _header("rank_history", "nip", "golongan", "start", "decree")),
    "skp": ("riwayat_skp.csv", _header("skp", "nip", "year", "predicate", "score", "regulation")),
    "discipline": ("hukuman_disiplin.csv", _header("discipline", "nip", "level", "kind", "start", "end", "decree")),
    "education": ("riwayat_pendidikan.csv", _header("education", "nip", "level", "major", "institution", "graduation_year")),
    "training": ("riwayat_diklat.csv", _header("training", "nip", "name", "year", "hours")),
    "competencies": ("kompetensi.csv", _header("competencies", "nip", "competency", "level")),
    "abk": ("abk.csv", _header("abk", "position_id", "task", "completion_time", "time_unit", "yearly_volume", "output_unit")),
    "preferences": ("preferensi.csv", _header("preferences", "nip", "unit_id", "rank")),
}
# Written by `mutasi demo` after it drew the voluntary round's participants (mutasi/demo/round.py).
CIRCUMSTANCES_FILE = ("keadaan_pegawai.csv", _header(
    "circumstances", "nip", "kind", "region_code", "document", "verified_by", "verified_on"))

# Where each unit's office lies (kode wilayah, kecamatan level) and whether it is a hardship
# posting (daerah terpencil): demo values. 14.72 is Kota Dumai's code; the kecamatan parts
# are examples, not a claim about which kecamatan holds which office.
REGION = "14.72"
UNIT_PLACES: dict[str, tuple[str, bool]] = {
    **{u: (f"{REGION}.01", False) for u in ("SETDA", "SETWAN", "INSP", "BAPPEDA", "BKPSDM", "BPKAD",
                                            "BAPENDA", "KESBANGPOL", "DISKOMINFO", "DPMPTSP")},
    **{u: (f"{REGION}.02", False) for u in ("DISDIK", "DINKES", "RSUD", "DINSOS", "DISDUKCAPIL",
                                            "SATPOLPP")},
    **{u: (f"{REGION}.03", False) for u in ("DPUPR", "DISPERKIM", "DISHUB", "DLH", "BPBD")},
    "DISTAN": (f"{REGION}.04", False),
    "KEC-UTARA": (f"{REGION}.05", False),
    "KEC-SELATAN": (f"{REGION}.06", True),
    "KEC-BARAT": (f"{REGION}.07", True),
}
