"""ABK arithmetic (engine/workload.py), with the worked worksheet from issue 3."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from engine.records import Position
from engine.workload import (
    AbkTaskRow,
    position_workload,
    round_staff,
    staff_needed_exact,
    unit_workloads,
    workloads,
)
from mutasi.cli.app import main

# A published-style worksheet for "Perawat Ahli Pertama", six tasks, effective working time
# 1,250 hours a year = 1,250 x 60 = 75,000 minutes.
#   task                                   minutes x volume  = minutes a year
#   1 pengkajian keperawatan                    60 x   800  =  48,000
#   2 rencana asuhan keperawatan                30 x 1,200  =  36,000
#   3 tindakan keperawatan (2 jam = 120 min)   120 x   150  =  18,000
#   4 evaluasi keperawatan                      45 x   640  =  28,800
#   5 penyuluhan kesehatan                      90 x   240  =  21,600
#   6 dokumentasi asuhan keperawatan            15 x 1,120  =  16,800
#                                                     total = 169,200
# staff needed = 169,200 / 75,000 = 2.256
# down -> 2, nearest (half up) -> 2, up -> 3; with 3 on post: surplus 1 / 1 / 0.
WORKSHEET = [
    AbkTaskRow("P1", "pengkajian keperawatan", 60, "menit", 800),
    AbkTaskRow("P1", "rencana asuhan keperawatan", 30, "menit", 1200),
    AbkTaskRow("P1", "tindakan keperawatan", 2, "jam", 150),
    AbkTaskRow("P1", "evaluasi keperawatan", 45, "menit", 640),
    AbkTaskRow("P1", "penyuluhan kesehatan", 90, "menit", 240),
    AbkTaskRow("P1", "dokumentasi asuhan keperawatan", 15, "menit", 1120),
]


def test_worksheet_exact_value() -> None:
    assert staff_needed_exact(WORKSHEET, 1250) == Fraction(169_200, 75_000) == Fraction("2.256")


@pytest.mark.parametrize(
    ("rounding", "needed", "balance"), [("down", 2, 1), ("nearest", 2, 1), ("up", 3, 0)]
)
def test_worksheet_rounding_and_surplus(rounding: str, needed: int, balance: int) -> None:
    w = position_workload("P1", WORKSHEET, on_post=3, effective_hours=1250, rounding=rounding)
    assert w.staff_needed_exact == pytest.approx(2.256)
    assert w.staff_needed == needed
    assert w.balance == balance  # on post 3 minus needed
    assert w.rounding == rounding  # the mode travels with every result
    assert w.effective_hours == 1250


def test_pre_2020_effective_hours_parameter() -> None:
    # 169,200 / (1,300 x 60 = 78,000) = 2.1692..., down -> 2, up -> 3
    assert staff_needed_exact(WORKSHEET, 1300) == Fraction(169_200, 78_000)
    assert position_workload("P1", WORKSHEET, 3, 1300, "up").staff_needed == 3


def test_nearest_rounds_half_up_exactly() -> None:
    # 2.5 exactly: 187,500 min / 75,000 = 2.5 -> nearest gives 3 (half up), down 2
    tasks = [AbkTaskRow("P", "t", 125, "menit", 1500)]  # 125 x 1,500 = 187,500
    assert round_staff(staff_needed_exact(tasks), "nearest") == 3
    assert round_staff(staff_needed_exact(tasks), "down") == 2
    assert round_staff(Fraction(249, 100), "nearest") == 2


def test_deficit_is_negative_balance() -> None:
    # 60 min x 3,750 = 225,000 min / 75,000 = 3.0 needed; 1 on post -> balance -2 (deficit)
    w = position_workload("P", [AbkTaskRow("P", "t", 1, "jam", 3750)], on_post=1)
    assert (w.staff_needed, w.balance) == (3, -2)


def test_unit_balance_sums_rounded_positions() -> None:
    positions = {
        "P1": Position("P1", "U1", "Perawat", "jf_keahlian"),
        "P2": Position("P2", "U1", "Pengadministrasi", "pelaksana"),
        "P3": Position("P3", "U2", "Analis", "jf_keahlian"),
    }
    tasks = [
        *WORKSHEET,  # P1: 2.256 -> 2
        AbkTaskRow("P2", "surat", 10, "menit", 7500),  # 75,000 / 75,000 = 1.0 -> 1
        AbkTaskRow("P3", "analisis", 4, "jam", 500),  # 240 x 500 = 120,000 / 75,000 = 1.6 -> 1
    ]
    ws = workloads(tasks, {"P1": 3, "P2": 0, "P3": 1})
    units = unit_workloads(ws, positions)
    # U1: needed 2 + 1 = 3, on post 3 + 0 = 3 -> 0; U2: needed 1, on post 1 -> 0
    assert (units["U1"].staff_needed, units["U1"].on_post, units["U1"].balance) == (3, 3, 0)
    assert units["U2"].balance == 0
    assert list(ws) == ["P1", "P2", "P3"]


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="rounding"):
        round_staff(Fraction(1), "banker")
    with pytest.raises(ValueError, match="positive"):
        staff_needed_exact(WORKSHEET, 0)
    with pytest.raises(ValueError, match="time unit"):
        staff_needed_exact([AbkTaskRow("P", "t", 1, "hari", 1)])


def test_workload_cli_on_examples(
    sqlite_url: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(repo / "examples/import"), "--db", sqlite_url]) == 0
    capsys.readouterr()
    assert main(["workload", "--db", sqlite_url, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["parameters"] == {"effective_hours": 1250.0, "rounding": "down"}
    pos = {p["position_id"]: p for p in out["positions"]}
    # DINKES-010 is the worksheet above: 2.256 -> 2; on post 3 (two in pegawai.csv, one in the XLSX)
    assert (
        pos["DINKES-010"]["staff_needed"],
        pos["DINKES-010"]["on_post"],
        pos["DINKES-010"]["balance"],
    ) == (2, 3, 1)
    assert pos["DINKES-010"]["rounding"] == "down"
    units = {u["unit_id"]: u["balance"] for u in out["units"]}
    # BKPSDM-010: 72,000 / 75,000 = 0.96 -> 0, on post 2 -> +2; KEC-UTARA-010: 1.04 -> 1, on post 2 -> +1
    assert units == {"BKPSDM": 2, "DINKES": 1, "KEC-UTARA": 1}
    assert (
        main(["workload", "--db", sqlite_url, "--rounding", "up", "--unit", "DINKES", "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert [(u["unit_id"], u["staff_needed"], u["balance"]) for u in out["units"]] == [
        ("DINKES", 3, 0)
    ]
    assert main(["workload", "--db", sqlite_url, "--unit", "NOPE"]) == 2


# ---- edges named in issue #22 -------------------------------------------------------------

@pytest.mark.parametrize(("unit", "minutes"), [("menit", 90), ("minute", 90), ("minutes", 90),
                                               ("jam", 5400), ("hour", 5400), ("hours", 5400)])
def test_every_time_unit_is_counted_in_minutes(unit: str, minutes: int) -> None:
    # 90 menit = 90 minutes; 90 jam = 90 x 60 = 5,400 minutes
    assert AbkTaskRow("P", "t", 90, unit, 1).minutes == minutes


def test_fractional_hours_are_exact() -> None:
    # 0.1 jam = 6 minutes exactly (not 6.000000000000001); x 12,500 = 75,000 -> 1 person
    task = AbkTaskRow("P", "t", 0.1, "jam", 12_500)
    assert task.minutes == 6
    assert staff_needed_exact([task]) == 1


def test_negative_effective_hours_are_refused_too() -> None:
    with pytest.raises(ValueError, match="positive"):
        staff_needed_exact(WORKSHEET, -1250)


def test_no_tasks_need_nobody() -> None:
    assert staff_needed_exact([], 1250) == 0


@pytest.mark.parametrize(("value", "down", "nearest", "up"), [
    (Fraction(2), 2, 2, 2),  # exact whole numbers never move
    (Fraction(5, 2), 2, 3, 3),
    (Fraction(24, 10), 2, 2, 3),
    (Fraction(26, 10), 2, 3, 3),
    (2.75, 2, 3, 3),  # a float is read through its decimal text
    (0.5, 0, 1, 1),
])
def test_rounding_modes_by_hand(value: Fraction | float, down: int, nearest: int, up: int) -> None:
    assert [round_staff(value, m) for m in ("down", "nearest", "up")] == [down, nearest, up]


def test_position_with_tasks_and_nobody_on_post_is_a_deficit() -> None:
    positions = {"P1": Position("P1", "U1", "Perawat", "jf_keahlian"),
                 "P2": Position("P2", "U1", "Bidan", "jf_keahlian")}
    tasks = [AbkTaskRow("P2", "t", 1, "jam", 2500),  # 150,000 / 75,000 = 2 people
             AbkTaskRow("P1", "t", 1, "jam", 1250)]  # 75,000 / 75,000 = 1 person
    ws = workloads(tasks, {"P1": 4})  # P2 has nobody on post and is not in the mapping
    assert list(ws) == ["P1", "P2"]
    assert (ws["P2"].position_id, ws["P2"].on_post, ws["P2"].staff_needed, ws["P2"].balance) == (
        "P2", 0, 2, -2)
    assert (ws["P1"].on_post, ws["P1"].balance) == (4, 3)
    u = unit_workloads(ws, positions)["U1"]
    # needed 1 + 2 = 3, on post 4 + 0 = 4 -> surplus 1
    assert (u.unit_id, u.staff_needed, u.on_post, u.balance) == ("U1", 3, 4, 1)
    assert (u.rounding, u.effective_hours) == ("down", 1250)


def test_units_are_listed_in_id_order_with_the_mode_they_were_computed_with() -> None:
    positions = {"A": Position("A", "U2", "a", "pelaksana"), "B": Position("B", "U1", "b", "pelaksana")}
    tasks = [AbkTaskRow("A", "t", 1, "jam", 1300), AbkTaskRow("B", "t", 1, "jam", 1300)]
    units = unit_workloads(workloads(tasks, {}, 1300, "up"), positions)
    assert list(units) == ["U1", "U2"]
    assert (units["U1"].rounding, units["U1"].effective_hours, units["U1"].staff_needed) == ("up", 1300, 1)


def test_mixed_rounding_modes_or_hours_cannot_be_summed() -> None:
    positions = {"A": Position("A", "U1", "a", "pelaksana"), "B": Position("B", "U1", "b", "pelaksana")}
    a = position_workload("A", [AbkTaskRow("A", "t", 1, "jam", 1250)], 1, rounding="down")
    with pytest.raises(ValueError, match="mix"):
        unit_workloads({"A": a, "B": position_workload("B", [], 1, rounding="up")}, positions)
    with pytest.raises(ValueError, match="mix"):
        unit_workloads({"A": a, "B": position_workload("B", [], 1, 1300)}, positions)


def test_no_positions_no_units() -> None:
    assert unit_workloads({}, {}) == {}


def test_any_positive_effective_working_time_is_accepted() -> None:
    # the only bound the ABK method sets is "positive": half an hour a year is odd but valid.
    # 30 minutes x 1 a year / (0.5 h x 60) = 1 person
    assert staff_needed_exact([AbkTaskRow("P", "t", 30, "menit", 1)], 0.5) == 1
    assert staff_needed_exact([AbkTaskRow("P", "t", 30, "menit", 1)], 1) == Fraction(1, 2)
