"""Letters: sentences, counterfactuals, privacy, objection text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from mutasi.errors import UsageError
from reports.config import ReportConfig, add_days, load_config, objection_text
from reports.explain import reason_view
from reports.factmeta import FactInfo
from reports.letters import build_letter, by_nip
from reports.render import render
from reports.sample import (
    NIP_AGUS,
    NIP_BUDI,
    NIP_DEWI,
    NIP_RUDI,
    NIP_SITI,
    SAMPLE_META,
    reason,
    sample_source,
    tenure,
)
from reports.summaries import letter_md


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S)))


def test_tenure_sentence_matches_the_issue_wording() -> None:
    # 19 months = 1 year 7 months; 24 months = 2 years; passes on the recorded date.
    v = reason_view(tenure(19, "2027-04-01"), SAMPLE_META, "id")
    assert v.sentence == (
        "Masa dalam jabatan Anda 1 tahun 7 bulan; syarat paling singkat 2 tahun "
        "(PP 11/2017 jo. PP 17/2020 Pasal 190 ayat (3)). Syarat ini belum terpenuhi. "
        "Syarat ini terpenuhi pada 1 April 2027."
    )
    en = reason_view(tenure(19, "2027-04-01"), SAMPLE_META, "en")
    assert en.sentence == (
        "Your time in post: 1 year 7 months; the requirement is at least 2 years "
        "(PP 11/2017 jo. PP 17/2020 Pasal 190 ayat (3)). This requirement is not met. "
        "This requirement will be met on 1 April 2027."
    )


def test_counterfactual_never_on_a_protected_fact() -> None:
    age = reason("age_max", "fail", ("Usia paling tinggi", "Maximum age"), facts={"age_years": 57},
                 threshold={"fact": "age_years", "op": "<=", "value": 56},
                 counterfactual={"kind": "value", "fact": "age_years", "op": "<=", "needed": 56, "current": 57})
    assert reason_view(age, SAMPLE_META, "id").change == ""
    dated = dict(age, counterfactual={"kind": "date", "fact": "age_years", "passes_on": "2030-01-01"})
    assert reason_view(dated, SAMPLE_META, "id").change == ""


def test_value_counterfactual_only_for_changeable_facts() -> None:
    fixed = {"x": FactInfo("x", {"id": "X", "en": "X"}, "count", False, False, False)}
    free = {"x": FactInfo("x", {"id": "Jumlah sertifikat", "en": "Certificates"}, "count", False, True, False)}
    r = reason("c", "fail", ("C", "C"), facts={"x": 1}, threshold={"fact": "x", "op": ">=", "value": 3},
               counterfactual={"kind": "value", "fact": "x", "op": ">=", "needed": 3, "current": 1})
    assert reason_view(r, fixed, "id").change == ""
    assert reason_view(r, free, "id").change == "Hasil dapat berubah bila jumlah sertifikat menjadi paling sedikit 3 (sekarang 1)."
    # Unknown fact (no metadata): never offered.
    assert reason_view(r, {}, "id").change == ""


def test_missing_data_is_named_with_its_reason_and_who_completes_it() -> None:
    src = sample_source()
    ctx = build_letter(src, src.runs()[0], NIP_DEWI, SAMPLE_META, ReportConfig(), "id")
    skp = next(c for c in ctx.reasons if c.criterion_id == "skp_min")
    assert "Predikat SKP tahun lalu (SKP tahun tersebut tidak tercatat)" in skp.sentence
    assert ctx.fixes == ["Predikat SKP tahun lalu: Anda dapat melengkapinya melalui layanan pemutakhiran data "
                         "BKPSDM dengan membawa dokumen SKP tahun lalu."]
    assert ctx.changes == []  # nothing failed: only data to complete


def test_override_leads_the_letter() -> None:
    # Dewi's decision (data missing) was overridden to eligible by the committee: the headline
    # says eligible, then the engine's outcome and the justification follow.
    src = sample_source()
    ctx = build_letter(src, src.runs()[0], NIP_DEWI, SAMPLE_META, ReportConfig(), "id")
    assert ctx.headline == "Setelah ditinjau, hasil untuk Anda adalah: memenuhi syarat."
    assert ctx.override.startswith("Hasil awal menurut aturan: data belum lengkap. Hasil ini diubah oleh Ketua TPK pada 23 November 2026")
    assert "SKP 2025 diserahkan" in ctx.override
    html = _text(render("letter.html.j2", ctx))
    assert html.index("Setelah ditinjau") < html.index("Hasil awal menurut aturan") < html.index("Data yang belum tercatat")


def test_placement_letter_names_position_gaps_training_but_not_the_runner_up() -> None:
    src = sample_source()
    ctx = build_letter(src, src.runs()[0], NIP_BUDI, SAMPLE_META, ReportConfig(), "id")
    assert ctx.headline == "Anda diusulkan untuk dimutasi ke jabatan Epidemiolog Kesehatan Ahli Pertama pada Dinas Kesehatan."
    assert ctx.placement is not None
    assert ctx.placement.score == "85"  # 0.75 x 60 + 1 x 40 = 45 + 40
    assert ctx.placement.gaps == ["Manajemen data kesehatan", "Surveilans"]
    assert ctx.placement.training == ["Pelatihan Sistem Informasi Kesehatan", "Surveilans (belum ada di katalog pelatihan)"]
    # explained by the pair decision for the proposed post
    assert ctx.record.decision_id == "1-6" and ctx.record.pack_version == "1.0.0"
    assert "NIP lebih kecil" in ctx.tie_break  # the plan's tie-break is disclosed


def test_not_placed_letter_gives_score_rank_and_anonymous_cutoff() -> None:
    src = sample_source()
    ctx = build_letter(src, src.runs()[0], NIP_AGUS, SAMPLE_META, ReportConfig(), "en")
    assert ctx.headline.startswith("You meet the transfer requirements, but in this round you were not placed in any position.")
    # Budi (85) and Agus (70) are the admissible candidates of P-DINKES-01; Budi was placed.
    assert ctx.standing == ["Epidemiolog Kesehatan Ahli Pertama, Dinas Kesehatan: your score 70, rank 2 of 2 eligible "
                            "candidates; the last person placed in this position scored 85."]


def test_review_letter_names_the_move_and_does_not_blame_the_person() -> None:
    src = sample_source()
    ctx = build_letter(src, src.runs()[1], NIP_RUDI, SAMPLE_META, ReportConfig(), "id")
    assert ctx.headline == ("Usulan mutasi Anda dari jabatan Kepala Seksi, Dinas Kesehatan ke jabatan Analis Kebijakan, "
                            "Sekretariat Daerah (usulan nomor M1 dalam rancangan SK tanggal 22 November 2026) belum dapat diproses sampai "
                            "persetujuan yang diperlukan tercatat.")
    assert any(c.sentence == "Diperlukan persetujuan dari Menteri Dalam Negeri (UU 10/2016 Pasal 71 ayat (2))." for c in ctx.reasons)
    assert ctx.reasons_note.startswith("Hal ini tidak berkaitan dengan data atau kinerja Anda")


def test_nip_not_in_store_gets_no_letter() -> None:
    src = sample_source()
    with pytest.raises(UsageError, match="NIP 000: not in the store"):
        build_letter(src, src.runs()[0], "000", SAMPLE_META, ReportConfig(), "id")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_letter_holds_another_persons_name_or_nip(lang: str) -> None:
    src = sample_source()
    everyone = {nip: p.name for nip, p in src.people.items()}
    checked = 0
    for run in src.runs():
        for nip in sorted(by_nip(src.decisions(run.run_id))):
            ctx = build_letter(src, run, nip, SAMPLE_META, ReportConfig(), lang)
            for text in (render("letter.html.j2", ctx), letter_md(ctx)):
                assert everyone[nip] in text and nip in text
                for other, name in everyone.items():
                    if other != nip:
                        assert other not in text, f"letter to {nip} names NIP {other}"
                        assert name not in text, f"letter to {nip} names {name}"
            checked += 1
    assert checked == 5  # Budi, Siti, Agus, Dewi (plan run) + Rudi (review run)


def test_objection_text_neutral_default_and_configured_deadline(tmp_path: Path) -> None:
    neutral = objection_text(ReportConfig(), "id")
    assert "Tanyakan batas waktu pengajuan keberatan kepada BKPSDM" in neutral
    # 21 working days from Tuesday 1 Dec 2026 with 25 Dec a holiday:
    # Dec 2-4 (3), 7-11 (8), 14-18 (13), 21-24 (17; 25th off), 28-31 (21) -> 31 Dec 2026.
    assert add_days(date(2026, 12, 1), 21, "working", (date(2026, 12, 25),)) == date(2026, 12, 31)
    assert add_days(date(2026, 12, 1), 21, "calendar") == date(2026, 12, 22)
    cfg = load_config(Path(__file__).resolve().parent.parent / "reports" / "config.example.yaml")
    assert "paling lambat 31 Desember 2026 (21 hari kerja sejak 1 Desember 2026) (UU 30/2014 Pasal 77)" in objection_text(cfg, "id")


def test_bad_config_lists_every_problem(tmp_path: Path) -> None:
    p = tmp_path / "r.yaml"
    p.write_text("objection_days: -3\nobjection_day_kind: weekly\ncolour: red\n", encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        load_config(p)
    assert [(x.code, x.field) for x in exc.value.problems] == [
        ("MUT-L001", "colour"), ("MUT-L001", "objection_day_kind"), ("MUT-L001", "objection_days")]
    assert all(x.file == str(p) for x in exc.value.problems)


def test_html_escapes_recorded_text() -> None:
    src = sample_source()
    src.people[NIP_SITI] = src.people[NIP_SITI].__class__(NIP_SITI, "Siti <script>alert(1)</script>")
    html = render("letter.html.j2", build_letter(src, src.runs()[0], NIP_SITI, SAMPLE_META, ReportConfig(), "id"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Siti" in _text(html)


def test_threshold_against_a_position_fact_uses_the_value_read() -> None:
    # The engine records {"fact": "position.rank_min_ordinal"} and reads its value into facts_read.
    meta = {**SAMPLE_META, "position.rank_min_ordinal": FactInfo("position.rank_min_ordinal", {"id": "Pangkat minimum", "en": "Minimum rank"}, "rank", False, False, False)}
    r = reason("rank_min", "fail", ("Pangkat minimum jabatan", "Position's minimum rank"), scope="candidate_position",
               facts={"rank_ordinal": 9, "position.rank_min_ordinal": 11},
               threshold={"fact": "rank_ordinal", "op": ">=", "value": {"fact": "position.rank_min_ordinal"}})
    # rank 9 = III/a; 11 = III/c.
    assert reason_view(r, meta, "id").sentence == "Pangkat/golongan Anda III/a; syarat paling sedikit III/c. Syarat ini belum terpenuhi."


def test_composite_threshold_lists_each_part() -> None:
    r = reason("skp2", "fail", ("SKP 2 tahun", "SKP 2 years"), facts={"skp_predicate_last_year": "Butuh Perbaikan", "rank_ordinal": 10},
               threshold={"all": [{"fact": "skp_predicate_last_year", "op": "in", "value": ["Sangat Baik", "Baik"], "param": "p"},
                                  {"fact": "rank_ordinal", "op": ">=", "value": 9}]})
    assert reason_view(r, SAMPLE_META, "en").sentence == (
        "Your SKP rating last year: Butuh Perbaikan; the requirement is one of Sangat Baik, Baik. "
        "This requirement is not met.")  # the part that holds (rank III/b >= III/a) did not decide


def test_met_either_or_rule_names_only_the_part_that_holds() -> None:
    # Issue 12: "Jenis jabatan tujuan Anda jabatan pelaksana; syarat harus JPT pratama ...
    # Syarat ini terpenuhi" was a contradiction. Only the holding part is said now.
    meta = {**SAMPLE_META,
            "position_kind": FactInfo("position_kind", {"id": "Jenis jabatan", "en": "Kind of post"}, "text", False, False, False),
            "position.kind": FactInfo("position.kind", {"id": "Jenis jabatan tujuan", "en": "Kind of the target post"}, "text", False, False, False)}
    thr = {"any": [{"fact": "position_kind", "op": "==", "value": {"fact": "position.kind"}},
                   {"all": [{"fact": "position.kind", "op": "==", "value": "jpt_pratama"},
                            {"fact": "position_kind", "op": "==", "value": "administrator"}]}]}
    r = reason("career_pattern", "pass", ("Pola karier", "Career pattern"), scope="candidate_position",
               facts={"position_kind": "pelaksana", "position.kind": "pelaksana"}, threshold=thr)
    v = reason_view(r, meta, "id")
    assert v.sentence == "Jenis jabatan Anda jabatan pelaksana; syarat harus jabatan pelaksana. Syarat ini terpenuhi."
    assert "JPT" not in v.sentence and "salah satu" not in v.sentence
    # failed: every alternative is said, none holds
    failed = reason("career_pattern", "fail", ("Pola karier", "Career pattern"), scope="candidate_position",
                    facts={"position_kind": "pelaksana", "position.kind": "pengawas"}, threshold=thr)
    assert reason_view(failed, meta, "id").sentence.startswith("salah satu dari yang berikut cukup: ")
