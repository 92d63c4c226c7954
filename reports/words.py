"""Words for codes that come from the data and the engine (missing-data reasons, plan reasons),
and who can complete missing data, with the document to bring.

Every code has words in both languages; an unknown code is described from its fact, never
printed as it is (tests/test_reports_readers.py renders every code).
"""

from __future__ import annotations

from reports.factmeta import FactInfo
from reports.i18n import pick

# Who completes a fact that is not on file, and what to bring. "self": the employee, through
# BKPSDM's data update; otherwise an office. Facts about a position, a unit or the rule pack
# are the committee's / BKPSDM's to complete: the employee need not do anything.
_DOCS: dict[str, tuple[str, dict[str, str]]] = {
    "tmt_jabatan": ("self", {"id": "SK jabatan terakhir", "en": "the decree (SK) of your current post"}),
    "months_in_post": ("self", {"id": "SK jabatan terakhir", "en": "the decree (SK) of your current post"}),
    "tmt_pns": ("self", {"id": "SK pengangkatan sebagai PNS", "en": "your PNS appointment decree"}),
    "months_since_tmt_pns": ("self", {"id": "SK pengangkatan sebagai PNS", "en": "your PNS appointment decree"}),
    "golongan": ("self", {"id": "SK kenaikan pangkat terakhir", "en": "your latest rank promotion decree"}),
    "rank_ordinal": ("self", {"id": "SK kenaikan pangkat terakhir", "en": "your latest rank promotion decree"}),
    "education_level": ("self", {"id": "ijazah terakhir", "en": "your latest diploma"}),
    "education_ordinal": ("self", {"id": "ijazah terakhir", "en": "your latest diploma"}),
    "education_fits": ("self", {"id": "ijazah terakhir", "en": "your latest diploma"}),
    "age_years": ("self", {"id": "akta kelahiran atau KTP", "en": "your birth certificate or identity card"}),
    "skp_predicate_last_year": ("self", {"id": "dokumen SKP tahun lalu", "en": "last year's SKP document"}),
    "skp_predicate_year_before": ("self", {"id": "dokumen SKP dua tahun lalu", "en": "the SKP document of the year before last"}),
    "jf_level": ("self", {"id": "SK jabatan fungsional", "en": "your functional post decree"}),
    "related_experience_months": ("self", {"id": "riwayat jabatan beserta SK-nya", "en": "your post history with its decrees"}),
    "nine_box": ("office_assessment", {"id": "hasil penilaian potensi", "en": "the potential assessment"}),
    "inspektorat_cleared": ("office_inspektorat", {"id": "surat keterangan bebas temuan dari Inspektorat",
                                                   "en": "a certificate of no findings from the Inspektorat"}),
    "medium_heavy_punishments_in_lookback": ("self", {
        "id": "surat keterangan tidak pernah dijatuhi hukuman disiplin",
        "en": "a certificate of no disciplinary punishment"}),
    "punishment_active": ("self", {"id": "surat keterangan tidak sedang dijatuhi hukuman disiplin",
                                   "en": "a certificate of no current disciplinary punishment"}),
    "under_examination": ("self", {"id": "surat keterangan tidak sedang menjalani pemeriksaan disiplin dari atasan langsung",
                                   "en": "a statement from your direct superior that you are not under disciplinary examination"}),
    "in_judicial_process": ("self", {"id": "surat keterangan tidak sedang menjalani proses peradilan",
                                     "en": "a certificate that you are not in a judicial process"}),
    "on_study_assignment": ("self", {"id": "SK tugas belajar atau surat keterangan selesai tugas belajar",
                                     "en": "your study assignment decree or its completion certificate"}),
    "service_bond_active": ("self", {"id": "perjanjian ikatan dinas, atau surat keterangan tidak terikat ikatan dinas",
                                     "en": "your service bond agreement, or a certificate that you are bound by none"}),
    "status": ("self", {"id": "SK pengangkatan sebagai PNS", "en": "your PNS appointment decree"}),
    "kedudukan": ("self", {"id": "SK kedudukan kepegawaian terakhir", "en": "your latest employment status decree"}),
}
GENERIC_DOC = {"id": "dokumen pendukung yang sah", "en": "a valid supporting document"}
# Facts that describe a post, a unit, the round or the workload: an office completes them.
OFFICE_FACTS = ("position.", "move.", "round.", "origin_unit_balance", "competency_fit", "competency_gaps",
                "education_fits", "same_job_family")

WHO: dict[str, dict[str, str]] = {
    "self": {
        "id": "Anda dapat melengkapinya melalui layanan pemutakhiran data BKPSDM dengan membawa {doc}.",
        "en": "You can have it completed through BKPSDM's data update service; bring {doc}.",
    },
    "office_inspektorat": {
        "id": "Data ini dilengkapi oleh Inspektorat; Anda dapat memintanya melalui BKPSDM ({doc}).",
        "en": "The Inspektorat completes this data; you can ask for it through BKPSDM ({doc}).",
    },
    "office_assessment": {
        "id": "Data ini dilengkapi oleh BKPSDM dari {doc}; Anda tidak perlu melakukan apa pun.",
        "en": "BKPSDM completes this data from {doc}; you need not do anything.",
    },
    "office": {
        "id": "Data ini dilengkapi oleh BKPSDM (data jabatan, peta jabatan atau analisis beban kerja); Anda tidak perlu melakukan apa pun.",
        "en": "BKPSDM completes this data (post records, position map or workload analysis); you need not do anything.",
    },
}

# Missing-fact reason codes (engine/facts.py). "no_<fact>" without an entry here reads as
# "<fact title> not on file"; "param_<name>_not_defined" as a gap in the rule pack.
MISSING: dict[str, dict[str, str]] = {
    "no_tmt_jabatan": {"id": "TMT jabatan tidak tercatat", "en": "start date in post not on file"},
    "no_skp_for_year": {"id": "SKP tahun tersebut tidak tercatat", "en": "no SKP for that year"},
    "origin_not_in_world": {"id": "jabatan asal tidak ada di peta jabatan", "en": "current post not in the position map"},
    "position_not_in_world": {"id": "jabatan tidak ada di peta jabatan", "en": "post not in the position map"},
    "target_not_in_world": {"id": "jabatan tujuan tidak ada di peta jabatan", "en": "target post not in the position map"},
    "unit_not_in_world": {"id": "unit kerja tidak tercatat", "en": "unit not on file"},
    "position_kind_not_in_retirement_table": {
        "id": "batas usia pensiun untuk jenis jabatan ini belum diatur dalam paket aturan",
        "en": "the rule pack sets no retirement age for this kind of post"},
    "skp_regulation_not_in_table": {
        "id": "nilai SKP menurut peraturan tersebut belum dapat dikonversi ke predikat",
        "en": "the SKP score under that regulation cannot be converted to a rating yet"},
    "not_on_file": {"id": "tidak tercatat", "en": "not on file"},
    "inter_agency_route_not_stated": {"id": "jenis mutasi antarinstansi tidak disebutkan dalam usulan",
                                      "en": "the kind of inter-agency move is not stated in the proposal"},
    "signer_office_not_stated": {"id": "jabatan penanda tangan SK tidak disebutkan",
                                 "en": "the office of the SK's signer is not stated"},
    "document_names_no_position": {"id": "usul atau persetujuan PPK tidak menyebut jabatan yang akan diduduki",
                                   "en": "the PPK's proposal or approval does not name the position to be taken"},
    "no_service_bond_record": {
        "id": "tidak tercatat tanggal berakhirnya ikatan dinas maupun keterangan tidak terikat ikatan dinas beserta sumbernya",
        "en": "neither the end date of a service bond nor a sourced statement of no service bond is on file"},
}


def _fact_of_code(code: str) -> str:
    return code[3:] if code.startswith("no_") else ""


def missing_words(code: str, fact: str, meta: dict[str, FactInfo], lang: str) -> str:
    """Why a fact is missing, in words; never the code itself."""
    if code in MISSING:
        return MISSING[code][lang]
    if code.startswith("param_") and code.endswith("_not_defined"):
        return ("paket aturan belum menetapkan nilai yang diperlukan" if lang == "id"
                else "the rule pack does not set the value needed")
    raw = _fact_of_code(code)  # "no_position_kind" names position_kind or position.kind
    info = meta.get(fact) or meta.get(raw) or meta.get(raw.replace("_", ".", 1))
    title = pick(info.title, lang) if info and info.title else ""
    if title:
        return f"{title} tidak tercatat" if lang == "id" else f"{title} not on file"
    return "tidak tercatat" if lang == "id" else "not on file"


def who_fixes(fact: str, lang: str) -> str:
    """Who completes a missing fact and how (the employee via BKPSDM, or an office)."""
    if fact in _DOCS:
        who, doc = _DOCS[fact]
        return WHO[who][lang].format(doc=doc[lang])
    if fact.startswith(OFFICE_FACTS):
        return WHO["office"][lang]
    return WHO["self"][lang].format(doc=GENERIC_DOC[lang])


def needs_employee(fact: str) -> bool:
    return _DOCS[fact][0] == "self" if fact in _DOCS else not fact.startswith(OFFICE_FACTS)
