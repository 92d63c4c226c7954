"""`rules check`: broken packs raise exactly their expected codes at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine import CODES, check_paths, load_pack
from engine.errors import PackError
from mutasi.cli.app import main

HERE = Path(__file__).parent
BROKEN = sorted(p for p in (HERE / "broken_packs").iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_pack_raises_expected_problems(folder: Path) -> None:
    expected = yaml.safe_load((folder / "expected.yaml").read_text())["problems"]
    problems = check_paths([folder])
    got = [{"code": p.code, "at": f"{Path(p.file).relative_to(folder).as_posix()}:{p.line}:{p.col}"}
           for p in problems]
    assert got == expected  # same codes, same places, same (sorted) order


@pytest.mark.parametrize("folder", BROKEN, ids=[p.name for p in BROKEN])
def test_cli_check_fails_with_locations(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", str(folder)]) == 1
    out = capsys.readouterr().out
    first = yaml.safe_load((folder / "expected.yaml").read_text())["problems"][0]
    at = first["at"].removesuffix(":0")  # column 0: the whole line (printed without it)
    assert f"{folder / at}: {first['code']}" in out
    assert "Traceback" not in out


def test_every_code_used_in_broken_packs_is_documented() -> None:
    for folder in BROKEN:
        for p in yaml.safe_load((folder / "expected.yaml").read_text())["problems"]:
            assert p["code"] in CODES


def test_good_packs_check_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_paths([HERE / "packs"]) == []
    assert main(["rules", "check", str(HERE / "packs" / "basic")]) == 0
    assert "0 problem(s)" in capsys.readouterr().out


def test_shipped_packs_check_clean() -> None:
    assert check_paths([HERE.parent / "rules"]) == []


def test_load_pack_raises_pack_error_with_all_problems() -> None:
    with pytest.raises(PackError) as exc:
        load_pack(HERE / "broken_packs" / "many_errors")
    assert len(exc.value.problems) == 6


def test_missing_path_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    problems = check_paths([tmp_path / "nothing"])
    assert [p.code for p in problems] == ["MUT-R018"]


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["rules", "check", "--json", str(HERE / "broken_packs" / "unknown_fact")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    (p,) = data["problems"]
    assert (p["code"], p["line"], p["col"]) == ("MUT-R010", 8, 21)
    assert p["hint"] == "did you mean months_in_post?"
