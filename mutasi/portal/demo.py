"""Demo-only accounts (marked `demo` in the table and on every page they see)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select

from mutasi.portal.accounts import create_account, find_account, issue_codes
from mutasi.portal.roles import Role
from mutasi.store.models import Employee, table_of

DEMO_PASSWORD = "demo-mutasi-2026"  # demo only: printed by `mutasi demo`, never for real data
STAFF = (("demo.tim", Role.COMMITTEE, "Demo Tim Penilai Kinerja"),
         ("demo.inspektur", Role.INSPECTOR, "Demo Inspektur"),
         ("demo.admin", Role.ADMIN, "Demo Admin BKPSDM"))


@dataclass(frozen=True)
class DemoAccounts:
    employee_nip: str
    employee_name: str
    staff: tuple[tuple[str, str], ...]  # (username, role)
    activation_nip: str | None
    activation_code: str | None


def seed_accounts(engine: Engine, employee_nip: str, now: datetime) -> DemoAccounts:
    """Demo accounts for each role (idempotent), and one activation code for a second employee."""
    emp = table_of(Employee)
    with engine.connect() as conn:
        name = conn.execute(select(emp.c.name).where(emp.c.nip == employee_nip)).scalar()
        other = conn.execute(select(emp.c.nip).where(emp.c.nip != employee_nip).order_by(emp.c.nip).limit(1)).scalar()
    if find_account(engine, employee_nip) is None:
        create_account(engine, employee_nip, Role.EMPLOYEE, str(name or employee_nip), now, nip=employee_nip,
                       password=DEMO_PASSWORD, demo=True)
    for username, role, display in STAFF:
        if find_account(engine, username) is None:
            create_account(engine, username, role, display, now, password=DEMO_PASSWORD, demo=True)
    code = None
    if other is not None and find_account(engine, str(other)) is None:
        code = issue_codes(engine, [str(other)], now)[0][2]
    return DemoAccounts(employee_nip, str(name or ""), tuple((u, r.value) for u, r, _ in STAFF),
                        str(other) if other else None, code)


def seed_portal(engine: Engine, nip: str | None, now: datetime) -> DemoAccounts | None:
    """Everything the demo portal needs; `nip` = the demo employee (else the first with a
    decision). None when no employee has a decision."""
    from audit.log import AuditLog

    if nip is None:
        runs = AuditLog(engine).list_runs()
        decisions = AuditLog(engine).decisions(runs[-1].run_seq) if runs else []
        nips = sorted(str(d.decision.get("subject", {}).get("nip")) for d in decisions
                      if d.decision.get("subject", {}).get("nip"))
        nip = nips[0] if nips else None
    if nip is None:
        return None
    from datetime import timedelta

    from mutasi.portal.publication import publish, published
    from mutasi.portal.rounds import latest_round, open_round

    today = now.date()
    done = published(engine)
    for run in AuditLog(engine).list_runs():
        if run.kind in ("evaluate", "plan") and run.run_seq not in done:
            publish(engine, run.run_seq, today, "mutasi demo")
    rnd = latest_round(engine, today)
    if rnd is None or not rnd.is_open(today):
        open_round(engine, "Pilihan unit tujuan mutasi (demo)", today, today + timedelta(days=14), "mutasi demo")
    return seed_accounts(engine, nip, now)
