"""Every "data missing" fact the engine can report names the office to ask (issue #21)."""

from __future__ import annotations

from engine.data_sources import CompletedBy, data_source, data_sources
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


def test_every_fact_names_who_completes_it() -> None:
    # One table: the engine's data_sources.yaml says who completes every fact the engine reads.
    for fact in FACTS:
        src = data_source(fact)
        assert src is not None, fact
        if src.completed_by is not CompletedBy.BKPSDM:
            assert src.document is None or (src.document.get("id") and src.document.get("en")), fact
    assert data_source("move.kind").completed_by is CompletedBy.BKPSDM  # type: ignore[union-attr]  # by prefix


def test_letters_word_the_office_and_document_of_the_table() -> None:
    # Reports read the table: the office and the document in the sentence are the table's.
    from reports.words import needs_employee, who_fixes

    insp = data_source("inspektorat_cleared")
    assert insp is not None and insp.completed_by is CompletedBy.OFFICE and insp.document
    assert who_fixes("inspektorat_cleared", "id") == (
        "Data ini dilengkapi oleh Inspektorat Daerah; Anda dapat memintanya melalui BKPSDM "
        "(surat keterangan bebas temuan dari Inspektorat).")
    assert not needs_employee("inspektorat_cleared")
    assert who_fixes("tmt_jabatan", "id") == (
        "Anda dapat melengkapinya melalui layanan pemutakhiran data BKPSDM dengan membawa SK jabatan terakhir.")
    assert who_fixes("tmt_jabatan", "en").endswith("bring the decree (SK) of your current post.")
    assert needs_employee("skp_predicate_last_year") and "dokumen SKP tahun lalu" in who_fixes("skp_predicate_last_year", "id")
    assert who_fixes("nine_box", "id") == "Data ini dilengkapi oleh BKPSDM dari hasil penilaian potensi; Anda tidak perlu melakukan apa pun."
    assert not needs_employee("position.balance") and "Anda tidak perlu" in who_fixes("position.balance", "id")
    for fact in FACTS:
        for lang in ("id", "en"):
            assert "{" not in who_fixes(fact, lang), fact
