"""The employee's whole path through the portal in a real browser (Debian's chromium, driven
by Playwright; nothing is downloaded): activate, sign in, read the letter, report a data
error with a document, rank units, send a response. At desktop and at phone width (360 px),
on SQLite and on PostgreSQL. Screenshots of every page: build/screenshots/portal/.
The browser, the served portal and the regions: tests/browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.access import accesses
from tests.browser import (
    VIEWPORTS,
    chromium,
    need_browser,
    region_config,
    region_on,
    served,
    shooter,
)
from tests.portal_helpers import REPO, Region

SHOTS = REPO / "build" / "screenshots" / "portal"


@pytest.mark.parametrize(("backend", "view"), [
    ("sqlite", "desktop"), ("sqlite", "phone"),
    pytest.param("postgresql", "phone", marks=pytest.mark.postgres),
])
def test_employee_path_in_a_real_browser(portal_template: Region, tmp_path: Path, backend: str, view: str) -> None:
    from mutasi.portal import decisions, requests, rounds

    need_browser()
    with region_on(backend, portal_template, tmp_path) as region, \
            served(region_config(region.engine, tmp_path)) as base:
        pdf = tmp_path / "sk-pangkat.pdf"
        pdf.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
        me, password = region.fresh, "sandi-baru-saya-1"
        with chromium() as browser:
            page = browser.new_page(viewport=VIEWPORTS[view])  # type: ignore[arg-type]
            shot = shooter(page, SHOTS / f"{backend}-{view}", view)

            def submit() -> None:
                page.click("main form button[type=submit]")

            page.goto(base + "/aktivasi")
            page.fill("#nip", me)
            page.fill("#code", region.code)
            page.fill("#password", password)
            page.fill("#password_again", password)
            shot("aktivasi")
            submit()
            assert "Akun Anda sudah aktif" in page.inner_text("main")
            page.fill("#username", me)
            page.fill("#password", password)
            shot("masuk")
            submit()
            assert page.url.endswith("/saya")
            shot("beranda")

            page.click("nav.tabs >> text=Keputusan saya")
            shot("keputusan")
            cards = page.inner_text("main")
            mine = decisions.my_decisions(region.engine, me, "id")
            assert mine and all(d.headline in cards for d in mine)
            first = mine[0]
            page.click(f"a[href='/saya/keputusan/{first.run_seq}/surat']")
            expected = decisions.letter_context(region.engine, me, first.run_seq, "id")
            text = " ".join(page.inner_text("body").split())
            assert expected.headline in text and expected.nip in text
            assert expected.appendix and all(" ".join(row.title.split()) in text for row in expected.appendix)
            shot("surat")
            page.go_back()

            page.click("nav.tabs >> text=Data saya")
            shot("data")
            page.select_option("#item", "rank")
            page.fill("#message", "Golongan saya sudah III/c sejak 1 April 2026 (SK kenaikan pangkat terlampir).")
            page.set_input_files("#document", str(pdf))
            submit()
            assert "Laporan Anda sudah diterima" in page.inner_text("main")
            shot("data-terkirim")

            page.click("nav.tabs >> text=Pilihan unit")
            shot("pilihan")
            units = rounds.units(region.engine)
            page.select_option("#choice_1", units[1][0])
            page.select_option("#choice_2", units[0][0])
            submit()
            assert "Pilihan Anda sudah disimpan" in page.inner_text("main")
            shot("pilihan-tersimpan")

            page.click("nav.tabs >> text=Tanggapan")
            page.fill("#text", "Saya mohon dipertimbangkan kembali karena data golongan saya belum diperbarui.")
            shot("tanggapan")
            submit()
            body = page.inner_text("main")
            assert "sudah diterima. Nomor tanda terima:" in body
            shot("tanggapan-terkirim")
        sent = requests.responses(region.engine, me)
        assert len(sent) == 1 and sent[0].receipt in body
        assert rounds.choices(region.engine, 1, me)[0] == [units[1][0], units[0][0]]
        assert len(requests.reports(region.engine, me)) == 1
        actions = [a.action for a in accesses(region.engine, nip=me)]
        assert actions == ["activate", "sign_in", "report_error", "submit_preferences", "file_response"]
