"""The demo's voluntary round rankings (mutasi/demo/round.py): seeded and repeatable, only
offered positions, never a person's own post, the demo employee included."""

from __future__ import annotations

from pathlib import Path

from mutasi.demo.round import demo_rankings

PLAN = {
    "placements": [{"nip": "1", "position_id": "A", "from_position_id": "S"}],
    "unplaced": [
        {"nip": "2", "from_position_id": "S", "detail": {"admissible_positions": [
            {"position_id": "A"}, {"position_id": "B"}, {"position_id": "S"}, {"position_id": "X"}]}},
        {"nip": "3", "from_position_id": "T", "detail": {"admissible_positions": [{"position_id": "X"}]}},
        {"nip": "4", "from_position_id": "T", "detail": {"relation": "adik"}},
    ],
}


def test_rankings_are_seeded_offered_and_never_the_own_post() -> None:
    offered = ["A", "B", "C", "S"]  # S is offered too, but it is the post of 1 and 2
    a = demo_rankings(PLAN, offered, seed=7, size=2, include="1")
    assert a == demo_rankings(PLAN, offered, seed=7, size=2, include="1")
    # 3 is admissible only at X (not offered), 4 nowhere: neither can take part
    assert set(a) <= {"1", "2"} and "1" in a
    for ranked in a.values():
        assert ranked and len(ranked) == len(set(ranked)) and set(ranked) <= set(offered)
        assert "S" not in ranked
    # the included person ranks only where the plan found them admissible
    assert a["1"] == ["A"]
    assert demo_rankings(PLAN, ["C"], seed=7) == {}  # nobody admissible at an offered post


def test_demo_step_publishes_a_round_on_a_region_with_candidates(round_template: object, tmp_path: Path) -> None:
    """The demo's round step on a region whose plan finds people eligible somewhere: a round
    opened and closed on the as-of date, run with the CLI verbs and published."""
    import click

    from audit import AuditLog
    from mutasi.cli.app import cli
    from mutasi.cli.demo_cmd import _voluntary_round
    from mutasi.paths import DEFAULT_PACK
    from mutasi.portal import voluntary as V
    from mutasi.runs.plan_run import run_plan
    from mutasi.store import open_store
    from tests.round_helpers import AS_OF, RoundRegion, copy_round_region

    assert isinstance(round_template, RoundRegion)
    region = copy_round_region(round_template, tmp_path)
    plan = run_plan(region.url, DEFAULT_PACK, AS_OF, "mutasi demo", out_dir=tmp_path / "plan")
    assert plan.result.placements  # the demo employee comes from here
    with click.Context(cli):
        _voluntary_round(region.url, tmp_path, AS_OF, 20261122)
    engine = open_store(region.url)
    try:
        (rnd,) = V.list_rounds(engine)
        assert (rnd.state, rnd.opens_on.isoformat(), rnd.closes_on.isoformat()) == \
            ("published", "2026-11-08", "2026-11-22")
        payload = AuditLog(engine).plan(rnd.run_seq or 0) or {}
        assert payload["as_of"] == "2026-11-22" and payload["summary"]["participants"] >= 1
        assert plan.result.placements[0].nip in {p["nip"] for p in payload["people"]}
    finally:
        engine.dispose()
