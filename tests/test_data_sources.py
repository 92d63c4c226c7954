"""Every "data missing" fact the engine can report names the office to ask (issue #21)."""

from __future__ import annotations

from engine.data_sources import data_source, data_sources
from engine.facts import FACTS


def test_sources_name_real_facts_and_offices_in_both_languages() -> None:
    sources = data_sources()
    assert set(sources) <= set(FACTS), sorted(set(sources) - set(FACTS))
    for s in sources.values():
        assert s.office_name.get("id") and s.office_name.get("en"), s.fact
        assert s.file and s.column, s.fact


def test_what_siasn_does_not_hold_names_its_office() -> None:
    inspektorat = data_source("inspektorat_cleared")
    assert inspektorat is not None and inspektorat.office == "inspektorat"
    assert inspektorat.office_name["id"] == "Inspektorat Daerah"
    assert data_source("nine_box").office == "bkpsdm_talenta"  # type: ignore[union-attr]
    assert data_source("position.balance").office == "organisasi"  # type: ignore[union-attr]
    assert data_source("tmt_jabatan").file.startswith("data-utama")  # type: ignore[union-attr]
    assert data_source("not_a_fact") is None
