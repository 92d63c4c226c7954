"""Indonesian (and English) formatting of dates, numbers, durations and fact values (Babel)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from engine.problems import UsageError, suggest

GOLONGAN = [
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c",
    "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
]


def _d(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def fdate(value: date | str | None, lang: str = "id") -> str:
    """'1 Maret 2027' / '1 March 2027'."""
    if value is None or value == "":
        return "-"
    return _fdate(_d(value), lang)


@lru_cache(maxsize=4096)
def _fdate(value: date, lang: str) -> str:
    return format_date(value, "d MMMM y", locale=lang)


# Indonesia's three zones; mutasi records UTC and shows a reader the office's own time.
ZONES = {"WIB": ZoneInfo("Asia/Jakarta"), "WITA": ZoneInfo("Asia/Makassar"),
         "WIT": ZoneInfo("Asia/Jayapura"), "UTC": ZoneInfo("UTC")}
ZONE_ENV = "MUTASI_OFFICE_ZONE"
OFFICE_ZONES = ("WIB", "WITA", "WIT")


def office_zone() -> str:
    """The office's time zone, $MUTASI_OFFICE_ZONE: WIB (the default), WITA or WIT. One
    installation serves one office: its letters, reports and portal show times in it, and the
    portal's deadlines are dates in it."""
    name = os.environ.get(ZONE_ENV, "").strip().upper() or "WIB"
    if name not in OFFICE_ZONES:
        hint = suggest(name, OFFICE_ZONES, "one of " + ", ".join(OFFICE_ZONES))
        raise UsageError(f"{ZONE_ENV}={name}: not an Indonesian time zone ({hint})")
    return name


def fdatetime(value: datetime | str | None, lang: str = "id", zone: str | None = None) -> str:
    """'2 Desember 2026 pukul 14.55 WIB' / '2 December 2026 at 14:55 WIB': the recorded time
    shown in ``zone`` (WIB, WITA, WIT or UTC; default the office's), named (a time without a
    zone is UTC, as mutasi records)."""
    if value is None or value == "":
        return "-"
    try:
        dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)  # not a time mutasi wrote: shown as recorded rather than hidden
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    zone = zone or office_zone()
    dt = dt.astimezone(ZONES[zone])
    if lang == "id":
        return f"{_fdate(dt.date(), lang)} pukul {dt.hour:02d}.{dt.minute:02d} {zone}"
    return f"{_fdate(dt.date(), lang)} at {dt.hour:02d}:{dt.minute:02d} {zone}"


def fnum(value: float | int | None, lang: str = "id", digits: int = 3) -> str:
    """'2,256' in Indonesian, '2.256' in English; at most ``digits`` decimals."""
    if value is None:
        return "-"
    return _fnum(value, lang, digits)


@lru_cache(maxsize=65536)
def _fnum(value: float | int, lang: str, digits: int) -> str:
    # Babel is slow per call and reports print the same few numbers many times.
    fmt = "#,##0." + "#" * digits if digits else "#,##0"
    return format_decimal(value, format=fmt, locale=lang)


def fratio(value: float | None, lang: str = "id") -> str:
    """Impact ratios always with two decimals: '0,75', '1,00'."""
    if value is None:
        return "-"
    return format_decimal(value, format="#,##0.00", locale=lang)


def fpct(value: float | None, lang: str = "id") -> str:
    if value is None:
        return "-"
    return format_percent(value, format="#,##0.#%", locale=lang)


def fmonths(months: int | None, lang: str = "id") -> str:
    """19 -> '1 tahun 7 bulan' / '1 year 7 months'; 24 -> '2 tahun'."""
    if months is None:
        return "-"
    sign = "-" if months < 0 else ""
    years, rest = divmod(abs(int(months)), 12)
    parts: list[str] = []
    if lang == "id":
        if years:
            parts.append(f"{years} tahun")
        if rest or not years:
            parts.append(f"{rest} bulan")
    else:
        if years:
            parts.append(f"{years} year" + ("s" if years != 1 else ""))
        if rest or not years:
            parts.append(f"{rest} month" + ("s" if rest != 1 else ""))
    return sign + " ".join(parts)


def golongan(ordinal: int | None) -> str:
    """rank_ordinal 9 -> 'III/a' (I/a = 1 .. IV/e = 17)."""
    if ordinal is None:
        return "-"
    i = int(ordinal)
    return GOLONGAN[i - 1] if 1 <= i <= len(GOLONGAN) else str(ordinal)


# Codes the data and packs use, in the words a civil servant reads (id, en).
CODE_LABELS: dict[str, tuple[str, str]] = {
    "jpt_utama": ("JPT utama", "JPT utama (top executive)"),
    "jpt_madya": ("JPT madya", "JPT madya (senior executive)"),
    "jpt_pratama": ("JPT pratama", "JPT pratama (executive)"),
    "administrator": ("jabatan administrator", "administrator post"),
    "pengawas": ("jabatan pengawas", "supervisor post"),
    "pelaksana": ("jabatan pelaksana", "staff post"),
    "jf_keahlian": ("jabatan fungsional keahlian", "functional post (expert)"),
    "jf_keterampilan": ("jabatan fungsional keterampilan", "functional post (skilled)"),
    "ahli_pertama": ("ahli pertama", "junior expert"),
    "ahli_muda": ("ahli muda", "expert"),
    "ahli_madya": ("ahli madya", "senior expert"),
    "ahli_utama": ("ahli utama", "principal expert"),
    "aktif": ("aktif", "active"),
    "tugas_belajar": ("tugas belajar", "on study assignment"),
    "definitive": ("kepala daerah definitif", "definitive head"),
    "pj": ("Penjabat (Pj) kepala daerah", "acting head (Pj)"),
    "plt": ("Pelaksana Tugas (Plt) kepala daerah", "acting head (Plt)"),
    "rotation": ("rotasi", "rotation"),
    "promotion": ("promosi", "promotion"),
    "demotion": ("demosi", "demotion"),
    "inter_agency": ("mutasi antarinstansi", "inter-agency transfer"),
    "cancellation": ("pembatalan mutasi", "cancellation of a transfer"),
}


def fcode(value: str, lang: str = "id") -> str:
    """A code from the data in plain words; unknown codes are shown as they are."""
    label = CODE_LABELS.get(value)
    return value if label is None else label[0 if lang == "id" else 1]


def fvalue(value: Any, unit: str | None, lang: str = "id") -> str:
    """A fact value printed the way its unit says (docs/design.md, fact metadata)."""
    if value is None:
        return "tidak tercatat" if lang == "id" else "not recorded"
    if isinstance(value, bool) or unit == "flag":
        return ("ya" if value else "tidak") if lang == "id" else ("yes" if value else "no")
    if isinstance(value, list | tuple):
        return ", ".join(fvalue(v, None if unit == "list" else unit, lang) for v in value) or "-"
    if unit == "months" and isinstance(value, int | float):
        return fmonths(int(value), lang)
    if unit == "years" and isinstance(value, int | float):
        return f"{fnum(value, lang)} " + ("tahun" if lang == "id" else "years")
    if unit == "date":
        try:
            return fdate(str(value), lang)
        except ValueError:
            return str(value)
    if unit == "rank" and isinstance(value, int):
        return golongan(value)
    if unit == "ratio" and isinstance(value, int | float):
        return fpct(float(value), lang)
    if isinstance(value, int | float):
        return fnum(value, lang)
    return fcode(str(value), lang)
