"""Issue 16, output: CSV cells a spreadsheet would run as formulas are escaped by every CSV
writer (OWASP CSV injection rule)."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
from pathlib import Path

import pytest

from mutasi.cli.app import main
from reports.csvout import FORMULA_START, safe_cell, to_csv

HOSTILE = ["=HYPERLINK(\"http://x\",\"klik\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1"]
REPO = Path(__file__).resolve().parent.parent


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def _assert_inert(text: str) -> None:
    """No cell a spreadsheet would run; every hostile value is there, quoted."""
    for cell in _cells(text):
        assert not cell.startswith(FORMULA_START) or cell.lstrip("+-").replace(".", "").isdigit(), cell


@pytest.mark.parametrize("value", HOSTILE)
def test_safe_cell_quotes_formula_starts(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert _cells(to_csv(["x"], [[value]]))[1] == "'" + value


@pytest.mark.parametrize("value", ["-5", "+62", "-0,5", "1.5", "Budi", "", "a=b", 12, -3.5, None])
def test_safe_cell_leaves_numbers_and_plain_text(value: object) -> None:
    assert safe_cell(value) == value


def _hostile_source() -> object:
    from reports.sample import sample_source

    src = sample_source()
    for i, (nip, p) in enumerate(sorted(src.people.items())):
        src.people[nip] = dataclasses.replace(p, name=HOSTILE[i % len(HOSTILE)],
                                              unit_name=HOSTILE[(i + 1) % len(HOSTILE)],
                                              position_name=HOSTILE[(i + 2) % len(HOSTILE)])
    src.units = {k: HOSTILE[i % len(HOSTILE)] for i, k in enumerate(sorted(src.units))}
    src.positions = {k: (HOSTILE[i % len(HOSTILE)], u) for i, (k, (_, u)) in enumerate(sorted(src.positions.items()))}
    plan = src.plans["1"].result
    placements = [dataclasses.replace(plan.placements[0], name=HOSTILE[0]), *plan.placements[1:]]
    workload = [dataclasses.replace(w, unit_name=HOSTILE[3]) for w in plan.workload]
    src.plans["1"] = dataclasses.replace(src.plans["1"], result=dataclasses.replace(plan, placements=placements,
                                                                                   workload=workload))
    return src


@pytest.mark.parametrize("kind", ["letters", "committee", "inspector", "fairness", "monitoring"])
def test_every_report_csv_is_escaped(kind: str) -> None:
    from reports.build import contexts, encode
    from reports.config import ReportConfig
    from reports.sample import SAMPLE_META

    src = _hostile_source()
    docs = contexts(kind, src, None, "id", SAMPLE_META, ReportConfig(), fmt="csv")  # type: ignore[arg-type]
    assert docs
    texts = [encode(ctx, template, "csv").decode("utf-8") for _stem, template, ctx in docs]
    for text in texts:
        _assert_inert(text)
    if kind in ("committee", "monitoring"):  # the tables that carry names: the hostile ones are there
        assert any(c.startswith("'=") or c.startswith("'+") or c.startswith("'@")
                   for text in texts for c in _cells(text))


def test_plan_workload_csv_is_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "in"
    shutil.copytree(REPO / "examples" / "import", data, ignore=shutil.ignore_patterns("broken", "*.xlsx", "*.py", "*.md"))
    unor = data / "unor.csv"
    rows = list(csv.reader(io.StringIO(unor.read_text(encoding="utf-8"))))
    buf = io.StringIO()
    csv.writer(buf).writerows([rows[0]] + [[r[0], HOSTILE[i % 4], r[2]] for i, r in enumerate(rows[1:])])
    unor.write_text(buf.getvalue(), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'm.db'}"
    assert main(["import", str(data), "--db", url]) == 0
    out = tmp_path / "plan"
    assert main(["plan", "--db", url, "--as-of", "2026-11-22", "--actor", "t", "--out", str(out), "--json"]) == 0
    text = (out / "workload.csv").read_text(encoding="utf-8")
    _assert_inert(text)
    assert "'=HYPERLINK" in text


# ---- masked audit export -------------------------------------------------------------

NIP_A = "198609262015051001"  # born 1986-09-26, TMT CPNS 2015-05, male


def _age_log(url: str) -> None:
    from test_audit_support import PACK, PACK_TEXT, decision_for

    from audit import AuditLog
    from audit.migrate import engine_for

    log = AuditLog(engine_for(url))
    facts = {"months_in_post": 30, "age_years": 40, "months_to_retirement": 211,
             "retirement_date": "2044-10-01", "nama": "Pegawai A"}
    with log.run("evaluate", "2026-11-22", PACK, "Ketua", "in-1", "2026-11-22T08:00:00+07:00") as run:
        run.store_pack_text(PACK_TEXT)
        run.add_snapshot(f"candidate:{NIP_A}", facts)
        d = decision_for("A", "2026-11-22", facts)
        d["reasons"][0]["facts_read"] = {"months_to_retirement": 211}
        d["reasons"][0]["counterfactual"] = {"passes_on": "2030-01-01"}
        run.add_decision(d, f"candidate:{NIP_A}")


def _export(url: str, *extra: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    import json

    capsys.readouterr()
    assert main(["audit", "export", "--db", url, "--mask", *extra]) == 0
    out = capsys.readouterr().out
    assert NIP_A not in out and "19860926" not in out and "1986-09-26" not in out
    assert "2044-10-01" not in out and "Pegawai A" not in out
    return [json.loads(x) for x in out.splitlines()]


def test_masked_export_pseudonymises_the_nip_with_a_keyed_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib
    import hmac

    url = f"sqlite:///{tmp_path / 'a.db'}"
    _age_log(url)
    key = tmp_path / "mask.key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef\n")
    lines = _export(url, "--mask-key-file", str(key), capsys=capsys)
    want = "nip-" + hmac.new(b"0123456789abcdef0123456789abcdef", NIP_A.encode(), hashlib.sha256).hexdigest()[:24]
    header, entries = lines[0], lines[1:]
    assert header["masked"]["nip"]["method"] == "HMAC-SHA256"  # type: ignore[index]
    assert header["masked"]["nip"]["key"] == "file"  # type: ignore[index]
    snap = next(e for e in entries if e["kind"] == "snapshot")
    dec = next(e for e in entries if e["kind"] == "decision")
    assert dec["entry"]["decision"]["subject"]["nip"] == want  # type: ignore[index]
    assert snap["entry"]["key"] == f"candidate:{want}"  # type: ignore[index]
    facts = snap["entry"]["facts"]  # type: ignore[index]
    assert facts["age_years"] == "40-49 years" and facts["months_to_retirement"] == "180-239 months"
    assert facts["retirement_date"] == "[disamarkan/masked]" and facts["months_in_post"] == 30
    reason = dec["entry"]["decision"]["reasons"][0]  # type: ignore[index]
    assert reason["counterfactual"] == "[disamarkan/masked]"  # a date tied to the birth date
    assert "$.entry.facts.age_years" in snap["masked_paths"]  # type: ignore[operator]
    assert snap["leaf_hash"] is None  # the original's hash would let a guessed NIP be tested
    # the same key (here from the environment) gives the same pseudonyms: exports can be joined
    monkeypatch.setenv("MUTASI_MASK_KEY_FILE", str(key))
    again = _export(url, capsys=capsys)
    assert again[1:] == entries


def test_masked_export_without_a_key_uses_a_fresh_one(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MUTASI_MASK_KEY_FILE", raising=False)
    url = f"sqlite:///{tmp_path / 'a.db'}"
    _age_log(url)
    one, two = _export(url, capsys=capsys), _export(url, capsys=capsys)
    assert one[0]["masked"]["nip"]["key"] == "ephemeral"  # type: ignore[index]
    subj = [e["entry"]["decision"]["subject"]["nip"] for e in (one[2:] + two[2:]) if e["kind"] == "decision"]  # type: ignore[index]
    assert len(subj) == 2 and subj[0] != subj[1]


def test_a_short_or_missing_mask_key_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    _age_log(url)
    short = tmp_path / "k"
    short.write_text("abc", encoding="utf-8")
    for key in (short, tmp_path / "absent"):
        assert main(["audit", "export", "--db", url, "--mask", "--mask-key-file", str(key)]) == 2
        assert "mask key file" in capsys.readouterr().err


# ---- a --db that is not a database -----------------------------------------------------

@pytest.mark.parametrize("args", [["audit", "verify"], ["audit", "export", "--mask"], ["workload"],
                                  ["report", "committee"]])
@pytest.mark.parametrize("target", ["passwd", "text", "folder", "scheme"])
def test_a_db_that_is_not_a_database_is_a_clear_usage_error(
    args: list[str], target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`audit verify --db sqlite:////etc/passwd` was "internal error: DatabaseError"."""
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 50, encoding="utf-8")
    url = {"passwd": "sqlite:////etc/passwd", "text": f"sqlite:///{text}",
           "folder": f"sqlite:///{tmp_path}", "scheme": "foo://bar"}[target]
    before = Path("/etc/passwd").read_bytes() if target == "passwd" else text.read_bytes()
    assert main([*args, "--db", url]) == 2
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err
    assert "cannot open database" in err or "cannot use" in err
    assert (Path("/etc/passwd").read_bytes() if target == "passwd" else text.read_bytes()) == before
