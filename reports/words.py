"""Words for codes that come from the data and the engine (missing-data reasons, plan reasons),
and who can complete missing data, with the document to bring.

Every code has words in both languages; an unknown code is described from its fact, never
printed as it is (tests/test_reports_readers.py renders every code).
"""

from __future__ import annotations

from engine.data_sources import CompletedBy, data_source
from reports.factmeta import FactInfo
from reports.i18n import pick

# Who completes a fact that is not on file, and what to bring, is data: engine/data_sources.yaml
# (office, completed_by, document). Only the sentences are here.
GENERIC_DOC = {"id": "dokumen pendukung yang sah", "en": "a valid supporting document"}

WHO: dict[str, dict[str, str]] = {
    "self": {
        "id": "Anda dapat melengkapinya melalui layanan pemutakhiran data BKPSDM dengan membawa {doc}.",
        "en": "You can have it completed through BKPSDM's data update service; bring {doc}.",
    },
    "office_other": {
        "id": "Data ini dilengkapi oleh {office}; Anda dapat memintanya melalui BKPSDM ({doc}).",
        "en": "This data is completed by {office}; you can ask for it through BKPSDM ({doc}).",
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
    # the voluntary round's circumstance items (engine/circumstances.py)
    "claim_not_verified": {"id": "klaim belum diverifikasi tim", "en": "the claim is not yet verified by the committee"},
    "unit_location_unknown": {"id": "kode wilayah unit kerja jabatan tujuan belum tercatat",
                              "en": "the region code of the target's unit is not on file"},
    "no_position_history": {"id": "riwayat jabatan tidak tercatat", "en": "no position history on file"},
    "posting_unit_unknown": {"id": "riwayat jabatan tidak menyebut unit kerja",
                             "en": "the position history does not name the unit"},
    "unit_hardship_not_stated": {"id": "status daerah terpencil unit kerja dalam riwayat jabatan belum tercatat",
                                 "en": "whether a unit served in is a hardship posting is not on file"},
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
    src = data_source(fact)
    doc = (src.document if src and src.document else GENERIC_DOC)[lang]
    if src is None or src.completed_by is CompletedBy.EMPLOYEE:
        return WHO["self"][lang].format(doc=doc)
    if src.completed_by is CompletedBy.OFFICE:
        return WHO["office_other"][lang].format(office=src.office_name[lang], doc=doc)
    return WHO["office_assessment"][lang].format(doc=doc) if src.document else WHO["office"][lang]


def needs_employee(fact: str) -> bool:
    src = data_source(fact)
    return src is None or src.completed_by is CompletedBy.EMPLOYEE
