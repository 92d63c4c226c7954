"""`mutasi rules test`: pack example cases, pass/fail per case, criteria coverage."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mutasi.cli.app import main

PACKS = Path(__file__).parent / "packs"

CASES = """\
cases:
  - name: Masa jabatan 19 bulan belum memenuhi 24 bulan
    # 2025-04-01 -> 2026-11-22 = 19 months; 24 months are reached on 2027-04-01
    as_of: 2026-11-22
    employee: {nip: "1", name: A, status: PNS, tmt_jabatan: 2025-04-01, inspektorat_cleared: true,
               under_examination: false, skp: [{year: 2025, predicate: Baik}, {year: 2024, predicate: Baik}]}
    expect:
      verdict: not_eligible
      outcomes: {tenure_min: fail, status_pns: pass}
      counterfactual: {tenure_min: {passes_on: 2027-04-01}}
  - name: Tanpa TMT jabatan datanya kurang
    as_of: 2026-11-22
    employee: {nip: "2", name: B, status: PNS}
    expect:
      outcomes: {tenure_min: missing}
"""


def _pack_with_cases(tmp_path: Path, text: str) -> Path:
    dest = tmp_path / "rules" / "basic"
    shutil.copytree(PACKS / "basic", dest)
    (dest / "tests").mkdir()
    (dest / "tests" / "kasus.yaml").write_text(text)
    return dest


def test_rules_test_passes_and_reports_coverage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _pack_with_cases(tmp_path, CASES)
    assert main(["rules", "test", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "2/2 cases pass" in out
    # basic has 15 criteria; the cases check tenure_min and status_pns
    assert "coverage: 2/15 criteria checked by a case" in out
    assert "never exercised: acting_head, clean_record" in out


def test_rules_test_fails_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _pack_with_cases(tmp_path, CASES.replace("passes_on: 2027-04-01", "passes_on: 2027-03-01")
                            .replace("tenure_min: missing", "tenure_min: pass"))
    assert main(["rules", "test", "--json", str(pack)]) == 1
    data = json.loads(capsys.readouterr().out)
    (entry,) = data["packs"]
    first, second = entry["cases"]
    assert not first["ok"] and first["line"] == 2
    assert first["failures"] == [
        "tenure_min: counterfactual passes_on expected 2027-03-01, got 2027-04-01 "
        "({'kind': 'date', 'fact': 'months_in_post', 'passes_on': '2027-04-01', "
        "'needed': 24, 'anchor': 'tmt_jabatan'})"]
    assert not second["ok"] and "tenure_min: expected pass, got missing" in second["failures"][0]
    assert "no_tmt_jabatan" in second["failures"][0]


def test_rules_test_reports_a_malformed_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _pack_with_cases(tmp_path, CASES.replace("employee: {nip: \"2\"", "employe: {nip: \"2\""))
    assert main(["rules", "test", "--json", str(pack)]) == 1
    problems = json.loads(capsys.readouterr().out)["packs"][0]["problems"]
    assert {(p["code"], p["line"]) for p in problems} == {("MUT-R022", 13), ("MUT-R022", 11)}


def test_rules_test_on_shipped_packs(capsys: pytest.CaptureFixture[str]) -> None:
    rules = Path(__file__).parent.parent / "rules"
    assert main(["rules", "test", str(rules)]) == 0
    assert "FAIL" not in capsys.readouterr().out


def test_rules_check_also_reports_malformed_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _pack_with_cases(tmp_path, CASES.replace("as_of: 2026-11-22\n    employee: {nip: \"2\"",
                                                    "as_of: 2026-11-22\n    employee: {nipp: \"2\""))
    assert main(["rules", "check", str(pack)]) == 1
    out = capsys.readouterr().out
    # line 13 is the second case's employee; "nipp" starts after '    employee: {' (15 chars)
    assert f"{pack / 'tests' / 'kasus.yaml'}:13:16: MUT-R022 [employee.nipp] unknown field 'nipp'" in out
