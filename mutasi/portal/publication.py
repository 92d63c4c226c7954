"""Which runs employees may read in the portal, and the SK behind one, if any. The committee
publishes a run (part 2 in the portal; `mutasi portal publish` now)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, delete, select

from audit.log import AuditLog
from mutasi.errors import UsageError
from mutasi.store.models import table_of
from mutasi.store.portal_models import Publication

T = table_of(Publication)


@dataclass(frozen=True)
class Published:
    run_seq: int
    published_on: date
    sk_number: str | None
    announced_on: date | None


def publish(engine: Engine, run_seq: int, on: date, by: str, sk_number: str | None = None,
            announced_on: date | None = None) -> Published:
    if AuditLog(engine).run_header(run_seq) is None:
        raise UsageError(f"no run {run_seq} in the audit log")
    if bool(sk_number) != bool(announced_on):
        raise UsageError("an SK needs both its number (--sk) and the day it was announced (--announced)")
    with engine.begin() as conn:
        conn.execute(delete(T).where(T.c.run_seq == run_seq))
        conn.execute(T.insert().values(run_seq=run_seq, published_on=on, sk_number=sk_number or None,
                                       announced_on=announced_on, created_by=by))
    return Published(run_seq, on, sk_number or None, announced_on)


def published(engine: Engine) -> dict[int, Published]:
    with engine.connect() as conn:
        return {int(r.run_seq): Published(int(r.run_seq), r.published_on, r.sk_number, r.announced_on)
                for r in conn.execute(select(T))}
