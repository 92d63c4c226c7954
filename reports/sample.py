"""A small hand-made region for tests and previews: recorded decisions, never computed.

Five people, one plan run and one review run, with decisions written by hand in the
engine.outcome.Decision.to_dict() format. SAMPLE_META is a stand-in for engine.facts.FACTS
covering the facts used here.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from engine.outcome import Verdict
from engine.plan.model import OpenPosition, Placement, PlanResult, RunnerUp, Unplaced, WorkloadRow
from engine.plan.parts import AdmissiblePosition, Options, Training, VerdictCounts
from engine.plan.payload import RecordedPlan
from engine.plan.reasons import PlanReason
from reports.factmeta import FactInfo
from reports.source import (
    DecisionRecord,
    Integrity,
    MemorySource,
    OverrideRecord,
    Person,
    RunHeader,
)

# Stand-in pack text: the audit log stores a pack's text by its sha256, the decisions' pack hash.
PACK_TEXT = '{"id":"nasional","sample":true,"version":"1.0.0"}'
PACK = {"id": "nasional", "version": "1.0.0", "hash": hashlib.sha256(PACK_TEXT.encode("utf-8")).hexdigest()}
AS_OF = "2026-11-22"
BASIS_TENURE = {"regulation": "PP 11/2017 jo. PP 17/2020", "article": "Pasal 190 ayat (3)"}
BASIS_SKP = {"regulation": "Peraturan BKN 5/2019", "article": "Pasal 3"}


def _meta(name: str, id_: str, en: str, unit: str, time_based: bool = False, changeable: bool = False, protected: bool = False) -> FactInfo:
    return FactInfo(name, {"id": id_, "en": en}, unit, time_based, changeable, protected)


SAMPLE_META: dict[str, FactInfo] = {
    m.name: m
    for m in (
        _meta("months_in_post", "Masa dalam jabatan", "Time in post", "months", time_based=True),
        _meta("skp_predicate_last_year", "Predikat SKP tahun lalu", "SKP rating last year", "predicate", changeable=True),
        _meta("status", "Status kepegawaian", "Employment status", "text"),
        _meta("position.rank_min_ordinal", "Pangkat terendah jabatan tujuan", "Lowest rank of the target post", "rank"),
        _meta("rank_ordinal", "Pangkat/golongan", "Rank", "rank", time_based=True, changeable=True),
        _meta("age_years", "Usia", "Age", "years", time_based=True, protected=True),
        _meta("competency_fit", "Kesesuaian kompetensi", "Competency fit", "ratio", changeable=True),
        _meta("origin_unit_balance", "Selisih pegawai di unit asal", "Staff balance of the origin unit", "count"),
        _meta("round.documents_on_file", "Dokumen yang tercatat", "Documents on file", "list"),
    )
}


def reason(cid: str, outcome: str, title: tuple[str, str], *, kind: str = "requirement", scope: str = "candidate",
           facts: dict[str, Any] | None = None, threshold: Any = None, basis: dict[str, str] | None = None,
           missing: dict[str, str] | None = None, counterfactual: dict[str, Any] | None = None,
           points: float | None = None, weight: float | None = None, approval: dict[str, Any] | None = None,
           exception: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "criterion_id": cid, "criterion_version": 1, "kind": kind, "scope": scope, "outcome": outcome,
        "title": {"id": title[0], "en": title[1]}, "legal_basis": [basis] if basis else [], "source": f"rules/nasional/criteria/{cid}.yaml:3",
        "facts_read": facts or {}, "missing": missing or {}, "threshold": threshold, "counterfactual": counterfactual,
        "points": points, "weight": weight, "approval": approval, "exception": exception,
    }


TENURE = ("Masa dalam jabatan paling singkat", "Minimum time in post")
SKP = ("Predikat SKP paling rendah Baik", "SKP rating at least Baik")


def tenure(months: int, passes_on: str | None = None) -> dict[str, Any]:
    ok = months >= 24
    return reason("tenure_min", "pass" if ok else "fail", TENURE, facts={"months_in_post": months},
                  threshold={"fact": "months_in_post", "op": ">=", "value": 24, "param": "tenure_min_months"},
                  basis=BASIS_TENURE,
                  counterfactual=None if ok else {"kind": "date", "fact": "months_in_post", "passes_on": passes_on})


def skp(pred: str | None) -> dict[str, Any]:
    thr = {"fact": "skp_predicate_last_year", "op": "in", "value": ["Sangat Baik", "Baik"]}
    if pred is None:
        return reason("skp_min", "missing", SKP, facts={"skp_predicate_last_year": None}, threshold=thr,
                      basis=BASIS_SKP, missing={"skp_predicate_last_year": "no_skp_for_year"})
    return reason("skp_min", "pass" if pred in ("Sangat Baik", "Baik") else "fail", SKP,
                  facts={"skp_predicate_last_year": pred}, threshold=thr, basis=BASIS_SKP)


def decision(scope: str, subject: dict[str, str], verdict: str, reasons: list[dict[str, Any]], deciding: list[str], score: float | None = None) -> dict[str, Any]:
    return {"scope": scope, "subject": subject, "verdict": verdict, "deciding": deciding, "score": score,
            "pack": dict(PACK), "as_of": AS_OF, "reasons": sorted(reasons, key=lambda r: r["criterion_id"])}


NIP_BUDI = "198609262015051001"
NIP_SITI = "199001152018012002"
NIP_AGUS = "198502032010011003"
NIP_DEWI = "199203042019032004"
NIP_RUDI = "197807082005011005"


def pair_reasons(fit: float, balance: int) -> list[dict[str, Any]]:
    return [
        reason("score_competency", "scored", ("Kesesuaian kompetensi", "Competency fit"), kind="score", scope="candidate_position",
               facts={"competency_fit": fit}, points=fit, weight=60.0),
        reason("score_relief", "scored", ("Pengurangan kelebihan pegawai di unit asal", "Relief of the origin unit's surplus"),
               kind="score", scope="candidate_position", facts={"origin_unit_balance": balance}, points=1.0 if balance > 0 else 0.0, weight=40.0),
        reason("rank_range", "pass", ("Pangkat sesuai rentang jabatan", "Rank within the position's range"), scope="candidate_position",
               facts={"rank_ordinal": 10, "position.rank_min_ordinal": 9},
               threshold={"fact": "rank_ordinal", "op": ">=", "value": {"fact": "position.rank_min_ordinal"}},
               basis={"regulation": "PP 100/2000 jo. PP 13/2002", "article": "Lampiran"}),
    ]


def record(decision_id: str, d: dict[str, Any]) -> DecisionRecord:
    """A hand-made decision as the audit log would hold it ("<run>-<n>", entry n of run)."""
    run, n = decision_id.split("-")
    return DecisionRecord(decision_id=decision_id, run_seq=int(run), seq=int(run) * 10 + int(n),
                          snapshot_key=str(d["subject"]["nip"]), decision=d)


def sample_source() -> MemorySource:
    plan_run = RunHeader(run_seq=1, seq=0, kind="plan", as_of=AS_OF, pack=dict(PACK), mutasi_version="0.1.0",
                         input_hash="c0ffee" * 10 + "abcd", actor="Kepala BKPSDM", started_at="2026-11-22T08:00:00Z")
    review_run = RunHeader(run_seq=2, seq=20, kind="review", as_of=AS_OF, pack=dict(PACK), mutasi_version="0.1.0",
                           input_hash="beef" * 16, actor="Sekretaris TPK", started_at="2026-11-22T09:00:00Z")
    ok = [tenure(40), skp("Baik")]
    # Budi: 0.75 fit x 60 + 1 x 40 = 45 + 40 = 85; Agus on the same position: 0.5 x 60 + 1 x 40 = 70.
    plan_decisions = [
        record("1-2", decision("candidate", {"nip": NIP_BUDI}, "eligible", ok, [])),
        record("1-3", decision("candidate", {"nip": NIP_SITI}, "not_eligible", [tenure(19, "2027-04-01"), skp("Baik")], ["tenure_min"])),
        record("1-4", decision("candidate", {"nip": NIP_AGUS}, "eligible", ok, [])),
        record("1-5", decision("candidate", {"nip": NIP_DEWI}, "data_missing", [tenure(30), skp(None)], ["skp_min"])),
        record("1-6", decision("candidate_position", {"nip": NIP_BUDI, "position_id": "P-DINKES-01"}, "eligible", pair_reasons(0.75, 2), [], 85.0)),
        record("1-7", decision("candidate_position", {"nip": NIP_AGUS, "position_id": "P-DINKES-01"}, "eligible", pair_reasons(0.5, 1), [], 70.0)),
    ]
    approval = reason("election_window", "approval_needed", ("Penggantian pejabat dalam masa pilkada", "Replacing officials in the election window"),
                      kind="approval", scope="move", facts={"round.documents_on_file": []},
                      basis={"regulation": "UU 10/2016", "article": "Pasal 71 ayat (2)"},
                      approval={"type": "persetujuan_mendagri", "from": {"id": "Menteri Dalam Negeri", "en": "the Minister of Home Affairs"}})
    review_decisions = [
        record("2-2", decision("move", {"nip": NIP_RUDI, "move_id": "M1"}, "needs_approval", ok + [approval], ["election_window"])),
    ]
    # Budi placed on P-DINKES-01 over Agus (85 vs 70); Agus not selected; P-DISDIK-03 stays open.
    plan = RecordedPlan(PlanResult(
        placements=[Placement(
            nip=NIP_BUDI, name="Budi Santoso", position_id="P-DINKES-01", unit_id="U-DINKES",
            from_position_id="P-SETDA-07", from_unit_id="U-SETDA", verdict=Verdict.ELIGIBLE, score=85.0,
            score_breakdown=[], criteria=[],
            runner_up=RunnerUp(NIP_AGUS, 70.0, 15.0, PlanReason.LOWER_SCORE, None),
            competency_gaps=["Manajemen data kesehatan", "Surveilans"],
            training=[Training("Manajemen data kesehatan", "Pelatihan Sistem Informasi Kesehatan", True),
                      Training("Surveilans", None, False)],
        )],
        unplaced=[Unplaced(NIP_AGUS, "Agus Wijaya", "P-SETDA-07", "U-SETDA", PlanReason.NOT_SELECTED,
                           Options(1, [AdmissiblePosition("P-DINKES-01", 70.0, [NIP_BUDI])], [], 0, 0))],
        open_positions=[OpenPosition("P-DISDIK-03", "U-DISDIK", 1, 0, 1, PlanReason.NO_ADMISSIBLE_CANDIDATE,
                                     VerdictCounts({}, {}))],
        workload=[
            WorkloadRow("U-DINKES", "Dinas Kesehatan", 12, 10, 1, 0, 11, -2, -1),
            WorkloadRow("U-SETDA", "Sekretariat Daerah", 8, 10, 0, 1, 9, 2, 1),
        ],
    ))
    people = {
        NIP_BUDI: Person(NIP_BUDI, "Budi Santoso", "U-SETDA", "Sekretariat Daerah", "P-SETDA-07", "Analis Kebijakan", "L", "Islam", date(1986, 9, 26), {2025: "Baik", 2027: "Sangat Baik"}),
        NIP_SITI: Person(NIP_SITI, "Siti Aminah", "U-SETDA", "Sekretariat Daerah", "P-SETDA-08", "Pengelola Data", "P", "Islam", date(1990, 1, 15), {2025: "Baik"}),
        NIP_AGUS: Person(NIP_AGUS, "Agus Wijaya", "U-SETDA", "Sekretariat Daerah", "P-SETDA-07", "Analis Kebijakan", "L", "Kristen", date(1985, 2, 3), {2025: "Baik"}),
        NIP_DEWI: Person(NIP_DEWI, "Dewi Lestari", "U-DISDIK", "Dinas Pendidikan", "P-DISDIK-03", "Pranata Komputer", "P", "Hindu", date(1992, 3, 4), {}),
        NIP_RUDI: Person(NIP_RUDI, "Rudi Hartono", "U-DINKES", "Dinas Kesehatan", "P-DINKES-02", "Kepala Seksi", "L", "Islam", date(1978, 7, 8), {2025: "Baik"}),
    }
    return MemorySource(
        run_list=[plan_run, review_run],
        decision_map={"1": plan_decisions, "2": review_decisions},
        override_list=[OverrideRecord(seq=30, decision_id="1-5", subject={"nip": NIP_DEWI}, original_verdict="data_missing",
                                      new_verdict="eligible", actor="Ketua TPK",
                                      justification="SKP 2025 diserahkan dalam bentuk cetak; predikat Baik.",
                                      at="2026-11-23T10:00:00Z")],
        plans={"1": plan},
        reviews={"2": {"moves": [{"move_id": "M1", "nip": NIP_RUDI, "kind": "rotation", "from_position_id": "P-DINKES-02",
                                  "to_position_id": "P-SETDA-07"}],
                       "context": {"decision_date": AS_OF, "signer_kind": "pj", "files": {"moves": "sk_draf.csv"}}}},
        people=people,
        units={"U-DINKES": "Dinas Kesehatan", "U-SETDA": "Sekretariat Daerah", "U-DISDIK": "Dinas Pendidikan"},
        positions={"P-DINKES-01": ("Epidemiolog Kesehatan Ahli Pertama", "U-DINKES"), "P-SETDA-07": ("Analis Kebijakan", "U-SETDA"),
                   "P-DISDIK-03": ("Pranata Komputer", "U-DISDIK"), "P-DINKES-02": ("Kepala Seksi", "U-DINKES"),
                   "P-SETDA-08": ("Pengelola Data", "U-SETDA")},
        workloads_now={"U-DINKES": (12.0, 11), "U-SETDA": (8.0, 9)},
        integrity_info=Integrity(True, 17, 2, 7, 1, "cd" * 32, "", 16, "ab" * 32),
    )
