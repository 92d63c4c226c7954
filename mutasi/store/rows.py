"""Per file kind: how each field is parsed, the natural key of a row, and checks within a row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from mutasi.store import parse as p

Parser = Callable[[object], Any]
# A within-row check returns (field the problem points at, code, message) triples.
RowCheck = Callable[[dict[str, Any]], list[tuple[str, str, str]]]

_NIP: dict[str, Parser] = {"nip": p.parse_nip}

PARSERS: dict[str, dict[str, Parser]] = {
    "units": {"id": p.text, "name": p.text, "kind": p.parse_kedudukan, "parent_id": p.text,
              "region_code": p.parse_region_code, "hardship": p.parse_bool},
    "positions": {
        "id": p.text,
        "unit_id": p.text,
        "name": p.text,
        "kind": p.parse_position_kind,
        "jf_level": p.parse_jf_level,
        "eselon": p.text,
        "rank_min": p.parse_golongan,
        "rank_max": p.parse_golongan,
        "required_education_levels": lambda v: [_edu(x) for x in p.parse_list(v)],
        "required_majors": p.parse_list,
        "required_competencies": p.parse_list,
        "job_family": p.text,
        "headcount": p.parse_int,
        "is_sekda": p.parse_bool,
    },
    "employees": {
        **_NIP,
        "pns_id": p.text,  # SIASN PNS id (GUID): joins history files; not stored
        "name": p.text,
        "nik": p.parse_nik,
        "birth_date": p.parse_date,
        "gender": p.parse_gender,
        "religion": p.text,
        "status": p.parse_status,
        "kedudukan": p.parse_kedudukan,
        "tmt_cpns": p.parse_date,
        "tmt_pns": p.parse_date,
        "golongan": p.parse_golongan,
        "tmt_golongan": p.parse_date,
        "unit_id": p.text,
        "position_id": p.text,
        "tmt_jabatan": p.parse_date,
        "education_level": p.parse_education,
        "education_major": p.text,
        "under_examination": p.parse_bool,
        "in_judicial_process": p.parse_bool,
        "on_study_assignment": p.parse_bool,
        "service_bond_until": p.parse_date,
        "no_service_bond_source": p.parse_source,
        "inspektorat_cleared": p.parse_bool,
        "jpt_inauguration_date": p.parse_date,
        "potential": p.parse_kedudukan,
        "potential_score": p.parse_float,
        "related_experience_months": p.parse_int,
    },
    "skp": {
        **_NIP,
        "year": p.parse_int,
        "predicate": p.parse_predicate,
        "score": p.parse_float,
        "regulation": p.text,
    },
    "discipline": {
        **_NIP,
        "level": p.parse_discipline_level,
        "kind": p.text,
        "start": p.parse_date,
        "end": p.parse_date,
        "decree": p.text,
    },
    "position_history": {
        **_NIP,
        "position_id": p.text,
        "position_name": p.text,
        "unit_id": p.text,
        "start": p.parse_date,
        "end": p.parse_date,
        "decree": p.text,
    },
    "rank_history": {**_NIP, "golongan": p.parse_golongan, "start": p.parse_date, "decree": p.text},
    "education": {
        **_NIP,
        "level": p.parse_education,
        "major": p.text,
        "institution": p.text,
        "graduation_year": p.parse_int,
    },
    "training": {**_NIP, "name": p.text, "year": p.parse_int, "hours": p.parse_int},
    "competencies": {**_NIP, "competency": p.text, "level": p.parse_int},
    "abk": {
        "position_id": p.text,
        "task": p.text,
        "completion_time": p.parse_float,
        "time_unit": p.parse_time_unit,
        "yearly_volume": p.parse_float,
        "output_unit": p.text,
    },
    "preferences": {**_NIP, "unit_id": p.text, "rank": p.parse_int},
    "circumstances": {
        **_NIP,
        "kind": p.parse_circumstance_kind,
        "region_code": p.parse_region_code,
        "document": p.text,
        "verified_by": p.text,
        "verified_on": p.parse_date,
    },
}


def _edu(value: str) -> str:
    level = p.parse_education(value)
    assert level is not None  # parse_list never yields empty items
    return level


def _k(*parts: object) -> str:
    return "|".join("" if x is None else str(x) for x in parts)


_DETAILS = (
    "nip",
    "under_examination",
    "in_judicial_process",
    "on_study_assignment",
    "service_bond_until",
    "no_service_bond_source",
    "inspektorat_cleared",
    "jpt_inauguration_date",
    "potential",
    "potential_score",
    "related_experience_months",
)
PARSERS["employee_details"] = {f: PARSERS["employees"][f] for f in _DETAILS}

KEYS: dict[str, Callable[[dict[str, Any]], str]] = {
    "units": lambda v: _k(v["id"]),
    "positions": lambda v: _k(v["id"]),
    "employees": lambda v: _k(v["nip"]),
    "employee_details": lambda v: _k(v["nip"]),
    "skp": lambda v: _k(v["nip"], v["year"]),
    "discipline": lambda v: _k(v["nip"], v["start"], v["kind"]),
    "position_history": lambda v: _k(v["nip"], v["start"]),
    "rank_history": lambda v: _k(v["nip"], v["golongan"]),
    "education": lambda v: _k(v["nip"], v["level"], v.get("major")),
    "training": lambda v: _k(v["nip"], v["name"], v.get("year")),
    "competencies": lambda v: _k(v["nip"], v["competency"]),
    "abk": lambda v: _k(v["position_id"], v["task"]),
    "preferences": lambda v: _k(v["nip"], v["unit_id"]),
    "circumstances": lambda v: _k(v["nip"], v["kind"]),
}
# Fields a key is built from: a row whose key field failed to parse gets no duplicate check.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "units": ("id",),
    "positions": ("id",),
    "employees": ("nip",),
    "employee_details": ("nip",),
    "skp": ("nip", "year"),
    "discipline": ("nip", "start", "kind"),
    "position_history": ("nip", "start"),
    "rank_history": ("nip", "golongan"),
    "education": ("nip", "level"),
    "training": ("nip", "name"),
    "competencies": ("nip", "competency"),
    "abk": ("position_id", "task"),
    "preferences": ("nip", "unit_id"),
    "circumstances": ("nip", "kind"),
}


def check_employee(v: dict[str, Any]) -> list[tuple[str, str, str]]:
    """NIP agrees with birth date, TMT CPNS month and gender; birth < TMT CPNS <= TMT PNS."""
    out: list[tuple[str, str, str]] = []
    nip: str | None = v.get("nip")
    birth: date | None = v.get("birth_date")
    cpns: date | None = v.get("tmt_cpns")
    pns: date | None = v.get("tmt_pns")
    if nip:
        if birth is not None:
            if nip[:8] != birth.strftime("%Y%m%d"):
                out.append(
                    (
                        "nip",
                        "MUT-D011",
                        f"NIP {nip} starts with {nip[:8]} but the birth date on file is {birth.isoformat()}",
                    )
                )
        elif p.parse_date_or_none(f"{nip[:4]}-{nip[4:6]}-{nip[6:8]}") is None:
            out.append(
                ("nip", "MUT-D011", f"NIP {nip} does not start with a real birth date (YYYYMMDD)")
            )
        if cpns is not None and nip[8:14] != cpns.strftime("%Y%m"):
            out.append(
                (
                    "nip",
                    "MUT-D012",
                    f"NIP {nip} has TMT CPNS {nip[8:12]}-{nip[12:14]} but TMT CPNS on file is {cpns.isoformat()}",
                )
            )
        digit = nip[14]
        if digit not in "12":
            out.append(
                (
                    "nip",
                    "MUT-D013",
                    f"NIP {nip} has gender digit {digit}; it must be 1 (male) or 2 (female)",
                )
            )
        elif v.get("gender") and {"1": "L", "2": "P"}[digit] != v["gender"]:
            out.append(
                (
                    "nip",
                    "MUT-D013",
                    f"NIP {nip} has gender digit {digit} but jenis kelamin on file is {v['gender']}",
                )
            )
    if birth is not None and cpns is not None and not birth < cpns:
        out.append(
            (
                "tmt_cpns",
                "MUT-D022",
                f"TMT CPNS {cpns.isoformat()} is not after the birth date {birth.isoformat()}",
            )
        )
    if cpns is not None and pns is not None and not cpns <= pns:
        out.append(
            (
                "tmt_pns",
                "MUT-D022",
                f"TMT PNS {pns.isoformat()} is before TMT CPNS {cpns.isoformat()}",
            )
        )
    return out


def check_position(v: dict[str, Any]) -> list[tuple[str, str, str]]:
    lo, hi = v.get("rank_min"), v.get("rank_max")
    out: list[tuple[str, str, str]] = []
    if lo and hi and p.golongan_ordinal(lo) > p.golongan_ordinal(hi):
        out.append(("rank_max", "MUT-D023", f"rank range {lo} - {hi} is reversed"))
    if v.get("headcount") is not None and v["headcount"] < 0:
        out.append(("headcount", "MUT-D040", "headcount cannot be negative"))
    if v.get("kind") in ("jf_keahlian", "jf_keterampilan") and v.get("jf_level") is None:
        out.append(("jf_level", "MUT-D004", "a JF position needs its level (jenjang)"))
    return out


def check_period(v: dict[str, Any]) -> list[tuple[str, str, str]]:
    start, end = v.get("start"), v.get("end")
    if start is not None and end is not None and end < start:
        return [("end", "MUT-D022", f"end {end.isoformat()} is before start {start.isoformat()}")]
    return []


def check_skp(v: dict[str, Any]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    if v.get("predicate") is None and v.get("score") is None:
        out.append(("predicate", "MUT-D004", "an SKP row needs a predicate or a score"))
    year = v.get("year")
    if year is not None and not 1950 <= year <= 2100:
        out.append(("year", "MUT-D040", f"year {year} is out of range"))
    return out


def check_abk(v: dict[str, Any]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    if v.get("completion_time") is not None and v["completion_time"] <= 0:
        out.append(("completion_time", "MUT-D040", "completion time must be more than 0"))
    if v.get("yearly_volume") is not None and v["yearly_volume"] < 0:
        out.append(("yearly_volume", "MUT-D040", "yearly volume cannot be negative"))
    return out


def check_preference(v: dict[str, Any]) -> list[tuple[str, str, str]]:
    if v.get("rank") is not None and v["rank"] < 1:
        return [("rank", "MUT-D040", "rank starts at 1 (most preferred)")]
    return []


def check_circumstance(v: dict[str, Any]) -> list[tuple[str, str, str]]:
    """A verification is who and when together; one without the other is no verification."""
    by, on = v.get("verified_by"), v.get("verified_on")
    if by and on is None:
        return [("verified_on", "MUT-D262", f"verified by '{by}' but the date of the check is empty")]
    if on is not None and not by:
        return [("verified_by", "MUT-D262", f"verified on {on.isoformat()} but who checked it is empty")]
    return []


ROW_CHECKS: dict[str, RowCheck] = {
    "circumstances": check_circumstance,
    "employees": check_employee,
    "positions": check_position,
    "discipline": check_period,
    "position_history": check_period,
    "skp": check_skp,
    "abk": check_abk,
    "preferences": check_preference,
}
