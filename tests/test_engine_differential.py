"""Differential test: the durable_rules path decides exactly like the plain-Python reference.

Inputs: every pack example case (shipped packs and test packs) and hypothesis-generated fact
dicts over the facts each pack reads, with values near the packs' own thresholds and missing
facts mixed in.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import FACTS, Evaluator, find_packs, load_pack
from engine.condition_tree import atoms
from engine.facts import MISSING_KEY
from engine.packtest import case_files, decide_case, load_cases

ROOT = Path(__file__).parent.parent
AS_OF = date(2026, 11, 22)
PACK_DIRS = find_packs(ROOT / "rules") + find_packs(Path(__file__).parent / "packs")


@pytest.mark.parametrize("pack_dir", PACK_DIRS, ids=[p.name for p in PACK_DIRS])
def test_pack_examples_agree(pack_dir: Path) -> None:
    pack = load_pack(pack_dir)
    evs: dict[tuple[date, str], Evaluator] = {}
    n = 0
    for f in case_files(pack_dir):
        cases, problems = load_cases(f)
        assert problems == []
        for case in cases:
            got = {}
            for backend in ("durable", "reference"):
                key = (case.as_of, backend)
                if key not in evs:
                    evs[key] = Evaluator(pack, case.as_of, backend=backend)
                got[backend] = decide_case(evs[key], case).to_dict()
            assert got["durable"] == got["reference"], case.name
            n += 1
    for ev in evs.values():
        ev.close()
    assert n == sum(len(load_cases(f)[0]) for f in case_files(pack_dir))


def _vocabulary(ev: Evaluator) -> tuple[list[str], list[int]]:
    words: set[str] = {"lain"}
    numbers: set[int] = {0, 1}
    for cc in ev.compiled:
        for cond in cc.conds:
            for a in atoms(cond):
                vals = a.value if isinstance(a.value, list) else [a.value]
                for v in vals:
                    if isinstance(v, str) and not v[:4].isdigit():
                        words.add(v)
                    elif isinstance(v, int) and not isinstance(v, bool):
                        numbers.update({v - 1, v, v + 1})
    for p in ev.params.values():
        if isinstance(p, list):
            words.update(x for x in p if isinstance(x, str))
        elif isinstance(p, str):
            words.add(p)
        elif isinstance(p, int) and not isinstance(p, bool):
            numbers.update({p - 1, p, p + 1})
    return sorted(words), sorted(numbers)


def _facts_read(ev: Evaluator) -> list[str]:
    """The facts the pack's criteria read, and the anchor dates of their counterfactuals:
    the only ones worth drawing (a fact left out is missing, as None is)."""
    read = {n for cc in ev.compiled for n in cc.reads}
    read |= {a.fact for cc in ev.compiled for cond in cc.conds for a in atoms(cond)}
    read |= {FACTS[n].anchor for n in set(read) if FACTS[n].anchor}
    return sorted(n for n in read if n is not None)


def test_only_the_facts_a_pack_reads_are_drawn(
        evaluators: dict[str, tuple[Evaluator, Evaluator]]) -> None:
    durable, _ = evaluators["nasional"]
    read = _facts_read(durable)
    assert {"months_in_post", "tmt_jabatan", "status"} <= set(read)
    assert "nine_box" not in read and len(read) < len(FACTS)


def _facts_strategy(ev: Evaluator) -> st.SearchStrategy[dict[str, Any]]:
    words, numbers = _vocabulary(ev)
    day = st.integers(0, 365 * 20).map(lambda n: (date(2010, 1, 1) + timedelta(days=n)).isoformat())
    by_type: dict[str, st.SearchStrategy[Any]] = {
        "int": st.one_of(st.sampled_from(numbers), st.integers(-3, 400)),
        "float": st.integers(0, 10000).map(lambda n: n / 10000),
        "bool": st.booleans(),
        "str": st.sampled_from(words),
        "date": day,
        "list[str]": st.lists(st.sampled_from(words), max_size=4).map(sorted),
    }
    fields = {name: st.one_of(st.none(), by_type[FACTS[name].type]) for name in _facts_read(ev)}

    def add_missing(d: dict[str, Any]) -> dict[str, Any]:
        d[MISSING_KEY] = {k: f"no_{k}" for k, v in d.items() if v is None}
        return d

    return st.fixed_dictionaries(fields).map(add_missing)


@pytest.fixture(scope="module")
def evaluators() -> dict[str, tuple[Evaluator, Evaluator]]:
    out = {}
    for d in PACK_DIRS:
        pack = load_pack(d)
        if pack.in_force(AS_OF):
            out[d.name] = (Evaluator(pack, AS_OF, "durable"), Evaluator(pack, AS_OF, "reference"))
    return out


@pytest.mark.parametrize("scope", ["candidate", "candidate_position", "move"])
@pytest.mark.parametrize("pack_name", [p.name for p in PACK_DIRS])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_facts_agree(evaluators: dict[str, tuple[Evaluator, Evaluator]], pack_name: str,
                               scope: str, data: st.DataObject) -> None:
    durable, reference = evaluators[pack_name]
    facts = data.draw(_facts_strategy(reference))
    a = durable.decide(scope, {"nip": "x"}, facts).to_dict()
    b = reference.decide(scope, {"nip": "x"}, facts).to_dict()
    assert a == b


def test_batch_of_generated_facts_agree(evaluators: dict[str, tuple[Evaluator, Evaluator]]) -> None:
    """decide_many keeps subjects apart: one batch gives what one-by-one gives."""
    import random

    rng = random.Random(7)
    durable, reference = evaluators["nasional"]
    items = []
    for i in range(300):
        facts: dict[str, Any] = {name: None for name in FACTS}
        facts.update(months_in_post=rng.randint(0, 80),
                     status=rng.choice(["PNS", "PNS", "PNS", "CPNS", None]),
                     inspektorat_cleared=rng.choice([True, True, True, False, None]),
                     skp_predicate_last_year=rng.choice(["Baik", "Baik", "Kurang", None]),
                     skp_predicate_year_before=rng.choice(["Sangat Baik", "Baik"]),
                     punishment_active=False, medium_heavy_punishments_in_lookback=0,
                     under_examination=False, in_judicial_process=False,
                     on_study_assignment=False, service_bond_active=False)
        facts[MISSING_KEY] = {k: "x" for k, v in facts.items() if v is None}
        items.append(({"nip": str(i)}, facts))
    a = [d.to_dict() for d in durable.decide_many("candidate", items)]
    b = [d.to_dict() for d in reference.decide_many("candidate", items)]
    assert a == b
    assert len({d["verdict"] for d in a}) >= 3  # the batch is not trivially uniform
