"""The inspector's path in a real browser (Debian's chromium via Playwright): sign in with
the second factor, upload the checkpoint kept elsewhere and verify, replay a seeded sample of
20 decisions (the page refreshes itself, no JavaScript), find the committee's override with
its justification and the committee member's views in the access log. Desktop and 360 px,
SQLite and PostgreSQL. Screenshots: build/screenshots/portal/inspector/.

`inspector_steps` is the part the committee's flow (tests/test_portal_browser_staff.py)
appends once an override and views were recorded through the portal."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyotp
import pytest

from audit import AuditLog
from audit.access import accesses, append_access
from mutasi.cli.app import main
from tests.browser import (
    VIEWPORTS,
    chromium,
    need_browser,
    region_config,
    region_on,
    served,
    shooter,
)
from tests.portal_helpers import NOW, PASSWORD, REPO, STAFF, TOTP, Region

SHOTS = REPO / "build" / "screenshots" / "portal" / "inspector"
CODES = re.compile(r"\b[a-z]+_[a-z_]+\b")


def inspector_steps(page: Any, base: str, region: Region, checkpoint: Path, shot: Callable[[str], None],
                    override: tuple[str, str], viewed: str, committee: str = STAFF["committee"]) -> None:
    """Sign in as the inspector and check the log: verify against `checkpoint`, replay 20,
    find `override` (decision id, justification) and `committee`'s view of `viewed`."""
    page.goto(base + "/masuk")
    page.fill("#username", STAFF["inspector"])
    page.fill("#password", PASSWORD)
    page.fill("#totp", pyotp.TOTP(TOTP).at(NOW))
    page.click("main form button[type=submit]")
    page.click("a[href='/inspektur']")
    assert "Seluruh proses dalam jejak audit" in page.inner_text("main")
    shot("proses")

    page.click("nav.tabs >> text=Verifikasi")
    page.set_input_files("#checkpoint", str(checkpoint))
    page.click("main form button[type=submit]")
    body = page.inner_text("main")
    assert "Jejak audit UTUH." in body and "kelanjutan dari titik periksa Anda" in body
    shot("verifikasi-utuh")

    page.click("nav.tabs >> text=Ulang sampel")
    page.fill("#size", "20")
    page.fill("#seed", "20261125")
    shot("sampel-formulir")
    page.click("main form button[type=submit]")
    # no script: the page reloads itself (meta refresh) until the replay is done
    page.get_by_text("Selesai:").wait_for(timeout=240_000)
    body = page.inner_text("main")
    assert "Selesai: 20 sama persis, 0 berbeda, 0 tidak dapat diulang." in body
    assert len(re.findall(r"\b\d+-\d+\b\s+sama persis", body)) == 20
    shot("sampel-selesai")

    page.click("nav.tabs >> text=Perubahan hasil")
    body = page.inner_text("main")
    assert override[0] in body and override[1] in body
    shot("perubahan-hasil")

    page.click("nav.tabs >> text=Log akses")
    page.fill("#oleh", committee)
    page.click("main form button[type=submit]")
    body = page.inner_text("main")
    assert "melihat data pegawai" in body and viewed in body
    shot("log-akses")

    page.click("nav.tabs >> text=Keadilan")
    shot("keadilan")
    page.click("nav.tabs >> text=Ekspor tersamar")
    shot("ekspor")
    recorded = [a.detail for a in accesses(region.engine, actor=STAFF["inspector"]) if a.action == "replay_sample"]
    assert recorded and (recorded[-1]["size"], recorded[-1]["seed"]) == (20, 20261125)


@pytest.mark.parametrize(("backend", "view"), [
    ("sqlite", "desktop"), ("sqlite", "phone"),
    pytest.param("postgresql", "desktop", marks=pytest.mark.postgres),
])
def test_inspector_path_in_a_real_browser(portal_template: Region, tmp_path: Path, backend: str, view: str) -> None:
    need_browser()
    with region_on(backend, portal_template, tmp_path) as region:
        _inspect(region, tmp_path, backend, view)


def _inspect(region: Region, tmp_path: Path, backend: str, view: str) -> None:
    # the inspector's checkpoint, kept elsewhere before the committee's week
    checkpoint = tmp_path / "titik-periksa.txt"
    assert main(["audit", "checkpoint", "--db", region.url, "--out", str(checkpoint)]) == 0
    log = AuditLog(region.engine)
    did = log.decisions(1)[0]
    why = "Rapat TPK 25 November 2026: SKP 2025 diserahkan dalam bentuk cetak."
    log.add_override(did.decision_id, "eligible" if did.verdict != "eligible" else "not_eligible",
                     STAFF["committee"], why, NOW.isoformat())
    append_access(region.engine, STAFF["committee"], "committee", "view", region.me, NOW, {"page": "data"})
    def no_codes(name: str, page: Any) -> None:
        assert not CODES.search(page.inner_text("main")), (name, CODES.search(page.inner_text("main")))

    with served(region_config(region.engine, tmp_path)) as base, chromium() as browser:
        page = browser.new_page(viewport=VIEWPORTS[view])  # type: ignore[arg-type]
        shot = shooter(page, SHOTS / f"{backend}-{view}", view, no_codes)
        inspector_steps(page, base, region, checkpoint, shot, (did.decision_id, why), region.me)
