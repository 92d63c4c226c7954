"""What a newcomer sees when something is missing: one clear message and a documented exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutasi.cli.app import main
from mutasi.errors import EXIT_FINDINGS, EXIT_USAGE


@pytest.mark.parametrize("args", [
    ["audit", "verify"],
    ["audit", "export"],
    ["explain", "199001012015011001"],
    ["report", "committee"],
    ["evaluate", "--as-of", "2026-11-22", "--actor", "x"],
    ["plan", "--as-of", "2026-11-22", "--actor", "x"],
    ["workload"],
])
def test_reading_commands_refuse_a_database_that_does_not_exist(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == EXIT_USAGE
    assert "no database at mutasi.db" in capsys.readouterr().err
    # an inspector pointed at the wrong folder must not get an empty "intact" log
    assert not (tmp_path / "mutasi.db").exists()


def test_evaluate_refuses_an_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mutasi.store.db import open_store

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    open_store(url).dispose()  # schema only, no employees
    assert main(["evaluate", "--db", url, "--as-of", "2026-11-22", "--actor", "x"]) == EXIT_FINDINGS
    assert "no employees in the store" in capsys.readouterr().err


def test_bad_as_of_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["evaluate", "--db", url, "--as-of", "2026-13-01", "--actor", "x"]) == EXIT_USAGE
    assert "'2026-13-01' is not a date" in capsys.readouterr().err


def test_unexpected_error_is_one_clear_message(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import mutasi.runs.evaluate_run as ev

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ev, "run_evaluate", boom)
    assert main(["evaluate", "--as-of", "2026-11-22", "--actor", "x"]) == EXIT_FINDINGS
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "Traceback" not in err


def test_evaluate_table_names_verdicts_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The summary a personnel officer reads shows verdicts in words, never their codes."""
    import re

    url = f"sqlite:///{tmp_path / 'x.db'}"
    repo = Path(__file__).resolve().parents[1]
    assert main(["import", str(repo / "examples" / "import"), "--db", url]) == 0
    capsys.readouterr()
    main(["evaluate", "--db", url, "--as-of", "2026-11-22", "--actor", "x", "--workers", "1"])
    out = capsys.readouterr().out
    assert "data belum lengkap / data missing" in out
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", out), out
