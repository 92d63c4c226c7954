"""Fixed phrases of the letter to an employee (merged into reports.i18n.CATALOG).

Wording follows official Bahasa Indonesia correspondence (Permendagri 1/2023 tata naskah
dinas: kop, nomor, sifat, lampiran, hal, Yth.); English mirrors it.
"""

from __future__ import annotations

LETTER: dict[str, dict[str, str]] = {
    "l_number": {"id": "Nomor", "en": "Number"},
    "l_sifat": {"id": "Sifat", "en": "Classification"},
    "l_lampiran": {"id": "Lampiran", "en": "Enclosure"},
    "l_lampiran_one": {"id": "1 (satu) lembar", "en": "1 (one) page"},
    "l_hal": {"id": "Hal", "en": "Subject"},
    "l_hal_text": {"id": "Pemberitahuan Hasil Pertimbangan Mutasi", "en": "Notice of the transfer consideration result"},
    "l_hal_review": {"id": "Pemberitahuan Hasil Telaah Usulan Mutasi", "en": "Notice of the review of a proposed transfer"},
    "l_yth": {"id": "Yth.", "en": "To"},
    "l_sdr": {"id": "Sdr.", "en": ""},
    "l_di_tempat": {"id": "di tempat", "en": ""},
    "l_number_blank": {"id": "........ (diisi oleh BKPSDM)", "en": "........ (filled in by BKPSDM)"},
    "l_opening": {
        "id": "Berdasarkan pertimbangan mutasi dengan data kepegawaian per tanggal {as_of}, dengan hormat kami sampaikan hasilnya sebagai berikut.",
        "en": "Following the transfer consideration based on personnel data as of {as_of}, we inform you of its result as follows.",
    },
    "l_opening_review": {
        "id": "Berdasarkan telaah rancangan Surat Keputusan (SK) mutasi dengan data per tanggal {as_of}, dengan hormat kami sampaikan hasilnya sebagai berikut.",
        "en": "Following the review of the draft transfer decree (SK) based on data as of {as_of}, we inform you of its result as follows.",
    },
    "l_reasons": {"id": "Alasan", "en": "Reasons"},
    "l_reasons_failed": {"id": "Syarat yang belum terpenuhi", "en": "Requirements not met"},
    "l_reasons_missing": {"id": "Data yang belum tercatat", "en": "Data not on file"},
    "l_reasons_approval": {"id": "Persetujuan yang diperlukan", "en": "Approvals needed"},
    "l_all_met": {
        "id": "Anda memenuhi seluruh syarat yang berlaku bagi Anda ({n} syarat); rinciannya tercantum dalam lampiran.",
        "en": "You meet every requirement that applies to you ({n}); the details are in the enclosure.",
    },
    "l_why_position": {"id": "Mengapa jabatan ini", "en": "Why this position"},
    "l_score_line": {
        "id": "Nilai Anda untuk jabatan ini {score}, terdiri atas: {parts}.",
        "en": "Your score for this position is {score}, made up of: {parts}.",
    },
    "l_score_only": {"id": "Nilai Anda untuk jabatan ini {score}.", "en": "Your score for this position is {score}."},
    "l_standing": {"id": "Posisi Anda dalam seleksi", "en": "Your standing in the selection"},
    "l_standing_line": {
        "id": "{position}, {unit}: nilai Anda {score}, peringkat {rank} dari {count} calon yang memenuhi syarat; {cutoff}",
        "en": "{position}, {unit}: your score {score}, rank {rank} of {count} eligible candidates; {cutoff}",
    },
    "l_cutoff": {
        "id": "nilai terakhir yang ditempatkan pada jabatan ini {cut}.",
        "en": "the last person placed in this position scored {cut}.",
    },
    "l_cutoff_none": {"id": "jabatan ini tidak diisi pada putaran ini.", "en": "this position was not filled in this round."},
    "l_more_positions": {"id": "dan {n} jabatan lain yang syaratnya Anda penuhi.", "en": "and {n} other positions whose requirements you meet."},
    "l_tie_lottery": {
        "id": "Bila nilai dua calon sama, urutan ditentukan dengan undian yang benihnya ({seed}) tercatat dalam proses ini, sehingga tidak bergantung pada usia, jenis kelamin, agama atau NIP.",
        "en": "When two candidates have the same score, the order is set by a lottery whose seed ({seed}) is recorded in this run, so it does not depend on age, gender, religion or NIP.",
    },
    "l_tie_nip": {
        "id": "Bila nilai dua calon sama, calon dengan NIP lebih kecil didahulukan; karena NIP memuat tanggal lahir, aturan ini mendahulukan pegawai yang lebih tua.",
        "en": "When two candidates have the same score, the smaller NIP goes first; since the NIP holds the birth date, this favours older staff.",
    },
    "l_change": {"id": "Apa yang dapat mengubah hasil ini", "en": "What would change this result"},
    "l_fix_data": {"id": "Cara melengkapi data", "en": "How to complete the data"},
    "l_not_you": {
        "id": "Hal ini tidak berkaitan dengan data atau kinerja Anda; pemenuhannya menjadi tanggung jawab pejabat yang berwenang.",
        "en": "This does not concern your data or your performance; meeting it is the responsibility of the competent official.",
    },
    "l_coi": {
        "id": "Tercatat adanya konflik kepentingan pada pejabat yang menandatangani keputusan.",
        "en": "A conflict of interest of the signing official was recorded.",
    },
    "l_override_head": {
        "id": "Setelah ditinjau, hasil untuk Anda adalah: {verdict}.",
        "en": "After review, the result for you is: {verdict}.",
    },
    "l_override_detail": {
        "id": "Hasil awal menurut aturan: {original}. Hasil ini diubah oleh {actor} pada {at} dengan alasan: {why}",
        "en": "The result under the rules was: {original}. It was changed by {actor} on {at}, with the justification: {why}",
    },
    "l_contact": {"id": "Informasi lebih lanjut", "en": "Further information"},
    "l_contact_text": {
        "id": "Untuk pertanyaan, hubungi BKPSDM",
        "en": "For questions, contact BKPSDM",
    },
    "l_closing": {
        "id": "Demikian pemberitahuan ini disampaikan untuk menjadi perhatian.",
        "en": "This notice is given for your attention.",
    },
    "l_appendix": {"id": "Lampiran", "en": "Enclosure"},
    "l_appendix_title": {
        "id": "Rincian syarat dan pertimbangan yang berlaku bagi Anda",
        "en": "Details of the requirements and considerations that apply to you",
    },
    "l_appendix_of": {"id": "Lampiran surat nomor {number}", "en": "Enclosure to letter number {number}"},
    "l_col_no": {"id": "No.", "en": "No."},
    "l_col_detail": {"id": "Data Anda dan ketentuan", "en": "Your data and the rule"},
    "l_na_note": {
        "id": "Syarat yang tidak berlaku bagi Anda (misalnya syarat khusus JPT pratama) tidak dicantumkan.",
        "en": "Requirements that do not apply to you (such as those for JPT pratama posts only) are left out.",
    },
    "l_contact_phone": {"id": "telepon", "en": "phone"},
    "l_contact_email": {"id": "surel", "en": "e-mail"},
    "l_contact_hours": {"id": "jam layanan", "en": "service hours"},
    # review letters
    "l_move": {
        "id": "Usulan mutasi Anda dari jabatan {src} ke jabatan {dst} (usulan nomor {move} dalam rancangan SK tanggal {draft})",
        "en": "The proposed transfer from {src} to {dst} (item {move} of the draft decree dated {draft})",
    },
    "l_move_allowed": {"id": "dapat diproses lebih lanjut.", "en": "can proceed."},
    "l_move_blocked": {"id": "tidak dapat diproses karena ada syarat yang belum terpenuhi.", "en": "cannot proceed because a requirement is not met."},
    "l_move_needs_approval": {
        "id": "belum dapat diproses sampai persetujuan yang diperlukan tercatat.",
        "en": "cannot proceed until the approval it needs is on file.",
    },
    "l_move_exception": {"id": "dapat diproses melalui pengecualian yang terdokumentasi.", "en": "can proceed through a documented exception."},
    "l_move_missing": {
        "id": "belum dapat ditelaah sepenuhnya karena ada data yang belum tercatat.",
        "en": "cannot be fully reviewed yet because some data is not on file.",
    },
    # outcome headlines (candidate)
    "l_head_proposed": {
        "id": "Anda diusulkan untuk dimutasi ke jabatan {position} pada {unit}.",
        "en": "You are proposed for transfer to the position {position} in {unit}.",
    },
    "l_head_not_placed": {
        "id": "Anda memenuhi syarat mutasi, tetapi pada putaran ini tidak ditempatkan pada jabatan mana pun.",
        "en": "You meet the transfer requirements, but in this round you were not placed in any position.",
    },
    "l_head_not_eligible": {
        "id": "Anda belum memenuhi syarat untuk dimutasi pada putaran ini.",
        "en": "You do not yet meet the requirements for a transfer in this round.",
    },
    "l_original": {"id": "hasil awal", "en": "original result"},
}
