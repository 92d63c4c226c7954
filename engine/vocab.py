"""Enumerated vocabularies of review input: family relations and statutory grounds for demotion.

Free text is never the test: an input value is normalised (case, spaces, '_' / '-') and looked
up among the accepted spellings; an unknown value is an input error with "did you mean".
"none", "-", "tidak ada" and an empty cell mean none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from engine.problems import suggest

NONE = "none"
NONE_SPELLINGS = ("", "-", "none", "tidak ada", "tidak", "nihil", "tiada")


@dataclass(frozen=True)
class Relation:
    code: str
    line: str  # blood (sedarah) / marriage (semenda) / spouse
    degree: int  # degree of kinship; a spouse counts 0 (always within any limit)
    title: dict[str, str]


def _r(code: str, line: str, degree: int, id_: str, en: str) -> Relation:
    return Relation(code, line, degree, {"id": id_, "en": en})


# Kinship counted by degree (derajat), blood and marriage lines. The pack's parameter
# family_relation_max_degree decides how far a relation is a conflict of interest.
FAMILY_RELATIONS: tuple[Relation, ...] = (
    _r("suami_istri", "spouse", 0, "suami/istri", "spouse"),
    _r("orang_tua", "blood", 1, "orang tua (ayah/ibu kandung)", "parent"),
    _r("anak", "blood", 1, "anak kandung", "child"),
    _r("mertua", "marriage", 1, "mertua", "parent-in-law"),
    _r("menantu", "marriage", 1, "menantu", "child-in-law"),
    _r("orang_tua_tiri", "marriage", 1, "ayah/ibu tiri", "step-parent"),
    _r("anak_tiri", "marriage", 1, "anak tiri", "step-child"),
    _r("saudara_kandung", "blood", 2, "saudara kandung (kakak/adik)", "sibling"),
    _r("kakek_nenek", "blood", 2, "kakek/nenek", "grandparent"),
    _r("cucu", "blood", 2, "cucu", "grandchild"),
    _r("ipar", "marriage", 2, "ipar (kakak/adik ipar)", "sibling-in-law"),
    _r("kakek_nenek_mertua", "marriage", 2, "kakek/nenek mertua", "grandparent-in-law"),
    _r("cucu_menantu", "marriage", 2, "cucu menantu", "grandchild-in-law"),
    _r("paman_bibi", "blood", 3, "paman/bibi", "uncle/aunt"),
    _r("keponakan", "blood", 3, "keponakan", "nephew/niece"),
    _r("buyut", "blood", 3, "buyut", "great-grandparent"),
    _r("cicit", "blood", 3, "cicit", "great-grandchild"),
    _r("paman_bibi_ipar", "marriage", 3, "paman/bibi dari suami/istri", "uncle/aunt-in-law"),
    _r("keponakan_ipar", "marriage", 3, "keponakan dari suami/istri", "nephew/niece-in-law"),
)
RELATION_BY_CODE = {r.code: r for r in FAMILY_RELATIONS}

# Spellings seen in HR files -> code (after normalisation).
_RELATION_SPELLINGS: dict[str, str] = {
    "suami": "suami_istri", "istri": "suami_istri", "isteri": "suami_istri",
    "suami istri": "suami_istri", "pasangan": "suami_istri",
    "ayah": "orang_tua", "ibu": "orang_tua", "bapak": "orang_tua", "ayah kandung": "orang_tua",
    "ibu kandung": "orang_tua", "orang tua": "orang_tua",
    "anak kandung": "anak", "anak": "anak",
    "ayah mertua": "mertua", "ibu mertua": "mertua", "mertua": "mertua",
    "menantu": "menantu",
    "ayah tiri": "orang_tua_tiri", "ibu tiri": "orang_tua_tiri", "orang tua tiri": "orang_tua_tiri",
    "anak tiri": "anak_tiri",
    "saudara kandung": "saudara_kandung", "kakak kandung": "saudara_kandung",
    "adik kandung": "saudara_kandung", "kakak": "saudara_kandung", "adik": "saudara_kandung",
    "saudara": "saudara_kandung",
    "kakek": "kakek_nenek", "nenek": "kakek_nenek", "kakek nenek": "kakek_nenek",
    "cucu": "cucu", "cucu kandung": "cucu",
    "ipar": "ipar", "kakak ipar": "ipar", "adik ipar": "ipar", "saudara ipar": "ipar",
    "kakek mertua": "kakek_nenek_mertua", "nenek mertua": "kakek_nenek_mertua",
    "kakek nenek mertua": "kakek_nenek_mertua", "cucu menantu": "cucu_menantu",
    "paman": "paman_bibi", "bibi": "paman_bibi", "om": "paman_bibi", "tante": "paman_bibi",
    "paman bibi": "paman_bibi",
    "keponakan": "keponakan", "kemenakan": "keponakan", "ponakan": "keponakan",
    "buyut": "buyut", "cicit": "cicit",
    "paman bibi ipar": "paman_bibi_ipar", "keponakan ipar": "keponakan_ipar",
}


@dataclass(frozen=True)
class Ground:
    code: str
    legal_basis: tuple[dict[str, str], ...]
    evidence: str  # what on file supports it: punishment / skp / document / violation
    document_type: str | None  # for evidence "document"
    title: dict[str, str]


# Statutory grounds for a move to a lower position or level. Each names its legal basis and
# the record that must support it (checked when facts are derived, never taken on trust).
DEMOTION_GROUNDS: tuple[Ground, ...] = (
    Ground("hukuman_disiplin_penurunan_jabatan",
           ({"regulation": "PP 94/2021", "article": "Pasal 8 ayat (4) huruf a"},),
           "punishment", None,
           {"id": "hukuman disiplin berat: penurunan jabatan setingkat lebih rendah selama 12 bulan",
            "en": "heavy disciplinary punishment: demotion one level for 12 months"}),
    Ground("hukuman_disiplin_pembebasan_jabatan",
           ({"regulation": "PP 94/2021", "article": "Pasal 8 ayat (4) huruf b"},),
           "punishment", None,
           {"id": "hukuman disiplin berat: pembebasan dari jabatan menjadi jabatan pelaksana "
                  "selama 12 bulan",
            "en": "heavy disciplinary punishment: release from position to pelaksana for 12 months"}),
    Ground("tidak_memenuhi_syarat_jabatan",
           ({"regulation": "PP 11/2017 jo. PP 17/2020", "article": "Pasal 144 huruf h"},),
           "document", "hasil_evaluasi_syarat_jabatan",
           {"id": "tidak lagi memenuhi persyaratan jabatan",
            "en": "no longer meets the position's requirements"}),
    Ground("kinerja_di_bawah_ekspektasi",
           ({"regulation": "PP 30/2019", "article": "Pasal 56"},),
           "skp", None,
           {"id": "kinerja di bawah ekspektasi selama jangka waktu yang ditetapkan",
            "en": "performance below expectation over the period set"}),
    Ground("melanggar_peraturan",
           ({"regulation": "UU 5/2014", "article": "Pasal 116 ayat (1)"},),
           "violation", "bukti_pelanggaran_peraturan",
           {"id": "melanggar ketentuan peraturan perundang-undangan",
            "en": "broke the law (a statutory provision)"}),
    Ground("penataan_organisasi",
           ({"regulation": "PP 11/2017 jo. PP 17/2020", "article": "Pasal 144 huruf g"},),
           "document", "dasar_penataan_organisasi",
           {"id": "penataan (restrukturisasi) organisasi",
            "en": "organisational restructuring"}),
)
GROUND_BY_CODE = {g.code: g for g in DEMOTION_GROUNDS}

# Kinds of an inter-agency move by who decides it (PP 11/2017 Pasal 192-193; SE Kepala BKN
# 3/SE/VIII/2019, groups I-III). The deciding office per route is written in the pack.
INTER_AGENCY_ROUTES = (
    "satu_provinsi",  # between kab/kota of one province, or a province and its kab/kota
    "antar_provinsi",  # between kab/kota of different provinces, between provinces, ...
    "pusat_daerah",  # a province/kab/kota and a central agency, either way
    "antar_pusat",  # between central agencies
)
# The office of whoever signed the SK under review.
SIGNER_OFFICES = ("gubernur", "menteri_dalam_negeri", "kepala_bkn", "ppk_instansi_penerima",
                  "ppk_instansi_asal", "lainnya")
# A disciplinary punishment's kind (free text in HR records) that carries out the ground.
PUNISHMENT_KIND_WORDS = {
    "hukuman_disiplin_penurunan_jabatan": ("penurunan jabatan",),
    "hukuman_disiplin_pembebasan_jabatan": ("pembebasan dari jabatan", "pembebasan jabatan",
                                            "dibebaskan dari jabatan"),
}
_GROUND_SPELLINGS: dict[str, str] = {
    "penurunan jabatan": "hukuman_disiplin_penurunan_jabatan",
    "hukuman disiplin penurunan jabatan": "hukuman_disiplin_penurunan_jabatan",
    "pembebasan jabatan": "hukuman_disiplin_pembebasan_jabatan",
    "pembebasan dari jabatan": "hukuman_disiplin_pembebasan_jabatan",
    "hukuman disiplin pembebasan jabatan": "hukuman_disiplin_pembebasan_jabatan",
    "tidak memenuhi syarat jabatan": "tidak_memenuhi_syarat_jabatan",
    "tidak memenuhi persyaratan jabatan": "tidak_memenuhi_syarat_jabatan",
    "kinerja di bawah ekspektasi": "kinerja_di_bawah_ekspektasi",
    "kinerja tidak memenuhi target": "kinerja_di_bawah_ekspektasi",
    "penataan organisasi": "penataan_organisasi",
    "restrukturisasi organisasi": "penataan_organisasi",
    "restrukturisasi": "penataan_organisasi",
    "melanggar peraturan": "melanggar_peraturan",
    "melanggar ketentuan peraturan perundang undangan": "melanggar_peraturan",
    "pelanggaran": "melanggar_peraturan",
}


def normalise(text: str | None) -> str:
    return re.sub(r"[\s_\-]+", " ", (text or "").strip().lower()).strip()


def is_none(text: str | None) -> bool:
    return normalise(text) in NONE_SPELLINGS or (text or "").strip() == "-"


@dataclass(frozen=True)
class Lookup:
    code: str | None  # None with error set: unknown value
    error: str = ""
    hint: str = ""


def _lookup(text: str | None, codes: Mapping[str, object], spellings: Mapping[str, str],
            what: str) -> Lookup:
    if is_none(text):
        return Lookup(NONE)
    key = normalise(text)
    code = key.replace(" ", "_")
    if code in codes:
        return Lookup(code)
    if key in spellings:
        return Lookup(spellings[key])
    choices = sorted(set(codes) | set(spellings))
    hint = suggest(key, choices) or suggest(code, choices)
    hint = (hint + " " if hint else "") + f"allowed: {', '.join(sorted(codes))} (or none)"
    return Lookup(None, f"unknown {what} '{(text or '').strip()}'", hint)


def lookup_relation(text: str | None) -> Lookup:
    return _lookup(text, RELATION_BY_CODE, _RELATION_SPELLINGS, "family relation")


def lookup_ground(text: str | None) -> Lookup:
    return _lookup(text, GROUND_BY_CODE, _GROUND_SPELLINGS, "statutory ground")


def split_list(text: str | None) -> list[str]:
    """'a; b, c' -> ['a', 'b', 'c'] (a cell may list several grounds)."""
    return [p.strip() for p in re.split(r"[;,]", text or "") if p.strip()]
