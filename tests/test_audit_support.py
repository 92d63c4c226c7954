"""Shared builders for the audit tests (no tests here).

`build_log` writes a small but complete log; its layout (by entry index) is fixed so
tampering tests can name entries:

  run 1 (evaluate, 2026-11-22):  #0 run  #1 pack_text
                                 #2 snapshot c:A  #3 decision 1-1 (A)
                                 #4 snapshot c:B  #5 decision 1-2 (B)
                                 #6 snapshot c:C  #7 decision 1-3 (C)
                                 #8 checkpoint (size 8)
  override of 1-2:               #9 override  #10 checkpoint (size 10)
  run 2 (plan, 2026-12-01):      #11 run  #12 snapshot c:A  #13 decision 2-1
                                 #14 snapshot c:B  #15 decision 2-2  #16 checkpoint (size 16)
  => 17 entries. Run 2 reuses the pack, so its text is not stored again.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Engine

from audit import AuditLog
from audit.migrate import engine_for

PACK_TEXT = '{"id":"nasional","criteria":["tenure_min"],"version":"1.0.0"}'
PACK_HASH = hashlib.sha256(PACK_TEXT.encode("utf-8")).hexdigest()
PACK = {"id": "nasional", "version": "1.0.0", "hash": PACK_HASH}
NIPS = {"A": "198609262015051001", "B": "199001012019032002", "C": "197512312000121003"}


def facts_for(who: str) -> dict[str, Any]:
    months = {"A": 30, "B": 19, "C": 24}[who]
    return {"months_in_post": months, "status": "PNS", "nama": f"Pegawai {who}",
            "tgl_lahir": "1986-09-26", "nik": "3201012609860001", "competencies": ["x", "y"]}


def decision_for(who: str, as_of: str, facts: dict[str, Any]) -> dict[str, Any]:
    """A decision like engine.Evaluator.decide would give for tenure_min (>= 24 months)."""
    months = facts["months_in_post"]
    ok = months >= 24
    return {
        "scope": "candidate", "subject": {"nip": NIPS[who]},
        "verdict": "eligible" if ok else "not_eligible", "deciding": [] if ok else ["tenure_min"],
        "score": None, "pack": dict(PACK), "as_of": as_of,
        "reasons": [{
            "criterion_id": "tenure_min", "criterion_version": 1, "kind": "requirement",
            "scope": "candidate", "outcome": "pass" if ok else "fail",
            "title": {"id": "Masa dalam jabatan paling singkat", "en": "Minimum time in post"},
            "legal_basis": [{"regulation": "PP 11/2017 jo. PP 17/2020", "article": "Pasal 190 ayat (3)"}],
            "source": "rules/nasional/criteria/masa_jabatan.yaml:12",
            "facts_read": {"months_in_post": months}, "missing": {},
            "threshold": {"fact": "months_in_post", "op": ">=", "value": 24},
            "counterfactual": None, "points": None, "weight": None, "approval": None, "exception": None,
        }],
    }


def fake_evaluator(pack_text: str, as_of: Any) -> Any:
    """Stands in for engine.Evaluator: same rule as decision_for, from the snapshot."""
    assert pack_text == PACK_TEXT

    class _Ev:
        def decide(self, scope: str, subject: dict[str, str], facts: dict[str, Any]) -> dict[str, Any]:
            who = next(k for k, v in NIPS.items() if v == subject["nip"])
            return decision_for(who, as_of.isoformat(), facts)

    return _Ev()


def record_run(log: AuditLog, kind: str, as_of: str, people: list[str]) -> list[str]:
    ids = []
    with log.run(kind, as_of, PACK, "Ketua Baperjakat", "inputhash-" + as_of,
                 as_of + "T08:00:00+07:00") as run:
        run.store_pack_text(PACK_TEXT)
        for who in people:
            facts = facts_for(who)
            run.add_snapshot(f"c:{who}", facts)
            ids.append(run.add_decision(decision_for(who, as_of, facts), f"c:{who}"))
    return ids


def build_log(url: str) -> tuple[AuditLog, Engine]:
    engine = engine_for(url)
    log = AuditLog(engine)
    record_run(log, "evaluate", "2026-11-22", ["A", "B", "C"])
    log.add_override("1-2", "eligible", "Sekretaris Daerah",
                     "Pengecualian disetujui rapat Baperjakat 2026-11-25", "2026-11-25T10:00:00+07:00")
    record_run(log, "plan", "2026-12-01", ["A", "B"])
    return log, engine
