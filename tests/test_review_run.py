"""`mutasi review` end to end on the shipped SK draft (examples/review) and the demo region.

Expected outcomes are worked out by hand in examples/review/README.md from the demo region
(default seed and size, as of 2026-11-22) and the national pack; this test holds them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit import AuditLog, readers
from mutasi.cli.app import main
from mutasi.demo import generate_demo
from mutasi.runs.review_run import REVIEW_SNAPSHOT
from mutasi.store import import_paths, open_store

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "review"

# move -> (outcome, criteria behind it)
EXPECTED = {
    "M01": ("allowed", []),
    "M02": ("blocked", ["move_tenure_min"]),  # 5 months in post (TMT 2026-05-23) < 24
    "M03": ("needs_approval", ["tpk_consideration"]),  # TPK letter does not cover M03
    # Mendagri letter does not cover M04/M05: election window (penetapan paslon 2027-04-15,
    # window from 2026-10-15), 4 months after inauguration (2026-07-01), signer is Plt.
    "M04": ("needs_approval",
            ["acting_head_approval", "election_window_approval", "post_inauguration_approval"]),
    # a cancellation of an earlier move inside the window is a move too
    "M05": ("needs_approval",
            ["acting_head_approval", "election_window_approval", "post_inauguration_approval"]),
    "M06": ("needs_approval", ["sekda_governor_approval"]),  # target SETDA-001 is the Sekda
    # the Inspektur (INSP-001) leaves the Inspektorat (PP 18/2016 jo. PP 72/2019)
    "M07": ("needs_approval", ["inspektorat_governor_approval"]),
    # JPT for under 24 months, no grounds, no early-rotation document (the two-year rule kept
    # after UU 20/2023)
    "M08": ("blocked", ["jpt_two_year_lock_2023", "move_tenure_min"]),
    # JPT since 2025-04-22 (19 months), early-rotation document 800.1.3/099/BKPSDM/2026
    "M09": ("allowed_through_exception", ["jpt_two_year_lock_2023", "move_tenure_min"]),
    "M10": ("blocked", ["demotion_grounds"]),  # demotion from JPT, no grounds
    "M11": ("blocked", ["no_family_conflict"]),  # decision-maker's adik ipar
    "M12": ("blocked", ["target_in_position_map"]),  # DISDUKCAPIL-099 is not in the map
    "M13": ("data_missing", ["move_tenure_min"]),  # no TMT jabatan on file
    # NIP not on file: decided on an empty record: months in post, education and
    # competencies unknown (never a fail)
    "M14": ("data_missing", ["move_competency_fit", "move_education_fit", "move_tenure_min"]),
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("review")
    paths = generate_demo(root / "data")
    url = f"sqlite:///{root / 'mutasi.db'}"
    engine = open_store(url)
    try:
        import_paths(engine, [paths["units"].parent])
    finally:
        engine.dispose()
    return url


def _criteria(m: dict) -> list[str]:
    if m["outcome"] == "blocked":
        return sorted(b["criterion_id"] for b in m["blocked_by"])
    if m["outcome"] == "needs_approval":
        return sorted(a["criterion_id"] for a in m["approvals_needed"])
    if m["outcome"] == "allowed_through_exception":
        return sorted(c for e in m["exceptions_used"] for c in e["lifted_requirements"])
    if m["outcome"] == "data_missing":
        return sorted(x["criterion_id"] for x in m["missing"])
    return []


def test_shipped_sk_draft_gets_every_outcome_kind(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["review", str(EXAMPLE / "sk_draft.csv"), "--context", str(EXAMPLE / "context.yaml"),
                 "--db", demo_db, "--actor", "Inspektorat", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1  # blocked and data-missing moves are findings
    got = {m["move_id"]: (m["outcome"], _criteria(m)) for m in out["moves"]}
    assert got == EXPECTED
    m06 = next(m for m in out["moves"] if m["move_id"] == "M06")
    assert m06["approvals_needed"][0]["from"]["id"] == "Gubernur"
    m09 = next(m for m in out["moves"] if m["move_id"] == "M09")
    assert m09["exceptions_used"][0]["on_file"][0]["number"] == "800.1.3/099/BKPSDM/2026"
    m01 = next(m for m in out["moves"] if m["move_id"] == "M01")
    assert sorted(a["type"] for a in m01["approvals_on_file"]) == [
        "persetujuan_mendagri", "persetujuan_mendagri", "persetujuan_mendagri", "pertimbangan_tpk"]
    assert [m["employee_on_file"] for m in out["moves"]].count(False) == 1  # M14

    engine = open_store(demo_db)
    try:
        log = AuditLog(engine)
        assert log.verify().ok
        header = log.run_header(out["run"])
        assert header is not None and header.kind == "review"
        with engine.connect() as conn:
            stored = readers.snapshot(conn, out["run"], REVIEW_SNAPSHOT)
        assert stored is not None and stored["counts"] == out["counts"]
        rec = log.decision(m01["decision_id"])
        assert rec is not None
    finally:
        engine.dispose()


def test_yaml_draft_gives_the_same_review(demo_db: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["review", str(EXAMPLE / "sk_draft.yaml"), "--context", str(EXAMPLE / "context.yaml"),
                 "--db", demo_db, "--actor", "Inspektorat", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {m["move_id"]: (m["outcome"], _criteria(m)) for m in out["moves"]} == EXPECTED


def test_bad_moves_file_is_a_clear_error(demo_db: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,nip,to_position_id,kind\nM1,123,X,rotation\n", encoding="utf-8")
    code = main(["review", str(bad), "--context", str(EXAMPLE / "context.yaml"),
                 "--db", demo_db, "--actor", "x"])
    err = capsys.readouterr().err
    assert code == 1
    assert "bad.csv:2" in err and "MUT-V006" in err and "Traceback" not in err


def test_terminal_review_prints_every_reason_whole(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["review", str(EXAMPLE / "sk_draft.csv"), "--context", str(EXAMPLE / "context.yaml"),
                 "--db", demo_db, "--actor", "Inspektorat"])
    out = capsys.readouterr().out
    assert code == 1
    # one line per move, never cut at the terminal's width (M04: three approvals by one minister)
    assert ("  M04  needs persetujuan_mendagri from Menteri Dalam Negeri "
            "(acting_head_approval, election_window_approval, post_inauguration_approval)") in out
    assert "  M09  exception jpt_early_rotation: 800.1.3/099/BKPSDM/2026" in out


def test_review_table_names_outcomes_in_words(demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The table and the counts line a reviewer reads say each outcome in words, never its code."""
    import shutil

    db = tmp_path / "copy.db"
    shutil.copyfile(demo_db.removeprefix("sqlite:///"), db)
    main(["review", str(EXAMPLE / "sk_draft.csv"), "--context", str(EXAMPLE / "context.yaml"),
          "--db", f"sqlite:///{db}", "--actor", "Inspektorat"])
    out = capsys.readouterr().out
    counts = out.strip().splitlines()[-1]
    for words in ("boleh dilaksanakan / allowed", "terhalang / blocked", "data belum lengkap / data missing",
                  "memerlukan persetujuan / needs approval",
                  "boleh melalui pengecualian / allowed through an exception"):
        assert words in counts, counts
    for code in ("allowed_through_exception", "needs_approval", "data_missing"):
        assert code not in out
