"""The employee's whole path through the portal in a real browser (Debian's chromium, driven
by Playwright; nothing is downloaded): activate, sign in, read the letter, report a data
error with a document, rank units, send a response. At desktop and at phone width (360 px),
on SQLite and on PostgreSQL. Screenshots of every page: build/screenshots/portal/.

Runs when /usr/bin/chromium exists; with MUTASI_REQUIRE_BROWSER=1 (CI) a missing browser fails.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.access import accesses
from tests.portal_helpers import NOW, REPO, Region, build_region, copy_region

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "build" / "screenshots" / "portal"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 800}}


def _need_browser() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("MUTASI_REQUIRE_BROWSER") == "1":
            pytest.fail("MUTASI_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing")
        pytest.skip("chromium not installed")
    pytest.importorskip("playwright.sync_api")


def _serve(region: Region, tmp: Path) -> Iterator[str]:
    import uvicorn

    from mutasi.web.app import create_app
    from mutasi.web.config import PortalConfig

    cfg = PortalConfig(engine=region.engine, secret=b"b" * 64, uploads=tmp / "uploads", clock=lambda: NOW)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(cfg), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.mark.parametrize(("backend", "view"), [
    ("sqlite", "desktop"), ("sqlite", "phone"),
    pytest.param("postgresql", "phone", marks=pytest.mark.postgres),
])
def test_employee_path_in_a_real_browser(portal_template: Region, tmp_path: Path, backend: str, view: str) -> None:
    _need_browser()
    from playwright.sync_api import sync_playwright

    from mutasi.portal import decisions, requests, rounds

    if backend == "sqlite":
        region = copy_region(portal_template, tmp_path)
        gen = None
    else:
        from tests.conftest import _pg_database

        gen = _pg_database()
        region = build_region(next(gen))
    shots = SHOTS / f"{backend}-{view}"
    shots.mkdir(parents=True, exist_ok=True)
    pdf = tmp_path / "sk-pangkat.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    me, password = region.fresh, "sandi-baru-saya-1"
    serving = _serve(region, tmp_path)
    base = next(serving)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page(viewport=VIEWPORTS[view])  # type: ignore[arg-type]
            n = 0

            def shot(name: str) -> None:
                nonlocal n
                n += 1
                page.screenshot(path=str(shots / f"{n:02d}-{name}.png"), full_page=True)
                if view == "phone":  # nothing wider than the phone: no sideways scrolling
                    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name

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
            browser.close()
        sent = requests.responses(region.engine, me)
        assert len(sent) == 1 and sent[0].receipt in body
        assert rounds.choices(region.engine, 1, me)[0] == [units[1][0], units[0][0]]
        assert len(requests.reports(region.engine, me)) == 1
        actions = [a.action for a in accesses(region.engine, nip=me)]
        assert actions == ["activate", "sign_in", "report_error", "submit_preferences", "file_response"]
    finally:
        next(serving, None)
        region.engine.dispose()
        if gen is not None:
            gen.close()
