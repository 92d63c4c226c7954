"""The committee's "what if" page (issue 19): pick a parameter, change its value in a copy of
the pack, see the diff and whom it affects; the installed pack and the log do not change.

The portal region's run 2 (plan, 2026-11-22, the example import) is the latest run; lowering
the minimum time in post to 6 months changes one verdict, NIP 197906062005011006 (20 months
in post; see tests/test_whatif_impact.py).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from audit import AuditLog
from audit.access import accesses
from tests.browser import VIEWPORTS, chromium, need_browser, region_config, served
from tests.portal_helpers import REPO, STAFF, Region, client, sign_in

PATH = "/komite/bagaimana-jika"
CHANGED_NIP = "197906062005011006"
SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")


def visible(html: str) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


def _pack_hash() -> str:
    return hashlib.sha256((REPO / "rules" / "nasional" / "parameters.yaml").read_bytes()).hexdigest()


def test_committee_changes_a_parameter_in_a_copy(region: Region, tmp_path: Path) -> None:
    before_file = _pack_hash()
    log = AuditLog(region.engine, migrate=False)
    runs = len(log.list_runs())
    c = client(region, tmp_path)
    sign_in(c, STAFF["committee"])
    form = c.get(PATH)
    assert form.status_code == 200
    assert "Masa jabatan paling singkat" in form.text and "2 tahun" in form.text
    assert SNAKE.findall(visible(form.text)) == []
    r = c.get(PATH, params={"parameter": "tenure_min_months", "nilai": "6"})
    assert r.status_code == 200, r.text
    text = visible(r.text)
    assert CHANGED_NIP in text and "6 bulan" in text
    assert "tidak memenuhi syarat → data belum lengkap" in text
    assert "PP 11/2017 jo. PP 17/2020 Pasal 190 ayat (3)" in text
    assert "12 pegawai dinilai ulang" in text and "putusan 1 pegawai berubah" in text
    assert SNAKE.findall(text) == []
    # nothing installed or recorded changed; the read of the person's data is logged
    assert _pack_hash() == before_file and len(log.list_runs()) == runs
    seen = [a for a in accesses(region.engine, nip=CHANGED_NIP) if a.actor == STAFF["committee"]]
    assert seen and seen[-1].detail["page"] == "whatif"
    # English
    c.get("/bahasa/en", params={"kembali": PATH})
    en = visible(c.get(PATH, params={"parameter": "tenure_min_months", "nilai": "6"}).text)
    assert "What if the rules change?" in en and "not eligible → data missing" in en
    assert "6 months" in en and SNAKE.findall(en) == []


@pytest.mark.parametrize(("value", "words"), [
    ("enam", "harus bilangan bulat"), ("6.5", "harus bilangan bulat"), ("-3", "harus antara 0 dan 1200"),
    ("99999", "harus antara 0 dan 1200"),
])
def test_bad_values_are_refused_with_a_code(region: Region, tmp_path: Path, value: str, words: str) -> None:
    c = client(region, tmp_path)
    sign_in(c, STAFF["committee"])
    r = c.get(PATH, params={"parameter": "tenure_min_months", "nilai": value})
    assert r.status_code == 400 and words in r.text and "MUT-R202" in r.text
    assert CHANGED_NIP not in r.text
    r = c.get(PATH, params={"parameter": "no_such_parameter", "nilai": "6"})
    assert r.status_code == 400 and "Pilih parameter dari daftar" in r.text


def test_only_the_committee(region: Region, tmp_path: Path) -> None:
    for role in ("inspector", "admin"):
        c = client(region, tmp_path)
        sign_in(c, STAFF[role])
        assert c.get(PATH, params={"parameter": "tenure_min_months", "nilai": "6"}).status_code == 403
    c = client(region, tmp_path)
    sign_in(c, region.me, totp="")
    assert c.get(PATH).status_code == 403


def test_whatif_page_in_a_real_browser(region: Region, tmp_path: Path) -> None:
    import pyotp

    from tests.portal_helpers import NOW, PASSWORD, TOTP

    need_browser()
    shots = REPO / "build" / "screenshots" / "whatif"
    shots.mkdir(parents=True, exist_ok=True)
    with served(region_config(region.engine, tmp_path)) as base, chromium() as browser:
        for view in ("desktop", "phone"):
            page = browser.new_page(viewport=VIEWPORTS[view])  # type: ignore[arg-type]
            page.goto(f"{base}/masuk")
            page.fill("[name=username]", STAFF["committee"])
            page.fill("[name=password]", PASSWORD)
            page.fill("[name=totp]", pyotp.TOTP(TOTP).at(NOW))
            page.click("button[type=submit]")
            page.goto(f"{base}{PATH}")
            page.select_option("#parameter", "tenure_min_months")
            page.fill("#nilai", "6")
            page.click("form.stack button[type=submit]")
            page.wait_for_selector("text=Pegawai yang putusannya berubah")
            page.screenshot(path=str(shots / f"whatif-{view}.png"), full_page=True)
            body = page.inner_text("main")
            assert CHANGED_NIP in body and SNAKE.findall(body) == []
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[view]["width"], f"{view}: page {width}px wide"
            page.close()
