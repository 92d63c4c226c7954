"""Fact derivation: records + explicit as-of date + pack parameters -> facts. The schema
(names, types, scopes, flags) is engine/fact_schema.py; its names are importable from here.

Whole months: ``months_between(start, end)`` is the largest n with
``add_months(start, n) <= end``, where ``add_months`` clamps to the month's last day
(31 Jan + 1 month = 28/29 Feb). So 2024-01-31 -> 2024-02-29 is 1 month, and a person who
started on 29 Feb 2024 completes 12 months on 28 Feb 2025.

A fact value ``None`` means data missing; its reason code is kept under the ``_missing`` key
of the facts dict (e.g. ``no_tmt_jabatan``), so a facts dict is a self-contained snapshot.
Nothing here reads the wall clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from engine import circumstances as C
from engine import move_support as MS
from engine.dates import add_months, day_number, months_between, years_between
from engine.fact_schema import FACTS, MISSING_KEY, PROTECTED_ATTRIBUTES, SCOPE_FACTS, FactSpec
from engine.records import Employee, Position, ProposedMove, ReviewContext, World

__all__ = [
    "EDUCATION", "EDUCATION_ORDINAL", "FACTS", "MISSING_KEY", "NINE_BOX", "PREDICATES",
    "PROTECTED_ATTRIBUTES", "RANKS", "RANK_ORDINAL", "SCOPE_FACTS", "FactSpec", "add_months",
    "candidate_facts", "day_number", "merge", "months_between", "move_facts", "pair_facts",
    "position_facts", "years_between",
]

RANKS = ("I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c",
         "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e")
RANK_ORDINAL = {g: i + 1 for i, g in enumerate(RANKS)}
EDUCATION = ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
EDUCATION_ORDINAL = {e: i + 1 for i, e in enumerate(EDUCATION)}
EDUCATION_ORDINAL["D-IV"] = EDUCATION_ORDINAL["D4"]
PREDICATES = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
# 9-box (PermenPANRB 3/2020): (performance, potential) -> box
NINE_BOX = {("above", "high"): 9, ("meets", "high"): 8, ("above", "medium"): 7,
            ("below", "high"): 6, ("meets", "medium"): 5, ("above", "low"): 4,
            ("below", "medium"): 3, ("meets", "low"): 2, ("below", "low"): 1}


# ---- month arithmetic -------------------------------------------------------------------

# ---- derivation -------------------------------------------------------------------------

Params = Mapping[str, Any]  # parameter name -> value in force at the as-of date


class _Facts:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.missing: dict[str, str] = {}

    def put(self, name: str, value: Any, reason: str = "") -> None:
        assert name in FACTS, name
        if isinstance(value, date):
            value = value.isoformat()
        if isinstance(value, float):
            value = round(value, 4)  # no exponent notation reaches the engine
        self.values[name] = value
        if value is None:
            self.missing[name] = reason or f"no_{name.replace('.', '_')}"

    def done(self) -> dict[str, Any]:
        out = dict(sorted(self.values.items()))
        out[MISSING_KEY] = dict(sorted(self.missing.items()))
        return out


def _retirement_age(kind: str | None, jf_level: str | None, params: Params,
                    family: str | None = None) -> tuple[int | None, str]:
    table = params.get("retirement_age_by_kind")
    if not isinstance(table, Mapping):
        return None, "param_retirement_age_by_kind_not_defined"
    if kind is None:
        return None, "no_position_kind"
    for key in (f"job_family:{family}", f"{kind}.{jf_level}", kind):
        if key in table:
            return int(table[key]), ""
    return None, "position_kind_not_in_retirement_table"


def _retirement_date(birth: date | None, age: int | None) -> date | None:
    """BUP: pension from the first day of the month after the birthday at that age."""
    if birth is None or age is None:
        return None
    return add_months(date(birth.year + age, birth.month, 1), 1)


def _skp_predicate(emp: Employee, year: int, params: Params) -> tuple[str | None, str]:
    recs = [s for s in emp.skp if s.year == year]
    if not recs:
        return None, "no_skp_for_year"
    rec = recs[-1]
    if rec.predicate:
        return rec.predicate, ""
    if rec.score is None:
        return None, "skp_without_predicate_or_score"
    table = params.get("skp_score_predicates")
    if not isinstance(table, Mapping):
        return None, "param_skp_score_predicates_not_defined"
    bands = table.get(rec.regulation or "") if rec.regulation else None
    if not bands:
        return None, "skp_regulation_not_in_table"
    for band in bands:  # [{min: 91, predicate: Sangat Baik}, ...] highest first
        if rec.score >= float(band["min"]):
            return str(band["predicate"]), ""
    return None, "skp_score_below_table"


def _punishments(emp: Employee, as_of: date, params: Params, f: _Facts) -> None:
    f.put("discipline_lookback_months_used", params.get("discipline_lookback_months"),
          "param_discipline_lookback_months_not_defined")
    if not emp.discipline_record_known:
        f.put("punishment_active", None, "no_discipline_record")
        f.put("medium_heavy_punishments_in_lookback", None, "no_discipline_record")
        return
    active: bool | None = False
    for p in emp.punishments:
        if p.start is None:
            active = None if active is False else active
        elif p.start <= as_of and (p.end is None or as_of <= p.end):
            active = True if p.end is not None else (active or None)
    f.put("punishment_active", active, "punishment_dates_unknown")
    lookback = params.get("discipline_lookback_months")
    if lookback is None:
        f.put("medium_heavy_punishments_in_lookback", None, "param_discipline_lookback_months_not_defined")
        return
    since = add_months(as_of, -int(lookback))
    count: int | None = 0
    for p in emp.punishments:
        if p.level not in ("sedang", "berat"):
            continue
        if p.start is None:
            count = None
            break
        if p.start <= as_of and (p.end is None or p.end >= since):
            count = (count or 0) + 1
    f.put("medium_heavy_punishments_in_lookback", count, "punishment_dates_unknown")


def _performance_band(pred: str | None) -> str | None:
    if pred is None:
        return None
    return {"Sangat Baik": "above", "Baik": "meets"}.get(pred, "below")


def _potential_band(emp: Employee, params: Params) -> tuple[str | None, str]:
    if emp.potential in ("rendah", "menengah", "tinggi"):
        return {"rendah": "low", "menengah": "medium", "tinggi": "high"}[emp.potential], ""
    if emp.potential_score is None:
        return None, "no_potential"
    cut = params.get("potential_cutoffs")  # {medium: 60, high: 80}
    if not isinstance(cut, Mapping):
        return None, "param_potential_cutoffs_not_defined"
    s = emp.potential_score
    return ("high" if s >= cut["high"] else "medium" if s >= cut["medium"] else "low"), ""


def candidate_facts(emp: Employee, world: World, as_of: date, params: Params) -> dict[str, Any]:
    f = _Facts()
    f.put("status", emp.status)
    f.put("kedudukan", emp.kedudukan)
    f.put("tmt_jabatan", emp.tmt_jabatan)
    f.put("months_in_post", months_between(emp.tmt_jabatan, as_of) if emp.tmt_jabatan else None,
          "no_tmt_jabatan")
    f.put("tmt_pns", emp.tmt_pns)
    f.put("months_since_tmt_pns", months_between(emp.tmt_pns, as_of) if emp.tmt_pns else None,
          "no_tmt_pns")
    f.put("age_years", years_between(emp.birth_date, as_of) if emp.birth_date else None,
          "no_birth_date")
    f.put("golongan", emp.golongan)
    f.put("rank_ordinal", RANK_ORDINAL.get(emp.golongan or ""),
          "unknown_golongan" if emp.golongan else "no_golongan")
    f.put("education_level", emp.education_level)
    f.put("education_ordinal", EDUCATION_ORDINAL.get(emp.education_level or ""),
          "unknown_education_level" if emp.education_level else "no_education_level")
    pos = world.positions.get(emp.position_id or "")
    why_pos = "position_not_in_world" if emp.position_id else "no_position_id"
    kind = pos.kind if pos else None
    f.put("position_kind", kind, why_pos)
    f.put("jf_level", pos.jf_level if pos else None, why_pos if not pos else "no_jf_level")
    f.put("is_jpt", kind.startswith("jpt") if kind else None, why_pos)
    age, why = _retirement_age(kind, pos.jf_level if pos else None, params,
                               pos.job_family if pos else None)
    f.put("retirement_age", age, why)
    rdate = _retirement_date(emp.birth_date, age)
    f.put("retirement_date", rdate, "no_birth_date" if age is not None else why)
    f.put("months_to_retirement", months_between(as_of, rdate) if rdate else None,
          "no_birth_date" if age is not None else why)
    for name, year in (("skp_predicate_last_year", as_of.year - 1),
                       ("skp_predicate_year_before", as_of.year - 2)):
        pred, why = _skp_predicate(emp, year, params)
        f.put(name, pred, why)
    _punishments(emp, as_of, params, f)
    f.put("under_examination", emp.under_examination)
    f.put("in_judicial_process", emp.in_judicial_process)
    f.put("on_study_assignment", emp.on_study_assignment)
    # A bond end date decides; without one only an explicit "no bond" with its source is
    # no bond. Nothing on file is data missing, never "no bond".
    bond: bool | None = None
    if emp.service_bond_until is not None:
        bond = emp.service_bond_until >= as_of
    elif emp.no_service_bond_source:
        bond = False
    f.put("service_bond_active", bond, "no_service_bond_record")
    f.put("inspektorat_cleared", emp.inspektorat_cleared)
    f.put("signed_no_transfer_statement", emp.signed_no_transfer_statement, "no_statement_record")
    f.put("jpt_inauguration_date", emp.jpt_inauguration_date)
    f.put("months_since_jpt_inauguration",
          months_between(emp.jpt_inauguration_date, as_of) if emp.jpt_inauguration_date else None,
          "no_jpt_inauguration_date")
    f.put("related_experience_months", emp.related_experience_months)
    perf = _performance_band(f.values.get("skp_predicate_last_year"))
    pot, why = _potential_band(emp, params)
    f.put("nine_box", NINE_BOX[(perf, pot)] if perf and pot else None,
          why if perf else "no_skp_for_year")
    f.put("competencies", sorted(emp.competencies))
    wl = world.workloads.get(emp.position_id or "")
    f.put("origin_unit_balance", wl.balance if wl else None, "no_workload_for_position")
    f.put("hardship_posting_months", *C.hardship_months(emp, world, as_of))
    return f.done()


def position_facts(pos: Position, world: World, params: Params) -> dict[str, Any]:
    f = _Facts()
    f.put("position.kind", pos.kind)
    f.put("position.jf_level", pos.jf_level)
    f.put("position.eselon", pos.eselon)
    f.put("position.rank_min_ordinal", RANK_ORDINAL.get(pos.rank_min or ""), "no_rank_min")
    f.put("position.rank_max_ordinal", RANK_ORDINAL.get(pos.rank_max or ""), "no_rank_max")
    levels = sorted(pos.required_education_levels)
    f.put("position.required_education_levels", levels)
    ords = [EDUCATION_ORDINAL[e] for e in levels if e in EDUCATION_ORDINAL]
    f.put("position.required_education_min_ordinal", min(ords) if ords else None,
          "no_required_education")
    f.put("position.required_competencies", sorted(pos.required_competencies))
    f.put("position.job_family", pos.job_family)
    wl = world.workloads.get(pos.id)
    f.put("position.balance", wl.balance if wl else None, "no_workload_for_position")
    f.put("position.unit_id", pos.unit_id)
    age, why = _retirement_age(pos.kind, pos.jf_level, params, pos.job_family)
    f.put("position.retirement_age", age, why)
    return f.done()


def pair_facts(emp: Employee, pos: Position, world: World, as_of: date,
               params: Params) -> dict[str, Any]:
    f = _Facts()
    required = set(pos.required_competencies)
    held = set(emp.competencies)
    # No competency on file at all is data missing, not a fit of 0 (a record never imported).
    unknown = bool(required) and not held
    f.put("competency_fit", None if unknown else (len(required & held) / len(required) if required else 1.0),
          "no_competencies_on_file")
    f.put("competency_gaps", None if unknown else sorted(required - held), "no_competencies_on_file")
    if not pos.required_education_levels:
        f.put("education_fits", True)
    else:
        f.put("education_fits", emp.education_level in pos.required_education_levels
              if emp.education_level else None, "no_education_level")
    cur = world.positions.get(emp.position_id or "")
    same = (cur.job_family == pos.job_family) if cur and cur.job_family and pos.job_family else None
    f.put("same_job_family", same, "no_job_family")
    age, why = _retirement_age(pos.kind, pos.jf_level, params, pos.job_family)
    rdate = _retirement_date(emp.birth_date, age)
    f.put("months_to_retirement_at_target", months_between(as_of, rdate) if rdate else None,
          "no_birth_date" if age is not None else why)
    f.put("major_fits", *MS.major_fits(emp, pos))
    f.put("prefers_target_unit", pos.unit_id in emp.preferences)
    rank = emp.preferences.index(pos.unit_id) + 1 if pos.unit_id in emp.preferences else None
    f.put("preference_rank", rank, "not_in_preferences")
    f.put("spouse_workplace_area", *C.area_at(emp, pos, world, "spouse_workplace", as_of))
    f.put("domicile_area", *C.area_at(emp, pos, world, "domicile", as_of))
    return f.done()


def move_facts(move: ProposedMove, world: World, ctx: ReviewContext,
               params: Params, employee: Employee | None = None) -> dict[str, Any]:
    as_of = ctx.decision_date
    f = _Facts()
    to = world.positions.get(move.to_position_id or "")
    frm = world.positions.get(move.from_position_id or "")
    f.put("move.kind", move.kind)
    f.put("move.target_in_position_map", to is not None if move.to_position_id else None,
          "no_target_position")
    f.put("move.target_is_sekda", to.is_sekda if to else None, "target_not_in_world")
    kinds = [world.units[p.unit_id].kind if p.unit_id in world.units else None
             for p in (frm, to) if p is not None]
    f.put("move.involves_inspektorat", "inspektorat" in kinds if kinds and None not in kinds
          else (True if "inspektorat" in kinds else None), "unit_not_in_world")
    f.put("move.from_jpt", frm.kind.startswith("jpt") if frm else None, "origin_not_in_world")
    f.put("move.grounds", sorted(move.grounds))
    f.put("move.has_statutory_grounds", bool(move.grounds))
    if employee is not None:
        skp = [f2 for f2 in (_skp_predicate(employee, as_of.year - 1 - i, params)[0]
                             for i in range(int(params.get("demotion_performance_years", 1))))]
        ok, why = MS.grounds_supported(move, employee, as_of, ctx.documents, skp, params)
        f.put("move.grounds_supported", ok, why)
    else:
        f.put("move.grounds_supported", None, "employee_not_on_file")
    origin = frm or (world.positions.get(employee.position_id or "") if employee else None)
    lower, why = MS.to_lower_level(move, origin, to)
    f.put("move.to_lower_level", lower, why)
    f.put("move.decision_maker_relation", move.decision_maker_relation or "none")
    conflict, why = MS.relation_conflict(move, params)
    f.put("move.decision_maker_family_relation", conflict, why)
    f.put("move.from_sekda", frm.is_sekda if frm else None, "origin_not_in_world")
    f.put("move.from_kind", frm.kind if frm else None, "origin_not_in_world")
    officials = [world.units[p.unit_id].kind == "inspektorat" and p.kind in ("jpt_pratama", "administrator")
                 if p.unit_id in world.units else None for p in (frm, to) if p is not None]
    f.put("move.involves_inspektorat_official",
          True if True in officials else (False if officials and None not in officials else None),
          "unit_not_in_world")
    f.put("move.own_request", {"own_request": True, "organisational": False}.get(move.request or ""),
          "request_not_stated")
    f.put("round.sk_issued", ctx.sk_status == "issued")
    f.put("round.sk_status", ctx.sk_status or "draft")
    f.put("round.in_post_inauguration_window", *MS.post_inauguration(ctx, params))
    f.put("round.signer_is_candidate", ctx.signer_is_candidate, "signer_candidacy_not_stated")
    f.put("move.is_cancellation", move.kind == "cancellation")
    f.put("move.inter_agency", move.kind == "inter_agency")
    f.put("move.inter_agency_route", move.inter_agency_route if move.kind == "inter_agency" else "none",
          "inter_agency_route_not_stated")
    f.put("round.signer_office", ctx.signer_office, "signer_office_not_stated")
    route = move.inter_agency_route if move.kind == "inter_agency" else "none"
    f.put("move.route_and_signer", f"{route}:{ctx.signer_office}" if route and ctx.signer_office else None,
          "inter_agency_route_not_stated" if not route else "signer_office_not_stated")
    f.put("move.documents_name_position", *MS.documents_name_position(move, ctx))
    in_window, why = MS.in_election_window(ctx, params)
    f.put("round.in_election_window", in_window, why)
    f.put("round.months_since_head_inauguration",
          months_between(ctx.head_inauguration_date, ctx.decision_date)
          if ctx.head_inauguration_date else None, "no_head_inauguration_date")
    f.put("round.signer_kind", ctx.signer_kind)
    # An SK already signed counts only the documents dated on or before its signing.
    cutoff = ctx.sk_date if ctx.sk_status == "issued" else None
    docs = sorted({d.type for d in ctx.documents
                   if (not d.covers or move.id in d.covers or move.nip in d.covers)
                   and (cutoff is None or d.date <= cutoff)})
    f.put("round.documents_on_file", docs)
    return f.done()


def merge(*parts: Mapping[str, Any]) -> dict[str, Any]:
    """Join fact dicts of several scopes into one snapshot."""
    out: dict[str, Any] = {}
    missing: dict[str, str] = {}
    for p in parts:
        for k, v in p.items():
            if k == MISSING_KEY:
                missing.update(v)
            else:
                out[k] = v
    out = dict(sorted(out.items()))
    out[MISSING_KEY] = dict(sorted(missing.items()))
    return out


