"""A small region for portal tests: the example import files, one evaluation and one plan,
a published run, an open round and accounts for every role; a TestClient on a fixed clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyotp
from sqlalchemy import Engine, select
from starlette.testclient import TestClient

from mutasi.cli.app import main
from mutasi.portal.accounts import create_account, issue_codes
from mutasi.portal.roles import Role
from mutasi.store.db import open_store
from mutasi.store.models import Employee, table_of
from mutasi.web.app import create_app
from mutasi.web.config import PortalConfig

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # Wednesday 25 November 2026, 10:00 WIB
PASSWORD = "sandi-rahasia-123"
TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
STAFF = {"committee": "tim.mutasi", "inspector": "inspektur", "admin": "admin.bkpsdm"}


@dataclass
class Region:
    url: str
    engine: Engine
    nips: list[str]  # every employee, sorted
    me: str  # the employee with an account
    other: str  # another employee with an account
    fresh: str  # an employee without an account, with an activation code
    code: str


def build_region(url: str) -> Region:
    assert main(["import", str(REPO / "examples" / "import"), "--db", url]) == 0
    assert main(["evaluate", "--db", url, "--as-of", "2026-11-22", "--actor", "test"]) in (0, 1)
    assert main(["plan", "--db", url, "--as-of", "2026-11-22", "--actor", "test"]) in (0, 1)
    engine = open_store(url)
    from datetime import date

    from mutasi.portal.publication import publish
    from mutasi.portal.rounds import open_round

    # run 1 (evaluate) became an SK announced on Monday 23 November: a keberatan, 21 working
    # days; run 2 (plan) was published on Tuesday 24 November before an SK: a tanggapan, 10
    publish(engine, 1, date(2026, 11, 23), "test", "800/1/BKPSDM/2026", date(2026, 11, 23))
    publish(engine, 2, date(2026, 11, 24), "test")
    open_round(engine, "Mutasi 2027 tahap 1", date(2026, 11, 23), date(2026, 12, 4), "test")
    emp = table_of(Employee)
    with engine.connect() as conn:
        nips = sorted(str(n) for n in conn.execute(select(emp.c.nip)).scalars())
    me, other, fresh = nips[0], nips[1], nips[2]
    for nip in (me, other):
        create_account(engine, nip, Role.EMPLOYEE, f"Pegawai {nip[-4:]}", NOW, nip=nip, password=PASSWORD)
    for role, name in STAFF.items():
        create_account(engine, name, Role(role), f"Staf {role}", NOW, password=PASSWORD, totp_secret=TOTP)
    code = issue_codes(engine, [fresh], NOW)[0][2]
    return Region(url, engine, nips, me, other, fresh, code)


def copy_region(template: Region, tmp: Path) -> Region:
    """A private copy of a SQLite region built once per module (tests change state)."""
    import shutil

    src = Path(template.url.removeprefix("sqlite:///"))
    dst = tmp / "region.db"
    shutil.copyfile(src, dst)
    url = f"sqlite:///{dst}"
    return Region(url, open_store(url), template.nips, template.me, template.other, template.fresh, template.code)


def client(region: Region, tmp: Path, now: datetime = NOW) -> TestClient:
    cfg = PortalConfig(engine=region.engine, secret=b"s" * 64, uploads=tmp / "uploads", clock=lambda: now)
    return TestClient(create_app(cfg), raise_server_exceptions=False, follow_redirects=False)


def csrf_of(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


def sign_in(c: TestClient, username: str, password: str = PASSWORD, totp: str | None = None) -> None:
    page = c.get("/masuk")
    code = totp if totp is not None else pyotp.TOTP(TOTP).at(NOW)
    r = c.post("/masuk", data={"csrf": csrf_of(page.text), "username": username, "password": password,
                               "totp": code})
    assert r.status_code == 303, r.text


def wait_job(c: TestClient, url: str) -> str:
    """The page of a portal job once it no longer shows progress (at most 2 minutes)."""
    import time

    for _ in range(480):
        text = c.get(url).text
        if "<progress" not in text:
            return str(text)
        time.sleep(0.25)
    raise AssertionError("job did not finish")
