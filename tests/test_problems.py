"""The one registry of problem codes (engine/problems.py): checked in code, and the same list
as docs/errors.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.problems import (
    CODES,
    CODES_FILE,
    TITLES_ID,
    Problem,
    UnknownChoiceError,
    codes_of,
    register,
    suggest,
    title,
)

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
    assert {c[4] for c in CODES} == {"R", "D", "V", "A", "L", "P"}
    assert list(codes_of("L")) == ["MUT-L001"]
    assert all(m.strip() for m in CODES.values())


def test_every_code_has_a_title_in_bahasa_indonesia_and_in_english() -> None:
    assert sorted(TITLES_ID) == sorted(CODES)
    assert all(TITLES_ID[c].strip() and CODES[c].strip() and TITLES_ID[c] != CODES[c] for c in CODES)
    assert title("MUT-D003", "id") == "kolom wajib tidak ada"
    assert title("MUT-D003", "en") == "a required column is missing"


def test_the_codes_file_lists_each_code_once() -> None:
    lines = [ln.split(":", 1)[0] for ln in CODES_FILE.read_text("utf-8").splitlines() if ln.startswith("MUT-")]
    assert len(lines) == len(set(lines)) == len(CODES)


def test_a_code_listed_twice_in_a_codes_file_is_refused(tmp_path: Path) -> None:
    from engine.problems import _read_codes

    twice = tmp_path / "codes.yaml"
    twice.write_text('MUT-R001: {id: "a", en: "b"}\nMUT-R001: {id: "c", en: "d"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="listed twice: MUT-R001"):
        _read_codes(twice)


@pytest.mark.parametrize("codes, why", [
    ({"MUT-R1": {"id": "x", "en": "x"}}, "not a problem code"),
    ({"MUT-Q001": {"id": "x", "en": "x"}}, "not a problem code"),
    ({"MUT-R001": {"id": "lagi", "en": "again"}}, "registered twice"),
    ({"MUT-R999": {"id": "x", "en": " "}}, "no meaning"),
    ({"MUT-R999": {"en": "only English"}}, "no meaning"),
    ({"MUT-R999": "only English"}, "no meaning"),
])
def test_registering_a_bad_code_is_refused(codes: dict[str, object], why: str) -> None:
    with pytest.raises(ValueError, match=why):
        register(codes)  # type: ignore[arg-type]
    assert "MUT-R999" not in CODES and "MUT-R999" not in TITLES_ID


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
