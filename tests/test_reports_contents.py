"""Committee, inspector and monitoring contents, from the hand-made sample."""

from __future__ import annotations

from dataclasses import replace

from reports.committee import build_committee
from reports.inspector import build_inspector
from reports.monitoring import build_monitoring, skp_before_after
from reports.sample import (
    NIP_AGUS,
    NIP_BUDI,
    NIP_DEWI,
    NIP_RUDI,
    SAMPLE_META,
    decision,
    reason,
    record,
    sample_source,
    skp,
    tenure,
)
from reports.source import Integrity


def test_committee_ranks_plans_and_lists_open_questions() -> None:
    src = sample_source()
    plan_run, review_run = src.runs()
    c = build_committee(src, plan_run, review_run, SAMPLE_META, "id")
    (ranking,) = c.rankings
    # Budi 85 (0.75x60 + 1x40) before Agus 70 (0.5x60 + 1x40); Budi is the one placed.
    assert [(x.rank, x.nip, x.score, x.placed_here) for x in ranking.candidates] == [
        (1, NIP_BUDI, "85", True), (2, NIP_AGUS, "70", False)]
    assert ranking.candidates[0].breakdown == "Kesesuaian kompetensi 0,75×60; Pengurangan kelebihan pegawai di unit asal 1×40"
    assert [p.nip for p in c.plan_rows] == [NIP_BUDI]
    assert c.plan_rows[0].runner_up == f"{NIP_AGUS} (70): nilai lebih rendah"
    assert [u.subject for u in c.unplaced] == [NIP_AGUS]
    assert [o.subject for o in c.open_positions] == ["P-DISDIK-03"]
    assert [(a.decision_id, a.detail) for a in c.approvals] == [
        ("2-2", "Penggantian pejabat dalam masa pilkada: Diperlukan persetujuan dari Menteri Dalam Negeri")]
    assert [r.subject for r in c.review] == [f"{NIP_RUDI} / M1"]
    assert [(q.decision_id, q.detail) for q in c.open_questions] == [
        ("1-5", "Predikat SKP paling rendah Baik: Predikat SKP tahun lalu (SKP tahun tersebut tidak tercatat)")]
    assert [(o.decision_id, o.original, o.new) for o in c.overrides] == [("1-5", "data belum lengkap", "memenuhi syarat")]
    assert c.workload_chart.startswith("data:image/png;base64,")


def test_open_questions_are_one_row_per_person_and_missing_data() -> None:
    # Agus's missing SKP holds up three pair decisions (three positions): one question, which
    # names the first decision and how many more; Dewi's candidate decision stays its own row.
    src = sample_source()
    for n, pos in ((20, "P-1"), (21, "P-2"), (22, "P-3")):
        src.decision_map["1"].append(record(f"1-{n}", decision(
            "candidate_position", {"nip": NIP_AGUS, "position_id": pos}, "data_missing", [skp(None)], ["skp_min"])))
    plan_run, review_run = src.runs()
    missing_skp = "Predikat SKP paling rendah Baik: Predikat SKP tahun lalu (SKP tahun tersebut tidak tercatat)"
    for lang, first, subject in (("id", "1-20 dan 2 lainnya", f"{NIP_AGUS} (3 keputusan)"),
                                 ("en", "1-20 and 2 more", f"{NIP_AGUS} (3 decisions)")):
        c = build_committee(src, plan_run, review_run, SAMPLE_META, lang)
        assert [(q.decision_id, q.subject) for q in c.open_questions] == [("1-5", NIP_DEWI), (first, subject)]
    c = build_committee(src, plan_run, review_run, SAMPLE_META, "id")
    assert c.open_questions[1].detail == missing_skp


def test_inspector_coverage_never_fired_and_exceptions() -> None:
    src = sample_source()
    lift = reason("jpt_early_rotation", "excepted", ("Rotasi JPT sebelum 2 tahun", "Early JPT rotation"), kind="exception",
                  exception={"lifts": ["tenure_min"], "document": {"type": "se_menpanrb_19_2023",
                                                                   "title": {"id": "Persetujuan rotasi dini", "en": "Early rotation approval"}}})
    extra = record("1-8", decision("candidate", {"nip": NIP_RUDI}, "eligible_through_exception",
                                                [tenure(12, "2027-11-01"), lift], ["jpt_early_rotation", "tenure_min"]))
    src.decision_map["1"].append(extra)
    c = build_inspector(src, src.runs()[0], "en")
    cov = {r.criterion_id: r for r in c.coverage}
    # tenure_min: pass for Budi, Agus, Dewi (+ Siti fail, Rudi fail) -> deciding for Siti and Rudi.
    assert cov["tenure_min"].counts == "not met 2, met 3" and cov["tenure_min"].deciding == 2 and cov["tenure_min"].fired
    # The rank requirement only ever passed and the scores only scored: never fired.
    # (by title: no criterion id reaches a reader)
    assert c.never_fired == ["Rank within the position's range", "Competency fit",
                             "Relief of the origin unit's surplus", "SKP rating at least Baik"]
    assert [(e.decision_id, e.detail) for e in c.exceptions] == [("1-8", "Early JPT rotation: Early rotation approval")]
    assert c.intact and c.verification.startswith("17 entries, 2 runs, 7 decisions, 1 overrides")
    assert c.decision_count == 7
    broken = replace(src.integrity_info, ok=False, finding="entry 5: MUT-A013 leaf hash mismatch",
                     findings=((5, "MUT-A013"), (None, "MUT-A019")), trigger_missing=2)
    src.integrity_info = broken
    bad = build_inspector(src, src.runs()[0], "id")
    # every finding, in the report's language; the missing triggers as a warning
    assert not bad.intact and bad.verification.startswith("2 temuan.")
    assert bad.findings == ["Entri #5: hash daun tidak sesuai dengan isi entri (isi diubah) (MUT-A013)",
                            "Seluruh log: log bukan kelanjutan dari titik periksa yang diserahkan (riwayat ditulis ulang) (MUT-A019)"]
    assert bad.warnings and bad.warnings[0].startswith("2 pemicu (trigger)")
    assert [r.run_id for r in bad.runs] == ["1", "2"]
    # replay sample: 7 decisions, all of them (sample of up to 10), none replayable in memory
    assert len(bad.replay) == 7 and {r.detail for r in bad.replay} == {"tidak dapat diulang"}
    assert isinstance(src.integrity_info, Integrity)


def test_monitoring_skp_and_workload_before_after() -> None:
    # Round in 2026: "before" = 2025's predicate; "after" = the latest year after 2026.
    assert skp_before_after({2024: "Baik", 2025: "Butuh Perbaikan", 2027: "Baik", 2028: "Sangat Baik"}, 2026) == ("Butuh Perbaikan", "Sangat Baik")
    assert skp_before_after({2025: "Baik", 2026: "Baik"}, 2026) == ("Baik", None)
    src = sample_source()
    m = build_monitoring(src, src.runs()[0], "id")
    assert [(p.nip, p.skp_before, p.skp_after) for p in m.people] == [(NIP_BUDI, "Baik", "Sangat Baik")]
    # No issued SK recorded (run 2 reviews a draft): not carried out yet; the store agrees.
    assert m.people[0].carried_out == "belum dilaksanakan (belum ada SK terbit yang tercatat)"
    assert m.people[0].in_store == "belum pada jabatan tujuan"
    # Dinas Kesehatan: needed 12, on post 10 before the plan, 11 planned after it, 11 now;
    # Setda: 8 needed, 10 before, 9 planned, 9 now.
    assert [(w.unit, w.needed, w.before, w.planned, w.now) for w in m.workload] == [
        ("Dinas Kesehatan", "12", "10", "11", "11"), ("Sekretariat Daerah", "8", "10", "9", "9")]
    assert NIP_DEWI not in {p.nip for p in m.people}


def test_committee_ranking_is_cut_for_reading_but_keeps_the_placed() -> None:
    src = sample_source()
    plan_run, _ = src.runs()
    # Limit 1: Budi (rank 1, placed) shown, Agus counted in "more".
    c = build_committee(src, plan_run, None, SAMPLE_META, "id", ranking_limit=1)
    assert [(x.nip, x.rank) for x in c.rankings[0].candidates] == [(NIP_BUDI, 1)] and c.rankings[0].more == 1
    # Limit 0: nobody by rank, but the person placed stays listed.
    c0 = build_committee(src, plan_run, None, SAMPLE_META, "id", ranking_limit=0)
    assert [x.nip for x in c0.rankings[0].candidates] == [NIP_BUDI] and c0.rankings[0].more == 1
    full = build_committee(src, plan_run, None, SAMPLE_META, "id", ranking_limit=None)
    assert len(full.rankings[0].candidates) == 2 and full.rankings[0].more == 0


def test_monitoring_carried_out_rests_on_a_recorded_issued_sk() -> None:
    # #12: "carried out" is an issued SK recorded (a review run of the SK with sk_status
    # issued), not the store's current post, which is shown apart as an observation.
    src = sample_source()
    plan_run, review_run = src.runs()
    issued = replace(review_run, run_seq=3, seq=40)
    src.run_list.append(issued)
    move = {"move_id": "M7", "nip": NIP_BUDI, "kind": "rotation", "from_position_id": "P-SETDA-07",
            "to_position_id": "P-DINKES-01"}
    src.reviews["3"] = {"moves": [move], "context": {"decision_date": "2027-01-04", "signer_kind": "definitive",
                                                     "sk_status": "issued", "sk_number": "821/15/BKPSDM/2027",
                                                     "sk_date": "2027-01-04"}}
    m = build_monitoring(src, plan_run, "id")
    assert m.people[0].carried_out == "sudah dilaksanakan: SK nomor 821/15/BKPSDM/2027 tanggal 4 Januari 2027"
    assert m.people[0].in_store == "belum pada jabatan tujuan"  # the import has not caught up yet
    assert build_monitoring(src, plan_run, "en").people[0].carried_out == (
        "carried out: SK number 821/15/BKPSDM/2027 of 4 January 2027")
    # A draft SK, or an SK to another post, carries nothing out.
    src.reviews["3"]["context"]["sk_status"] = "draft"
    assert build_monitoring(src, plan_run, "id").people[0].carried_out.startswith("belum dilaksanakan")
    src.reviews["3"]["context"]["sk_status"] = "issued"
    move["to_position_id"] = "P-DISDIK-03"
    assert build_monitoring(src, plan_run, "id").people[0].carried_out.startswith("belum dilaksanakan")
    # The store showing the person on the planned post is not an SK.
    move["to_position_id"] = "P-DINKES-01"
    src.run_list.remove(issued)
    src.people[NIP_BUDI] = replace(src.people[NIP_BUDI], position_id="P-DINKES-01")
    m = build_monitoring(src, plan_run, "id")
    assert m.people[0].carried_out.startswith("belum dilaksanakan") and m.people[0].in_store == "sudah pada jabatan tujuan"


def test_inspector_replay_sample_is_the_documented_draw() -> None:
    """The report's sample is docs/audit-format.md's draw, so `mutasi audit replay --sample`
    (or anyone with sha256sum) redraws the same decisions: the 10 ids whose SHA-256 of
    "mutasi-sample/v1\\n<seed>\\n<id>" sorts first, listed in log order."""
    import hashlib

    src = sample_source()
    run = src.runs()[0]
    for i in range(10, 40):
        src.decision_map[run.run_id].append(
            record(f"1-{i}", decision("candidate", {"nip": f"19800101200001{i:04d}"}, "eligible", [tenure(30, None)], [])))
    ids = [r.decision_id for r in src.decision_map[run.run_id]]
    assert len(ids) > 30
    seed = 20261202
    key = {d: hashlib.sha256(f"mutasi-sample/v1\n{seed}\n{d}".encode()).hexdigest() for d in ids}
    expected = sorted(sorted(ids, key=key.__getitem__)[:10], key=lambda d: int(d.split("-")[1]))
    c = build_inspector(src, run, "id", seed=seed)
    assert [r.decision_id for r in c.replay] == expected
    assert c.replay_command == f'mutasi audit replay --run {run.run_id} --sample 10 --seed {seed} --actor "<nama Anda>"'
