"""Every reason code of a round has its sentence in both languages; the portal's round
texts are complete; no sentence is a machine code."""

from __future__ import annotations

import re
from pathlib import Path

from engine.round import RoundReason
from reports.round_words import TEXT, w

PERSON = {RoundReason.MOVED, RoundReason.KEPT_CURRENT, RoundReason.NO_POST, RoundReason.PLACED_BY_PLAN}


def test_every_reason_has_a_sentence_in_both_languages() -> None:
    for reason in RoundReason:
        keys = [reason.value] + ([f"head_{reason.value}"] if reason in PERSON else [])
        for key in keys:
            assert key in TEXT, key
            for lang in ("id", "en"):
                text = w(key, lang, points="1", cutoff="2", lottery=3, criteria="x", items="y",
                         position="P", unit="U", rank=1)
                assert text and not re.search(r"\b[a-z]+_[a-z_]+\b", text), (key, lang, text)
    assert TEXT["below_cutoff"][0].startswith("Nilai Anda di jabatan ini")


def test_portal_round_pages_use_only_known_texts() -> None:
    import mutasi.web.routes.voluntary  # noqa: F401  (merges the round's texts)
    from mutasi.web.text import TEXT as PORTAL

    root = Path(__file__).resolve().parent.parent / "mutasi" / "web" / "templates"
    used = set()
    for name in ("voluntary.html.j2", "voluntary_team.html.j2", "voluntary_round.html.j2"):
        used |= set(re.findall(r"""t\(["']([a-z0-9_]+)["']""", (root / name).read_text(encoding="utf-8")))
    used.discard("vrc_state_")  # t("vrc_state_" + state): checked below
    assert used and not used - set(PORTAL), used - set(PORTAL)
    for state in ("open", "closed", "run", "published"):
        assert f"vrc_state_{state}" in PORTAL
