"""The demo region generator: deterministic bytes, realistic content, imports cleanly, streams."""

from __future__ import annotations

import csv
import json
import os
import tracemalloc
import types
from datetime import date
from pathlib import Path

import pytest

from engine.workload import unit_workloads
from mutasi.demo import generate_demo, generate_employees
from mutasi.store import import_paths, load_world, open_store
from mutasi.store.parse import GOLONGAN_ORDER

AS_OF = date(2026, 11, 22)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def dmy(s: str) -> date:
    d, m, y = (int(x) for x in s.split("-"))
    return date(y, m, d)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return generate_demo(tmp_path_factory.mktemp("demo"))


def test_same_seed_same_bytes_other_seed_other_bytes(demo: dict[str, Path], tmp_path: Path) -> None:
    again = generate_demo(tmp_path / "again")
    assert sorted(again) == sorted(demo)
    for kind, path in demo.items():
        assert again[kind].read_bytes() == path.read_bytes(), kind
    other = generate_demo(tmp_path / "other", seed=7)
    assert other["employees"].read_bytes() != demo["employees"].read_bytes()


def test_region_shape(demo: dict[str, Path]) -> None:
    units = read(demo["units"])
    assert len(units) == 25
    names = {u["unorNama"] for u in units}
    assert {
        "Dinas Kesehatan",
        "Rumah Sakit Umum Daerah",
        "Satuan Polisi Pamong Praja",
        "Inspektorat Daerah",
        "Sekretariat Daerah",
    } <= names
    assert any(u["jenisUnor"] == "kecamatan" for u in units)
    positions = read(demo["positions"])
    kinds = {p["jenisJabatan"] for p in positions}
    assert kinds == {
        "jpt_pratama",
        "administrator",
        "pengawas",
        "pelaksana",
        "jf_keahlian",
        "jf_keterampilan",
    }
    assert [p["jabatanNama"] for p in positions if p["isSekda"] == "ya"] == ["Sekretaris Daerah"]
    # eselon rank ranges of PP 100/2000 jo. PP 13/2002: II.b IV/b-IV/c, III.a IV/a-IV/b, IV.a III/c-III/d
    ranges = {(p["eselon"], p["golMin"], p["golMaks"]) for p in positions if p["eselon"]}
    assert ranges <= {
        ("II.a", "IV/c", "IV/d"),
        ("II.b", "IV/b", "IV/c"),
        ("III.a", "IV/a", "IV/b"),
        ("III.b", "III/d", "IV/a"),
        ("IV.a", "III/c", "III/d"),
    }


def test_employees_are_plausible(demo: dict[str, Path]) -> None:
    emps = read(demo["employees"])
    assert len(emps) == 3000
    assert len({e["nipBaru"] for e in emps}) == 3000
    positions = {p["jabatanId"]: p for p in read(demo["positions"])}
    for e in emps:
        born = dmy(e["tglLahir"])
        age = AS_OF.year - born.year - ((AS_OF.month, AS_OF.day) < (born.month, born.day))
        assert 18 <= age <= 60, e["nipBaru"]
        p = positions[e["jabatanId"]]
        rank = GOLONGAN_ORDER.index(e["golRuangAkhir"])
        assert GOLONGAN_ORDER.index(p["golMin"]) <= rank <= GOLONGAN_ORDER.index(p["golMaks"]), e[
            "nipBaru"
        ]
    missing_tmt = sum(1 for e in emps if not e["tmtJabatan"])
    study = sum(1 for e in emps if e["kedudukanPns"] == "Tugas Belajar")
    assert 0 < missing_tmt < 300  # data missing occurs, but is not the norm
    assert 0 < study < 150
    skp = read(demo["skp"])
    baik = sum(1 for s in skp if s["predikat"] == "Baik")
    assert baik > len(skp) / 2  # mostly Baik
    disc = read(demo["discipline"])
    active = [d for d in disc if dmy(d["tmtHukuman"]) <= AS_OF <= dmy(d["akhirHukuman"])]
    recent_heavy = [
        d
        for d in disc
        if d["tingkatHukuman"] in ("sedang", "berat") and (AS_OF - dmy(d["tmtHukuman"])).days <= 730
    ]
    assert active and recent_heavy and len(disc) < 150
    assert read(demo["preferences"])


def test_demo_imports_without_problems_and_has_deficit_and_surplus_units(
    demo: dict[str, Path], sqlite_url: str
) -> None:
    engine = open_store(sqlite_url)
    try:
        summary = import_paths(engine, [demo["units"].parent])
        assert {f.kind: f.inserted for f in summary.files}["employees"] == 3000
        world = load_world(engine)
        balances = [u.balance for u in unit_workloads(world.workloads, world.positions).values()]
        assert min(balances) < 0 < max(balances)
    finally:
        engine.dispose()


def test_small_demo_imports_on_every_database(db_url: str, tmp_path: Path) -> None:
    paths = generate_demo(tmp_path / "small", employees=400, seed=11)
    engine = open_store(db_url)
    try:
        summary = import_paths(engine, [paths["units"].parent])
        assert {f.kind: f.rows for f in summary.files}["employees"] == 400
    finally:
        engine.dispose()


def test_generation_streams(tmp_path: Path) -> None:
    assert isinstance(generate_employees(10), types.GeneratorType)
    peaks = []
    for n in (600, 3_000):
        tracemalloc.start()
        generate_demo(tmp_path / str(n), employees=n)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # 5x the employees, about the same peak memory: nothing accumulates per employee
    assert peaks[1] < peaks[0] * 1.5


def test_nip_construction_is_unique_across_blocks() -> None:
    # employees 0 and 4,032 share the month-day/month pair slot but differ in the sequence
    nips = [e.nip for e in generate_employees(4_100, seed=3)]
    assert len(set(nips)) == 4_100
    assert {n[15:] for n in nips} == {"001", "002"}


def test_demo_cli_files_only_and_full(tmp_path: Path) -> None:
    from mutasi.cli.app import main

    assert main(["demo", "--out", str(tmp_path / "a"), "--employees", "120", "--files-only"]) == 0
    assert (tmp_path / "a/data/pegawai.csv").read_text(encoding="utf-8").count(
        "\n"
    ) == 121  # header + 120
    assert not (tmp_path / "a/mutasi.db").exists()
    # the whole pipeline on a small region, into the database named by --db
    url = f"sqlite:///{tmp_path / 'b.db'}"
    out = tmp_path / "b"
    assert main(["demo", "--db", url, "--out", str(out), "--employees", "120", "--seed", "5", "--no-pdf"]) == 0
    engine = open_store(url)
    try:
        assert len(load_world(engine).units) == 25
        # a published voluntary round, as of the demo's date, that the demo employee took part in
        from audit import AuditLog
        from mutasi.portal import voluntary as V

        plan = json.loads((out / "plan" / "plan.json").read_text(encoding="utf-8"))
        admissible = plan["placements"] or any((u.get("detail") or {}).get("admissible_positions")
                                               for u in plan["unplaced"])
        rounds = V.list_rounds(engine)
        if admissible:  # else nobody could rank a post (a region this small may have none)
            assert [(r.state, r.closes_on.isoformat()) for r in rounds] == [("published", "2026-11-22")]
            payload = AuditLog(engine).plan(rounds[0].run_seq or 0) or {}
            people = {p["nip"] for p in payload["people"]}
            assert people and (not plan["placements"] or plan["placements"][0]["nip"] in people)
        else:
            assert rounds == []
    finally:
        engine.dispose()
    assert (out / "plan" / "plan.json").is_file()
    # the published checkpoint is signed by the agency and cosigned by the demo's witness
    published = (out / "audit" / "checkpoint.txt").read_text(encoding="utf-8")
    assert published.startswith("bkpsdm.kota-contoh.go.id/mutasi\n")
    assert "\u2014 bkpsdm.kota-contoh.go.id/mutasi " in published
    assert "\u2014 inspektorat.kota-contoh.go.id " in published
    for kind in ("committee", "inspector", "fairness", "monitoring"):
        names = sorted(p.name for p in (out / "reports" / kind).iterdir())
        assert [n[-7:] for n in names] == ["en.html", "id.html"], names
    letters = list((out / "reports" / "letters").iterdir())
    assert letters and {p.name[-7:] for p in letters} == {"id.html", "en.html"}
    # the checkpoint an inspector keeps verifies the log afterwards
    assert main(["audit", "verify", "--db", url, "--checkpoint", str(out / "audit" / "checkpoint.txt")]) == 0
    assert main(["audit", "verify", "--db", url, "--trust", str(out / "trust-policy.txt")]) == 0
    assert "MUTASI_SIGNING_KEY_FILE" not in os.environ  # the demo's key does not leak
    # a demo letter's receipt verifies offline
    letter = sorted((out / "reports" / "letters").glob("*-id.html"))[0]
    assert main(["verify-letter", str(letter), "--trust", str(out / "trust-policy.txt")]) == 0
