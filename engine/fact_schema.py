"""THE fact schema: every fact's name, type, scope, unit, bilingual title and flags.

A fact value ``None`` means data missing; its reason code is kept under ``MISSING_KEY`` of the
facts dict. engine/facts.py derives the values; docs/design.md ("Facts") explains the flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MISSING_KEY = "_missing"

# Facts a criterion of each scope may read (scopes nest: a move also reads the pair facts).
SCOPE_FACTS = {
    "candidate": ("candidate",),
    "candidate_position": ("candidate", "position", "pair"),
    "move": ("candidate", "position", "pair", "move"),
}
# Attributes no criterion may decide on (merit system). They are not facts at all.
PROTECTED_ATTRIBUTES = ("gender", "religion", "ethnicity", "marital_status", "disability",
                        "political_view", "race", "origin")


@dataclass(frozen=True)
class FactSpec:
    name: str
    type: str
    scope: str
    unit: str
    title: dict[str, str]
    time_based: bool = False
    changeable: bool = False
    protected: bool = False  # age facts: readable only with a criterion's protected_basis
    anchor: str | None = None  # date fact a time-based months count runs from
    grows: bool = True  # time-based: grows with the as-of date (False: shrinks)


def _f(name: str, type_: str, scope: str, unit: str, id_: str, en: str, **kw: Any) -> FactSpec:
    return FactSpec(name, type_, scope, unit, {"id": id_, "en": en}, **kw)


_SPECS = [
    _f("status", "str", "candidate", "text", "Status kepegawaian", "Employment status", changeable=True),
    _f("kedudukan", "str", "candidate", "text", "Kedudukan PNS", "Civil-service standing"),
    _f("months_in_post", "int", "candidate", "months", "Masa dalam jabatan", "Time in current post",
       time_based=True, anchor="tmt_jabatan"),
    _f("months_since_tmt_pns", "int", "candidate", "months", "Masa sejak TMT PNS",
       "Time since appointment as PNS", time_based=True, anchor="tmt_pns"),
    _f("age_years", "int", "candidate", "years", "Usia", "Age", time_based=True, protected=True),
    _f("rank_ordinal", "int", "candidate", "rank", "Pangkat/golongan", "Rank", changeable=True),
    _f("golongan", "str", "candidate", "text", "Golongan", "Rank (golongan)", changeable=True),
    _f("education_level", "str", "candidate", "text", "Pendidikan terakhir", "Education level",
       changeable=True),
    _f("education_ordinal", "int", "candidate", "count", "Jenjang pendidikan", "Education ordinal",
       changeable=True),
    _f("position_kind", "str", "candidate", "text", "Jenis jabatan", "Kind of current position"),
    _f("jf_level", "str", "candidate", "text", "Jenjang JF", "Functional level"),
    _f("retirement_age", "int", "candidate", "years", "Batas usia pensiun", "Retirement age"),
    _f("retirement_date", "date", "candidate", "date", "Tanggal pensiun", "Retirement date",
       protected=True),
    _f("months_to_retirement", "int", "candidate", "months", "Sisa masa kerja sampai pensiun",
       "Months to retirement", time_based=True, protected=True, anchor="retirement_date",
       grows=False),
    _f("skp_predicate_last_year", "str", "candidate", "predicate", "Predikat SKP tahun lalu",
       "SKP rating last year"),
    _f("skp_predicate_year_before", "str", "candidate", "predicate", "Predikat SKP dua tahun lalu",
       "SKP rating the year before"),
    _f("punishment_active", "bool", "candidate", "flag", "Sedang menjalani hukuman disiplin",
       "Serving a disciplinary punishment", time_based=True),
    _f("medium_heavy_punishments_in_lookback", "int", "candidate", "count",
       "Hukuman disiplin sedang/berat dalam masa tinjau", "Medium/heavy punishments in lookback",
       time_based=True),
    _f("discipline_lookback_months_used", "int", "candidate", "months",
       "Jangka penelusuran hukuman disiplin yang dipakai", "Discipline look-back applied"),
    _f("under_examination", "bool", "candidate", "flag", "Sedang diperiksa", "Under examination"),
    _f("in_judicial_process", "bool", "candidate", "flag", "Dalam proses peradilan",
       "In a judicial process"),
    _f("on_study_assignment", "bool", "candidate", "flag", "Sedang tugas belajar",
       "On study assignment"),
    _f("service_bond_active", "bool", "candidate", "flag", "Terikat ikatan dinas",
       "Service bond active", time_based=True),
    _f("inspektorat_cleared", "bool", "candidate", "flag", "Bebas temuan Inspektorat",
       "Cleared by the Inspektorat", changeable=True),
    _f("is_jpt", "bool", "candidate", "flag", "Pejabat pimpinan tinggi", "Holds a JPT post"),
    _f("jpt_inauguration_date", "date", "candidate", "date", "Tanggal pelantikan JPT",
       "JPT inauguration date"),
    _f("months_since_jpt_inauguration", "int", "candidate", "months", "Masa sejak pelantikan JPT",
       "Time since JPT inauguration", time_based=True, anchor="jpt_inauguration_date"),
    _f("related_experience_months", "int", "candidate", "months", "Pengalaman jabatan terkait",
       "Related experience", changeable=True),
    _f("nine_box", "int", "candidate", "count", "Kotak talenta (9-box)", "Talent box (9-box)"),
    _f("competencies", "list[str]", "candidate", "list", "Kompetensi", "Competencies",
       changeable=True),
    _f("origin_unit_balance", "int", "candidate", "count", "Selisih kebutuhan jabatan asal",
       "Surplus (+) or deficit (-) of the current position"),
    _f("tmt_jabatan", "date", "candidate", "date", "TMT jabatan", "Start in current post"),
    _f("tmt_pns", "date", "candidate", "date", "TMT PNS", "Appointment as PNS"),
    _f("hardship_posting_months", "int", "candidate", "months",
       "Masa tugas di unit kerja daerah terpencil", "Time served in hardship postings",
       time_based=True),
    # position (target)
    _f("position.kind", "str", "position", "text", "Jenis jabatan tujuan", "Target position kind"),
    _f("position.jf_level", "str", "position", "text", "Jenjang JF tujuan", "Target JF level"),
    _f("position.eselon", "str", "position", "text", "Eselon tujuan", "Target eselon"),
    _f("position.rank_min_ordinal", "int", "position", "rank", "Pangkat terendah jabatan",
       "Lowest rank of the position"),
    _f("position.rank_max_ordinal", "int", "position", "rank", "Pangkat tertinggi jabatan",
       "Highest rank of the position"),
    _f("position.required_education_levels", "list[str]", "position", "list",
       "Pendidikan yang disyaratkan", "Required education levels"),
    _f("position.required_education_min_ordinal", "int", "position", "count",
       "Jenjang pendidikan paling rendah", "Lowest required education ordinal"),
    _f("position.required_competencies", "list[str]", "position", "list",
       "Kompetensi yang disyaratkan", "Required competencies"),
    _f("position.job_family", "str", "position", "text", "Rumpun jabatan", "Job family"),
    _f("position.balance", "int", "position", "count", "Selisih kebutuhan jabatan tujuan",
       "Surplus (+) or deficit (-) of the target"),
    _f("position.unit_id", "str", "position", "text", "Unit tujuan", "Target unit"),
    _f("position.retirement_age", "int", "position", "years", "Batas usia pensiun jabatan tujuan",
       "Retirement age of the target"),
    # pair
    _f("competency_fit", "float", "pair", "ratio", "Kesesuaian kompetensi", "Competency fit",
       changeable=True),
    _f("competency_gaps", "list[str]", "pair", "list", "Kompetensi yang belum dimiliki",
       "Missing competencies", changeable=True),
    _f("education_fits", "bool", "pair", "flag", "Pendidikan sesuai", "Education fits",
       changeable=True),
    _f("same_job_family", "bool", "pair", "flag", "Rumpun jabatan sama", "Same job family"),
    _f("months_to_retirement_at_target", "int", "pair", "months",
       "Sisa masa kerja pada jabatan tujuan", "Months to retirement in the target", time_based=True,
       protected=True, grows=False),
    _f("prefers_target_unit", "bool", "pair", "flag", "Memilih unit tujuan", "Prefers target unit"),
    _f("preference_rank", "int", "pair", "count", "Urutan pilihan", "Preference rank"),
    _f("spouse_workplace_area", "str", "pair", "text",
       "Letak jabatan tujuan terhadap tempat kerja suami/istri",
       "Where the target lies relative to the spouse's workplace"),
    _f("domicile_area", "str", "pair", "text", "Letak jabatan tujuan terhadap domisili",
       "Where the target lies relative to the domicile"),
    # move and round
    _f("move.kind", "str", "move", "text", "Jenis mutasi", "Kind of move"),
    _f("move.target_in_position_map", "bool", "move", "flag", "Jabatan tujuan ada dalam peta jabatan",
       "Target is in the position map"),
    _f("move.target_is_sekda", "bool", "move", "flag", "Jabatan tujuan Sekda", "Target is Sekda"),
    _f("move.involves_inspektorat", "bool", "move", "flag", "Melibatkan Inspektorat",
       "Involves the Inspektorat"),
    _f("move.from_jpt", "bool", "move", "flag", "Dari jabatan JPT", "Moves out of a JPT post"),
    _f("move.has_statutory_grounds", "bool", "move", "flag", "Ada alasan menurut peraturan",
       "Has statutory grounds", changeable=True),
    _f("move.grounds", "list[str]", "move", "list", "Alasan penurunan jabatan yang dinyatakan",
       "Statutory grounds stated"),
    _f("move.grounds_supported", "bool", "move", "flag",
       "Alasan didukung catatan kepegawaian (hukuman, SKP, dokumen)",
       "Grounds supported by the records (punishment, SKP, document)", changeable=True),
    _f("move.to_lower_level", "bool", "move", "flag", "Ke jabatan atau jenjang yang lebih rendah",
       "To a lower position or level"),
    _f("move.from_sekda", "bool", "move", "flag", "Memindahkan Sekda yang menjabat",
       "Moves the sitting Sekda out"),
    _f("move.involves_inspektorat_official", "bool", "move", "flag",
       "Melibatkan Inspektur atau Inspektur Pembantu", "Involves the Inspektur or an Inspektur Pembantu"),
    _f("move.from_kind", "str", "move", "text", "Jenis jabatan asal", "Kind of the origin post"),
    _f("move.own_request", "bool", "move", "flag", "Atas permintaan sendiri",
       "At the employee's own request"),
    _f("round.sk_issued", "bool", "move", "flag", "SK sudah ditandatangani",
       "The SK is already signed"),
    _f("round.sk_status", "str", "move", "text", "Status SK (rancangan/terbit)", "SK status (draft/issued)"),
    _f("round.in_post_inauguration_window", "bool", "move", "flag",
       "Dalam 6 bulan sejak pelantikan kepala daerah", "Within 6 months of the head's inauguration"),
    _f("round.signer_is_candidate", "bool", "move", "flag", "Penanda tangan adalah calon dalam pilkada",
       "The signing head is a candidate in the election"),
    _f("signed_no_transfer_statement", "bool", "candidate", "flag",
       "Menandatangani pernyataan tidak pindah instansi 10 tahun",
       "Signed the statement not to move to another agency for 10 years"),
    _f("major_fits", "bool", "pair", "flag", "Jurusan sesuai syarat jabatan (syaratJurusan)",
       "Field of study meets the post's requirement (syaratJurusan)", changeable=True),
    _f("move.decision_maker_relation", "str", "move", "text",
       "Hubungan keluarga pejabat yang menetapkan", "Family relation of the signing official"),
    _f("move.decision_maker_family_relation", "bool", "move", "flag",
       "Hubungan keluarga dengan pejabat penanda tangan", "Family relation to the signer"),
    _f("move.is_cancellation", "bool", "move", "flag", "Pembatalan mutasi", "Cancels a move"),
    _f("move.inter_agency", "bool", "move", "flag", "Mutasi antarinstansi", "Between agencies"),
    _f("move.inter_agency_route", "str", "move", "text", "Jenis mutasi antarinstansi (menentukan pejabat yang berwenang)",
       "Kind of inter-agency move (decides who decides it)"),
    _f("round.signer_office", "str", "move", "text", "Jabatan penanda tangan SK", "Office of the SK's signer"),
    _f("move.route_and_signer", "str", "move", "text", "Jenis mutasi antarinstansi dan jabatan penanda tangan",
       "Kind of inter-agency move and the signer's office"),
    _f("move.documents_name_position", "bool", "move", "flag",
       "Usul dan persetujuan PPK menyebut jabatan yang akan diduduki",
       "The PPKs' proposal and approval name the position to be taken", changeable=True),
    _f("round.in_election_window", "bool", "move", "flag", "Dalam masa larangan pilkada",
       "Inside the election window", time_based=True),
    _f("round.months_since_head_inauguration", "int", "move", "months",
       "Masa sejak pelantikan kepala daerah", "Time since the head's inauguration", time_based=True),
    _f("round.signer_kind", "str", "move", "text", "Jenis pejabat penanda tangan", "Signer kind"),
    _f("round.documents_on_file", "list[str]", "move", "list", "Dokumen yang ada",
       "Documents on file", changeable=True),
]
FACTS: dict[str, FactSpec] = {s.name: s for s in _SPECS}
