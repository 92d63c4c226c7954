"""A plan after a voluntary round (the round first; the plan fills what is left): a
hand-worked case on a made-up organisation, then end to end on a small demo region (the
plan records the round, `audit replay` reproduces its decisions) and every refusal with its
code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from audit import AuditLog
from audit.sample import Result, replay_each
from engine.plan import PlanSettings, build_plan
from engine.plan.after_round import RoundMove, without_movers, world_after_round
from engine.plan.payload import load_plan
from engine.records import Employee, Position, PositionWorkload, Unit, World
from engine.round import RoundOrder, RoundSettings
from mutasi.errors import MutasiError
from mutasi.paths import REPO_RULES
from mutasi.runs.plan_run import run_plan
from mutasi.runs.round_run import run_round
from mutasi.store import open_store
from mutasi.store.models import Employee as EmployeeRow
from mutasi.store.models import table_of
from mutasi.store.round_input import RankedChoice
from tests.plan_helpers import cand, pair
from tests.round_helpers import AS_OF, OFFERED, RoundRegion, copy_round_region

PACK = REPO_RULES / "kota-dumai"


def _wl(pid: str, needed: int, on_post: int) -> PositionWorkload:
    return PositionWorkload(pid, float(needed), needed, "nearest", 1250.0, on_post)


def _world() -> World:
    """U1 holds A (needs 2, has 1), B (needs 3, has 1), C (needs 1, has 1); U2 holds S
    (needs 1, has 3): before any round A lacks 1, B lacks 2, S has 2 too many."""
    units = {"U1": Unit("U1", "Dinas Satu"), "U2": Unit("U2", "Dinas Dua")}
    positions = {p: Position(p, u, f"Jabatan {p}", "pelaksana")
                 for p, u in (("A", "U1"), ("B", "U1"), ("C", "U1"), ("S", "U2"))}
    workloads = {"A": _wl("A", 2, 1), "B": _wl("B", 3, 1), "C": _wl("C", 1, 1), "S": _wl("S", 1, 3)}
    return World(units, positions, workloads)


def _person(nip: str, pid: str, unit: str) -> Employee:
    return Employee(nip=nip, name=f"Pegawai {nip}", unit_id=unit, position_id=pid)


def test_hand_worked_plan_after_a_round() -> None:
    # the round moved p1 (S -> B) and p4 (C -> A)
    moves = (RoundMove("p1", "S", "B"), RoundMove("p4", "C", "A"))
    world = world_after_round(_world(), moves)
    # by hand: A 2 on post of 2 (filled), B 2 of 3 (lacks 1), C 0 of 1 (the post p4 left now
    # lacks 1), S 2 of 1 (one too many: only one more person may leave S)
    assert {p: (w.on_post, w.balance) for p, w in world.workloads.items()} == {
        "A": (2, 0), "B": (2, -1), "C": (0, -1), "S": (2, 1)}
    staff = {"p1": _person("p1", "S", "U2"), "p2": _person("p2", "S", "U2"),
             "p3": _person("p3", "S", "U2"), "p4": _person("p4", "C", "U1")}
    pool = without_movers(staff, moves)
    assert sorted(pool) == ["p2", "p3"]
    # p2 and p3 may go to B or C; scores (plus fill weight 1.0 each):
    # p2@B 0.9, p2@C 0.7, p3@B 0.6, p3@C 0.95. One person may leave S, so the best plan is
    # the single best placement: p3 -> C (1.95 > p2 -> B 1.9). B stays open.
    pairs = {("p2", "B"): pair("p2", "B", 0.9), ("p2", "C"): pair("p2", "C", 0.7),
             ("p3", "B"): pair("p3", "B", 0.6), ("p3", "C"): pair("p3", "C", 0.95)}
    plan = build_plan(world=world, employees=pool, candidates={n: cand(n) for n in pool},
                      pairs=pairs, settings=PlanSettings())
    assert [(p.nip, p.position_id) for p in plan.placements] == [("p3", "C")]
    assert [(o.position_id, o.still_open) for o in plan.open_positions] == [("B", 1)]
    assert plan.summary is not None and plan.summary.slots_open_before == 2
    # without the round the same people would fill A and B from S's surplus of 2
    before = build_plan(world=_world(), employees=staff, candidates={n: cand(n) for n in staff},
                        pairs={("p2", "A"): pair("p2", "A", 0.5), ("p3", "B"): pair("p3", "B", 0.6)},
                        settings=PlanSettings())
    assert before.summary is not None and before.summary.slots_open_before == 3


@pytest.fixture(scope="module")
def after_round(round_template: RoundRegion, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int, int]:
    """A region with one recorded round (every eligible person ranks their eligible offered
    posts) and a plan built on it: (url, round run, plan run)."""
    region = copy_round_region(round_template, tmp_path_factory.mktemp("plan-after-round"))
    ranked = {nip: [RankedChoice(i + 1, i + 1, p) for i, p in enumerate(ok)]
              for nip, ok in region.eligible.items()}
    rnd = run_round(region.url, PACK, AS_OF, "Tim BKPSDM", rankings=ranked, source="test",
                    settings=RoundSettings(seed=3), positions=OFFERED)
    assert rnd.result.assignment()  # somebody moved, or the test proves nothing
    plan = run_plan(region.url, PACK, AS_OF, "Tim BKPSDM", after_round=rnd.run)
    return region.url, rnd.run, plan.run


def test_plan_records_the_round_and_leaves_its_movers_alone(after_round: tuple[str, int, int]) -> None:
    url, round_run, plan_run = after_round
    engine = open_store(url)
    try:
        log = AuditLog(engine)
        rnd = log.plan(round_run) or {}
        moved = {p["nip"]: p["assigned_position_id"] for p in rnd["people"] if p["assigned_position_id"]}
        recorded = load_plan(log.plan(plan_run) or {})
        basis = recorded.inputs.after_round if recorded.inputs else None
        assert basis is not None and basis.run == round_run
        assert basis.round_hash == log.plan_hash(round_run)
        assert basis.input_hash == (log.run_header(round_run) or object()).input_hash  # type: ignore[union-attr]
        assert {m.nip: m.position_id for m in basis.moves} == moved
        # the movers are no candidates of the plan: none of its decisions is about them
        subjects = {d.subject["nip"] for d in log.decisions(plan_run)}
        assert not subjects & set(moved)
        # every decision of the plan replays identically from its snapshot
        outcomes = replay_each(log, [d.decision_id for d in log.decisions(plan_run)])
        assert outcomes and {o.result for o in outcomes} == {Result.IDENTICAL}
    finally:
        engine.dispose()


def test_plan_without_the_round_has_another_input_hash(after_round: tuple[str, int, int],
                                                       tmp_path: Path) -> None:
    url, round_run, plan_run = after_round
    db = tmp_path / "copy.db"
    db.write_bytes(Path(url.removeprefix("sqlite:///")).read_bytes())
    plain = run_plan(f"sqlite:///{db}", PACK, AS_OF, "Tim BKPSDM")
    engine = open_store(url)
    try:
        with_round = AuditLog(engine).run_header(plan_run)
    finally:
        engine.dispose()
    assert with_round is not None and plain.input_hash != with_round.input_hash
    assert plain.result.summary is not None and plain.result.summary.candidates > \
        len(load_plan(plain.plan).result.placements)


def _code(exc: MutasiError) -> str:
    return exc.problems[0].code


def test_refusals(after_round: tuple[str, int, int], tmp_path: Path) -> None:
    url, round_run, plan_run = after_round
    with pytest.raises(MutasiError) as e:  # a plan run is not a round
        run_plan(url, PACK, AS_OF, "t", after_round=plan_run)
    assert _code(e.value) == "MUT-V257"
    with pytest.raises(MutasiError) as e:
        run_plan(url, PACK, date(2026, 11, 23), "t", after_round=round_run)
    assert _code(e.value) == "MUT-V258" and "2026-11-22" in str(e.value)
    with pytest.raises(MutasiError) as e:  # the national pack: another region's rules
        run_plan(url, REPO_RULES / "nasional", AS_OF, "t", after_round=round_run)
    assert _code(e.value) == "MUT-V258"
    # a round recorded after a plan offered what that plan left: no plan builds on it
    later = run_round(url, PACK, AS_OF, "t", rankings={}, source="test",
                      settings=RoundSettings(order=RoundOrder.AFTER_PLAN, plan_run=plan_run))
    with pytest.raises(MutasiError) as e:
        run_plan(url, PACK, AS_OF, "t", after_round=later.run)
    assert _code(e.value) == "MUT-V257" and "after plan run" in str(e.value)
    # the store changed since the round: a mover is no longer in the post they left
    db = tmp_path / "changed.db"
    db.write_bytes(Path(url.removeprefix("sqlite:///")).read_bytes())
    engine = open_store(f"sqlite:///{db}")
    try:
        mover = (AuditLog(engine).plan(round_run) or {})["people"]
        nip, to = next((p["nip"], p["assigned_position_id"]) for p in mover if p["assigned_position_id"])
        with engine.begin() as conn:
            E = table_of(EmployeeRow)
            conn.execute(update(E).where(E.c.nip == nip).values(position_id=to))
        runs = len(AuditLog(engine).list_runs())
    finally:
        engine.dispose()
    with pytest.raises(MutasiError) as e:
        run_plan(f"sqlite:///{db}", PACK, AS_OF, "t", after_round=round_run)
    assert _code(e.value) == "MUT-V259" and nip in str(e.value)
    engine = open_store(f"sqlite:///{db}")
    try:
        assert len(AuditLog(engine).list_runs()) == runs  # nothing recorded
    finally:
        engine.dispose()




def test_portal_plan_job_builds_on_a_published_round(round_template: RoundRegion, tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from mutasi.portal import voluntary as V
    from mutasi.web.app import create_app
    from mutasi.web.config import PortalConfig
    from tests.portal_helpers import NOW, csrf_of, sign_in, wait_job

    region = copy_round_region(round_template, tmp_path)
    engine = open_store(region.url)
    try:
        rnd = V.open_round(engine, title="Putaran uji", opens_on=date(2026, 11, 1), closes_on=AS_OF,
                           pack="kota-dumai", positions=OFFERED, settings=RoundSettings(seed=3),
                           by="t", now=NOW)
        V.import_rankings(engine, rnd.id, {nip: [RankedChoice(i + 1, i + 1, p) for i, p in enumerate(ok)]
                                          for nip, ok in region.eligible.items()}, "test", NOW)
        V.close_round(engine, rnd.id, NOW, AS_OF)
        round_run = V.run_stored_round(region.url, engine, rnd.id, "t")
        cfg = PortalConfig(engine=engine, secret=b"r" * 64, uploads=tmp_path / "up", clock=lambda: NOW)
        tim = TestClient(create_app(cfg), raise_server_exceptions=False, follow_redirects=False)
        sign_in(tim, "tim.mutasi")
        page = tim.get("/tim/proses")
        assert 'name="after_round"' not in page.text  # a round that is not published is not offered
        V.publish(engine, rnd.id, NOW)
        page = tim.get("/tim/proses")
        assert f'<option value="{rnd.id}">Putaran uji (proses {round_run}' in page.text
        # a round run's number on the runs page opens the round's own page
        r = tim.get(f"/tim/proses/{round_run}")
        assert r.status_code == 303 and r.headers["location"] == f"/tim/putaran-sukarela/{rnd.id}"
        # the committee's date is replaced by the round's (a plan after a round is decided as of it)
        r = tim.post("/tim/proses", data={"csrf": csrf_of(page.text), "kind": "plan", "as_of": "2026-12-01",
                                          "after_round": str(rnd.id)})
        assert r.status_code == 303, r.text
        done = wait_job(tim, r.headers["location"])
        assert "Setelah putaran sukarela Putaran uji" in done and "selesai" in done, done
        plan_run = round_run + 1
        header = AuditLog(engine).run_header(plan_run)
        assert header is not None and header.kind == "plan" and header.as_of == AS_OF.isoformat()
        assert header.pack["id"] == "kota-dumai"
        recorded = load_plan(AuditLog(engine).plan(plan_run) or {})
        assert recorded.inputs is not None and recorded.inputs.after_round is not None
        assert recorded.inputs.after_round.run == round_run
        view = tim.get(f"/tim/proses/{plan_run}")
        assert view.status_code == 200
        assert f"setelah putaran mutasi sukarela (proses {round_run}" in view.text
        # a round id that is not a published round starts nothing
        r = tim.post("/tim/proses", data={"csrf": csrf_of(page.text), "kind": "plan", "as_of": "2026-12-01",
                                          "after_round": "999"})
        assert r.status_code == 400
    finally:
        engine.dispose()


def test_cli_plan_after_round_and_its_committee_report(after_round: tuple[str, int, int], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from mutasi.cli.app import main

    url, round_run, _ = after_round
    db = tmp_path / "cli.db"
    db.write_bytes(Path(url.removeprefix("sqlite:///")).read_bytes())
    url = f"sqlite:///{db}"
    base = ["plan", "--db", url, "--pack", str(PACK), "--actor", "Tim BKPSDM", "--json"]
    capsys.readouterr()
    assert main([*base, "--as-of", "2026-11-23", "--after-round", str(round_run)]) == 2  # another date
    err = capsys.readouterr().err
    assert "MUT-V258" in err and "--as-of 2026-11-22" in err
    assert main([*base, "--as-of", AS_OF.isoformat(), "--after-round", str(round_run)]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["inputs"]["after_round"]["run"] == round_run
    out = tmp_path / "report"
    assert main(["report", "committee", "--db", url, "--run", str(plan["run"]), "--format", "html",
                 "--out", str(out)]) == 0
    html = " ".join(p.read_text(encoding="utf-8") for p in out.glob("*.html"))
    assert f"setelah putaran mutasi sukarela (proses {round_run}, per tanggal 22 November 2026)" in html
