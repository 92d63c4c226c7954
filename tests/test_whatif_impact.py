"""`mutasi rules diff` and `rules impact` (issue 19): the demo's own scenario end to end.

The national pack is copied and its minimum time in post lowered from 24 to 6 months. The
example region (examples/import, evaluated as run 1) has one person whose verdict changes:
NIP 197906062005011006, 20 months in post (TMT jabatan 2025-03-01 on 2026-11-22), who failed
only the 24-month minimum and whose examination and judicial-process records are not on file:
not eligible -> data missing. The count is checked against a second `mutasi evaluate` run
with the copied pack.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from audit import AuditLog
from mutasi.cli.app import main
from mutasi.store.db import open_store

REPO = Path(__file__).resolve().parent.parent
CHANGED_NIP = "197906062005011006"


def six_month_copy(tmp: Path) -> Path:
    """rules/nasional copied with tenure_min_months 24 -> 6 (the only change)."""
    dst = tmp / "nasional-6"
    shutil.copytree(REPO / "rules" / "nasional", dst)
    p = dst / "parameters.yaml"
    text = p.read_text(encoding="utf-8")
    head, sep, rest = text.partition("  tenure_min_months:")
    assert sep and "value: 24" in rest.split("tenure_max_months")[0]
    p.write_text(head + sep + rest.replace("value: 24", "value: 6", 1), encoding="utf-8")
    return dst


def run_json(capsys: pytest.CaptureFixture[str], args: list[str], code: int) -> dict:
    capsys.readouterr()
    assert main(args) == code
    return json.loads(capsys.readouterr().out)


def test_diff_shows_the_changed_parameter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = six_month_copy(tmp_path)
    d = run_json(capsys, ["rules", "diff", str(REPO / "rules" / "nasional"), str(new), "--as-of",
                          "2026-11-22", "--json"], 1)
    assert d["criteria"] == [] and d["header"] == []
    [p] = d["parameters"]
    assert (p["name"], p["change"], p["fields"]) == ("tenure_min_months", "changed", ["values"])
    assert (p["old_value"], p["new_value"]) == (24, 6)
    assert d["old"]["hash"] != d["new"]["hash"]
    # a pack against itself: nothing differs, exit 0
    same = run_json(capsys, ["rules", "diff", str(REPO / "rules" / "nasional"), str(REPO / "rules" / "nasional"),
                             "--json"], 0)
    assert same["same"] is True
    # in words, both languages: the parameter's title and the values by date
    assert main(["rules", "diff", str(REPO / "rules" / "nasional"), str(new)]) == 1
    out = capsys.readouterr().out
    assert "Masa jabatan paling singkat" in out and "2 tahun" in out and "6 bulan" in out
    assert "tenure_min_months" not in out
    assert main(["rules", "diff", str(REPO / "rules" / "nasional"), str(new), "--lang", "en"]) == 1
    assert "Minimum time in post" in capsys.readouterr().out


def test_diff_of_criteria_added_removed_changed(tmp_path: Path) -> None:
    from engine import load_pack
    from engine.packdiff import diff_packs

    new = six_month_copy(tmp_path)
    crit = new / "criteria" / "masa_jabatan.yaml"
    text = crit.read_text(encoding="utf-8")
    assert "Masa dalam jabatan paling singkat" in text
    crit.write_text(text.replace("Masa dalam jabatan paling singkat", "Masa jabatan minimal", 1),
                    encoding="utf-8")
    (new / "criteria" / "tugas_belajar.yaml").unlink()
    d = diff_packs(load_pack(REPO / "rules" / "nasional"), load_pack(new))
    changes = {c.id: (c.change, c.fields) for c in d.criteria}
    assert changes["tenure_min"] == ("changed", ("title",))
    removed = [cid for cid, (ch, _) in changes.items() if ch == "removed"]
    assert removed and all(c.old is not None and "tugas_belajar" in c.old.source
                           for c in d.criteria if c.change == "removed")


def test_impact_of_six_months_agrees_with_evaluate(region, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    new = six_month_copy(tmp_path)
    old = REPO / "rules" / "nasional"
    r = run_json(capsys, ["rules", "impact", str(old), str(new), "--db", region.url, "--run", "1",
                          "--json"], 1)
    assert (r["as_of"], r["base_run"], r["people"], r["changed"]) == ("2026-11-22", 1, 12, 1)
    [c] = r["changes"]
    assert (c["nip"], c["old"], c["new"]) == (CHANGED_NIP, "not_eligible", "data_missing")
    tenure = next(s for s in c["criteria"] if s["criterion_id"] == "tenure_min")
    assert (tenure["old"], tenure["new"]) == ("fail", "pass")
    assert tenure["read_new"]["months_in_post"] == 20
    assert tenure["legal_basis"][0]["article"] == "Pasal 190 ayat (3)"
    assert tenure["threshold_old"]["value"] == 24 and tenure["threshold_new"]["value"] == 6
    assert r["transitions"] == {"not_eligible -> data_missing": 1}
    assert r["placements"] is None  # an evaluate run has no plan
    assert sum(u["changed"] for u in r["units"]) == 1
    # nothing was recorded
    log = AuditLog(open_store(region.url), migrate=False)
    runs_before = len(log.list_runs())
    # re-running evaluate on the copy gives the same changes
    assert main(["evaluate", "--db", region.url, "--pack", str(new), "--as-of", "2026-11-22",
                 "--actor", "test"]) == 0
    new_run = log.list_runs()[-1].run_seq
    assert new_run == runs_before + 1
    before = {d.subject["nip"]: d.verdict for d in log.decisions(1)}
    after = {d.subject["nip"]: d.verdict for d in log.decisions(new_run)}
    assert sorted(n for n in before if before[n] != after[n]) == [x["nip"] for x in r["changes"]]
    # --record: an ordinary evaluate run with the same verdicts, naming the comparison
    r2 = run_json(capsys, ["rules", "impact", str(old), str(new), "--db", region.url, "--as-of",
                           "2026-11-22", "--record", "--actor", "tim", "--json"], 1)
    rec = r2["recorded_run"]
    header = log.run_header(rec)
    assert header is not None and header.kind == "evaluate"
    assert header.comparison == {"old": r2["diff"]["old"], "new": r2["diff"]["new"], "base_run": None}
    assert header.pack == r2["diff"]["new"]
    assert {d.subject["nip"]: d.verdict for d in log.decisions(rec)} == after
    assert log.verify().ok


def test_impact_report_html_both_languages(region, tmp_path: Path) -> None:
    new = six_month_copy(tmp_path)
    for lang in ("id", "en"):
        out = tmp_path / f"impact-{lang}.html"
        assert main(["rules", "impact", str(REPO / "rules" / "nasional"), str(new), "--db", region.url,
                     "--run", "1", "--out", str(out), "--lang", lang]) == 1
        html = out.read_text(encoding="utf-8")
        assert CHANGED_NIP in html
        assert ("Masa dalam jabatan paling singkat" if lang == "id" else "Minimum time in post") in html
        assert ("tidak memenuhi syarat" if lang == "id" else "not eligible") in html
        for code in ("tenure_min", "not_eligible", "data_missing", "months_in_post"):
            assert code not in html
        shots = REPO / "build" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, shots / f"whatif-impact-{lang}.html")
    pdf = tmp_path / "dampak.pdf"
    assert main(["rules", "impact", str(REPO / "rules" / "nasional"), str(new), "--db", region.url,
                 "--run", "1", "--out", str(pdf)]) == 1
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert CHANGED_NIP in text and "Dampak perubahan aturan" in text


def test_impact_on_a_plan_run_rebuilds_both_plans(region, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # run 2 is the region's plan: nobody is placed under either pack (everyone is not
    # eligible or lacks data), so the plans agree; the person still changes verdict
    new = six_month_copy(tmp_path)
    r = run_json(capsys, ["rules", "impact", str(REPO / "rules" / "nasional"), str(new), "--db", region.url,
                          "--run", "2", "--json"], 1)
    assert r["base_run"] == 2 and r["placements"] == [] and r["changed"] == 1


def test_impact_usage_errors(region, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nas = str(REPO / "rules" / "nasional")
    assert main(["rules", "impact", nas, nas, "--db", region.url]) == 2  # neither --run nor --as-of
    assert "MUT-R200" in capsys.readouterr().err
    assert main(["rules", "impact", nas, nas, "--db", region.url, "--run", "99"]) == 2
    assert "MUT-R201" in capsys.readouterr().err
    assert main(["rules", "impact", nas, nas, "--db", region.url, "--run", "1", "--record"]) == 2
    assert main(["rules", "impact", nas, nas, "--db", region.url, "--run", "1", "--out",
                 str(tmp_path / "x.txt")]) == 2
    # the same pack twice: nobody changes, exit 0
    assert main(["rules", "impact", nas, nas, "--db", region.url, "--run", "1"]) == 0


def test_impact_records_on_each_database(db_url: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(REPO / "examples" / "import"), "--db", db_url]) == 0
    assert main(["evaluate", "--db", db_url, "--as-of", "2026-11-22", "--actor", "t"]) == 0
    new = six_month_copy(tmp_path)
    r = run_json(capsys, ["rules", "impact", str(REPO / "rules" / "nasional"), str(new), "--db", db_url,
                          "--as-of", "2026-11-22", "--record", "--actor", "tim", "--json"], 1)
    assert [c["nip"] for c in r["changes"]] == [CHANGED_NIP] and r["recorded_run"] == 2
    engine = open_store(db_url)
    try:
        log = AuditLog(engine, migrate=False)
        header = log.run_header(2)
        assert header is not None and header.comparison is not None
        assert header.comparison["new"]["hash"] == r["diff"]["new"]["hash"]
        assert log.verify().ok
    finally:
        engine.dispose()
