"""`mutasi audit replay --sample N --seed S [--run R]` and `--run R`: the draw follows
docs/audit-format.md (recomputed here from the document, not from audit/sample.py), the
draw is recorded before anything is replayed, and a changed input gives exit 3."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from audit.access import accesses
from audit.schema import audit_entry as T
from mutasi.cli.app import main
from tests.portal_helpers import Region


def _ids(region: Region, run: int | None) -> list[str]:
    q = select(T.c.entry_key).where(T.c.kind == "decision").order_by(T.c.seq)
    if run is not None:
        q = q.where(T.c.run_seq == run)
    with region.engine.connect() as conn:
        return [str(x) for x in conn.execute(q).scalars()]


def _by_the_document(ids: list[str], seed: int, n: int) -> list[str]:
    """docs/audit-format.md: sort by hex SHA-256 of "mutasi-sample/v1\\n<seed>\\n<id>", take n,
    list them in log order."""
    chosen = sorted(ids, key=lambda d: hashlib.sha256(f"mutasi-sample/v1\n{seed}\n{d}".encode()).hexdigest())[:n]
    return [d for d in ids if d in chosen]


def test_sample_is_the_documented_draw_and_is_recorded(region: Region, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["audit", "replay", "--db", region.url, "--sample", "5", "--seed", "20261125", "--run", "1",
            "--actor", "Inspektorat: A. Rahman", "--json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    expected = _by_the_document(_ids(region, 1), 20261125, 5)
    assert [d["decision_id"] for d in out["decisions"]] == expected
    assert out["counts"] == {"identical": 5, "different": 0, "unavailable": 0}
    assert (out["seed"], out["size"], out["run"], out["population"]) == (20261125, 5, 1, len(_ids(region, 1)))
    rec = [a for a in accesses(region.engine, actor="Inspektorat: A. Rahman")]
    assert [a.action for a in rec] == ["replay_sample"]
    assert rec[0].detail["seed"] == 20261125 and rec[0].detail["size"] == 5 and rec[0].detail["run"] == 1
    # another seed draws another sample; the same seed the same one
    assert main(["audit", "replay", "--db", region.url, "--sample", "5", "--seed", "1", "--run", "1",
                 "--no-record", "--json"]) == 0
    other = [d["decision_id"] for d in json.loads(capsys.readouterr().out)["decisions"]]
    assert other == _by_the_document(_ids(region, 1), 1, 5) and other != expected
    # the log still verifies with the recorded draw
    assert main(["audit", "verify", "--db", region.url]) == 0


def test_sample_over_the_whole_log(region: Region, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "replay", "--db", region.url, "--sample", "4", "--seed", "9", "--no-record", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [d["decision_id"] for d in out["decisions"]] == _by_the_document(_ids(region, None), 9, 4)
    assert out["run"] is None and out["recorded"] is False


def test_every_decision_of_a_run_and_a_changed_input_exits_3(region: Region, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "replay", "--db", region.url, "--run", "1", "--actor", "insp"]) == 0
    assert f"all {len(_ids(region, 1))} decisions of run 1" in capsys.readouterr().out
    con = sqlite3.connect(region.url.removeprefix("sqlite:///"))
    con.execute("DROP TRIGGER audit_entry_no_update")
    seq, key = con.execute("SELECT seq, entry_key FROM audit_entry WHERE kind = 'snapshot' AND run_seq = 1 "
                           "AND body LIKE '%\"months_in_post\":%' ORDER BY seq LIMIT 1").fetchone()
    body = con.execute("SELECT body FROM audit_entry WHERE seq = ?", (seq,)).fetchone()[0]
    facts = json.loads(body)["facts"]
    changed = body.replace(f'"months_in_post":{facts["months_in_post"]}', '"months_in_post":1')
    assert changed != body
    con.execute("UPDATE audit_entry SET body = ? WHERE seq = ?", (changed, seq))
    con.commit()
    con.close()
    nip = key.split(":", 1)[1]
    assert main(["audit", "replay", "--db", region.url, "--run", "1", "--actor", "insp", "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    bad = [d for d in out["decisions"] if d["result"] != "identical"]
    assert len(bad) == 1 and bad[0]["result"] == "different"
    assert any(x["path"].startswith("$.reasons") for x in bad[0]["differences"])
    with region.engine.connect() as conn:
        assert conn.execute(select(T.c.nip).where(T.c.entry_key == bad[0]["decision_id"])).scalar() == nip
    assert main(["audit", "replay", "--db", region.url, "--run", "1", "--actor", "insp"]) == 3
    assert "1 different / berbeda" in capsys.readouterr().out


@pytest.mark.parametrize("args", [
    ["--sample", "3"],  # no seed
    ["--seed", "3"],  # no size
    ["--sample", "0", "--seed", "1", "--no-record"],
    ["--sample", "3", "--seed", "-1", "--no-record"],
    ["--run", "99", "--no-record"],
    ["--run", "1"],  # nobody to record the draw
    ["1-1", "--run", "1"],
    [],
])
def test_usage_errors_exit_2(region: Region, args: list[str], monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("MUTASI_ACTOR", raising=False)
    assert main(["audit", "replay", "--db", region.url, *args]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert accesses(region.engine, actor="insp") == []


def test_read_only_copy_needs_no_record(region: Region, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ro = f"sqlite:///file:{region.url.removeprefix('sqlite:///')}?mode=ro&uri=true"
    assert main(["audit", "replay", "--db", ro, "--sample", "2", "--seed", "5", "--actor", "insp"]) == 2
    assert "--no-record" in capsys.readouterr().err
    assert main(["audit", "replay", "--db", ro, "--sample", "2", "--seed", "5", "--no-record"]) == 0
