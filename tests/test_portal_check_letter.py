"""The public "check a letter" page (issue 15): no sign-in; a demo letter (HTML, PDF) and its
printed code verify; a letter whose decision was altered in the database, a forged code, a
file too large fail; failures are rate-limited; the answer names nobody. Also in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_audit_support import NIPS
from trust_support import Trusted, trusted_log, unprotect

from audit.policy import parse_policy
from mutasi.cli.app import main
from mutasi.web.app import create_app
from mutasi.web.config import PortalConfig
from tests.portal_helpers import NOW, REPO, csrf_of

SHOTS = REPO / "build" / "screenshots" / "portal" / "check-letter"


def _cfg(t: Trusted, tmp: Path, trust: bool = True) -> PortalConfig:
    return PortalConfig(engine=t.engine, secret=b"c" * 64, uploads=tmp / "uploads", clock=lambda: NOW,
                        trust=parse_policy(t.policy.read_text()) if trust else None)


def _client(cfg: PortalConfig) -> TestClient:
    return TestClient(create_app(cfg), raise_server_exceptions=False, follow_redirects=False)


@pytest.fixture
def signed(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Trusted, Path]:
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    out = tmp_path / "letters"
    assert main(["report", "letters", "--all", "--db", t.url, "--run", "1", "--trust", str(t.policy),
                 "--out", str(out)]) == 0
    return t, out / f"surat-{NIPS['B']}-id.html"


def _post(c: TestClient, letter: bytes | None = None, code: str = "", name: str = "surat.html") -> str:
    token = csrf_of(c.get("/periksa-surat").text)
    files = {"letter": (name, letter, "text/html")} if letter is not None else None
    r = c.post("/periksa-surat", data={"csrf": token, "code": code}, files=files)
    return f"{r.status_code} {r.text}"


def test_letter_and_code_verify_and_show_nothing_else(signed: tuple[Trusted, Path], tmp_path: Path) -> None:
    t, letter = signed
    c = _client(_cfg(t, tmp_path))
    page = letter.read_text(encoding="utf-8")
    code = re.search(r'class="receipt-code">([^<]+)<', page).group(1)  # type: ignore[union-attr]
    for answer in (_post(c, letter.read_bytes()), _post(c, code=code), _post(c, code=code.lower())):
        assert answer.startswith("200") and "SAH: keputusan tanggal 22 November 2026, proses 1." in answer
        # nothing about the person: no NIP, no name, no outcome
        assert not any(n in answer for n in NIPS.values()) and "Pegawai B" not in answer
        assert "memenuhi" not in answer and "1-2" not in answer
    c.get("/bahasa/en")
    assert "VALID: decision of 22 November 2026, run 1." in _post(c, code=code)


def test_pdf_letter_verifies(signed: tuple[Trusted, Path], tmp_path: Path) -> None:
    t, _ = signed
    out = tmp_path / "pdf"
    assert main(["report", "letters", "--db", t.url, "--run", "1", "--trust", str(t.policy), "--format", "pdf",
                 "--nip", NIPS["B"], "--out", str(out)]) == 0
    pdf = next(out.glob("*.pdf")).read_bytes()
    assert "SAH: keputusan tanggal 22 November 2026" in _post(_client(_cfg(t, tmp_path)), pdf, name="surat.pdf")


def test_altered_decision_forged_code_and_junk_fail(signed: tuple[Trusted, Path], tmp_path: Path) -> None:
    t, letter = signed
    code = re.search(r'class="receipt-code">([^<]+)<', letter.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
    c = _client(_cfg(t, tmp_path))
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert "TIDAK SAH" in _post(c, code=forged) and "salah ketik" in _post(c, code=forged)
    assert "bukan surat mutasi" in _post(c, b"<html><body>Surat palsu</body></html>")
    # an insider changes the decision in the database after the letter was issued
    t.engine.dispose()
    con = unprotect(t.path)
    con.execute("UPDATE audit_entry SET body = replace(body, '\"months_in_post\":19', '\"months_in_post\":29') "
                "WHERE seq = 5")
    con.commit()
    con.close()
    c2 = _client(_cfg(t, tmp_path))
    for answer in (_post(c2, letter.read_bytes()), _post(c2, code=code)):
        assert "TIDAK SAH" in answer and "telah diubah" in answer and "SAH:" not in answer


def test_rate_limit_and_size_limit(signed: tuple[Trusted, Path], tmp_path: Path) -> None:
    t, letter = signed
    c = _client(_cfg(t, tmp_path))
    big = b"<html>" + b"x" * (5 * 1024 * 1024 + 10)
    assert _post(c, big).startswith("413")
    assert _post(c).startswith("400")  # nothing given
    for _ in range(4):
        assert "TIDAK SAH" in _post(c, code="1-AAAA-AAAA-AAAA")
    assert _post(c, code="1-AAAA-AAAA-AAAA").startswith("200")  # the fifth failure still answers
    locked = _post(c, code="1-AAAA-AAAA-AAAA")
    assert locked.startswith("429") and "Coba lagi setelah" in locked
    assert _post(c, letter.read_bytes()).startswith("429")  # even a good letter, until the window passes
    # sign-in is not locked by failed letter checks of a different kind
    from mutasi.portal import signin

    assert signin.locked_for(t.engine, "tim.mutasi", "elsewhere", NOW) == 0


def test_no_trust_policy_says_checking_is_off(signed: tuple[Trusted, Path], tmp_path: Path) -> None:
    t, letter = signed
    c = _client(_cfg(t, tmp_path, trust=False))
    assert "belum diaktifkan" in c.get("/periksa-surat").text
    token = csrf_of(c.get("/masuk").text)  # the page has no form: post as a script would
    r = c.post("/periksa-surat", data={"csrf": token}, files={"letter": ("s.html", letter.read_bytes(), "text/html")})
    assert r.status_code == 404 and "belum diaktifkan" in r.text


def test_check_page_in_a_real_browser(signed: tuple[Trusted, Path], tmp_path: Path) -> None:
    from tests.browser import VIEWPORTS, chromium, need_browser, served

    need_browser()
    t, letter = signed
    SHOTS.mkdir(parents=True, exist_ok=True)
    with served(_cfg(t, tmp_path)) as base, chromium() as browser:
        for view in ("desktop", "phone"):
            page = browser.new_page(viewport=VIEWPORTS[view])  # type: ignore[arg-type]
            page.goto(base + "/periksa-surat")
            page.set_input_files("#letter", str(letter))
            page.click("main form button[type=submit]")
            assert "SAH: keputusan tanggal 22 November 2026, proses 1." in page.inner_text("main")
            page.screenshot(path=str(SHOTS / f"{view}-sah.png"), full_page=True)
            page.fill("#code", "5-AAAA-BBBB-CCCC")
            page.click("main form button[type=submit]")
            assert "TIDAK SAH" in page.inner_text("main")
            page.screenshot(path=str(SHOTS / f"{view}-tidak-sah.png"), full_page=True)
            if view == "phone":
                assert page.evaluate("document.documentElement.scrollWidth") <= 360
            page.close()
