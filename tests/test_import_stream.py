"""`mutasi import` reads, checks and writes a batch of rows at a time (issue 18): what a
whole-file import found must still be found across batches and files, and nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_import import dump

from mutasi.cli.app import main
from mutasi.errors import EXIT_FINDINGS, EXIT_OK
from mutasi.store import importer, tables
from mutasi.store.db import open_store
from mutasi.store.tables import TableError, TableStream, read_table

EX = Path(__file__).resolve().parent.parent / "examples" / "import"
NIP = "197203151998031002"  # first employee of examples/import/pegawai.csv


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "BATCH", 2)  # the examples' 20 SKP rows span 10 batches


def _copy(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    shutil.copytree(EX, d, ignore=shutil.ignore_patterns("broken", "*.py", "*.md", "*.xlsx"))
    return d


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write(text)


def _refused(folder: Path, url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    before = dump(url)
    capsys.readouterr()
    assert main(["import", str(folder), "--db", url, "--json"]) == EXIT_FINDINGS
    out = json.loads(capsys.readouterr().out)
    assert dump(url) == before  # nothing written
    return out


def _at(problems: list[dict[str, Any]], code: str, file: str, line: int) -> list[dict[str, Any]]:
    return [p for p in problems if p["code"] == code and Path(p["file"]).name == file and p["line"] == line]


def test_a_duplicate_ten_batches_later_is_found_in_an_empty_store(tmp_path: Path, db_url: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    open_store(db_url).dispose()
    d = _copy(tmp_path)
    # riwayat_skp.csv: header, 20 rows (lines 2-21); line 2 is NIP's 2024 appraisal
    _append(d / "riwayat_skp.csv", f"{NIP},2024,Baik,,PermenPANRB 6/2022\n")
    out = _refused(d, db_url, capsys)
    hits = _at(out["problems"], "MUT-D032", "riwayat_skp.csv", 22)
    assert len(hits) == 1
    assert hits[0]["field"] == "nipBaru"
    assert hits[0]["message"].endswith("riwayat_skp.csv:2)")
    assert len(out["problems"]) == 1


def test_a_duplicate_is_found_when_the_store_already_holds_the_rows(tmp_path: Path, sqlite_url: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(EX), "--db", sqlite_url, "--json"]) == EXIT_OK
    d = _copy(tmp_path)
    _append(d / "riwayat_skp.csv", f"{NIP},2025,Baik,,PermenPANRB 6/2022\n")  # = line 3
    out = _refused(d, sqlite_url, capsys)
    assert [(Path(p["file"]).name, p["line"], p["code"]) for p in out["problems"]] == [
        ("riwayat_skp.csv", 22, "MUT-D032")]
    assert out["problems"][0]["message"].endswith("riwayat_skp.csv:3)")


def test_a_file_unreadable_after_its_first_batches_counts_for_nothing(tmp_path: Path, sqlite_url: str,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    open_store(sqlite_url).dispose()
    d = _copy(tmp_path)
    # pegawai.csv: 21 columns, 10 employees (lines 2-11); line 12 has one cell too many
    _append(d / "pegawai.csv", ";" * 21 + "x\n")
    out = _refused(d, sqlite_url, capsys)
    assert [p["col"] for p in _at(out["problems"], "MUT-D060", "pegawai.csv", 12)] == [22]
    # the employees read in the batches before line 12 do not count: their history is refused
    assert _at(out["problems"], "MUT-D033", "riwayat_skp.csv", 2)
    assert {p["code"] for p in out["problems"] if Path(p["file"]).name == "pegawai.csv"} == {"MUT-D060"}


def test_problems_past_the_cap_are_counted_and_the_first_listed(tmp_path: Path, sqlite_url: str,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(importer, "MAX_PROBLEMS", 3)
    open_store(sqlite_url).dispose()
    d = _copy(tmp_path)
    stranger = "199901012020011001"  # no such employee: lines 22-28 are 7 problems
    _append(d / "riwayat_skp.csv", "".join(f"{stranger},{y},Baik,,PermenPANRB 6/2022\n" for y in range(2001, 2008)))
    out = _refused(d, sqlite_url, capsys)
    assert out["message"] == "7 problem(s) found (the first 3 are listed); nothing was imported"
    assert [(p["line"], p["code"]) for p in out["problems"]] == [(22, "MUT-D033"), (23, "MUT-D033"), (24, "MUT-D033")]


TEXTS = {
    "crlf": "a,b\r\n1,\"x\r\ny\"\r\n2,é€😀\r\n",
    "cr only": "a;b\r1;2\r3;\"q\"\"r\"\r",
    "bom, no last newline": "\ufeffa,b\n1,2\n\n3,4",
    "quoted newlines": 'a,b\n1,"multi\nline\ncell"\n2,"€"\n',
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
@pytest.mark.parametrize("chunk", [1, 3, 7, 1 << 20])
def test_streamed_rows_equal_the_whole_file_read(name: str, chunk: int, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(TEXTS[name].encode("utf-8"))
    monkeypatch.setattr(tables, "CHUNK", chunk)
    try:
        whole = read_table(path)
    except TableError as exc:  # an empty file: the same problems, streamed or not
        with pytest.raises(TableError) as streamed:
            list(TableStream(path).rows())
        assert streamed.value.problems == exc.problems
        return
    stream = TableStream(path)
    rows = list(stream.rows())
    assert (stream.headers, rows, stream.sha256) == (whole.headers, whole.rows, whole.sha256)


def test_a_stream_reports_a_bad_byte_on_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n1,2\n3,\xff\n4,5\n")  # the bad byte is on line 3
    monkeypatch.setattr(tables, "CHUNK", 4)
    with pytest.raises(TableError) as caught:
        list(TableStream(path).rows())
    assert [(p.line, p.code) for p in caught.value.problems] == [(3, "MUT-D001")]
