"""A small demo region for the voluntary round's portal tests: three deficit positions to
offer, four employees eligible for them with portal accounts, a committee account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from engine import Evaluator, load_pack
from mutasi.demo import generate_demo
from mutasi.paths import REPO_RULES
from mutasi.portal.accounts import create_account
from mutasi.portal.roles import Role
from mutasi.store import import_paths, load_world, open_store
from mutasi.store.convert import iter_employees
from tests.portal_helpers import NOW, PASSWORD, TOTP

OFFERED = ["DISDIK-014", "DISDUKCAPIL-008", "RSUD-008"]
AS_OF = date(2026, 11, 22)


@dataclass
class RoundRegion:
    url: str
    people: list[str]  # NIPs of the employees with accounts, eligible somewhere in OFFERED
    eligible: dict[str, list[str]]  # NIP -> offered positions they are eligible for
    outsider: str  # an employee with an account who takes no part


def copy_round_region(template: RoundRegion, tmp: Path) -> RoundRegion:
    dst = tmp / "round.db"
    dst.write_bytes(Path(template.url.removeprefix("sqlite:///")).read_bytes())
    return RoundRegion(f"sqlite:///{dst}", template.people, template.eligible, template.outsider)


def build_round_region(url: str, tmp: Path) -> RoundRegion:
    paths = generate_demo(tmp / "small", employees=800, seed=11)
    engine = open_store(url)
    try:
        import_paths(engine, [paths["units"].parent])
        world = load_world(engine)
        ev = Evaluator(load_pack(REPO_RULES / "kota-dumai"), AS_OF)
        eligible: dict[str, list[str]] = {}
        outsider = ""
        try:
            for emp in iter_employees(engine):
                ok = [p for p in OFFERED if p != emp.position_id
                      and ev.evaluate_pair(emp, world.positions[p], world).verdict.value.startswith("eligible")]
                if ok and len(eligible) < 4:
                    eligible[emp.nip] = ok
                elif not ok and not outsider:
                    outsider = emp.nip
                if len(eligible) == 4 and outsider:
                    break
        finally:
            ev.close()
        for nip in [*eligible, outsider]:
            create_account(engine, nip, Role.EMPLOYEE, f"Pegawai {nip[-4:]}", NOW, nip=nip, password=PASSWORD)
        create_account(engine, "tim.mutasi", Role.COMMITTEE, "Tim Penilai Kinerja", NOW, password=PASSWORD,
                       totp_secret=TOTP)
    finally:
        engine.dispose()
    return RoundRegion(url, sorted(eligible), eligible, outsider)
