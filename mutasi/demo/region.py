"""The region: each unit's position map, how many sit in each post and how many are
needed (ABK rows that give those needs)."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

from mutasi.demo.model import DemoPosition, Slot
from mutasi.demo.tables import (
    ABK_FACTOR,
    COMPETENCIES,
    EFFECTIVE_MINUTES,
    JF_BY_UNIT,
    JF_RANKS,
    PELAKSANA,
    UNITS,
)
from mutasi.store.plausible import RANGES

# what `mutasi import` accepts as a task's yearly volume
VOLUME_MAX = int(RANGES["abk"]["yearly_volume"][1])
HEADCOUNT_MAX = int(RANGES["positions"]["headcount"][1])  # a post of 1,000,000's demo may hold more


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
        head = 1 if p.share == 0 else min(HEADCOUNT_MAX, max(1, round(k * rng.uniform(0.9, 1.15))))
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
            if volume > VOLUME_MAX:  # a post with thousands on it (a demo of 100,000+): longer tasks
                share = target_minutes * weights[j] / sum(weights)
                hours = max(4, math.ceil(share / VOLUME_MAX / 60))  # 4 h at 100,000; more at 1,000,000
                minutes, unit, time_value = 60 * hours, "jam", hours
                volume = max(1, round(share / minutes))
            yield (p.id, tasks[j], time_value, unit, volume, "laporan" if j == 2 else "kegiatan")
