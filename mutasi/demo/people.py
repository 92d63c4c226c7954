"""The people: one employee at a time with their histories, as CSV rows by file kind."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

from mutasi.demo.model import DemoPosition, EmployeeRows, _d, _shift_years, _weighted
from mutasi.demo.region import plan_region
from mutasi.demo.tables import (
    AGE_AT_CPNS,
    COMPETENCIES,
    DEFAULT_AS_OF,
    DEFAULT_SEED,
    ENTRY_RANK,
    FAMILY,
    FEMALE,
    FILES,
    KIND_LABEL,
    MAJOR,
    MALE,
    PREDICATES,
    RELIGIONS,
    UNITS,
)
from mutasi.store.parse import GOLONGAN_ORDER

# The demo office checked every file: who is not bound by a service bond is said, with the check.
NO_BOND_SOURCE = "Verifikasi arsip kepegawaian BKPSDM: tidak terikat ikatan dinas"


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
            # no bond: said explicitly with its source (except while on study assignment,
            # where the bond that will follow is not recorded yet: data missing)
            "" if bond or study else NO_BOND_SOURCE,
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
