"""SK-draft review: engine decisions -> outcome kinds; moves and context files -> records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from plan_helpers import decision, reason

from engine.outcome import Outcome, Verdict
from engine.records import Document, ProposedMove
from engine.review import review_move, review_moves
from mutasi.store.review_input import ReviewInputError, read_context, read_moves

NIP = "198609262015051001"
MOVE = ProposedMove(id="M1", nip=NIP, from_position_id="A", to_position_id="B", kind="rotation")
TPK = {"type": "pertimbangan_tpk", "from": {"id": "Tim Penilai Kinerja", "en": "TPK"}}


def _d(verdict: Verdict, *reasons):
    return decision("move", {"nip": NIP, "move_id": "M1"}, verdict, None, tuple(reasons))


def test_blocked_move_lists_the_failed_requirement() -> None:
    d = _d(Verdict.NOT_ELIGIBLE,
           reason("move_tenure_min", Outcome.FAIL, scope="move", facts={"months_in_post": 19}),
           reason("tpk_consideration", Outcome.APPROVED, kind="approval", scope="move",
                  approval=TPK))
    docs = (Document("pertimbangan_tpk", "800/1/TPK", date(2026, 11, 1)),
            Document("pertimbangan_tpk", "800/2/TPK", date(2026, 11, 2), covers=("M9",)))
    r = review_move(MOVE, d, documents=docs)
    assert r["outcome"] == "blocked"
    assert [b["criterion_id"] for b in r["blocked_by"]] == ["move_tenure_min"]
    assert r["blocked_by"][0]["facts_read"] == {"months_in_post": 19}
    # the TPK document covering the whole round is cited; the one for move M9 is not
    assert [x["number"] for x in r["approvals_on_file"][0]["on_file"]] == ["800/1/TPK"]


def test_needs_approval_names_the_approval_and_who_gives_it() -> None:
    mendagri = {"type": "persetujuan_mendagri", "from": {"id": "Menteri Dalam Negeri",
                                                        "en": "Minister of Home Affairs"}}
    d = _d(Verdict.NEEDS_APPROVAL,
           reason("acting_head_approval", Outcome.APPROVAL_NEEDED, kind="approval", scope="move",
                  approval=mendagri))
    r = review_move(MOVE, d)
    assert r["outcome"] == "needs_approval"
    assert r["approvals_needed"][0]["type"] == "persetujuan_mendagri"
    assert r["approvals_needed"][0]["from"]["id"] == "Menteri Dalam Negeri"


def test_exception_names_the_document_and_the_lifted_requirement() -> None:
    doc = {"type": "dokumen_rotasi_jpt_dini", "title": {"id": "Dokumen", "en": "Document"}}
    d = _d(Verdict.ELIGIBLE_THROUGH_EXCEPTION,
           reason("jpt_two_year_lock", Outcome.FAIL, scope="move"),
           reason("jpt_early_rotation", Outcome.EXCEPTED, kind="exception", scope="move",
                  exception={"lifts": ["move_tenure_min", "jpt_two_year_lock"], "document": doc}))
    docs = (Document("dokumen_rotasi_jpt_dini", "B/12/M.SM.02", date(2026, 10, 1)),)
    r = review_move(MOVE, d, documents=docs)
    assert r["outcome"] == "allowed_through_exception"
    assert r["blocked_by"] == []
    ex = r["exceptions_used"][0]
    assert ex["lifted_requirements"] == ["jpt_two_year_lock"]
    assert ex["on_file"][0]["number"] == "B/12/M.SM.02"


def test_missing_data_and_counts() -> None:
    miss = _d(Verdict.DATA_MISSING,
              reason("move_tenure_min", Outcome.MISSING, scope="move",
                     missing={"months_in_post": "no_tmt_jabatan"}))
    ok = decision("move", {"nip": NIP, "move_id": "M2"}, Verdict.ELIGIBLE)
    m2 = ProposedMove("M2", NIP, "A", "C", "rotation")
    out = review_moves([m2, MOVE], {"M1": miss, "M2": ok})
    assert [m["move_id"] for m in out["moves"]] == ["M1", "M2"]
    assert out["moves"][0]["missing"][0]["missing"] == {"months_in_post": "no_tmt_jabatan"}
    assert out["counts"] == {"allowed": 1, "data_missing": 1}
    assert out["findings"] == 1


# -- input files ---------------------------------------------------------------------------


def test_moves_csv_and_yaml_read_the_same(tmp_path: Path) -> None:
    csv_file = tmp_path / "sk.csv"
    csv_file.write_text(
        "id;nip;from_position_id;to_position_id;kind;grounds\n"
        f"M2;{NIP};A;B;demotion;Penurunan Jabatan\n"
        f"M1;{NIP};B;A;rotation;\n", encoding="utf-8-sig")
    yml = tmp_path / "sk.yaml"
    yml.write_text(
        "moves:\n"
        f"  - {{id: M1, nip: '{NIP}', from_position_id: B, to_position_id: A, kind: rotation}}\n"
        f"  - {{id: M2, nip: '{NIP}', from_position_id: A, to_position_id: B, kind: demotion,\n"
        "      grounds: [hukuman_disiplin_penurunan_jabatan]}\n", encoding="utf-8")
    a, b = read_moves(csv_file), read_moves(yml)
    assert a == b
    assert [m.id for m in a] == ["M1", "M2"] and a[1].grounds == ("hukuman_disiplin_penurunan_jabatan",)


def test_moves_file_reports_every_problem_with_row_and_field(tmp_path: Path) -> None:
    f = tmp_path / "sk.csv"
    f.write_text(
        "id,nip,to_position_id,kind,grondz\n"   # row 1: unknown column
        "M1,12345,B,rotation,\n"                 # row 2: NIP not 18 digits
        f"M1,{NIP},B,rotation,\n"                # row 3: duplicate id
        f"M3,{NIP},,transfer,\n"                 # row 4: no target, unknown kind
        f"M4,{NIP},B,cancellation,\n",           # row 5: cancellation without cancels_move_id
        encoding="utf-8")
    with pytest.raises(ReviewInputError) as exc:
        read_moves(f)
    got = [(p.line, p.code, p.field) for p in exc.value.problems]
    assert got == [
        (1, "MUT-V003", "grondz"),
        (2, "MUT-V006", "nip"),
        (4, "MUT-V004", "to_position_id"),
        (4, "MUT-V006", "kind"),
        (5, "MUT-V004", "cancels_move_id"),
    ]


def test_context_yaml(tmp_path: Path) -> None:
    f = tmp_path / "ctx.yaml"
    f.write_text(
        "decision_date: 2026-11-22\n"
        "signer_kind: plt\n"
        "head_inauguration_date: 2025-02-20\n"
        "documents:\n"
        "  - {type: pertimbangan_tpk, number: 800/1/TPK, date: 15-11-2026, covers: [M2, M1]}\n",
        encoding="utf-8")
    ctx = read_context(f)
    assert ctx.decision_date == date(2026, 11, 22) and ctx.signer_kind == "plt"
    assert ctx.documents == (Document("pertimbangan_tpk", "800/1/TPK", date(2026, 11, 15),
                                      None, ("M1", "M2")),)


def test_context_problems_all_at_once(tmp_path: Path) -> None:
    f = tmp_path / "ctx.yaml"
    f.write_text(
        "decision_date: 2026-02-30\n"    # line 1: no 30 February
        "signer_kind: bupati\n"          # line 2: unknown signer kind
        "documents:\n"
        "  - {type: pertimbangan_tpk, date: 2026-11-01}\n"   # line 4: no number
        "agensi: x\n",                   # line 5: unknown field
        encoding="utf-8")
    with pytest.raises(ReviewInputError) as exc:
        read_context(f)
    got = [(p.line, p.code, p.field) for p in exc.value.problems]
    assert got == [
        (1, "MUT-V005", ""),
        (2, "MUT-V006", "signer_kind"),
        (4, "MUT-V004", "documents.number"),
        (5, "MUT-V003", "agensi"),
    ]


def test_plan_side_files_are_checked(tmp_path: Path) -> None:
    from mutasi.store.review_input import read_mapping as _read_mapping

    good = tmp_path / "conflicts.yaml"
    good.write_text(f'"{NIP}": adik kandung\n', encoding="utf-8")
    assert _read_mapping(good, "conflicts") == {NIP: "adik kandung"}
    bad = tmp_path / "catalog.yaml"
    bad.write_text("Audit Kinerja: ''\nAudit Kinerja: x\nPedagogik: [a]\n", encoding="utf-8")
    with pytest.raises(ReviewInputError) as exc:
        _read_mapping(bad, "training catalog")
    got = [(p.line, p.code, p.field) for p in exc.value.problems]
    # line 1: empty value; line 2: duplicate key; line 3: a list, not text
    assert got == [(1, "MUT-V006", "Audit Kinerja"), (2, "MUT-V002", "Audit Kinerja"),
                   (3, "MUT-V006", "Pedagogik")]
