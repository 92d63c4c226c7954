"""Issue 16, SK-draft review input: each failure found by hostile input has its regression test."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mutasi.cli.app import main
from mutasi.errors import EXIT_FINDINGS
from mutasi.store.review_input import ReviewInputError, read_context, read_moves

REPO = Path(__file__).resolve().parent.parent
NIP = "197706052004051001"
CONTEXT = "decision_date: 2026-11-22\nsigner_kind: definitive\n"
MOVE = f"id: M01\nnip: '{NIP}'\nkind: rotation\nto_position_id: DISHUB-009\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def _moves_yaml(tmp_path: Path, move: str = MOVE) -> Path:
    body = "".join(("  - " if i == 0 else "    ") + ln + "\n" for i, ln in enumerate(move.splitlines()))
    return _write(tmp_path, "moves.yaml", "moves:\n" + body)


def _codes(exc: pytest.ExceptionInfo[ReviewInputError]) -> list[tuple[str, str]]:
    return [(p.code, p.field) for p in exc.value.problems]


def _cli(tmp_path: Path, moves: Path, context: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'none.db'}"
    assert main(["review", str(moves), "--context", str(context), "--db", url, "--actor", "t"]) == EXIT_FINDINGS
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err
    return err


def test_an_empty_documents_list_is_a_round_without_documents(tmp_path: Path) -> None:
    ctx = read_context(_write(tmp_path, "c.yaml", CONTEXT + "documents: []\n"))
    assert ctx.documents == ()
    assert read_context(_write(tmp_path, "c2.yaml", CONTEXT + "documents:\n")).documents == ()


def test_documents_that_are_not_a_list_are_still_refused(tmp_path: Path) -> None:
    with pytest.raises(ReviewInputError) as exc:
        read_context(_write(tmp_path, "c.yaml", CONTEXT + "documents: {type: x}\n"))
    assert ("MUT-V004", "documents") in _codes(exc)


@pytest.mark.parametrize("typed", ["1977 0605 2004 05 1 001", "19770605 200405 1 001"])
def test_a_nip_with_spaces_is_read_as_the_import_reads_it(typed: str, tmp_path: Path) -> None:
    from mutasi.store.parse import parse_nip

    assert parse_nip(typed) == NIP  # the import's reading
    moves = read_moves(_moves_yaml(tmp_path, MOVE.replace(f"'{NIP}'", f"'{typed}'")))
    assert moves[0].nip == NIP
    csv = _write(tmp_path, "m.csv", f"id,nip,kind,to_position_id\nM01,{typed},rotation,X\n")
    assert read_moves(csv)[0].nip == NIP


@pytest.mark.parametrize("field", ["id", "nip", "kind", "to_position_id", "cancels_move_id"])
def test_a_list_where_one_value_belongs_is_refused(field: str, tmp_path: Path) -> None:
    """`id: [M01]` was coerced to the text "['M01']"."""
    move = MOVE if field in MOVE else MOVE + f"{field}: x\n"
    lines = [ln if not ln.startswith(f"{field}:") else f"{field}: [{ln.split(': ', 1)[1]}]"
             for ln in move.splitlines()]
    with pytest.raises(ReviewInputError) as exc:
        read_moves(_moves_yaml(tmp_path, "\n".join(lines)))
    assert ("MUT-V006", field) in _codes(exc)


def test_a_mapping_as_signer_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReviewInputError) as exc:
        read_context(_write(tmp_path, "c.yaml", "decision_date: 2026-11-22\nsigner_kind: {a: b}\n"))
    assert ("MUT-V006", "signer_kind") in _codes(exc)


@pytest.mark.parametrize("when", ["9999-12-31", "0001-01-01", "31-12-9999"])
def test_a_decision_date_no_round_can_carry_is_refused(when: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """9999-12-31 reached year 10000 in the deadline arithmetic: an internal error."""
    ctx = _write(tmp_path, "c.yaml", f"decision_date: {when}\nsigner_kind: definitive\n")
    err = _cli(tmp_path, _moves_yaml(tmp_path), ctx, capsys)
    assert "MUT-V005" in err and "decision_date" in err


def test_a_document_date_in_year_9999_is_refused(tmp_path: Path) -> None:
    text = CONTEXT + "documents:\n  - {type: t, number: '1', date: 9999-12-31}\n"
    with pytest.raises(ReviewInputError) as exc:
        read_context(_write(tmp_path, "c.yaml", text))
    assert ("MUT-V005", "documents.date") in _codes(exc)


def _bomb() -> str:
    lines = ['l0: &l0 ["lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("which", ["moves", "context"])
def test_an_alias_bomb_in_an_sk_draft_or_context_is_refused(which: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    moves = _write(tmp_path, "bomb.yaml", _bomb()) if which == "moves" else _moves_yaml(tmp_path)
    ctx = _write(tmp_path, "c.yaml", CONTEXT + _bomb() if which == "context" else CONTEXT)
    t0 = time.monotonic()
    err = _cli(tmp_path, moves, ctx, capsys)
    assert time.monotonic() - t0 < 30
    assert "MUT-V020" in err


@pytest.mark.parametrize("which", ["moves", "context"])
def test_deep_nesting_in_an_sk_draft_or_context_is_refused(which: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    deep = "x: " + "[" * 3000 + "]" * 3000 + "\n"
    moves = _write(tmp_path, "deep.yaml", deep) if which == "moves" else _moves_yaml(tmp_path)
    ctx = _write(tmp_path, "c.yaml", CONTEXT + deep if which == "context" else CONTEXT)
    err = _cli(tmp_path, moves, ctx, capsys)
    assert "MUT-V021" in err and "RecursionError" not in err


@pytest.mark.parametrize("row", ["M01,x,rotation,X,extra", "M01,x", 'M01,"x,rotation,X', "M01,x\x00,rotation,X"])
def test_a_malformed_moves_csv_is_refused(row: str, tmp_path: Path) -> None:
    f = _write(tmp_path, "m.csv", f"id,nip,kind,to_position_id\n{row}\n")
    with pytest.raises(ReviewInputError) as exc:
        read_moves(f)
    assert any(p.code == "MUT-V001" and p.line == 2 for p in exc.value.problems)


def test_a_duplicated_column_in_a_moves_csv_is_refused(tmp_path: Path) -> None:
    f = _write(tmp_path, "m.csv", f"id,nip,kind,to_position_id,nip\nM01,{NIP},rotation,X,{NIP[:-1]}2\n")
    with pytest.raises(ReviewInputError) as exc:
        read_moves(f)
    assert [(p.code, p.line, p.col) for p in exc.value.problems] == [("MUT-V001", 1, 5)]


def test_the_shipped_examples_still_read(repo: Path) -> None:
    assert len(read_moves(repo / "examples/review/sk_draft.csv")) == len(read_moves(repo / "examples/review/sk_draft.yaml"))
    assert read_context(repo / "examples/review/context.yaml").documents


@pytest.mark.parametrize("said", ["tidak ada", "Tidak Ada", "-", "none", ""])
def test_no_family_relation_said_in_words_is_no_relation(said: str, tmp_path: Path) -> None:
    """`decision_maker_relation: "tidak ada"` counted as a family relation (engine.vocab)."""
    (move,) = read_moves(_moves_yaml(tmp_path, MOVE + f"decision_maker_relation: '{said}'\n"))
    assert move.decision_maker_relation == "none"


@pytest.mark.parametrize("said", ["-", "tidak ada", "none"])
def test_no_grounds_said_in_words_are_no_grounds(said: str, tmp_path: Path) -> None:
    """`grounds: "-"` counted as statutory grounds."""
    (move,) = read_moves(_moves_yaml(tmp_path, MOVE + f"grounds: '{said}'\n"))
    assert move.grounds == ()
    csv = _write(tmp_path, "m.csv", f"id,nip,kind,to_position_id,grounds\nM01,{NIP},rotation,X,{said}\n")
    assert read_moves(csv)[0].grounds == ()


def test_grounds_as_a_mapping_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReviewInputError) as exc:
        read_moves(_moves_yaml(tmp_path, MOVE + "grounds: {a: b}\n"))
    assert ("MUT-V006", "grounds") in _codes(exc)
