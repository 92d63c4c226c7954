"""A demo region of national size imports: its ABK volumes stay within what import accepts
(issue 18: `mutasi demo --files-only --employees 100000` wrote volumes import refused)."""

from __future__ import annotations

from mutasi.demo.region import VOLUME_MAX, abk_rows, plan_region
from mutasi.store.plausible import RANGES


def test_abk_volumes_of_a_100000_region_are_plausible() -> None:
    slots = plan_region(100_000, 20261122)
    rows = list(abk_rows(slots, 20261122))
    volumes = [r[4] for r in rows]
    assert RANGES["abk"]["yearly_volume"][1] == VOLUME_MAX
    assert max(volumes) <= VOLUME_MAX
    # the posts with the most staff on them got longer tasks instead (4 hours each)
    assert any(r[2] == 4 and r[3] == "jam" and r[4] > VOLUME_MAX // 20 for r in rows)
