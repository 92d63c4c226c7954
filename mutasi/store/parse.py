"""Cell parsers for imported files: each returns a clean value or raises CellError(code, message)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

from engine.problems import suggest

GOLONGAN_ORDER = tuple(
    f"{r}/{c}"
    for r, cs in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
    for c in cs
)
EDUCATION_LEVELS = ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
POSITION_KINDS = (
    "jpt_utama",
    "jpt_madya",
    "jpt_pratama",
    "administrator",
    "pengawas",
    "pelaksana",
    "jf_keahlian",
    "jf_keterampilan",
)
JF_LEVELS = (
    "ahli_pertama",
    "ahli_muda",
    "ahli_madya",
    "ahli_utama",
    "pemula",
    "terampil",
    "mahir",
    "penyelia",
)
SKP_PREDICATES = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
DISCIPLINE_LEVELS = ("ringan", "sedang", "berat")
STATUSES = ("PNS", "CPNS", "PPPK")
TIME_UNITS = ("menit", "jam")


class CellError(ValueError):
    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


# What SIASN writes for "no value": a null turned into text, and its zero dates.
NO_VALUE = frozenset({"null", "01-01-0001", "00-00-0000", "0001-01-01", "0000-00-00"})
_NO_VALUE_FIRST = frozenset(v[0] for v in NO_VALUE) | {"N"}


def text(value: object) -> str | None:
    """A cell as stripped text; None when empty or a "no value" marker (NO_VALUE)."""
    if type(value) is str:  # a CSV cell: the common case, kept short
        s = value.strip()
        if not s or (s[0] in _NO_VALUE_FIRST and s.lower() in NO_VALUE):
            return None
        return s
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = str(value).strip()
    if s[:1] in _NO_VALUE_FIRST and s.lower() in NO_VALUE:  # first-character test: cheap
        return None
    return s or None


_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME_PART = re.compile(
    r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})"
    r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)
_EXCEL_SERIAL = re.compile(r"^\d{5}(\.0+)?$")  # 10000 = 1927-05-18 .. 99999 = 2173


def parse_date(value: object) -> date | None:
    """26-09-1986, 26/09/1986, 26.09.1986, 1986-09-26, or a spreadsheet date cell."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = text(value)
    if s is None:
        return None
    if m := _TIME_PART.match(s):  # ISO or dd-mm-yyyy with a time part: the date as written
        s = m.group(1)
        if s in NO_VALUE:
            return None
    if _EXCEL_SERIAL.match(s):  # a spreadsheet date that reached the CSV as its serial number
        return date(1899, 12, 30) + timedelta(days=int(float(s)))
    if m := _DMY.match(s):
        d, mo, y = (int(g) for g in m.groups())
    elif m := _ISO.match(s):
        y, mo, d = (int(g) for g in m.groups())
    else:
        raise CellError(
            "MUT-D021",
            f"'{s}' is not a date",
            "use DD-MM-YYYY, DD/MM/YYYY or YYYY-MM-DD (a time part is ignored)",
        )
    try:
        return date(y, mo, d)
    except ValueError:
        raise CellError("MUT-D021", f"'{s}' is not a date that exists") from None


_GOLONGAN = re.compile(r"^(IV|III|II|I)\s*[/\-. ]?\s*([a-eA-E])$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s_\-./]+")
_SPACES = re.compile(r"[\s\-]+")
_NIP = re.compile(r"\d{18}")


def parse_golongan(value: object) -> str | None:
    """III/a, iii-a, III a -> 'III/a'."""
    s = text(value)
    if s is None:
        return None
    m = _GOLONGAN.match(s)
    g = f"{m.group(1).upper()}/{m.group(2).lower()}" if m else None
    if g not in GOLONGAN_ORDER:
        raise CellError(
            "MUT-D020", f"'{s}' is not a golongan/ruang", "write it like III/a (I/a .. IV/e)"
        )
    return g


def golongan_ordinal(g: str) -> int:
    """I/a = 1 .. IV/e = 17."""
    return GOLONGAN_ORDER.index(g) + 1


def _choice(
    value: object, table: dict[str, str], what: str, allowed: tuple[str, ...],
    code: str = "MUT-D040", words: tuple[str, ...] = (),
) -> str | None:
    """The canonical value a cell names, through the table of words people write; ``words``
    (if given) are offered as "did you mean" for a value not in it."""
    s = text(value)
    if s is None:
        return None
    key = _SEPARATORS.sub("", s).lower()
    if key in table:
        return table[key]
    listed = f"one of: {', '.join(allowed)}"
    raise CellError(code, f"'{s}' is not a known {what}", suggest(s.lower(), words, listed) if words else listed)


def _table(pairs: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, aliases in pairs.items():
        for a in (canonical, *aliases):
            out[re.sub(r"[\s_\-./]+", "", a).lower()] = canonical
    return out


_GENDER = _table(
    {"L": ("M", "1", "laki-laki", "pria", "male"), "P": ("F", "2", "perempuan", "wanita", "female")}
)
_EDU = _table(
    {
        "SD": ("sekolah dasar",),
        "SMP": ("sltp", "smp/sltp", "sltp kejuruan"),
        "SMA": ("slta", "smk", "sma/slta", "smu", "sma/smk", "slta kejuruan", "slta keguruan"),
        "D1": ("d-i", "diploma i"),
        "D2": ("d-ii", "diploma ii"),
        "D3": ("d-iii", "diploma iii", "diploma iii/sarjana muda", "sarjana muda"),
        "D4": ("d-iv", "diploma iv"),
        "S1": ("s-1", "sarjana", "s-1/sarjana"),
        "S2": ("s-2", "magister", "s-2/magister"),
        "S3": ("s-3", "doktor", "s-3/doktor"),
    }
)
_KIND = _table(
    {
        "jpt_utama": ("jabatan pimpinan tinggi utama",),
        "jpt_madya": ("jabatan pimpinan tinggi madya",),
        "jpt_pratama": ("jabatan pimpinan tinggi pratama",),
        "administrator": ("jabatan administrator",),
        "pengawas": ("jabatan pengawas",),
        "pelaksana": ("jabatan pelaksana", "fungsional umum"),
        "jf_keahlian": ("fungsional keahlian", "jabatan fungsional keahlian"),
        "jf_keterampilan": ("fungsional keterampilan", "jabatan fungsional keterampilan"),
    }
)
_JF = _table({lvl: (lvl.replace("_", " "),) for lvl in JF_LEVELS})
_PRED = _table({p: () for p in SKP_PREDICATES})
_DISC = _table(
    {
        "ringan": ("hukuman disiplin ringan", "R"),  # R/S/B: SIASN jenisTingkatHukumanId
        "sedang": ("hukuman disiplin sedang", "S"),
        "berat": ("hukuman disiplin berat", "B"),
    }
)
_STATUS = _table({"PNS": ("P",), "CPNS": ("C",), "PPPK": ()})  # P/C: Export Data ASN
_TIME = _table({"menit": ("minute", "minutes", "mnt"), "jam": ("hour", "hours")})
_BOOL = {
    "ya": True,
    "y": True,
    "true": True,
    "1": True,
    "benar": True,
    "tidak": False,
    "t": False,
    "n": False,
    "false": False,
    "0": False,
}


def parse_gender(value: object) -> str | None:
    return _choice(value, _GENDER, "jenis kelamin", ("L", "P"))


def parse_education(value: object) -> str | None:
    return _choice(value, _EDU, "education level", EDUCATION_LEVELS)


def parse_position_kind(value: object) -> str | None:
    return _choice(value, _KIND, "position kind", POSITION_KINDS)


def parse_jf_level(value: object) -> str | None:
    return _choice(value, _JF, "JF level", JF_LEVELS)


def parse_predicate(value: object) -> str | None:
    return _choice(value, _PRED, "SKP predicate", SKP_PREDICATES)


def parse_discipline_level(value: object) -> str | None:
    return _choice(value, _DISC, "punishment level", DISCIPLINE_LEVELS)


def parse_status(value: object) -> str | None:
    return _choice(value, _STATUS, "status", STATUSES)


def parse_time_unit(value: object) -> str | None:
    return _choice(value, _TIME, "time unit", TIME_UNITS)


def parse_kedudukan(value: object) -> str | None:
    s = text(value)
    return _SPACES.sub("_", s).lower() if s else None


def parse_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    s = text(value)
    if s is None:
        return None
    if s.lower() in _BOOL:
        return _BOOL[s.lower()]
    raise CellError("MUT-D040", f"'{s}' is not yes/no", "ya/tidak, true/false, 1/0")


def parse_source(value: object) -> str | None:
    """The source of a recorded fact (a document number, a check and its date): text that
    names something, so a bare yes/no is refused rather than read as a source."""
    s = text(value)
    if s is not None and (s.lower() in _BOOL or s.lower() in ("-", "ada", "tidak ada", "none", "nihil")):
        raise CellError("MUT-D400", f"'{s}' does not name a source",
                        "the document or check that records it, e.g. 'Surat keterangan 800/45/BKPSDM/2026'")
    return s


def parse_float(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise CellError("MUT-D040", f"'{value}' is not a number")
        return float(value)
    s = text(value)
    if s is None:
        return None
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")  # decimal comma, as Indonesian spreadsheets write it
    try:
        f = float(s)
    except ValueError:
        raise CellError("MUT-D040", f"'{s}' is not a number") from None
    if not math.isfinite(f):  # nan, inf: float() reads them, no spreadsheet means them
        raise CellError("MUT-D040", f"'{s}' is not a number")
    return f


def parse_int(value: object) -> int | None:
    f = parse_float(value)
    if f is None:
        return None
    if not f.is_integer():
        raise CellError("MUT-D040", f"'{text(value)}' is not a whole number")
    return int(f)


def parse_list(value: object) -> list[str]:
    s = text(value)
    return [p.strip() for p in re.split(r"[;|]", s) if p.strip()] if s else []


def parse_nip(value: object) -> str | None:
    if isinstance(value, float):
        raise CellError(
            "MUT-D010",
            "NIP was stored as a number and lost digits",
            "format the NIP column as text",
        )
    s = text(value)
    if s is None:
        return None
    s = s.lstrip("'").replace(" ", "")  # a leading ' keeps a spreadsheet from making it a number
    if not _NIP.fullmatch(s):
        raise CellError(
            "MUT-D010",
            f"NIP '{s}' does not have 18 digits",
            "NIP = birth date (8) + TMT CPNS YYYYMM (6) + gender (1) + sequence (3)",
        )
    return s


def parse_nik(value: object) -> str | None:
    """NIK as text, without the leading ' a spreadsheet export puts before long numbers."""
    s = text(value)
    return (s.lstrip("'").replace(" ", "") or None) if s else None


_REGION = re.compile(r"^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$")
CIRCUMSTANCE_KINDS = {  # engine.circumstances.CIRCUMSTANCE_KINDS, with the words people write
    "spouse_workplace": ("tempat_kerja_pasangan", "tempat kerja suami/istri", "pasangan", "spouse"),
    "domicile": ("domisili", "tempat tinggal", "alamat"),
}
_CIRC = _table(CIRCUMSTANCE_KINDS)
_CIRC_WORDS = tuple(sorted({w for k, ws in CIRCUMSTANCE_KINDS.items() for w in (k, *ws)}))


def parse_region_code(value: object) -> str | None:
    """Kode wilayah administrasi pemerintahan (Kemendagri) at kecamatan level or finer:
    14.72.01 (kecamatan) or 14.72.01.1001 (desa/kelurahan)."""
    s = text(value)
    if s is None:
        return None
    if not _REGION.match(s):
        raise CellError("MUT-D260", f"'{s}' is not a kode wilayah at kecamatan level",
                        "write it like 14.72.01 (province.kabupaten/kota.kecamatan) or 14.72.01.1001")
    return s


def parse_circumstance_kind(value: object) -> str | None:
    return _choice(value, _CIRC, "kind of circumstance",
                   ("tempat_kerja_pasangan (spouse_workplace)", "domisili (domicile)"), "MUT-D261", _CIRC_WORDS)


def parse_date_or_none(value: object) -> date | None:
    try:
        return parse_date(value)
    except CellError:
        return None
