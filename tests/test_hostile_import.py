"""Issue 16, data import: each silently accepted file and each internal error found by
hostile input has its regression test. Every refusal names file:row:column and field, and
the database is byte-for-byte what it was before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_import import dump

from mutasi.cli.app import main
from mutasi.errors import EXIT_FINDINGS

REPO = Path(__file__).resolve().parent.parent
EX = REPO / "examples" / "import"
BASE = ("unor.csv", "peta_jabatan.csv", "pegawai.csv")
NIP = "197203151998031002"  # first employee of examples/import/pegawai.csv


def _folder(tmp_path: Path, *names: str) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for n in (*BASE, *names):
        shutil.copy(EX / n, d / n)
    return d


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write(text)


def _refused(folder: Path, url: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """Import exits 1 with problems, and writes nothing; returns the problems."""
    before = dump(url)
    capsys.readouterr()
    assert main(["import", str(folder), "--db", url, "--json"]) == EXIT_FINDINGS
    out = capsys.readouterr()
    assert "internal error" not in out.err and "Traceback" not in out.err
    problems: list[dict[str, Any]] = json.loads(out.out)["problems"]
    assert problems
    assert dump(url) == before  # nothing written, not even a source_file row
    return problems


def _one(problems: list[dict[str, Any]], code: str, file: str, line: int, field: str) -> dict[str, Any]:
    hits = [p for p in problems if p["code"] == code and Path(p["file"]).name == file
            and p["line"] == line and p["field"] == field]
    assert hits, problems
    assert hits[0]["col"] > 0  # the column is named too
    return hits[0]


@pytest.fixture
def url(sqlite_url: str) -> str:
    from mutasi.store.db import open_store

    open_store(sqlite_url).dispose()  # schema only: a refused import must leave it empty
    return sqlite_url


def test_a_row_with_more_cells_than_the_header_is_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An unquoted 1,2,3 in a number cell became 1 (extra cells dropped)."""
    d = _folder(tmp_path)
    _append(d / "unor.csv", "X1,Dinas X,dinas,2,3\n")
    p = _one(_refused(d, url, capsys), "MUT-D060", "unor.csv", 5, "")
    assert p["col"] == 4 and "5 cells" in p["message"]


def test_a_short_row_is_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _folder(tmp_path)
    _append(d / "unor.csv", "X1,Dinas X\n")
    _one(_refused(d, url, capsys), "MUT-D060", "unor.csv", 5, "jenisUnor")


def test_a_duplicated_header_is_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _folder(tmp_path)
    f = d / "unor.csv"
    lines = f.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",unor_nama"] + [ln + ",Lain" for ln in lines[1:]]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = _one(_refused(d, url, capsys), "MUT-D061", "unor.csv", 1, "unor_nama")
    assert p["col"] == 4 and "column 2" in p["hint"]


def test_an_unbalanced_quote_is_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _folder(tmp_path)
    _append(d / "unor.csv", 'X1,"Dinas X,dinas\nX2,Dinas Y,dinas\n')
    problems = [p for p in _refused(d, url, capsys) if Path(p["file"]).name == "unor.csv"]
    assert [(p["code"], p["line"]) for p in problems] == [("MUT-D001", 5)]


def test_a_stray_quote_inside_a_cell_is_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _folder(tmp_path)
    _append(d / "unor.csv", 'X1,Dinas "X,dinas\n')
    assert any(p["code"] == "MUT-D001" and p["line"] == 5 for p in _refused(d, url, capsys))


def test_a_nul_inside_a_name_is_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _folder(tmp_path)
    _append(d / "unor.csv", "X1,Dinas\x00X,dinas\n")
    p = _one(_refused(d, url, capsys), "MUT-D062", "unor.csv", 5, "unorNama")
    assert p["col"] == 2


def _employee_row(**changes: str) -> tuple[str, str]:
    """pegawai.csv header and its first row with some cells changed (by column name)."""
    lines = (EX / "pegawai.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    cells = lines[1].split(";")
    for k, v in changes.items():
        cells[header.index(k)] = v
    return lines[0], ";".join(cells)


def _only_employee(tmp_path: Path, **changes: str) -> Path:
    d = _folder(tmp_path)
    header, row = _employee_row(**changes)
    (d / "pegawai.csv").write_text(header + "\n" + row + "\n", encoding="utf-8")
    return d


def test_tmt_jabatan_before_the_birth_date_is_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _only_employee(tmp_path, tmtJabatan="01/01/1960")  # born 15/03/1972
    p = _one(_refused(d, url, capsys), "MUT-D022", "pegawai.csv", 2, "tmtJabatan")
    assert "birth date" in p["message"]


def test_tmt_jabatan_before_tmt_cpns_is_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _only_employee(tmp_path, tmtJabatan="01/01/1995")  # TMT CPNS 01/03/1998
    p = _one(_refused(d, url, capsys), "MUT-D022", "pegawai.csv", 2, "tmtJabatan")
    assert "TMT CPNS" in p["message"]


def test_nip_month_13_is_refused_without_tmt_cpns(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    bad = NIP[:12] + "13" + NIP[14:]
    d = _only_employee(tmp_path, nipBaru=bad, tmtCpns="", tmtPns="")
    p = _one(_refused(d, url, capsys), "MUT-D012", "pegawai.csv", 2, "nipBaru")
    assert "month" in p["message"]


def test_dates_outside_any_career_are_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _only_employee(tmp_path, tmtGolAkhir="31/12/9999")
    _one(_refused(d, url, capsys), "MUT-D021", "pegawai.csv", 2, "tmtGolAkhir")


@pytest.mark.parametrize("score", ["NaN", "nan", "inf", "-inf", "-5", "1e308", "1,0e308"])
def test_implausible_skp_scores_are_refused(score: str, tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """NaN was stored as NULL, bypassing the "neither predicate nor score" check."""
    d = _folder(tmp_path)
    (d / "riwayat_skp.csv").write_text(f'nipBaru,tahun,predikat,nilai,regulasi\n{NIP},2024,,"{score}",PP 46/2011\n',
                                       encoding="utf-8")
    _one(_refused(d, url, capsys), "MUT-D040", "riwayat_skp.csv", 2, "nilai")


def test_a_plausible_skp_score_is_still_accepted(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _folder(tmp_path)
    (d / "riwayat_skp.csv").write_text(f"nipBaru,tahun,predikat,nilai,regulasi\n{NIP},2024,,\"88,5\",PP 46/2011\n",
                                       encoding="utf-8")
    assert main(["import", str(d), "--db", url]) == 0


@pytest.mark.parametrize(("column", "value", "why"), [
    ("waktuPenyelesaian", "NaN", "database integrity error"),
    ("waktuPenyelesaian", "1e308", "workload of 1e308 minutes"),
    ("volumeKerja", "inf", "infinite volume"),
])
def test_implausible_abk_times_are_refused(column: str, value: str, why: str, tmp_path: Path, url: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    d = _folder(tmp_path)
    header = "jabatanId,uraianTugas,waktuPenyelesaian,satuanWaktu,volumeKerja,satuanHasil"
    cells = dict(zip(header.split(","), ["BKPSDM-010", "Menyusun", "60", "menit", "100", "dokumen"], strict=True))
    cells[column] = value
    (d / "abk.csv").write_text(header + "\n" + ",".join(cells.values()) + "\n", encoding="utf-8")
    _one(_refused(d, url, capsys), "MUT-D040", "abk.csv", 2, column)


def test_a_headcount_of_10_to_the_12_is_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _folder(tmp_path)
    f = d / "peta_jabatan.csv"
    lines = f.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[lines[0].split(",").index("kebutuhan")] = "1000000000000"
    lines[1] = ",".join(cells)
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _one(_refused(d, url, capsys), "MUT-D040", "peta_jabatan.csv", 2, "kebutuhan")


def test_a_duplicated_header_in_a_workbook_is_refused(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    d = tmp_path / "in"
    d.mkdir()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["unorId", "unorNama", "jenisUnor", "unorId"])
    ws.append(["X1", "Dinas X", "dinas", "X2"])  # which id is meant?
    wb.save(d / "unor.xlsx")
    _one(_refused(d, url, capsys), "MUT-D061", "unor.xlsx", 1, "unorId")
