"""Layering, canonical text, hash and the round trip the audit relies on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engine import Evaluator, Pack, load_pack
from engine.records import Employee, World

PACKS = Path(__file__).parent / "packs"


def test_regional_layering_builds_one_effective_pack() -> None:
    pack = load_pack(PACKS / "regional")
    ids = [c.id for c in pack.criteria]
    assert "inspektorat_cleared" not in ids  # disabled with a reason
    assert "incoming_education" in ids and "tenure_min" in ids
    assert ids == sorted(ids)
    assert [layer["id"] for layer in pack.layers] == ["basic", "regional"]
    assert pack.disabled[0]["id"] == "inspektorat_cleared"
    assert pack.disabled[0]["reason"]["en"] == "The region keeps its own findings list"
    # basic's 24 months hold until the regional 36 months start on 2024-01-01
    p = pack.parameters["tenure_min_months"]
    assert p.entry_at(date(2023, 12, 31)).value == 24  # type: ignore[union-attr]
    assert p.entry_at(date(2024, 1, 1)).value == 36  # type: ignore[union-attr]
    assert p.entry_at(date(2026, 11, 22)).source == "packs/regional/parameters.yaml:4"  # type: ignore[union-attr]


def test_sources_are_relative_and_stable() -> None:
    pack = load_pack(PACKS / "basic")
    # line 1 "criteria:", status_pns on lines 2-8, a blank line 9, tenure_min starts on line 10
    assert pack.criterion("tenure_min").source == "packs/basic/criteria/candidate.yaml:10"
    nasional = load_pack(Path(__file__).parent.parent / "rules" / "nasional")
    assert all(c.source.startswith("rules/nasional/criteria/") for c in nasional.criteria)


def test_canonical_round_trip_is_identical() -> None:
    for name in ("basic", "regional"):
        pack = load_pack(PACKS / name)
        text = pack.canonical_text()
        again = Pack.from_canonical_text(text)
        assert again == pack
        assert again.canonical_text() == text
        assert again.hash == pack.hash and len(pack.hash) == 64


def test_hash_changes_with_a_parameter_value(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(PACKS / "basic", tmp_path / "basic")
    f = tmp_path / "basic" / "parameters.yaml"
    f.write_text(f.read_text().replace("value: 60}", "value: 61}"))
    assert load_pack(tmp_path / "basic").hash != load_pack(PACKS / "basic").hash


def test_replayed_pack_decides_the_same() -> None:
    pack = load_pack(PACKS / "regional")
    again = Pack.from_canonical_text(pack.canonical_text())
    emp = Employee(nip="1", name="A", status="PNS", tmt_jabatan=date(2024, 1, 15),
                   education_level="S1", inspektorat_cleared=True)
    a = Evaluator(pack, date(2026, 11, 22)).evaluate_candidate(emp, World())
    b = Evaluator(again, date(2026, 11, 22)).evaluate_candidate(emp, World())
    assert a.to_dict() == b.to_dict()
    # 2024-01-15 -> 2026-11-22 = 34 months < 36 (regional value): fail, passes on 2027-01-15
    r = {x.criterion_id: x for x in a.reasons}["tenure_min"]
    assert r.outcome.value == "fail"
    assert r.threshold["value"] == 36 and r.threshold["param"] == "tenure_min_months"
    assert r.counterfactual == {"kind": "date", "fact": "months_in_post", "passes_on": "2027-01-15",
                                "needed": 36, "anchor": "tmt_jabatan"}


def test_rule_pack_doc_lists_every_fact_and_code() -> None:
    from engine import CODES, FACTS

    root = Path(__file__).parent.parent
    doc = (root / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    assert [f for f in FACTS if f"`{f}`" not in doc] == []
    errors = (root / "docs" / "errors.md").read_text(encoding="utf-8")
    assert [c for c in CODES if f"| {c} |" not in errors] == []
