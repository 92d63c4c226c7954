"""Reports over the real audit log and store (SQLite and PostgreSQL), and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import insert

from audit.log import AuditLog
from mutasi.cli.app import main
from mutasi.report_source import AuditStoreSource
from mutasi.store import models
from mutasi.store.db import open_store
from reports.config import ReportConfig
from reports.letters import build_letter
from reports.sample import (
    NIP_AGUS,
    NIP_BUDI,
    NIP_DEWI,
    NIP_SITI,
    PACK_TEXT,
    SAMPLE_META,
    sample_source,
)


def seed(url: str) -> None:
    """Copy the hand-made sample into a store and an audit log (decisions as recorded)."""
    mem = sample_source()
    engine = open_store(url)
    with engine.begin() as conn:
        conn.execute(insert(models.Unit.__table__), [{"id": k, "name": v, "kind": "dinas"} for k, v in sorted(mem.units.items())])
        conn.execute(insert(models.Position.__table__), [
            {"id": k, "unit_id": u, "name": n, "kind": "pelaksana", "required_education_levels": [], "required_majors": [],
             "required_competencies": [], "is_sekda": False}
            for k, (n, u) in sorted(mem.positions.items())])
        conn.execute(insert(models.Employee.__table__), [
            {"nip": p.nip, "name": p.name, "gender": p.gender, "religion": p.religion, "birth_date": p.birth_date,
             "unit_id": p.unit_id, "position_id": p.position_id}
            for p in sorted(mem.people.values(), key=lambda p: p.nip)])
        conn.execute(insert(models.SkpEntry.__table__), [
            {"key": f"{p.nip}:{y}", "nip": p.nip, "year": y, "predicate": pred}
            for p in sorted(mem.people.values(), key=lambda p: p.nip) for y, pred in sorted(p.skp.items())])
    log = AuditLog(engine)
    for run in mem.runs():
        with log.run(run.kind, run.as_of, run.pack, run.actor, run.input_hash, run.started_at) as r:
            r.store_pack_text(PACK_TEXT)
            if run.kind == "plan":
                recorded = mem.plan(run.run_id)
                r.add_plan(recorded.to_dict() if recorded else {})
            for rec in mem.decisions(run.run_id):
                r.add_snapshot(rec.decision_id, {})
                r.add_decision(rec.decision, rec.decision_id)
    # The sample's override is on Dewi's candidate decision, the 4th decision of run 1.
    log.add_override("1-4", "eligible", "Ketua TPK", "SKP 2025 diserahkan dalam bentuk cetak; predikat Baik.", "2026-11-23T10:00:00Z")
    engine.dispose()


def test_letters_from_the_audit_log_match_the_recorded_reasons(db_url: str) -> None:
    seed(db_url)
    src = AuditStoreSource(db_url)
    mem = sample_source()
    runs = src.runs()
    assert [(r.run_id, r.kind) for r in runs] == [("1", "plan"), ("2", "review")]
    for nip in (NIP_BUDI, NIP_SITI, NIP_DEWI):
        got = build_letter(src, runs[0], nip, SAMPLE_META, ReportConfig(), "id")
        want = build_letter(mem, mem.runs()[0], nip, SAMPLE_META, ReportConfig(), "id")
        assert (got.name, got.unit, got.headline, got.reasons, got.changes, got.placement, got.appendix) == \
               (want.name, want.unit, want.headline, want.reasons, want.changes, want.placement, want.appendix)
    dewi = build_letter(src, runs[0], NIP_DEWI, SAMPLE_META, ReportConfig(), "id")
    assert dewi.record.decision_id == "1-4" and "Ketua TPK" in dewi.override
    integ = src.integrity()
    assert integ.ok and integ.checkpoint_size is not None and integ.checkpoint_root


def test_cli_end_to_end(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(sqlite_url)
    assert main(["explain", NIP_SITI, "--db", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert "Siti Aminah" in out and "1 April 2027" in out
    assert main(["explain", NIP_SITI, "--db", sqlite_url, "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["letter"]["headline"] == "You do not yet meet the requirements for a transfer in this round."
    assert [d["decision_id"] for d in data["decisions"]] == ["1-2"]
    assert data["decisions"][0]["reasons"][1]["counterfactual"] == {"kind": "date", "fact": "months_in_post", "passes_on": "2027-04-01"}
    out_dir = tmp_path / "out"
    assert main(["report", "letters", "--db", sqlite_url, "--out", str(out_dir), "--json"]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    # by default the people the plan affects: Budi (proposed) and Agus (eligible, not placed)
    assert sorted(Path(f).name for f in files) == [f"surat-{NIP_AGUS}-id.html", f"surat-{NIP_BUDI}-id.html"]
    assert main(["report", "letters", "--db", sqlite_url, "--out", str(out_dir), "--json", "--all"]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert len(files) == 4 and all(Path(f).exists() for f in files)
    assert main(["report", "letters", "--db", sqlite_url, "--out", str(out_dir), "--json", "--outcome", "not_eligible"]) == 0
    assert [Path(f).name for f in json.loads(capsys.readouterr().out)["files"]] == [f"surat-{NIP_SITI}-id.html"]
    assert main(["report", "letters", "--db", sqlite_url, "--out", str(out_dir), "--nip", "000000000000000000"]) == 2
    assert "not in the store" in capsys.readouterr().err
    for kind in ("committee", "inspector", "fairness", "monitoring"):
        assert main(["report", kind, "--db", sqlite_url, "--out", str(out_dir), "--format", "md"]) == 0
    assert "Cakupan kriteria" in (out_dir / "inspector-2-id.md").read_text(encoding="utf-8")


def test_cli_errors_are_clear(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(sqlite_url)
    assert main(["explain", "000000000000000000", "--db", sqlite_url]) == 2
    assert "no decision about this person" in capsys.readouterr().err
    assert main(["report", "committee", "--db", sqlite_url, "--run", "99", "--out", str(tmp_path)]) == 2
    assert "no run '99'" in capsys.readouterr().err
    assert main(["report", "nonsense", "--sample"]) == 2


def test_inspector_exits_3_when_the_log_is_tampered(sqlite_url: str, tmp_path: Path) -> None:
    import sqlite3

    seed(sqlite_url)
    path = sqlite_url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    # An attacker turns Siti's recorded "not_eligible" into "eligible".
    changed = con.execute("UPDATE audit_entry SET body = replace(body, '\"not_eligible\"', '\"eligible\"') "
                          "WHERE kind = 'decision' AND body LIKE '%not_eligible%'").rowcount
    assert changed == 1
    con.commit()
    con.close()
    assert main(["report", "inspector", "--db", sqlite_url, "--run", "1", "--out", str(tmp_path), "--format", "md"]) == 3
    assert "TIDAK UTUH" in (tmp_path / "inspector-1-id.md").read_text(encoding="utf-8")


def test_reports_read_the_audit_log_record_types_not_copies() -> None:
    # #11: one set of record types for runs, decisions and overrides (audit/readers.py).
    import audit.readers as A
    import reports.source as S

    assert (S.RunHeader, S.DecisionRecord, S.OverrideRecord) == (A.RunHeader, A.DecisionRecord, A.OverrideRecord)
    assert not hasattr(S, "RunInfo")
    rec = A.DecisionRecord(decision_id="3-17", run_seq=3, seq=40, snapshot_key="1", decision={})
    assert rec.run_id == "3"
