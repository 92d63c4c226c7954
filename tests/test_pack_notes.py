"""A parameter value's note (why a value is uncertain) reaches the recorded pack text."""

from __future__ import annotations

import json

from engine import Pack, load_pack
from mutasi.paths import DEFAULT_PACK


def test_uncertainty_note_is_kept_in_the_canonical_pack() -> None:
    pack = load_pack(DEFAULT_PACK)
    # REFERENCE.md: Kepala BKN's 6-month statement has no instrument; the note says so.
    note = pack.parameters["tenure_min_months"].values[0].note
    assert note is not None and "6" in note["id"] and "6 months" in note["en"]
    doc = json.loads(pack.canonical_text())
    text = json.dumps(doc["parameters"]["tenure_min_months"], ensure_ascii=False)
    assert "Kepala BKN" in text
    again = Pack.from_canonical_text(pack.canonical_text())
    assert again.parameters["tenure_min_months"].values[0].note == note
