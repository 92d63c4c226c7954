"""The one registry of problem codes (engine/problems.py): checked in code, and the same list
as docs/errors.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.problems import CODES, Problem, UnknownChoiceError, codes_of, register, suggest

REPO = Path(__file__).resolve().parent.parent
CODE_RE = re.compile(r"MUT-[A-Z]\d{3}")


def test_the_registry_and_docs_errors_md_list_the_same_codes() -> None:
    documented = set(CODE_RE.findall((REPO / "docs" / "errors.md").read_text(encoding="utf-8")))
    assert sorted(set(CODES) - documented) == [] and sorted(documented - set(CODES)) == []


def test_every_code_written_in_the_source_is_registered() -> None:
    used: set[str] = set()
    for pkg in ("engine", "audit", "reports", "mutasi"):
        for path in (REPO / pkg).rglob("*.py"):
            used |= set(CODE_RE.findall(path.read_text(encoding="utf-8")))
    assert sorted(used - set(CODES)) == []


def test_every_family_has_codes_with_a_meaning() -> None:
    assert {c[4] for c in CODES} == {"R", "D", "V", "A", "L"}
    assert list(codes_of("L")) == ["MUT-L001"]
    assert all(m.strip() for m in CODES.values())


@pytest.mark.parametrize("codes, why", [
    ({"MUT-R1": "x"}, "not a problem code"),
    ({"MUT-Q001": "x"}, "not a problem code"),
    ({"MUT-R001": "again"}, "registered twice"),
    ({"MUT-R999": " "}, "no meaning"),
])
def test_registering_a_bad_code_is_refused(codes: dict[str, str], why: str) -> None:
    with pytest.raises(ValueError, match=why):
        register(codes)
    assert "MUT-R999" not in CODES


def test_a_problem_with_an_unregistered_code_cannot_be_made() -> None:
    with pytest.raises(ValueError, match="unknown problem code 'MUT-R998'"):
        Problem("f.yaml", 1, 0, "MUT-R998", "", "x")


def test_did_you_mean() -> None:
    assert suggest("tenure_mni", ["tenure_min", "other"]) == "did you mean tenure_min?"
    assert suggest("zzz", ["tenure_min"]) == ""
    assert suggest("zzz", ["a"], "one of a") == "one of a"


def test_an_unknown_backend_is_a_usage_error_and_still_a_value_error() -> None:
    from datetime import date

    from engine import Evaluator, load_pack
    from mutasi.errors import EXIT_USAGE

    pack = load_pack(REPO / "rules" / "nasional")
    with pytest.raises(UnknownChoiceError, match="did you mean durable") as got:
        Evaluator(pack, date(2026, 11, 22), backend="durabel")
    assert isinstance(got.value, ValueError) and got.value.exit_code == EXIT_USAGE
