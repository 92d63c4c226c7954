"""Admin creates a staff account in the portal; an employee turns on the optional second factor."""

from __future__ import annotations

import re
from pathlib import Path

import pyotp

from audit.access import accesses
from tests.portal_helpers import (
    NOW,
    PASSWORD,
    STAFF,
    Region,
    client,
    csrf_of,
    sign_in,
)


def test_admin_creates_a_staff_account_that_can_sign_in(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    sign_in(c, STAFF["admin"])
    page = c.get("/admin/akun").text
    r = c.post("/admin/akun", data={"csrf": csrf_of(page), "username": "sekretaris.tpk", "display_name": "Sekretaris TPK",
                                    "role": "committee"})
    assert r.status_code == 200 and "Akun sekretaris.tpk sudah dibuat" in r.text
    password = re.search(r"<dt>Kata sandi</dt><dd><code>([^<]+)</code>", r.text).group(1)  # type: ignore[union-attr]
    secret = re.search(r"<dt>Kunci autentikator</dt><dd><code>([A-Z2-7]+)</code>", r.text).group(1)  # type: ignore[union-attr]
    new = client(region, tmp_path)
    sign_in(new, "sekretaris.tpk", password, totp=pyotp.TOTP(secret).at(NOW))
    assert new.get("/staf").status_code == 200
    r = c.post("/admin/akun", data={"csrf": csrf_of(page), "username": "sekretaris.tpk", "display_name": "X",
                                    "role": "committee"})
    assert r.status_code == 400 and "sudah dipakai" in r.text
    r = c.post("/admin/akun", data={"csrf": csrf_of(page), "username": "x.y.z", "display_name": "X", "role": "employee"})
    assert r.status_code == 400  # employees activate with a code, never made here
    assert [a.action for a in accesses(region.engine, actor=STAFF["admin"])][-1] == "account_created"


def test_committee_may_not_create_accounts(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    sign_in(c, STAFF["committee"])
    token = csrf_of(c.get("/staf").text)
    r = c.post("/admin/akun", data={"csrf": token, "username": "evil.user", "display_name": "E", "role": "admin"})
    assert r.status_code == 403
    from mutasi.portal.accounts import find_account

    assert find_account(region.engine, "evil.user") is None


def test_employee_turns_on_totp_and_then_needs_it(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    sign_in(c, region.me, totp="")
    page = c.get("/saya/keamanan").text
    secret = re.search(r'name="secret" value="([A-Z2-7]{32})"', page).group(1)  # type: ignore[union-attr]
    r = c.post("/saya/keamanan", data={"csrf": csrf_of(page), "secret": secret, "totp": "000000"})
    assert r.status_code == 400 and "Kode autentikator salah" in r.text
    r = c.post("/saya/keamanan", data={"csrf": csrf_of(page), "secret": secret, "totp": pyotp.TOTP(secret).at(NOW)})
    assert r.status_code == 303
    assert "sudah aktif" in c.get("/saya/keamanan").text
    other = client(region, tmp_path)
    r = other.post("/masuk", data={"csrf": csrf_of(other.get("/masuk").text), "username": region.me,
                                   "password": PASSWORD, "totp": ""})
    assert r.status_code == 401
    sign_in(other, region.me, totp=pyotp.TOTP(secret).at(NOW))
