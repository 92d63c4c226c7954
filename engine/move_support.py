"""Move facts that need the records behind them: is the relation a conflict, do the records
support the stated grounds, is the target a lower position. Pure; used by engine/facts.py.
Each function returns (value, reason code when the value is None).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from engine.dates import add_months, months_between
from engine.records import Document, Employee, Position, ProposedMove, ReviewContext
from engine.vocab import GROUND_BY_CODE, NONE, PUNISHMENT_KIND_WORDS, RELATION_BY_CODE

# Level of a post inside its line of career; posts of different lines are not compared.
_STRUCTURAL = {"pelaksana": 1, "pengawas": 2, "administrator": 3, "jpt_pratama": 4,
               "jpt_madya": 5, "jpt_utama": 6}
_JF = {"ahli_pertama": 1, "ahli_muda": 2, "ahli_madya": 3, "ahli_utama": 4,
       "pemula": 1, "terampil": 2, "mahir": 3, "penyelia": 4}


def relation_conflict(move: ProposedMove, params: Mapping[str, Any]) -> tuple[bool | None, str]:
    code = move.decision_maker_relation or NONE
    if code == NONE:
        return False, ""
    rel = RELATION_BY_CODE.get(code)
    if rel is None:
        return None, "unknown_family_relation"
    limit = params.get("family_relation_max_degree")
    if limit is None:
        return None, "param_family_relation_max_degree_not_defined"
    return rel.degree <= int(limit), ""


def _level(p: Position) -> tuple[str, int] | None:
    if p.kind in _STRUCTURAL:
        return "structural", _STRUCTURAL[p.kind]
    if p.kind in ("jf_keahlian", "jf_keterampilan") and p.jf_level in _JF:
        return p.kind, _JF[p.jf_level]
    return None


def to_lower_level(move: ProposedMove, frm: Position | None,
                   to: Position | None) -> tuple[bool | None, str]:
    """A demotion by kind, or a target of a lower level in the same career line."""
    if move.kind == "demotion":
        return True, ""
    if frm is None or to is None:
        return None, "origin_or_target_not_in_world"
    a, b = _level(frm), _level(to)
    if a is None or b is None:
        return None, "position_level_unknown"
    if a[0] != b[0]:
        return False, ""  # another career line (e.g. structural to functional): not a demotion
    return b[1] < a[1], ""


def _punishment_on_file(emp: Employee, code: str, as_of: date) -> bool | None:
    if not emp.discipline_record_known:
        return None
    words = PUNISHMENT_KIND_WORDS.get(code, ())
    for p in emp.punishments:
        kind = (p.kind or "").lower()
        if p.level == "berat" and any(w in kind for w in words) and \
                (p.start is None or p.start <= as_of) and (p.end is None or p.end >= as_of):
            return True
    return False


def _any_punishment(emp: Employee, as_of: date) -> bool | None:
    if any(p.start is not None and p.start <= as_of for p in emp.punishments):
        return True
    return None if not emp.discipline_record_known else False


def _doc(move: ProposedMove, doc_type: str | None, documents: Sequence[Document]) -> bool:
    return any(d.type == doc_type and (not d.covers or move.id in d.covers or move.nip in d.covers)
               for d in documents)


def _skp_below(skp_facts: Sequence[str | None], good: Sequence[str]) -> bool | None:
    if any(s is None for s in skp_facts):
        return None
    return all(s not in good for s in skp_facts)


def grounds_supported(move: ProposedMove, emp: Employee, as_of: date,
                      documents: Sequence[Document], skp_facts: Sequence[str | None],
                      params: Mapping[str, Any]) -> tuple[bool | None, str]:
    """True when every stated ground is borne out by a record on file: the heavy punishment
    of that kind, SKP predicates below 'Baik' in each year of the period, or the document."""
    if not move.grounds:
        return False, ""
    unknown = False
    for code in move.grounds:
        g = GROUND_BY_CODE.get(code)
        if g is None:
            return False, ""
        if g.evidence == "punishment":
            ok = _punishment_on_file(emp, code, as_of)
        elif g.evidence == "skp":
            good = params.get("skp_predicates_min_baik")
            ok = None if good is None else _skp_below(skp_facts, list(good))
        elif g.evidence == "violation":  # a punishment on file, or the document
            pun = _any_punishment(emp, as_of)
            ok = True if pun or _doc(move, g.document_type, documents) else pun
        else:
            ok = any(d.type == g.document_type and (not d.covers or move.id in d.covers
                                                     or move.nip in d.covers)
                     for d in documents)
        if ok is False:
            return False, ""
        unknown = unknown or ok is None
    return (None, "grounds_records_unknown") if unknown else (True, "")


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("-", " ").split())


def major_fits(emp: Employee, pos: Position) -> tuple[bool | None, str]:
    """syaratJurusan: the held field of study names (or is named by) one required field."""
    if not pos.required_majors:
        return True, ""
    if not emp.education_major:
        return None, "no_education_major"
    held = _norm(emp.education_major)
    return any(_norm(r) in held or held in _norm(r) for r in pos.required_majors if r.strip()), ""


def post_inauguration(ctx: ReviewContext, params: Mapping[str, Any]) -> tuple[bool | None, str]:
    """UU 10/2016 Pasal 162(3): within N months of the head's inauguration. A context may
    state that no head was inaugurated in that period instead of giving the date."""
    months = params.get("post_inauguration_months")
    if months is None:
        return None, "param_post_inauguration_months_not_defined"
    if ctx.head_inauguration_date is None:
        return (False, "") if ctx.no_recent_inauguration else (None, "no_head_inauguration_date")
    return months_between(ctx.head_inauguration_date, ctx.decision_date) < int(months), ""


def in_election_window(ctx: ReviewContext, params: Mapping[str, Any]) -> tuple[bool | None, str]:
    """UU 10/2016 Pasal 71(2): from N months before candidate determination to term end.

    Without a candidate determination date the window is unknown (data missing), unless the
    round's context states that no election is scheduled: a Mendagri approval may never be
    skipped silently.
    """
    if ctx.candidate_determination_date is None:
        if ctx.no_election_scheduled:
            return False, ""
        return None, "no_candidate_determination_date"
    months = params.get("election_window_months_before")
    if months is None:
        return None, "param_election_window_months_before_not_defined"
    start = add_months(ctx.candidate_determination_date, -int(months))
    if ctx.decision_date < start:
        return False, ""
    if ctx.decision_date <= ctx.candidate_determination_date:
        return True, ""  # before penetapan pasangan calon: inside the term without its end date
    if ctx.term_end_date is None:
        return None, "no_term_end_date"
    return ctx.decision_date <= ctx.term_end_date, ""


# The receiving PPK's proposal and the origin PPK's approval name the position to be taken
# (PP 11/2017 Pasal 192 ayat (2), Pasal 193 ayat (2)).
NAMING_DOCUMENTS = ("usul_ppk_penerima", "persetujuan_ppk_asal")


def documents_name_position(move: ProposedMove, ctx: ReviewContext) -> tuple[bool | None, str]:
    """True when each proposal/approval on file for the move names its target position; False
    when one names another position; None when one names none (nothing to check against).
    With none of them on file: True here (their absence is the approval criteria's finding)."""
    if move.kind != "inter_agency":
        return True, ""
    cutoff = ctx.sk_date if ctx.sk_status == "issued" else None
    docs = [d for d in ctx.documents if d.type in NAMING_DOCUMENTS
            and (not d.covers or move.id in d.covers or move.nip in d.covers)
            and (cutoff is None or d.date <= cutoff)]
    if any(d.position_id is not None and d.position_id != move.to_position_id for d in docs):
        return False, ""
    if any(d.position_id is None for d in docs):
        return None, "document_names_no_position"
    return True, ""
