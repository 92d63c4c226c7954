"""Issue 16, rule packs and the YAML loader: each failure found by hostile input has its
regression test. `rules check` and the loader behind evaluate (load_pack) give the same answer."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from engine.errors import PackError
from engine.load import load_pack
from mutasi.cli.app import main
from mutasi.errors import EXIT_FINDINGS

REPO = Path(__file__).resolve().parent.parent


def _pack(tmp_path: Path) -> Path:
    dst = tmp_path / "rules" / "nasional"
    shutil.copytree(REPO / "rules" / "nasional", dst, ignore=shutil.ignore_patterns("tests"))
    return dst


def _set_param(pack: Path, name: str, value: str) -> None:
    """Replace the first dated value of parameter ``name`` with the literal YAML ``value``."""
    f = pack / "parameters.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index(f"\n  {name}:\n")
    m = re.compile(r"value: [^\n}]+").search(text, start)
    assert m is not None
    f.write_text(text[: m.start()] + f"value: {value}" + text[m.end():], encoding="utf-8")


def _refused(pack: Path, code: str, capsys: pytest.CaptureFixture[str]) -> str:
    """`rules check` exits 1 naming ``code``; load_pack (what evaluate uses) refuses too."""
    assert main(["rules", "check", str(pack)]) == EXIT_FINDINGS
    out = capsys.readouterr()
    text = out.out + out.err
    assert code in text, text
    assert "internal error" not in text and "Traceback" not in text
    with pytest.raises(PackError) as exc:
        load_pack(pack)
    assert code in {p.code for p in exc.value.problems}
    return text


def _bomb(levels: int = 9, fan: int = 9) -> str:
    lines = ['l0: &l0 ["' + "x" * 20 + '"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * fan) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_in_a_pack_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _pack(tmp_path)
    (pack / "criteria" / "bomb.yaml").write_text(_bomb(), encoding="utf-8")
    t0 = time.monotonic()
    text = _refused(pack, "MUT-R025", capsys)
    # 9^9 values if expanded: refused long before (generous bound for a loaded CI machine)
    assert time.monotonic() - t0 < 30
    assert "bomb.yaml:" in text


@pytest.mark.parametrize("depth", [40, 2000, 5000])
def test_deep_nesting_in_a_pack_is_refused_not_a_recursion_error(
    depth: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = _pack(tmp_path)
    (pack / "criteria" / "deep.yaml").write_text("criteria: " + "[" * depth + "]" * depth + "\n",
                                                 encoding="utf-8")
    text = _refused(pack, "MUT-R026", capsys)
    assert "RecursionError" not in text


def test_alias_within_bounds_still_loads(tmp_path: Path) -> None:
    """Pack examples reuse a position with an alias: bounded, not forbidden."""
    from engine.yamlsrc import load_yaml

    f = tmp_path / "a.yaml"
    f.write_text("a: &p {id: X, n: 1}\nb: *p\n", encoding="utf-8")
    problems: list = []
    assert load_yaml(f, "a.yaml", problems) == {"a": {"id": "X", "n": 1}, "b": {"id": "X", "n": 1}}
    assert problems == []


def test_oversized_pack_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from engine.yamlsrc import MAX_BYTES

    pack = _pack(tmp_path)
    (pack / "criteria" / "big.yaml").write_text("# " + "x" * MAX_BYTES + "\ncriteria: []\n",
                                               encoding="utf-8")
    _refused(pack, "MUT-R027", capsys)


@pytest.mark.parametrize("value", ["100000000000000000000000000000000", ".nan", ".inf", "-.inf", "1.0e+308"])
def test_non_finite_or_huge_parameter_value_is_refused_by_check(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """10^32 overflowed at evaluate; .nan and .inf checked clean and failed at audit."""
    pack = _pack(tmp_path)
    _set_param(pack, "competency_fit_min", value)
    text = _refused(pack, "MUT-R028", capsys)
    assert "parameters.yaml:" in text


def test_huge_integer_within_yaml_range_is_refused_by_the_unit_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """10^12 months loads as a number but would overflow the date arithmetic."""
    pack = _pack(tmp_path)
    _set_param(pack, "discipline_lookback_months", "1000000000000")
    _refused(pack, "MUT-R029", capsys)


def test_empty_pack_yaml_is_refused_by_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Check said "1 pack(s), 0 problem(s)" and evaluate refused the same pack."""
    pack = _pack(tmp_path)
    (pack / "pack.yaml").write_text("", encoding="utf-8")
    text = _refused(pack, "MUT-R031", capsys)
    assert "pack.yaml:1" in text


def test_negative_minimum_time_in_post_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _pack(tmp_path)
    _set_param(pack, "tenure_min_months", "-6")
    text = _refused(pack, "MUT-R029", capsys)
    assert "tenure_min_months" in text and "0..1200" in text


def _declare(pack: Path, name: str, decl: str) -> None:
    f = pack / "parameters.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace(f"\n  {name}:\n", f"\n  {name}:\n{decl}", 1),
                 encoding="utf-8")


def test_declared_min_max_bound_a_parameter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _pack(tmp_path)
    _declare(pack, "competency_fit_min", "    min: 0\n    max: 1\n")
    assert load_pack(pack).parameters["competency_fit_min"].range == (0, 1)
    _set_param(pack, "competency_fit_min", "1.5")
    _refused(pack, "MUT-R029", capsys)


def test_declared_range_may_be_wider_than_the_unit_default(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    _declare(pack, "tenure_max_months", "    max: 5000\n")
    _set_param(pack, "tenure_max_months", "3000")
    assert load_pack(pack).parameters["tenure_max_months"].values[0].value == 3000


def test_min_above_max_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _pack(tmp_path)
    _declare(pack, "tenure_max_months", "    min: 10\n    max: 5\n")
    _refused(pack, "MUT-R005", capsys)


def test_fact_compared_with_itself_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _pack(tmp_path)
    f = pack / "criteria" / "masa_jabatan.yaml"
    text = f.read_text(encoding="utf-8")
    old = '{fact: months_in_post, op: ">=", value: {param: tenure_min_months}}'
    assert old in text
    f.write_text(text.replace(old, '{fact: months_in_post, op: ">=", value: {fact: months_in_post}}', 1),
                 encoding="utf-8")
    text = _refused(pack, "MUT-R030", capsys)
    assert "masa_jabatan.yaml:" in text


def test_shipped_pack_parameters_get_their_unit_range() -> None:
    pack = load_pack(REPO / "rules" / "nasional")
    assert pack.parameters["tenure_min_months"].range == (0, 1200)  # months
    assert pack.parameters["retirement_age_by_kind"].range == (0, 150)  # years, a table


def test_yaml_tags_never_run_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _pack(tmp_path)
    marker = tmp_path / "ran"
    (pack / "criteria" / "tag.yaml").write_text(
        f"criteria: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    assert main(["rules", "check", str(pack)]) == EXIT_FINDINGS
    assert not marker.exists()
    assert "internal error" not in capsys.readouterr().err
