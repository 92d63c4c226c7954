"""Fixed phrases of letters and reports in Bahasa Indonesia (default) and English.

Criterion titles never live here: they come from each recorded Reason's ``title`` dict.
``t(key, lang)`` raises KeyError for an unknown key, so a typo never prints an empty phrase.
"""

from __future__ import annotations

LANGS = ("id", "en")

CATALOG: dict[str, dict[str, str]] = {
    # Document titles
    "letter_title": {"id": "Pemberitahuan hasil pertimbangan mutasi", "en": "Notice of the transfer review result"},
    "committee_title": {"id": "Laporan untuk Tim Penilai Kinerja (TPK)", "en": "Report for the performance review committee (TPK)"},
    "inspector_title": {"id": "Laporan untuk pemeriksa (Inspektorat)", "en": "Report for the inspector"},
    "fairness_title": {"id": "Laporan keadilan hasil seleksi", "en": "Fairness report on selection outcomes"},
    "monitoring_title": {"id": "Pemantauan setelah mutasi", "en": "Monitoring after transfer"},
    # Letter
    "to": {"id": "Kepada", "en": "To"},
    "nip": {"id": "NIP", "en": "NIP"},
    "unit": {"id": "Unit kerja", "en": "Unit"},
    "position": {"id": "Jabatan", "en": "Position"},
    "as_of": {"id": "Per tanggal", "en": "As of"},
    "decision": {"id": "Hasil", "en": "Result"},
    "criteria": {"id": "Syarat dan pertimbangan", "en": "Requirements and considerations"},
    "what_would_change": {"id": "Apa yang dapat mengubah hasil ini", "en": "What would change this result"},
    "nothing_to_change": {
        "id": "Tidak ada data yang dapat Anda ubah yang akan mengubah hasil ini.",
        "en": "No data that you can change would change this result.",
    },
    "placement": {"id": "Jabatan yang diusulkan", "en": "Proposed position"},
    "why_this_position": {"id": "Mengapa jabatan ini", "en": "Why this position"},
    "score": {"id": "Nilai", "en": "Score"},
    "gaps": {"id": "Kompetensi yang perlu dikembangkan", "en": "Competencies to develop"},
    "no_gaps": {"id": "Tidak ada kesenjangan kompetensi.", "en": "No competency gaps."},
    "training": {"id": "Pelatihan yang disarankan", "en": "Recommended training"},
    "person_decides": {
        "id": "Hasil ini adalah bahan pertimbangan. Keputusan mutasi diambil oleh pejabat yang berwenang setelah pertimbangan Tim Penilai Kinerja, bukan oleh sistem.",
        "en": "This result is advice. The transfer decision is taken by the competent official after consideration by the performance review committee, not by the system.",
    },
    "objection": {"id": "Keberatan", "en": "Objection"},
    "record": {"id": "Rujukan catatan", "en": "Record reference"},
    "decision_id": {"id": "Nomor keputusan", "en": "Decision id"},
    "run_id": {"id": "Nomor proses", "en": "Run id"},
    "pack": {"id": "Paket aturan", "en": "Rule pack"},
    "version": {"id": "versi", "en": "version"},
    "pack_hash": {"id": "Sidik paket aturan", "en": "Pack hash"},
    "override_note": {"id": "Hasil ini diubah oleh", "en": "This result was changed by"},
    "override_reason": {"id": "dengan alasan", "en": "with the justification"},
    "no_decision": {
        "id": "Tidak ada keputusan tercatat untuk Anda pada proses ini.",
        "en": "No decision is recorded for you in this run.",
    },
    # Headlines
    "head_proposed": {"id": "Anda diusulkan untuk dimutasi ke jabatan", "en": "You are proposed for transfer to the position"},
    "head_not_selected": {
        "id": "Anda memenuhi syarat, tetapi tidak terpilih untuk mutasi pada putaran ini.",
        "en": "You meet the requirements but were not selected for transfer in this round.",
    },
    "head_eligible": {"id": "Anda memenuhi syarat untuk dipertimbangkan dalam mutasi.", "en": "You meet the requirements to be considered for transfer."},
    "head_not_eligible": {"id": "Anda belum memenuhi syarat untuk mutasi.", "en": "You do not yet meet the requirements for transfer."},
    "head_needs_approval": {
        "id": "Mutasi Anda memerlukan persetujuan sebelum dapat diputuskan.",
        "en": "Your transfer needs an approval before it can be decided.",
    },
    "head_exception": {
        "id": "Anda memenuhi syarat melalui pengecualian yang terdokumentasi.",
        "en": "You meet the requirements through a documented exception.",
    },
    "head_data_missing": {
        "id": "Hasil untuk Anda belum dapat ditetapkan karena ada data yang belum tercatat.",
        "en": "No result can be given yet because some of your data is not on file.",
    },
    "reason_not_selected": {"id": "Alasan", "en": "Reason"},
    # Criterion sentences
    "your": {"id": "Anda", "en": "Your"},
    "requirement_met": {"id": "Syarat ini terpenuhi.", "en": "This requirement is met."},
    "requirement_not_met": {"id": "Syarat ini belum terpenuhi.", "en": "This requirement is not met."},
    "met_on": {"id": "Syarat ini terpenuhi pada", "en": "This requirement will be met on"},
    "data_not_on_file": {"id": "Data berikut belum tercatat", "en": "The following data is not on file"},
    "please_complete": {
        "id": "Mohon lengkapi data ini melalui BKPSDM.",
        "en": "Please have this data completed through the HR office (BKPSDM).",
    },
    "approval_from": {"id": "Diperlukan persetujuan dari", "en": "Approval needed from"},
    "approval_on_file": {"id": "Persetujuan telah tercatat.", "en": "The approval is on file."},
    "exception_applies": {"id": "Pengecualian berlaku dengan dokumen", "en": "An exception applies with the document"},
    "warning": {"id": "Catatan", "en": "Note"},
    "not_required": {"id": "Tidak diperlukan", "en": "Not required"},
    "does_not_apply": {"id": "Tidak berlaku", "en": "Does not apply"},
    "value_needed": {"id": "Hasil dapat berubah bila", "en": "The result could change if"},
    "becomes": {"id": "menjadi", "en": "becomes"},
    "on_date": {"id": "pada", "en": "on"},
    "legal_basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "outcome": {"id": "Hasil", "en": "Outcome"},
    "yes": {"id": "ya", "en": "yes"},
    "no": {"id": "tidak", "en": "no"},
    "not_recorded": {"id": "tidak tercatat", "en": "not recorded"},
    # Reports
    "run": {"id": "Proses", "en": "Run"},
    "kind": {"id": "Jenis", "en": "Kind"},
    "input_hash": {"id": "Sidik data masukan", "en": "Input hash"},
    "actor": {"id": "Dijalankan oleh", "en": "Started by"},
    "started_at": {"id": "Waktu mulai", "en": "Started at"},
    "verification": {"id": "Verifikasi jejak audit", "en": "Audit trail verification"},
    "intact": {"id": "utuh", "en": "intact"},
    "not_intact": {"id": "TIDAK UTUH", "en": "NOT INTACT"},
    "checkpoint": {"id": "Titik periksa", "en": "Checkpoint"},
    "verify_counts": {
        "id": "{entries} entri, {runs} proses, {decisions} keputusan, {overrides} perubahan; akar Merkle {root}",
        "en": "{entries} entries, {runs} runs, {decisions} decisions, {overrides} overrides; Merkle root {root}",
    },
    "size": {"id": "ukuran", "en": "size"},
    "root": {"id": "akar", "en": "root"},
    "overrides": {"id": "Perubahan oleh manusia (override)", "en": "Human overrides"},
    "no_overrides": {"id": "Tidak ada perubahan.", "en": "No overrides."},
    "original": {"id": "Semula", "en": "Original"},
    "new": {"id": "Menjadi", "en": "New"},
    "justification": {"id": "Alasan", "en": "Justification"},
    "detail": {"id": "Keterangan", "en": "Detail"},
    "coverage": {"id": "Cakupan kriteria", "en": "Criteria coverage"},
    "criterion": {"id": "Kriteria", "en": "Criterion"},
    "times_deciding": {"id": "Menentukan hasil", "en": "Decided outcomes"},
    "never_fired": {"id": "Tidak pernah berpengaruh", "en": "Never fired"},
    "exceptions": {"id": "Keputusan melalui pengecualian", "en": "Decisions through an exception"},
    "none": {"id": "Tidak ada.", "en": "None."},
    "subject": {"id": "Subjek", "en": "Subject"},
    "verdict": {"id": "Hasil", "en": "Verdict"},
    "document": {"id": "Dokumen", "en": "Document"},
    "ranking": {"id": "Peringkat calon per jabatan", "en": "Candidates ranked per position"},
    "rank": {"id": "Peringkat", "en": "Rank"},
    "name": {"id": "Nama", "en": "Name"},
    "breakdown": {"id": "Rincian nilai", "en": "Score breakdown"},
    "more_candidates": {"id": "calon lain (lihat ringkasan CSV)", "en": "more candidates (see the CSV summary)"},
    "plan": {"id": "Rencana mutasi", "en": "Transfer plan"},
    "from": {"id": "Dari", "en": "From"},
    "to_position": {"id": "Ke", "en": "To"},
    "runner_up": {"id": "Calon berikutnya", "en": "Runner-up"},
    "approvals": {"id": "Mutasi yang memerlukan persetujuan", "en": "Moves needing approval"},
    "review": {"id": "Hasil telaah rancangan SK", "en": "Review of the SK draft"},
    "move": {"id": "Usulan", "en": "Move"},
    "open_questions": {"id": "Pertanyaan terbuka (data belum tercatat)", "en": "Open questions (data missing)"},
    "first_and_more": {"id": "{first} dan {n} lainnya", "en": "{first} and {n} more"},
    "nip_decisions": {"id": "{nip} ({n} keputusan)", "en": "{nip} ({n} decisions)"},
    "missing_facts": {"id": "Data yang belum tercatat", "en": "Data not on file"},
    "open_positions": {"id": "Jabatan yang tetap kosong", "en": "Positions left open"},
    "unplaced": {"id": "Memenuhi syarat tetapi tidak ditempatkan", "en": "Eligible but not placed"},
    "workload": {"id": "Beban kerja per unit", "en": "Workload per unit"},
    "needed": {"id": "Kebutuhan", "en": "Needed"},
    "on_post": {"id": "Ada", "en": "On post"},
    "before": {"id": "Sebelum", "en": "Before"},
    "after": {"id": "Sesudah", "en": "After"},
    "balance": {"id": "Selisih", "en": "Balance"},
    "planned_after": {"id": "Direncanakan sesudah mutasi", "en": "Planned after the moves"},
    "now": {"id": "Sekarang", "en": "Now"},
    "before_plan": {"id": "Sebelum rencana", "en": "Before the plan"},
    "carried_out_sk": {"id": "sudah dilaksanakan: SK nomor {number} tanggal {day}", "en": "carried out: SK number {number} of {day}"},
    "not_carried_out": {"id": "belum dilaksanakan (belum ada SK terbit yang tercatat)", "en": "not yet carried out (no issued SK recorded)"},
    "in_store_col": {"id": "Data kepegawaian saat ini", "en": "Personnel records now"},
    "in_store_on_post": {"id": "sudah pada jabatan tujuan", "en": "on the planned post"},
    "in_store_not_on_post": {"id": "belum pada jabatan tujuan", "en": "not yet on the planned post"},
    "move_status": {"id": "Pelaksanaan", "en": "Carried out"},
    "after_plan": {"id": "Sesudah rencana", "en": "After the plan"},
    "balance_axis": {"id": "Kebutuhan dikurangi pegawai yang ada (positif: kurang pegawai; negatif: lebih pegawai)",
                     "en": "Staff needed minus on post (positive: short of staff; negative: surplus)"},
    "placed_elsewhere_at": {"id": "ditempatkan di", "en": "placed at"},
    "why_not_here": {"id": "Mengapa tidak di sini", "en": "Why not here"},
    "talent_pool": {"id": "Kelompok talenta (9-box): calon dalam rencana", "en": "Talent pool (9-box): candidates of the plan"},
    "talent_note": {"id": "Tiap sel: jumlah calon (yang ditempatkan). Kinerja dari predikat SKP tahun lalu, potensi dari penilaian potensi, seperti tercatat.",
                    "en": "Each cell: candidates (placed). Performance from last year's SKP rating, potential from the potential assessment, as recorded."},
    "potential": {"id": "Potensi", "en": "Potential"},
    "performance": {"id": "Kinerja", "en": "Performance"},
    "high": {"id": "tinggi", "en": "high"},
    "medium": {"id": "menengah", "en": "medium"},
    "low": {"id": "rendah", "en": "low"},
    "below_exp": {"id": "di bawah ekspektasi", "en": "below expectations"},
    "meets_exp": {"id": "sesuai ekspektasi", "en": "meets expectations"},
    "above_exp": {"id": "di atas ekspektasi", "en": "above expectations"},
    "unplaced_summary": {"id": "Ringkasan menurut alasan dan unit", "en": "Summary by reason and unit"},
    "count": {"id": "Jumlah", "en": "Count"},
    "reason": {"id": "Alasan", "en": "Reason"},
    "full_list": {"id": "Daftar lengkap", "en": "Full list"},
    "no_plan": {"id": "Proses ini tidak memuat rencana mutasi.", "en": "This run holds no transfer plan."},
    "moved_people": {"id": "Pegawai yang dimutasi", "en": "People moved"},
    "skp_before": {"id": "Predikat SKP sebelum", "en": "SKP rating before"},
    "skp_after": {"id": "Predikat SKP sesudah", "en": "SKP rating after"},
    "chart": {"id": "Grafik", "en": "Chart"},
    "generated_from": {
        "id": "Disusun dari alasan yang tercatat di jejak audit, tanpa menghitung ulang.",
        "en": "Rendered from the reasons recorded in the audit trail, without re-computation.",
    },
    "page": {"id": "Halaman", "en": "Page"},
}

VERDICT: dict[str, dict[str, str]] = {
    "eligible": {"id": "memenuhi syarat", "en": "eligible"},
    "not_eligible": {"id": "tidak memenuhi syarat", "en": "not eligible"},
    "needs_approval": {"id": "memerlukan persetujuan", "en": "needs approval"},
    "eligible_through_exception": {"id": "memenuhi syarat melalui pengecualian", "en": "eligible through an exception"},
    "data_missing": {"id": "data belum lengkap", "en": "data missing"},
}

# A reviewed move's outcome (engine.outcome.MOVE_LABEL), in the portal's words.
MOVE_OUTCOME: dict[str, dict[str, str]] = {
    "allowed": {"id": "boleh dilaksanakan", "en": "allowed"},
    "blocked": {"id": "terhalang", "en": "blocked"},
    "needs_approval": {"id": "memerlukan persetujuan", "en": "needs approval"},
    "allowed_through_exception": {"id": "boleh melalui pengecualian", "en": "allowed through an exception"},
    "data_missing": {"id": "data belum lengkap", "en": "data missing"},
}

OUTCOME: dict[str, dict[str, str]] = {
    "pass": {"id": "terpenuhi", "en": "met"},
    "fail": {"id": "tidak terpenuhi", "en": "not met"},
    "missing": {"id": "data belum tercatat", "en": "data missing"},
    "approval_needed": {"id": "perlu persetujuan", "en": "approval needed"},
    "approved": {"id": "disetujui", "en": "approved"},
    "excepted": {"id": "dikecualikan", "en": "excepted"},
    "not_applicable": {"id": "tidak berlaku", "en": "not applicable"},
    "warning": {"id": "catatan", "en": "warning"},
    "scored": {"id": "dinilai", "en": "scored"},
}

# Comparison words, chosen by the fact's unit: durations read "paling singkat", counts "paling sedikit".
OP_WORDS: dict[str, dict[str, str]] = {
    ">=": {"id": "paling sedikit", "en": "at least"},
    ">=time": {"id": "paling singkat", "en": "at least"},
    "<=": {"id": "paling banyak", "en": "at most"},
    "<=time": {"id": "paling lama", "en": "at most"},
    "<=age": {"id": "paling tinggi", "en": "at most"},
    ">=age": {"id": "paling rendah", "en": "at least"},
    ">": {"id": "lebih dari", "en": "more than"},
    "<": {"id": "kurang dari", "en": "less than"},
    "==": {"id": "harus", "en": "exactly"},
    "!=": {"id": "tidak boleh", "en": "anything but"},
    "in": {"id": "salah satu dari", "en": "one of"},
    "not_in": {"id": "bukan salah satu dari", "en": "none of"},
    "between": {"id": "antara", "en": "between"},
    "contains": {"id": "harus memuat", "en": "must include"},
}

MISSING_REASON: dict[str, dict[str, str]] = {
    "no_tmt_jabatan": {"id": "TMT jabatan tidak tercatat", "en": "start date in post not on file"},
    "no_skp_for_year": {"id": "SKP tahun tersebut tidak tercatat", "en": "no SKP for that year"},
}


def _merge() -> None:
    from reports.fairness_words import FAIRNESS
    from reports.inspector_words import INSPECTOR
    from reports.letter_words import LETTER

    CATALOG.update(LETTER)
    CATALOG.update(INSPECTOR)
    CATALOG.update(FAIRNESS)


_merge()


def t(key: str, lang: str) -> str:
    """The phrase for ``key`` in ``lang``; unknown keys are a programming error."""
    return CATALOG[key][lang]


def pick(title: dict[str, str] | None, lang: str) -> str:
    """A recorded {id, en} text in ``lang``, falling back to Bahasa Indonesia."""
    if not title:
        return ""
    return title.get(lang) or title.get("id") or next(iter(sorted(title.values())), "")


RUN_KIND: dict[str, dict[str, str]] = {
    "evaluate": {"id": "penilaian kelayakan", "en": "eligibility evaluation"},
    "plan": {"id": "rencana mutasi", "en": "transfer plan"},
    "review": {"id": "telaah rancangan SK", "en": "SK draft review"},
    "round": {"id": "putaran mutasi sukarela", "en": "voluntary transfer round"},
}


def run_kind(kind: str, lang: str) -> str:
    return RUN_KIND.get(kind, {}).get(lang) or ("proses" if lang == "id" else "run")


def verdict_label(verdict: str, lang: str) -> str:
    return VERDICT.get(verdict, {}).get(lang, verdict)


def move_outcome_both(outcome: str) -> str:
    """Both languages, for the CLI's bilingual tables."""
    words = MOVE_OUTCOME.get(outcome, {})
    return f"{words.get('id', outcome)} / {words.get('en', outcome)}"


def outcome_label(outcome: str, lang: str) -> str:
    return OUTCOME.get(outcome, {}).get(lang, outcome)


def missing_reason(code: str, lang: str) -> str:
    """Kept for callers without fact metadata; reports.words.missing_words says more."""
    return MISSING_REASON.get(code, {}).get(lang) or ("tidak tercatat" if lang == "id" else "not on file")


# Reason codes of the plan payload (engine.plan.PlanReason), in words.
PLAN_REASON: dict[str, dict[str, str]] = {
    "not_selected": {
        "id": "Jabatan yang sesuai untuk Anda telah diisi oleh calon lain dengan nilai lebih tinggi, atau pengisiannya akan menurunkan keseimbangan rencana secara keseluruhan.",
        "en": "The positions that fit you went to other candidates with higher scores, or filling them with you would lower the balance of the plan as a whole.",
    },
    "no_admissible_position": {
        "id": "Tidak ada jabatan kosong yang syaratnya Anda penuhi pada putaran ini.",
        "en": "No open position whose requirements you meet was available in this round.",
    },
    "conflict_of_interest": {
        "id": "Ada hubungan keluarga dengan pejabat yang memutuskan (konflik kepentingan, UU 30/2014 Pasal 42-43).",
        "en": "There is a family relation with the deciding official (conflict of interest, UU 30/2014 Pasal 42-43).",
    },
    "origin_no_surplus": {
        "id": "Unit/jabatan asal Anda tidak kelebihan pegawai, sehingga kepindahan Anda akan menimbulkan kekurangan di sana.",
        "en": "Your current post has no surplus staff, so moving you would create a shortage there.",
    },
    "origin_no_position": {
        "id": "Jabatan Anda saat ini tidak tercatat di peta jabatan.",
        "en": "Your current position is not on file in the position map.",
    },
    "origin_no_workload": {
        "id": "Analisis beban kerja (ABK) jabatan asal Anda belum tercatat.",
        "en": "The workload analysis (ABK) of your current position is not on file.",
    },
    "origin_surplus": {"id": "Jabatan asal kelebihan pegawai.", "en": "The current position has a surplus."},
    "origin_cap_reached": {
        "id": "Jumlah pegawai yang dapat meninggalkan jabatan atau unit asal Anda tanpa menimbulkan kekurangan di sana telah terpenuhi oleh calon lain dari jabatan atau unit yang sama.",
        "en": "The number of people who can leave your current position or unit without leaving it short of staff was taken by other candidates from the same position or unit.",
    },
    "no_candidate_evaluated": {"id": "Tidak ada calon yang dinilai untuk jabatan ini.", "en": "No candidate was evaluated for this position."},
    "no_admissible_candidate": {"id": "Tidak ada calon yang memenuhi syarat jabatan ini.", "en": "No candidate meets this position's requirements."},
    "admissible_candidates_used_elsewhere": {
        "id": "Calon yang memenuhi syarat ditempatkan di jabatan lain.",
        "en": "The eligible candidates were placed in other positions.",
    },
    # runner-up
    "placed_elsewhere": {"id": "ditempatkan di jabatan lain", "en": "placed in another position"},
    "lower_score": {"id": "nilai lebih rendah", "en": "lower score"},
    "tie_smaller_nip_preferred": {"id": "nilai sama; NIP lebih kecil didahulukan", "en": "tie; smaller NIP preferred"},
    "tie_lottery": {"id": "nilai sama; undian tercatat menentukan", "en": "tie; the recorded lottery decided"},
    "tie_plan_total": {"id": "nilai sama; total rencana menentukan", "en": "tie; plan total decided"},
    "origin_cap_or_plan_total": {
        "id": "batas keluar unit asal atau total nilai rencana",
        "en": "origin unit's outflow cap or the plan's total",
    },
}


def plan_reason(code: str, lang: str) -> str:
    """Words for a plan reason code; an unknown code is never printed as it is."""
    found = PLAN_REASON.get(code, {}).get(lang)
    if found:
        return found
    return "alasan lain dari penyusunan rencana" if lang == "id" else "another reason from the planning"


# The same codes for the committee: third person.
PLAN_REASON_COMMITTEE: dict[str, dict[str, str]] = {
    "not_selected": {
        "id": "Jabatan yang sesuai diisi calon lain dengan nilai lebih tinggi, atau pengisiannya menurunkan total rencana.",
        "en": "Fitting positions went to higher-scoring candidates, or filling them would lower the plan's total.",
    },
    "no_admissible_position": {"id": "Tidak ada jabatan kosong yang syaratnya terpenuhi.", "en": "No open position whose requirements are met."},
    "conflict_of_interest": {"id": "Hubungan keluarga dengan pejabat yang memutuskan.", "en": "Family relation with the deciding official."},
    "origin_no_surplus": {"id": "Jabatan asal tidak kelebihan pegawai.", "en": "The current position has no surplus."},
    "origin_no_position": {"id": "Jabatan asal tidak ada di peta jabatan.", "en": "Current position not in the position map."},
    "origin_no_workload": {"id": "ABK jabatan asal belum tercatat.", "en": "No workload analysis (ABK) for the current position."},
    "origin_cap_reached": {
        "id": "Batas keluar jabatan/unit asal sudah terpakai oleh calon lain dari asal yang sama.",
        "en": "The outflow cap of the current position/unit was used by other candidates from there.",
    },
}


def plan_reason_committee(code: str, lang: str) -> str:
    return PLAN_REASON_COMMITTEE.get(code, {}).get(lang) or plan_reason(code, lang)
