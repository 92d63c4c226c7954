"""Fixed phrases of the fairness report (merged into reports.i18n.CATALOG)."""

from __future__ import annotations

FAIRNESS: dict[str, dict[str, str]] = {
    "group": {"id": "Kelompok", "en": "Group"},
    "attribute": {"id": "Atribut", "en": "Attribute"},
    "considered": {"id": "Dipertimbangkan", "en": "Considered"},
    "selected": {"id": "Terpilih", "en": "Selected"},
    "rate": {"id": "Tingkat seleksi", "en": "Selection rate"},
    "impact_ratio": {"id": "Rasio dampak", "en": "Impact ratio"},
    "share": {"id": "Porsi data", "en": "Share of data"},
    "flag": {"id": "Tanda", "en": "Flag"},
    "below_four_fifths": {"id": "di bawah 4/5", "en": "below four-fifths"},
    "small_group": {"id": "kelompok kecil*", "en": "small group*"},
    "fairness_method": {
        "id": "Tingkat seleksi = terpilih ÷ dipertimbangkan (calon yang memenuhi syarat) dalam kelompok. Rasio dampak = tingkat kelompok ÷ tingkat kelompok dengan seleksi tertinggi (metode NYC Local Law 144). Rasio di bawah 0,8 (aturan empat per lima) ditandai untuk ditelaah, tetapi hanya bila kelompok itu akan memperoleh paling sedikit {n} orang terpilih pada tingkat seleksi keseluruhan; di bawah jumlah itu perbedaan rasio tidak bermakna. Nilai p adalah uji eksak Fisher (dua sisi) kelompok terhadap semua calon lain: makin kecil, makin kecil kemungkinan perbedaan itu kebetulan. Atribut ini hanya dipakai di laporan ini, tidak pernah oleh aturan.",
        "en": "Selection rate = selected ÷ considered (eligible candidates) in the group. Impact ratio = group rate ÷ rate of the most selected group (NYC Local Law 144 method). Ratios below 0.8 (four-fifths rule) are flagged for review, but only when the group would have had at least {n} people selected at the overall rate; below that a ratio means nothing. The p-value is Fisher's exact test (two-sided) of the group against all other candidates: the smaller, the less likely the difference is chance. These attributes are used only in this report, never by a rule.",
    },
    "gender": {"id": "Jenis kelamin", "en": "Gender"},
    "age_band": {"id": "Kelompok umur", "en": "Age band"},
    "religion": {"id": "Agama", "en": "Religion"},
    "rank_group": {"id": "Golongan", "en": "Rank group"},
    "education": {"id": "Pendidikan", "en": "Education"},
    "p_value": {"id": "Nilai p (Fisher)", "en": "p-value (Fisher)"},
    "too_few_to_flag": {"id": "terlalu sedikit**", "en": "too few**"},
    "flags_note": {"id": "* Kelompok kecil: kurang dari 2% data; tafsirkan dengan hati-hati. ** Terlalu sedikit untuk ditandai: pada tingkat seleksi keseluruhan kelompok ini akan memperoleh kurang dari {n} orang terpilih, sehingga rasionya tidak bermakna.",
                   "en": "* Small group: less than 2% of the data; interpret with care. ** Too few to flag: at the overall selection rate this group would have had fewer than {n} people selected, so its ratio means nothing."},
    "failing_title": {"id": "Porsi kelompok yang tidak memenuhi tiap syarat", "en": "Share of each group failing each requirement"},
    "failing_note": {"id": "Seluruh calon pada proses ini; syarat yang tidak pernah gagal tidak dicantumkan.", "en": "All candidates of the run; requirements nobody failed are left out."},
}
