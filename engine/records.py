"""Input records: what the engine reads about people, positions and a review round.

Plain frozen dataclasses, independent of the database (mutasi/store converts rows into
these; the demo generator and tests build them directly). ``None`` always means "not on
file": facts derived from it become *data missing*, never 0 or False.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SkpRecord:
    """One yearly performance appraisal (SKP)."""

    year: int
    predicate: str | None = None  # Sangat Baik / Baik / Butuh Perbaikan / Kurang / Sangat Kurang
    score: float | None = None  # older numeric records; mapped to a predicate by a pack table
    regulation: str | None = None  # e.g. "PP 46/2011", "PP 30/2019", "PermenPANRB 6/2022"


@dataclass(frozen=True)
class Punishment:
    """One disciplinary punishment (PP 94/2021)."""

    level: str  # ringan / sedang / berat
    kind: str  # e.g. "teguran lisan", "pemotongan tunkin 25% 6 bulan"
    start: date | None = None
    end: date | None = None
    decree: str | None = None


@dataclass(frozen=True)
class Posting:
    """One row of the position history (riwayat jabatan): where and when a person served."""

    unit_id: str | None  # None: the history row names no unit
    start: date
    end: date | None = None  # None: still in that post


@dataclass(frozen=True)
class Circumstance:
    """A circumstance a person declared for the voluntary round's points (issue 20): the
    spouse's workplace or the person's domicile, as a region code, with its supporting
    document. Verified only when the committee recorded who checked it and when; before
    that it is a claim, not a fact."""

    kind: str  # spouse_workplace / domicile (engine.circumstances.CIRCUMSTANCE_KINDS)
    region_code: str  # kode wilayah, kecamatan level or finer, e.g. "14.72.01"
    document: str  # kind and number of the supporting document
    verified_by: str | None = None
    verified_on: date | None = None


@dataclass(frozen=True)
class Employee:
    nip: str
    name: str
    birth_date: date | None = None
    # Protected attributes: carried for the fairness report only; no rule may read them.
    gender: str | None = None  # "L" / "P"
    religion: str | None = None
    status: str | None = None  # PNS / CPNS / PPPK
    kedudukan: str | None = None  # aktif / tugas_belajar / cuti_diluar_tanggungan / ...
    tmt_cpns: date | None = None
    tmt_pns: date | None = None
    golongan: str | None = None  # "III/a"
    tmt_golongan: date | None = None
    unit_id: str | None = None
    position_id: str | None = None
    tmt_jabatan: date | None = None  # start in current post
    education_level: str | None = None  # SD SMP SMA D1 D2 D3 D4 S1 S2 S3
    education_major: str | None = None
    competencies: tuple[str, ...] = ()
    trainings: tuple[str, ...] = ()
    skp: tuple[SkpRecord, ...] = ()
    punishments: tuple[Punishment, ...] = ()
    discipline_record_known: bool = True  # False when the source had no discipline data at all
    under_examination: bool | None = None  # disciplinary examination in progress
    in_judicial_process: bool | None = None
    on_study_assignment: bool | None = None  # tugas belajar
    service_bond_until: date | None = None  # ikatan dinas: the date the bond ends
    # An explicit "no service bond" with its source (the document or check that shows it);
    # without a bond date or this, whether a bond binds the person is data missing.
    no_service_bond_source: str | None = None
    inspektorat_cleared: bool | None = None  # audit findings cleared (bebas temuan)
    jpt_inauguration_date: date | None = None  # when the current JPT post was taken
    potential: str | None = None  # rendah / menengah / tinggi (talent management)
    potential_score: float | None = None
    related_experience_months: int | None = None  # for JPT candidacy
    preferences: tuple[str, ...] = ()  # preferred unit ids, most preferred first
    # Signed at appointment: no request to move to another agency for personal reasons for
    # 10 years (PermenPANRB 6/2024 Pasal 59 ayat (2) and earlier cohorts); None = not on file.
    signed_no_transfer_statement: bool | None = None
    # Position history (riwayat jabatan) with units; () = none on file (hardship months missing).
    postings: tuple[Posting, ...] = ()
    circumstances: tuple[Circumstance, ...] = ()  # declared for the round's points


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    kind: str = "dinas"  # dinas / badan / sekretariat / inspektorat / kecamatan / ...
    region_code: str | None = None  # kode wilayah of its office, kecamatan level; None = not on file
    hardship: bool | None = None  # a hardship posting (daerah terpencil) per a regional decision


@dataclass(frozen=True)
class Position:
    id: str
    unit_id: str
    name: str
    # jpt_utama jpt_madya jpt_pratama administrator pengawas pelaksana jf_keahlian jf_keterampilan
    kind: str
    jf_level: str | None = None  # ahli_pertama ahli_muda ahli_madya ahli_utama pemula terampil mahir penyelia
    eselon: str | None = None  # "II.b", "III.a", ...
    rank_min: str | None = None  # golongan, e.g. "III/c"
    rank_max: str | None = None
    required_education_levels: tuple[str, ...] = ()
    required_majors: tuple[str, ...] = ()
    required_competencies: tuple[str, ...] = ()
    job_family: str | None = None
    headcount: int | None = None  # formasi in the position map
    is_sekda: bool = False


@dataclass(frozen=True)
class PositionWorkload:
    """ABK result for one position (see engine/workload.py)."""

    position_id: str
    staff_needed_exact: float  # e.g. 2.256
    staff_needed: int  # after rounding
    rounding: str  # down / nearest / up
    effective_hours: float  # e.g. 1250
    on_post: int

    @property
    def balance(self) -> int:
        """Positive = surplus, negative = deficit."""
        return self.on_post - self.staff_needed


@dataclass(frozen=True)
class Document:
    """An approval or exception document on file for a review round."""

    type: str  # e.g. "persetujuan_mendagri", "pertimbangan_tpk", "persetujuan_gubernur"
    number: str
    date: date
    issuer: str | None = None
    covers: tuple[str, ...] = ()  # move ids or NIPs it covers; empty = the whole round
    position_id: str | None = None  # the position it names (a proposal or approval of a move)


@dataclass(frozen=True)
class ProposedMove:
    id: str
    nip: str
    from_position_id: str | None
    to_position_id: str | None
    kind: str  # rotation / promotion / demotion / inter_agency / cancellation
    # Codes of engine.vocab.DEMOTION_GROUNDS (each checked against the records); () = none.
    grounds: tuple[str, ...] = ()
    grounds_explanation: str | None = None  # free text, kept for the reader, never the test
    # Code of engine.vocab.FAMILY_RELATIONS of the signing official with the person;
    # "none" (or None) = no relation.
    decision_maker_relation: str | None = None
    cancels_move_id: str | None = None
    # Whose wish: "own_request" (atas permintaan sendiri) or "organisational" (kebutuhan
    # organisasi, PP 11/2017 Pasal 190 ayat (6)); None = not stated.
    request: str | None = None
    # For an inter-agency move: engine.vocab.INTER_AGENCY_ROUTES (who decides depends on it).
    inter_agency_route: str | None = None


@dataclass(frozen=True)
class ReviewContext:
    decision_date: date
    signer_kind: str  # definitive / pj / plt
    head_inauguration_date: date | None = None
    candidate_determination_date: date | None = None  # penetapan pasangan calon
    # Stated, never assumed: without a date and without this flag the window is unknown.
    no_election_scheduled: bool = False
    term_end_date: date | None = None
    documents: tuple[Document, ...] = field(default_factory=tuple)
    agency_id: str | None = None
    # Draft (rancangan) or an SK already signed: a missing approval is needs_approval for a
    # draft, a defect of procedure (blocked) for an issued SK. None = not stated.
    sk_status: str | None = None  # draft / issued
    sk_number: str | None = None
    sk_date: date | None = None
    # Stated instead of a date: no head was inaugurated in the months before the decision.
    no_recent_inauguration: bool = False
    # Whether the signing head is a candidate in the coming election (UU 10/2016 Pasal 71(5)).
    signer_is_candidate: bool | None = None
    # The office of the SK's signer (engine.vocab.SIGNER_OFFICES); None = not stated.
    signer_office: str | None = None


@dataclass(frozen=True)
class World:
    """The organisation the engine decides in: units, positions and their workload (ABK)."""

    units: dict[str, Unit] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    workloads: dict[str, PositionWorkload] = field(default_factory=dict)  # by position id
