"""A demo voluntary round end to end in a real browser (Debian's chromium via Playwright;
nothing downloaded): the committee opens a round, employees rank positions on their phones,
the committee closes, runs and publishes it, an employee reads the letter with points and
cut-offs. Screenshots: build/screenshots/portal/round/.

Runs when /usr/bin/chromium exists; with MUTASI_REQUIRE_BROWSER=1 (CI) a missing browser fails.
"""

from __future__ import annotations

from pathlib import Path

import pyotp

from audit import AuditLog
from mutasi.portal import voluntary as V
from mutasi.store.db import open_store
from tests.browser import VIEWPORTS, chromium, need_browser, region_config, served
from tests.portal_helpers import NOW, PASSWORD, REPO, TOTP
from tests.round_helpers import OFFERED, RoundRegion, copy_round_region

SHOTS = REPO / "build" / "screenshots" / "portal" / "round"


def test_demo_round_in_a_real_browser(round_template: RoundRegion, tmp_path: Path) -> None:
    need_browser()
    rr = copy_round_region(round_template, tmp_path)
    engine = open_store(rr.url)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with served(region_config(engine, tmp_path)) as base, chromium() as browser:
            n = 0

            def shot(page, name: str, phone: bool = False) -> None:  # type: ignore[no-untyped-def]
                nonlocal n
                n += 1
                page.screenshot(path=str(SHOTS / f"{n:02d}-{name}.png"), full_page=True)
                if phone:  # nothing wider than the phone: no sideways scrolling
                    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name

            def sign_in(page, user: str, totp: str = "") -> None:  # type: ignore[no-untyped-def]
                page.goto(base + "/masuk")
                page.fill("#username", user)
                page.fill("#password", PASSWORD)
                if totp:
                    page.fill("#totp", totp)
                page.click("main form button[type=submit]")

            team = browser.new_page(viewport=VIEWPORTS["desktop"])  # type: ignore[arg-type]
            sign_in(team, "tim.mutasi", pyotp.TOTP(TOTP).at(NOW))
            team.goto(base + "/tim/putaran-sukarela")
            team.fill("#title", "Putaran mutasi sukarela 2027 tahap 1")
            team.fill("#opens_on", "2026-11-23")
            team.fill("#closes_on", "2026-12-04")
            for pid in OFFERED:
                team.check(f"input[name=positions][value='{pid}']")
            shot(team, "tim-buka-putaran")
            team.click("main form button[type=submit]")
            assert "Putaran dibuka" in team.inner_text("main")
            shot(team, "tim-putaran-dibuka")
            rid = V.list_rounds(engine)[0].id

            for i, nip in enumerate(rr.people):
                me = browser.new_page(viewport=VIEWPORTS["phone"])  # type: ignore[arg-type]
                sign_in(me, nip)
                me.click("nav.tabs >> text=Putaran sukarela")
                if i == 0:
                    shot(me, "pegawai-memilih", phone=True)
                # the positions they are eligible for first, then one they are not (its reason shows)
                mine = sorted(rr.eligible[nip], reverse=True) + [q for q in OFFERED if q not in rr.eligible[nip]][:1]
                for k, pid in enumerate(mine, 1):
                    me.select_option(f"#choice_{k}", pid)
                me.click("main form button[type=submit]")
                assert "Pilihan Anda tersimpan" in me.inner_text("main")
                if i == 0:
                    shot(me, "pegawai-tersimpan", phone=True)
                me.close()

            for label, done in (("Tutup putaran", "Putaran ditutup"), ("Jalankan putaran", "Putaran dijalankan"),
                                ("Umumkan hasil kepada pegawai", "Hasil diumumkan")):
                team.click(f"main button:has-text('{label}')")
                if label == "Jalankan putaran":  # a background job: its progress page refreshes itself
                    assert "/tim/tugas/" in team.url
                    team.wait_for_selector("text=Buka halaman putaran", timeout=120_000)
                    shot(team, "tim-putaran-tugas-selesai")
                    team.click("text=Buka halaman putaran")
                assert done in team.inner_text("main"), label
            shot(team, "tim-hasil-batas-nilai")
            team.click("text=Laporan batas nilai per jabatan")
            shot(team, "tim-laporan")

            rnd = V.get_round(engine, rid)
            assert rnd is not None and rnd.run_seq is not None
            payload = AuditLog(engine).plan(rnd.run_seq) or {}
            # the letter of someone turned away somewhere (a cut-off to read), else the first
            person = next((x for x in payload["people"] if any(b["reason"] == "below_cutoff" for b in x["bids"])),
                          payload["people"][0])
            for view in ("phone", "desktop"):
                me = browser.new_page(viewport=VIEWPORTS[view])  # type: ignore[arg-type]
                sign_in(me, person["nip"])
                me.click("nav.tabs >> text=Putaran sukarela")
                me.click("text=Baca surat hasil putaran Anda")
                text = " ".join(me.inner_text("body").split())
                assert "Pilihan ke-1" in text and "Batas terendah" in text and "Rincian nilai" in text
                shot(me, f"surat-{view}", phone=view == "phone")
                me.close()
    finally:
        engine.dispose()
