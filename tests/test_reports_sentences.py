"""A sentence in a letter states only what the recorded outcome says (regression:
approvals not required, exceptions not used and advisories not fired were worded as if
they applied)."""

from __future__ import annotations

from typing import Any

import pytest

from reports.explain import reason_view


def _reason(kind: str, outcome: str, **extra: Any) -> dict[str, Any]:
    return {
        "criterion_id": "c1", "kind": kind, "outcome": outcome, "scope": "move",
        "title": {"id": "Persetujuan Mendagri pada masa pilkada", "en": "Minister's approval in the election window"},
        "legal_basis": {"regulation": "UU 10/2016", "article": "Pasal 71 ayat (2)"},
        "facts_read": {}, "missing": {}, "threshold": None, "counterfactual": None,
        **extra,
    }


APPROVAL = {"approval": {"type": "persetujuan_mendagri", "from": {"id": "Menteri Dalam Negeri", "en": "Minister of Home Affairs"}}}
EXCEPTION = {"exception": {"lifts": ["jpt_lock"], "document": {"type": "x", "title": {"id": "Dokumen rotasi JPT dini", "en": "Early JPT rotation document"}}}}


@pytest.mark.parametrize(("kind", "outcome", "extra", "must", "must_not"), [
    ("approval", "approval_needed", APPROVAL, "Diperlukan persetujuan dari Menteri Dalam Negeri", "Tidak diperlukan"),
    ("approval", "approved", APPROVAL, "Persetujuan telah tercatat", "Diperlukan"),
    ("approval", "not_applicable", APPROVAL, "Tidak diperlukan", "Diperlukan persetujuan"),
    ("exception", "excepted", EXCEPTION, "Pengecualian berlaku dengan dokumen Dokumen rotasi JPT dini", "Tidak berlaku"),
    ("exception", "not_applicable", EXCEPTION, "Tidak berlaku", "Pengecualian berlaku"),
    ("advisory", "warning", {}, "Catatan: Persetujuan Mendagri", "Tidak berlaku"),
    ("advisory", "pass", {}, "Tidak berlaku", "Catatan"),
])
def test_sentence_follows_the_outcome(kind: str, outcome: str, extra: dict[str, Any], must: str, must_not: str) -> None:
    view = reason_view(_reason(kind, outcome, **extra), {}, "id")
    assert must in view.sentence
    assert must_not not in view.sentence
    assert "UU 10/2016 Pasal 71 ayat (2)" in view.sentence
    if outcome in ("not_applicable", "pass"):
        assert "Persetujuan Mendagri" not in view.sentence  # the title is printed beside it


def test_english_not_required() -> None:
    view = reason_view(_reason("approval", "not_applicable", **APPROVAL), {}, "en")
    assert view.sentence == "Not required (UU 10/2016 Pasal 71 ayat (2))."


def test_codes_are_shown_in_words() -> None:
    from reports.fmt import fvalue

    assert fvalue("jpt_pratama", "text", "id") == "JPT pratama"
    assert fvalue(["pelaksana", "jf_keahlian"], "list", "id") == "jabatan pelaksana, jabatan fungsional keahlian"
    assert fvalue("plt", "text", "en") == "acting head (Plt)"
    assert fvalue("Baik", "predicate", "id") == "Baik"  # not a code: unchanged
