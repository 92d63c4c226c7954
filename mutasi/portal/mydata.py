"""One person's data as the store holds it, in words (the employee's "my data" page and the
staff view of a person). Items carry a stable key so a data-error report names the item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select

from engine.records import Circumstance
from mutasi.store.convert import get_employee
from mutasi.store.models import Position, Unit, table_of
from reports.fmt import fcode, fdate, fmonths

ITEMS = ("position", "tenure", "rank", "skp", "education", "training", "discipline", "status",
         "circumstances", "other")
LABELS: dict[str, tuple[str, str]] = {
    "position": ("Jabatan dan unit kerja", "Position and unit"),
    "tenure": ("Masa dalam jabatan", "Time in post"),
    "rank": ("Pangkat/golongan", "Rank"),
    "skp": ("Penilaian kinerja (SKP)", "Performance appraisal (SKP)"),
    "education": ("Pendidikan", "Education"),
    "training": ("Pelatihan (diklat)", "Training"),
    "discipline": ("Hukuman disiplin", "Disciplinary record"),
    "status": ("Status kepegawaian", "Employment status"),
    "circumstances": ("Keadaan yang Anda nyatakan (nilai putaran mutasi sukarela)",
                      "Circumstances you declared (voluntary round points)"),
    "other": ("Lainnya", "Something else"),
}


@dataclass(frozen=True)
class DataItem:
    key: str
    label: str
    text: str


@dataclass(frozen=True)
class PersonData:
    nip: str
    name: str
    items: tuple[DataItem, ...]


def label(key: str, lang: str) -> str:
    pair = LABELS[key]
    return pair[1] if lang == "en" else pair[0]


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)


def person_data(engine: Engine, nip: str, lang: str, today: date | None = None) -> PersonData | None:
    emp = get_employee(engine, nip)
    if emp is None:
        return None
    today = today or date.today()
    none = "tidak tercatat" if lang == "id" else "not recorded"
    pt, ut = table_of(Position), table_of(Unit)
    with engine.connect() as conn:
        pos_name = conn.execute(select(pt.c.name).where(pt.c.id == (emp.position_id or ""))).scalar()
        unit_name = conn.execute(select(ut.c.name).where(ut.c.id == (emp.unit_id or ""))).scalar()
    items: list[DataItem] = []

    def add(key: str, text: str) -> None:
        items.append(DataItem(key, label(key, lang), text))

    add("position", f"{pos_name or none}, {unit_name or none}")
    if emp.tmt_jabatan:
        months = _months_between(emp.tmt_jabatan, today)
        since = "sejak" if lang == "id" else "since"
        add("tenure", f"{fmonths(months, lang)} ({since} {fdate(emp.tmt_jabatan, lang)})")
    else:
        add("tenure", none)
    if emp.golongan:
        since = f" ({'sejak' if lang == 'id' else 'since'} {fdate(emp.tmt_golongan, lang)})" if emp.tmt_golongan else ""
        add("rank", f"{emp.golongan}{since}")
    else:
        add("rank", none)
    skp = sorted(emp.skp, key=lambda s: s.year, reverse=True)[:3]
    add("skp", "; ".join(f"{s.year}: {s.predicate or none}" for s in skp) or none)
    edu = " ".join(x for x in (emp.education_level, emp.education_major) if x)
    add("education", edu or none)
    add("training", ", ".join(emp.trainings) or ("belum ada yang tercatat" if lang == "id" else "none recorded"))
    if not emp.discipline_record_known:
        add("discipline", "data disiplin belum diimpor" if lang == "id" else "discipline data not imported")
    else:
        active = [p for p in emp.punishments if p.end is None or p.end >= today]
        if active:
            add("discipline", "; ".join(f"{p.kind} ({p.level}), {fdate(p.start, lang)}" for p in active))
        else:
            add("discipline", "tidak ada hukuman disiplin yang berlaku" if lang == "id"
                else "no disciplinary punishment in force")
    status = " · ".join(fcode(x, lang) for x in (emp.status, emp.kedudukan) if x)
    add("status", status or none)
    add("circumstances", _circumstances(emp.circumstances, lang))
    return PersonData(emp.nip, emp.name, tuple(items))


def _circumstances(declared: tuple[Circumstance, ...], lang: str) -> str:
    """Each declaration with its document and whether the committee verified it: an
    unverified one is a claim the round's points cannot use yet."""
    if not declared:
        return "tidak ada yang diajukan" if lang == "id" else "none declared"
    out = []
    for c in declared:
        if c.verified_by and c.verified_on:
            state = (f"diverifikasi {c.verified_by} pada {fdate(c.verified_on, lang)}" if lang == "id"
                     else f"verified by {c.verified_by} on {fdate(c.verified_on, lang)}")
        else:
            state = ("belum diverifikasi tim; nilainya belum dapat dihitung" if lang == "id"
                     else "not yet verified by the committee; its points cannot be computed yet")
        code = "kode wilayah" if lang == "id" else "region code"
        doc = "dokumen" if lang == "id" else "document"
        out.append(f"{fcode(c.kind, lang)}: {code} {c.region_code}, {doc} {c.document} ({state})")
    return "; ".join(out)
