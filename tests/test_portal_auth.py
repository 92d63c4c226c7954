"""Sign-in, activation, sessions, CSRF, rate limit and security headers of the portal."""

from __future__ import annotations

from pathlib import Path

import pyotp
import pytest

from audit.access import accesses
from tests.portal_helpers import (
    NOW,
    PASSWORD,
    STAFF,
    TOTP,
    Region,
    build_region,
    client,
    csrf_of,
    sign_in,
)


@pytest.mark.postgres
def test_sign_in_and_activation_on_postgresql(tmp_path: Path) -> None:
    from tests.conftest import _pg_database

    gen = _pg_database()
    url = next(gen)
    try:
        reg = build_region(url)
        test_employee_signs_in_and_sees_own_home(reg, tmp_path)
        test_activation_with_code_then_sign_in(reg, tmp_path)
        test_lockout_after_repeated_failures(reg, tmp_path)
        reg.engine.dispose()
    finally:
        gen.close()


def test_employee_signs_in_and_sees_own_home(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    sign_in(c, region.me, totp="")
    r = c.get("/saya")
    assert r.status_code == 200 and region.me in r.text
    cookie = next(h for h in r.request.headers.get("cookie", "").split("; ") if h.startswith("mutasi_session="))
    assert cookie
    acc = accesses(region.engine, nip=region.me)
    assert [a.action for a in acc] == ["sign_in"] and acc[0].actor == region.me


def test_session_cookie_flags_and_rotation(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    page = c.get("/masuk")
    r = c.post("/masuk", data={"csrf": csrf_of(page.text), "username": region.me, "password": PASSWORD})
    set_cookie = r.headers["set-cookie"]
    assert "mutasi_session=" in set_cookie and "HttpOnly" in set_cookie and "SameSite=lax" in set_cookie
    first = c.cookies.get("mutasi_session")
    page = c.get("/masuk")
    c.post("/masuk", data={"csrf": csrf_of(c.get("/saya").text), "username": region.me, "password": PASSWORD})
    assert c.cookies.get("mutasi_session") != first  # signing in again makes a new session


def test_wrong_password_is_one_clear_message(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    page = c.get("/masuk")
    r = c.post("/masuk", data={"csrf": csrf_of(page.text), "username": region.me, "password": "salah-sekali"})
    assert r.status_code == 401 and "kata sandi salah" in r.text
    assert "Traceback" not in r.text
    assert [a.action for a in accesses(region.engine, actor="anonymous")] == ["sign_in_failed"]


def test_lockout_after_repeated_failures(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    for _ in range(5):
        r = c.post("/masuk", data={"csrf": csrf_of(c.get("/masuk").text), "username": region.me, "password": "x" * 12})
        assert r.status_code == 401
    r = c.post("/masuk", data={"csrf": csrf_of(c.get("/masuk").text), "username": region.me, "password": PASSWORD})
    assert r.status_code == 429 and "Terlalu banyak percobaan" in r.text and "15 menit" in r.text
    assert "mutasi_session" not in c.cookies


@pytest.mark.parametrize("role", sorted(STAFF))
def test_staff_need_their_totp_code(region: Region, tmp_path: Path, role: str) -> None:
    c = client(region, tmp_path)
    r = c.post("/masuk", data={"csrf": csrf_of(c.get("/masuk").text), "username": STAFF[role],
                               "password": PASSWORD, "totp": ""})
    assert r.status_code == 401 and "Kode autentikator salah" in r.text
    wrong = f"{(int(pyotp.TOTP(TOTP).at(NOW)) + 1) % 1000000:06d}"
    r = c.post("/masuk", data={"csrf": csrf_of(c.get("/masuk").text), "username": STAFF[role],
                               "password": PASSWORD, "totp": wrong})
    assert r.status_code == 401
    sign_in(c, STAFF[role])
    assert c.get("/staf").status_code == 200


def test_post_without_csrf_is_refused_and_changes_nothing(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    c.get("/masuk")
    r = c.post("/masuk", data={"username": region.me, "password": PASSWORD})
    assert r.status_code == 403 and "Formulir ini sudah kedaluwarsa" in r.text
    assert "mutasi_session" not in c.cookies
    sign_in(c, region.me, totp="")
    r = c.post("/keluar", data={"csrf": "forged"})
    assert r.status_code == 403
    assert c.get("/saya").status_code == 200  # still signed in


def test_activation_with_code_then_sign_in(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    form = {"nip": region.fresh, "code": region.code.lower().replace("-", " "),
            "password": "kata-sandi-baru-1", "password_again": "kata-sandi-baru-1"}
    r = c.post("/aktivasi", data={**form, "csrf": csrf_of(c.get("/aktivasi").text)})
    assert r.status_code == 303 and r.headers["location"] == "/masuk?aktif=1"
    sign_in(c, region.fresh, "kata-sandi-baru-1", totp="")
    assert region.fresh in c.get("/saya").text
    c2 = client(region, tmp_path)
    r = c2.post("/aktivasi", data={**form, "csrf": csrf_of(c2.get("/aktivasi").text)})  # the code works once
    assert r.status_code == 400 and "sudah dipakai" in r.text


@pytest.mark.parametrize(("change", "message"), [
    ({"code": "AAAA-BBBB-CCCC"}, "tidak cocok"),
    ({"password_again": "lain-sekali-123"}, "tidak sama"),
    ({"password": "pendek", "password_again": "pendek"}, "paling sedikit 10"),
])
def test_bad_activation_is_refused_with_a_message(region: Region, tmp_path: Path, change: dict[str, str],
                                                  message: str) -> None:
    c = client(region, tmp_path)
    form = {"nip": region.fresh, "code": region.code, "password": "kata-sandi-baru-1",
            "password_again": "kata-sandi-baru-1", **change}
    r = c.post("/aktivasi", data={**form, "csrf": csrf_of(c.get("/aktivasi").text)})
    assert r.status_code == 400 and message in r.text
    from mutasi.portal.accounts import find_account

    assert find_account(region.engine, region.fresh) is None  # nothing half-written


def test_code_of_another_nip_does_not_activate(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    nip = region.nips[3]
    form = {"nip": nip, "code": region.code, "password": "kata-sandi-baru-1", "password_again": "kata-sandi-baru-1"}
    r = c.post("/aktivasi", data={**form, "csrf": csrf_of(c.get("/aktivasi").text)})
    assert r.status_code == 400


def test_security_headers_on_every_page(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    for path in ("/masuk", "/aktivasi", "/tidak-ada", "/static/portal.css"):
        r = c.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src" not in csp and "default-src 'none'" in csp and "'unsafe-inline'" not in csp
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert c.get("/tidak-ada").status_code == 404


def test_expired_session_sends_back_to_sign_in(region: Region, tmp_path: Path) -> None:
    from datetime import timedelta

    c = client(region, tmp_path)
    sign_in(c, region.me, totp="")
    later = client(region, tmp_path, now=NOW + timedelta(hours=9))
    later.cookies = c.cookies
    r = later.get("/saya")
    assert r.status_code == 303 and r.headers["location"].startswith("/masuk")


def test_language_switch(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    r = c.get("/bahasa/en?kembali=/masuk")
    assert r.status_code == 303 and r.headers["location"] == "/masuk"
    assert "Sign in to the portal" in c.get("/masuk").text
    assert c.get("/bahasa/en?kembali=//evil.example").headers["location"] == "/"
