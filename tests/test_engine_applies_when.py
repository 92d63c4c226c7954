"""Criterion-level ``applies_when``: not_applicable when false, the kind's outcome when true,
missing when unknown (a requirement that passes anyway passes); both backends agree."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from engine import Evaluator, Outcome, Verdict, check_paths, load_pack
from engine.pack import Pack
from engine.records import Employee, Position, PositionWorkload, World

PACKS = Path(__file__).parent / "packs"
AS_OF = date(2026, 11, 22)

EXTRA = """criteria:
  - id: jpt_education
    version: 1
    title: {id: Calon JPT pratama berpendidikan S1, en: A JPT pratama candidate holds S1}
    legal_basis: {regulation: PP 11/2017 jo. PP 17/2020, article: Pasal 107}
    scope: candidate_position
    kind: requirement
    applies_when: {fact: position.kind, op: "==", value: jpt_pratama}
    require: {fact: education_level, op: in, value: [S1, S2, S3]}

  - id: jpt_note
    version: 1
    title: {id: Catatan JPT, en: JPT note}
    legal_basis: {regulation: PP 11/2017 jo. PP 17/2020, article: Pasal 107}
    scope: candidate_position
    kind: advisory
    applies_when: {fact: position.kind, op: "==", value: jpt_pratama}
    warn_when: {fact: education_level, op: "==", value: S1}

  - id: jpt_bonus
    version: 1
    title: {id: Skor JPT, en: JPT score}
    legal_basis: {regulation: PP 11/2017 jo. PP 17/2020, article: Pasal 107}
    scope: candidate_position
    kind: score
    weight: 1
    applies_when: {fact: position.kind, op: "==", value: jpt_pratama}
    points: {fact: competency_fit}
"""


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = tmp_path_factory.mktemp("p") / "basic"
    shutil.copytree(PACKS / "basic", root)
    (root / "criteria" / "zz_applies.yaml").write_text(EXTRA, encoding="utf-8")
    return load_pack(root)


def person(education: str | None) -> Employee:
    return Employee(nip="198609262015051001", name="Andi", status="PNS", golongan="IV/b",
                    tmt_jabatan=date(2023, 1, 2), education_level=education,
                    inspektorat_cleared=True, under_examination=False, competencies=("a",))


def world(kind: str | None) -> tuple[Position, World]:
    target = Position(id="t", unit_id="u", name="Kadis", kind=kind, rank_min="IV/a",
                      rank_max="IV/c", required_competencies=("a", "b"))
    return target, World(positions={"t": target},
                         workloads={"t": PositionWorkload("t", 1.0, 1, "nearest", 1250, on_post=0)})


def outcomes(pack: Pack, backend: str, education: str | None, kind: str | None) -> dict[str, Outcome]:
    ev = Evaluator(pack, AS_OF, backend=backend)
    target, w = world(kind)
    d = ev.evaluate_pair(person(education), target, w)
    ev.close()
    return {r.criterion_id: r.outcome for r in d.reasons if r.criterion_id.startswith("jpt_")}


@pytest.mark.parametrize("backend", ["durable", "reference"])
def test_outcomes_by_applies_truth(pack: Pack, backend: str) -> None:
    na = Outcome.NOT_APPLICABLE
    # a pelaksana post: none of the JPT criteria apply, even with no education on file
    assert outcomes(pack, backend, None, "pelaksana") == {"jpt_education": na, "jpt_note": na, "jpt_bonus": na}
    # a JPT post: each kind gives its own outcome
    assert outcomes(pack, backend, "D3", "jpt_pratama") == {
        "jpt_education": Outcome.FAIL, "jpt_note": Outcome.PASS, "jpt_bonus": Outcome.SCORED}
    assert outcomes(pack, backend, "S1", "jpt_pratama")["jpt_note"] is Outcome.WARNING
    # unknown kind of post: missing, unless the requirement holds anyway
    assert outcomes(pack, backend, "D3", None) == {
        "jpt_education": Outcome.MISSING, "jpt_note": Outcome.MISSING, "jpt_bonus": Outcome.MISSING}
    assert outcomes(pack, backend, "S2", None)["jpt_education"] is Outcome.PASS


def test_not_applicable_never_decides_and_scores_nothing(pack: Pack) -> None:
    ev = Evaluator(pack, AS_OF, backend="durable")
    target, w = world("pelaksana")
    d = ev.evaluate_pair(person("D3"), target, w)
    r = {x.criterion_id: x for x in d.reasons}
    assert r["jpt_education"].counterfactual is None and r["jpt_bonus"].points is None
    assert "jpt_education" not in d.deciding
    target, w = world("jpt_pratama")
    d2 = ev.evaluate_pair(person("D3"), target, w)
    assert d2.verdict is Verdict.NOT_ELIGIBLE and "jpt_education" in d2.deciding
    ev.close()


def test_checker_types_applies_when(tmp_path: Path) -> None:
    root = tmp_path / "basic"
    shutil.copytree(PACKS / "basic", root)
    bad = EXTRA.replace('applies_when: {fact: position.kind, op: "==", value: jpt_pratama}\n    require',
                        'applies_when: {fact: position.kind, op: ">=", value: 3}\n    require', 1)
    bad = bad.replace("scope: candidate_position\n    kind: advisory", "scope: candidate\n    kind: advisory", 1)
    (root / "criteria" / "zz_applies.yaml").write_text(bad, encoding="utf-8")
    problems = check_paths([root])
    where = sorted((p.code, p.field) for p in problems)
    assert ("MUT-R012", "jpt_education.applies_when.op") in where  # >= on text
    assert ("MUT-R020", "jpt_note.applies_when.fact") in where  # position fact in candidate scope
