"""`mutasi round run` end to end on a small demo region: store -> engine -> deferred
acceptance -> audit; the points checked against the pack's table by hand; `audit replay
RUN` re-runs the round and gets the same assignment; bad rankings files are refused with
every problem listed."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from audit import AuditLog
from audit.round_replay import replay_round
from audit.verify import verify
from engine import Evaluator, load_pack
from engine.round import RoundReason, RoundSettings
from mutasi.cli.app import main
from mutasi.paths import DEFAULT_PACK, REPO_RULES
from mutasi.runs.round_run import run_round
from mutasi.store import load_world, open_store
from mutasi.store.convert import iter_employees
from mutasi.store.round_input import RoundInputError, read_rankings
from tests.round_helpers import RoundRegion, copy_round_region

AS_OF = date(2026, 11, 22)
PACK = REPO_RULES / "kota-dumai"
OFFERED = ["DISDIK-014", "DISDUKCAPIL-008", "RSUD-008"]


def _rankings(url: str, path: Path) -> Path:
    """Eight people eligible for one of three deficit posts; each ranks them in a rotated order."""
    engine = open_store(url)
    world = load_world(engine)
    ev = Evaluator(load_pack(PACK), AS_OF)
    rows, n = ["nip,rank,position_id"], 0
    try:
        for emp in iter_employees(engine):
            if not any(p != emp.position_id and ev.evaluate_pair(emp, world.positions[p], world)
                       .verdict.value.startswith("eligible") for p in OFFERED):
                continue
            order = [p for p in (OFFERED[(n + k) % 3] for k in range(3)) if p != emp.position_id]
            rows += [f"{emp.nip},{i + 1},{p}" for i, p in enumerate(order)]
            n += 1
            if n == 8:
                break
    finally:
        ev.close()
        engine.dispose()
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small(round_template: RoundRegion, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    tmp = tmp_path_factory.mktemp("round-run")
    region = copy_round_region(round_template, tmp)
    return region.url, _rankings(region.url, tmp / "rankings.csv")


# the pack's table (rules/kota-dumai/criteria/bareme.yaml + parameters.yaml), written out by hand
def _hand_points(f: dict) -> float:
    m, s, r, skp = f["months_in_post"], f["months_since_tmt_pns"], f["rank_ordinal"], f["skp_predicate_last_year"]
    tip = 1.0 if m >= 96 else 0.7 if m >= 60 else 0.4 if m >= 36 else 0.2 if m >= 24 else 0.0
    los = 1.0 if s >= 240 else 0.6 if s >= 120 else 0.3 if s >= 60 else 0.1
    rank = 1.0 if r >= 13 else 0.6 if r >= 9 else 0.3
    perf = {"Sangat Baik": 1.0, "Baik": 0.6}.get(skp, 0.0)
    family = {"same_kecamatan": 1.0, "same_kabkota": 0.5}.get(f["spouse_workplace_area"], 0.0)
    home = {"same_kecamatan": 1.0, "same_kabkota": 0.4}.get(f["domicile_area"], 0.0)
    h = f["hardship_posting_months"]
    hard = 1.0 if h >= 60 else 0.6 if h >= 36 else 0.3 if h >= 12 else 0.0
    return round(100 * tip + 60 * los + 40 * rank + 80 * perf + 60 * family + 30 * home + 50 * hard, 4)


def test_round_run_recorded_explained_and_replayed(small: tuple[str, Path], tmp_path: Path) -> None:
    url, rankings_file = small
    # a copy of the store: the module's region stays without runs for the other tests
    db = tmp_path / "r.db"
    db.write_bytes(Path(url.removeprefix("sqlite:///")).read_bytes())
    url = f"sqlite:///{db}"
    ranked = read_rankings(rankings_file)
    res = run_round(url, PACK, AS_OF, "Tim BKPSDM", rankings=ranked, source=str(rankings_file),
                    settings=RoundSettings(seed=7))
    p = res.payload
    assert p["kind"] == "round" and p["inputs"]["settings"]["seed"] == 7
    assert len(p["people"]) == 8
    moved = res.result.assignment()
    assert moved, "someone should move in this instance"
    engine = open_store(url)
    try:
        log = AuditLog(engine)
        assert log.run_header(res.run).kind == "round"
        assert log.plan(res.run) == json.loads(json.dumps({k: v for k, v in p.items() if k != "run"}))
        assert verify(engine).ok
        decisions = log.decisions(res.run)
        assert len(decisions) == sum(len(v) for v in ranked.values())
        # points of every eligible bid = the pack's table applied by hand to the recorded facts
        by_id = {d.decision_id: d for d in decisions}
        checked = 0
        for person in p["people"]:
            for b in person["bids"]:
                facts = log.snapshot(b["decision_id"])
                if b["points"] is not None:
                    assert b["points"] == _hand_points(facts), (person["nip"], b["position_id"])
                    checked += 1
                assert by_id[b["decision_id"]].subject == {"nip": person["nip"], "position_id": b["position_id"]}
        assert checked >= 8
        # every rejected eligible bid is below the position's cut-off, or tied and lost the lottery
        for person in p["people"]:
            for b in person["bids"]:
                if b["reason"] == RoundReason.BELOW_CUTOFF.value:
                    assert b["points"] < b["cutoff"]
                if b["reason"] == RoundReason.TIE_LOTTERY.value:
                    assert b["points"] == b["cutoff"]
        rep = replay_round(log, res.run)
        assert rep.identical and rep.assignment_identical and rep.decisions == len(decisions)
    finally:
        engine.dispose()
    assert main(["audit", "replay", str(res.run), "--db", url]) == 0


def test_round_cli_json_and_exit_codes(small: tuple[str, Path], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    url, rankings_file = small
    db = tmp_path / "r.db"
    db.write_bytes(Path(url.removeprefix("sqlite:///")).read_bytes())
    url = f"sqlite:///{db}"
    args = ["round", "run", "--rankings", str(rankings_file), "--db", url, "--pack", str(PACK),
            "--as-of", "2026-11-22", "--actor", "Tim", "--no-fallback", "--json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["inputs"]["settings"]["keep_current"] is False
    assert {x["outcome"] for x in out["people"]} <= {"moved", "no_post"}
    assert out["plan_then"]["not_admitted"] == sorted(x["nip"] for x in out["people"] if x["outcome"] == "no_post")
    # the table a person reads: outcomes and reasons in words, never their codes
    assert main(args[:-1]) == 0
    table = capsys.readouterr().out
    assert "Belum" in table or "no_post" not in {x["outcome"] for x in out["people"]}  # "Belum mendapat jabatan"
    assert "putaran lebih dahulu / the round first" in table
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", table), table
    # the national pack declares no round points: a clear error, exit 1
    assert main(args[:-2] + ["--pack", str(DEFAULT_PACK)]) == 1
    assert "MUT-V256" in capsys.readouterr().err
    # a run number that is not a round
    assert main(["audit", "replay", "999", "--db", url]) == 1


def test_rankings_file_problems_are_all_listed(tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("nip,rank,position_id,extra\n", encoding="utf-8")
    with pytest.raises(RoundInputError) as e:
        read_rankings(f)
    assert [(p.code, p.field) for p in e.value.problems] == [("MUT-V251", "extra")]
    f.write_text("nip;rank;position_id\n1970011420041120;1;A\n197001142004112001;x;A\n"
                 "197001142004112001;2;A\n197001142004112001;2;B\n197001142004112001;3;A\n",
                 encoding="utf-8")
    with pytest.raises(RoundInputError) as e:
        read_rankings(f)
    got = sorted((p.line, p.code, p.field) for p in e.value.problems)
    # rows 2 and 3 are refused on their own; row 5 repeats rank 2, row 6 repeats position A
    assert got == [(2, "MUT-V252", "nip"), (3, "MUT-V252", "rank"),
                   (5, "MUT-V253", "rank"), (6, "MUT-V253", "position_id")]


def test_rankings_must_match_the_store_and_the_offer(small: tuple[str, Path], tmp_path: Path) -> None:
    url, rankings_file = small
    first = rankings_file.read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    f = tmp_path / "r.csv"
    f.write_text(f"nip,rank,position_id\n999999999999999999,1,DISDIK-014\n{first},1,NOT-A-POST\n"
                 f"{first},2,DISDIK-015\n", encoding="utf-8")
    with pytest.raises(RoundInputError) as e:
        run_round(url, PACK, AS_OF, "Tim", rankings=read_rankings(f), source="r.csv",
                  settings=RoundSettings())
    got = sorted((p.line, p.code, p.message.split(" ")[0]) for p in e.value.problems)
    # row 2: unknown NIP; row 3: not offered; row 4: DISDIK-015 is this person's own post
    assert got == [(2, "MUT-V254", "NIP"), (3, "MUT-V254", "position"), (4, "MUT-V254", "DISDIK-015")]
    engine = open_store(url)
    try:
        assert AuditLog(engine).list_runs() == []  # nothing recorded
    finally:
        engine.dispose()


def test_round_points_never_enter_the_plan_score(small: tuple[str, Path]) -> None:
    url, _ = small
    engine = open_store(url)
    world = load_world(engine)
    emp = next(iter_employees(engine))
    engine.dispose()
    national, dumai = Evaluator(load_pack(DEFAULT_PACK), AS_OF), Evaluator(load_pack(PACK), AS_OF)
    try:
        pos = world.positions["DISDIK-014"]
        a, b = national.evaluate_pair(emp, pos, world), dumai.evaluate_pair(emp, pos, world)
    finally:
        national.close()
        dumai.close()
    round_items = [r for r in b.reasons if r.criterion_id.startswith("bareme_")]
    assert len(round_items) == 7 and all(r.threshold["use"] == "round" for r in round_items)
    assert a.score == b.score  # same plan score criteria in both packs; the round's do not count


def test_pack_refuses_an_unknown_use(tmp_path: Path) -> None:
    import shutil

    from engine import check_paths

    shutil.copytree(REPO_RULES / "nasional", tmp_path / "rules" / "nasional")
    shutil.copytree(PACK, tmp_path / "rules" / "kota-dumai")
    f = tmp_path / "rules" / "kota-dumai" / "criteria" / "bareme.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("    use: round\n", "    use: rounds\n", 1), encoding="utf-8")
    problems = check_paths([tmp_path / "rules" / "kota-dumai"])
    assert [(p.code, p.field.rsplit(".", 1)[-1], p.hint) for p in problems] == \
        [("MUT-R009", "use", "did you mean round?")]
