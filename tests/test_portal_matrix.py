"""Every route x every role (and no session): the one permission check decides, nobody
reaches another person's data, and no response is a traceback or a server error."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutasi.web.deps import ROUTES
from mutasi.web.permissions import Permission, allowed
from tests.portal_helpers import (
    NOW,
    STAFF,
    Region,
    client,
    copy_region,
    csrf_of,
    sign_in,
)

ROLES = ["none", "employee", "committee", "inspector", "admin"]


def _fill(path: str, region: Region) -> str:
    """Route parameters filled with identifiers of ANOTHER employee where there are any."""
    values = {"lang": "en", "run": "2", "upload_id": "1"}  # upload 1 is the other employee's
    values |= {"job": "1", "decision": "2-1", "receipt": "LD-20261125-XXXXXX", "round": "1"}  # committee
    values |= {"round_id": "1"}  # voluntary round
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, path
    return path


def test_every_route_declares_a_permission() -> None:
    import mutasi.web.routes  # noqa: F401

    assert ROUTES, "no routes registered"
    assert all(isinstance(r.permission, Permission) for r in ROUTES)
    assert {("/masuk", "POST"), ("/saya", "GET"), ("/staf", "GET")} <= {(r.path, m) for r in ROUTES for m in r.methods}


@pytest.mark.parametrize("role", ROLES)
def test_route_matrix(portal_template: Region, tmp_path: Path, role: str) -> None:
    import mutasi.web.routes  # noqa: F401
    from mutasi.portal.accounts import find_account

    region = copy_region(portal_template, tmp_path)
    from datetime import date

    from mutasi.portal import requests, uploads

    doc = uploads.check(b"%PDF-1.4\n" + region.other.encode() + b"\n%%EOF", "x.pdf", 1000)
    requests.report_error(region.engine, tmp_path / "uploads", region.other, "rank", f"NIP {region.other}", doc,
                          NOW, date(2026, 11, 25))
    c = client(region, tmp_path)
    user = None
    if role == "employee":
        sign_in(c, region.me, totp="")
        user = find_account(region.engine, region.me)
    elif role != "none":
        sign_in(c, STAFF[role])
        user = find_account(region.engine, STAFF[role])
    for spec in ROUTES:
        for method in spec.methods:
            path = _fill(spec.path, region)
            if method == "GET":
                r = c.get(path)
            else:
                token = csrf_of(c.get("/masuk" if user is None else "/").text) if user is None else _csrf(c)
                r = c.post(path, data={"csrf": token})
            where = f"{method} {spec.path} as {role}: {r.status_code}"
            assert r.status_code < 500, where
            assert "Traceback" not in r.text and "Internal Server Error" not in r.text, where
            if not allowed(user, spec.permission):
                if user is None:
                    assert r.status_code == 303 and r.headers["location"].startswith("/masuk"), where
                else:
                    assert r.status_code == 403, where
            # never another employee's NIP or name on any page an employee or a visitor can open
            if role in ("none", "employee"):
                assert region.other not in r.text, where
            if spec.path == "/keluar" and user is not None:
                sign_in(c, user.username, totp="" if role == "employee" else None)
    region.engine.dispose()


def _csrf(c) -> str:  # type: ignore[no-untyped-def]
    r = c.get("/", follow_redirects=True)
    return csrf_of(r.text)
