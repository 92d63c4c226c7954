"""`audit verify` finds the decision an override names by its index instead of keeping every
decision in memory (issue 18): the answers must be those of one dict from each decision id
(as the hashed body says it) to its (verdict, subject), the last one registered winning.
Entry layout of the support log: tests/test_audit_support.py (#5 is decision 1-2 of B,
not eligible; #7 decision 1-3 of C, eligible; #9 the override of 1-2)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest
from test_audit_support import build_log

from audit import AuditLog, errors
from audit.migrate import engine_for
from audit.verify_decisions import Decisions


@pytest.fixture
def raw(sqlite_url: str) -> Any:
    build_log(sqlite_url)[1].dispose()
    con = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    con.execute("DROP TRIGGER audit_entry_no_update")
    yield sqlite_url, con
    con.close()


def _findings(url: str) -> list[tuple[int | None, str]]:
    engine = engine_for(url)
    try:
        return [(f.seq, f.code) for f in AuditLog(engine).verify().findings]
    finally:
        engine.dispose()


def test_an_override_still_finds_its_decision_when_the_index_column_lies(raw: Any) -> None:
    url, con = raw
    con.execute("UPDATE audit_entry SET entry_key = '1-9' WHERE seq = 5")
    con.commit()
    # one change, one finding: the override at #9 still matches decision 1-2 as hashed
    assert _findings(url) == [(5, errors.COLUMN_MISMATCH)]


def test_another_decision_indexed_under_the_overridden_id_is_not_taken_for_it(raw: Any) -> None:
    url, con = raw
    con.execute("UPDATE audit_entry SET entry_key = '1-2' WHERE seq = 7")  # 1-3 (C, eligible)
    con.commit()
    assert _findings(url) == [(7, errors.COLUMN_MISMATCH)]


def test_a_snapshot_indexed_as_the_overridden_decision_is_not_taken_for_it(raw: Any) -> None:
    url, con = raw
    con.execute("UPDATE audit_entry SET kind = 'decision', entry_key = '1-2' WHERE seq = 6")
    con.commit()
    assert _findings(url) == [(6, errors.COLUMN_MISMATCH), (6, errors.COLUMN_MISMATCH)]


def _body(verdict: str, nip: str) -> str:
    return json.dumps({"kind": "decision", "decision": {"verdict": verdict, "subject": {"nip": nip}}})


def test_the_last_decision_before_the_override_wins() -> None:
    rows = {"1-2": [(4, _body("eligible", "B")), (8, _body("not_eligible", "B"))]}
    d = Decisions(lambda did, before: [(s, b) for s, b in rows.get(did, []) if s < before])
    assert d.get("1-2", 6) == ("eligible", {"nip": "B"})
    assert d.get("1-2", 9) == ("not_eligible", {"nip": "B"})
    d.add(6, "1-2", ("kept", {"nip": "K"}), cols_ok=False)  # its columns lie: kept in memory
    assert d.get("1-2", 7) == ("kept", {"nip": "K"})
    assert d.get("1-2", 9) == ("not_eligible", {"nip": "B"})
    d.add(10, "1-2", ("later", {"nip": "L"}), cols_ok=False)
    assert d.get("1-2", 10) == ("not_eligible", {"nip": "B"})  # not before #10
    assert d.get("1-2", 11) == ("later", {"nip": "L"})
    assert d.get("1-3", 11) is None


def test_kept_decisions_are_ordered_among_themselves() -> None:
    d = Decisions(lambda did, before: [])
    d.add(3, "1-2", ("first", None), cols_ok=False)
    d.add(5, "1-2", ("second", None), cols_ok=False)
    assert d.get("1-2", 9) == ("second", None)
    assert d.get("1-2", 4) == ("first", None)


def test_a_decision_whose_columns_agree_is_not_kept() -> None:
    d = Decisions(lambda did, before: [])
    d.add(3, "1-2", ("eligible", None), cols_ok=True)
    assert d.kept == {}
    assert d.get("1-2", 9) is None  # (the index would have found it)


def test_ids_that_are_not_text_match_as_a_dict_of_text_keys_would() -> None:
    d = Decisions(lambda did, before: [(1, _body("eligible", "X"))])
    d.add(3, 5, ("kept", None), cols_ok=True)  # an id that is not text is always kept, as "5"
    assert d.kept == {3: ("5", ("kept", None))}
    assert d.get(5, 9) is None
    assert d.get("5", 9) == ("kept", None)
    with pytest.raises(TypeError):
        d.get(["1-2"], 9)  # unhashable: the wrong shape, as a dict look-up says


def test_a_looked_up_verdict_is_text_and_a_missing_decision_gives_none_fields() -> None:
    rows = [(1, json.dumps({"kind": "decision", "decision": {"verdict": 7}})),
            (2, json.dumps({"kind": "decision"}))]
    d = Decisions(lambda did, before: [(s, b) for s, b in rows if s < before])
    assert d.get("1-1", 2) == ("7", None)
    assert d.get("1-1", 3) == ("None", None)
