"""Letters for a generated demo region, decided by the real engine and recorded in the audit log.

Checks what the issue asks of every demo letter: it renders in both languages, and it holds
no other employee's name or NIP.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from audit.log import AuditLog
from engine import Evaluator, load_pack
from mutasi.demo import generate_demo
from mutasi.store.convert import iter_employees, load_world
from mutasi.store.db import open_store
from mutasi.store.importer import import_paths
from reports.build import contexts, encode
from reports.config import ReportConfig
from reports.factmeta import from_engine
from reports.source import Person

REPO = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{tmp / 'mutasi.db'}"
    engine = open_store(url)
    import_paths(engine, sorted(generate_demo(tmp / "files", employees=120).values()))
    world = load_world(engine)
    people = list(iter_employees(engine))
    pack = load_pack(REPO / "rules" / "nasional")
    ev = Evaluator(pack, AS_OF)
    log = AuditLog(engine)
    with log.run("evaluate", AS_OF, {"id": pack.id, "version": pack.version, "hash": pack.hash},
                 "test", "0" * 64, "2026-11-22T00:00:00Z") as run:
        run.store_pack_text(pack.canonical_text())
        for emp in people:
            facts = ev.candidate_facts(emp, world)
            run.add_snapshot(emp.nip, facts)
            run.add_decision(ev.decide("candidate", {"nip": emp.nip}, facts).to_dict(), emp.nip)
    engine.dispose()
    return url


@pytest.mark.parametrize("lang", ["id", "en"])
def test_demo_letters_name_only_their_addressee(demo_db: str, lang: str) -> None:
    from mutasi.report_source import AuditStoreSource

    src = AuditStoreSource(demo_db)
    docs = contexts("letters", src, None, lang, from_engine(), ReportConfig(), everyone=True)
    assert len(docs) == 120
    people = [src.person(ctx.nip) for _, _, ctx in docs]
    everyone = {p.nip: p.name for p in people if isinstance(p, Person)}
    assert len(everyone) == 120
    for _, template, ctx in docs:
        html = encode(ctx, template, "html").decode("utf-8")
        md = encode(ctx, template, "md").decode("utf-8")
        own = everyone[ctx.nip]
        for text in (html, md):
            assert own in text and ctx.nip in text
            for nip, name in everyone.items():
                if nip == ctx.nip:
                    continue
                assert nip not in text, f"letter to {ctx.nip} holds NIP {nip}"
                # Two people may share a name; only a different name counts as a leak.
                if name != own and name not in own:
                    assert name not in text, f"letter to {ctx.nip} holds the name {name}"
    headlines = {ctx.headline for _, _, ctx in docs}
    assert len(headlines) >= 2  # the demo mixes outcomes (eligible, not eligible, data missing)


def test_demo_letter_pdf(demo_db: str) -> None:
    import io

    from pypdf import PdfReader

    from mutasi.report_source import AuditStoreSource

    src = AuditStoreSource(demo_db)
    docs = contexts("letters", src, None, "id", from_engine(), ReportConfig(), everyone=True)
    _, template, ctx = docs[0]
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(encode(ctx, template, "pdf"))).pages)
    assert ctx.name in text and f"Nomor keputusan {ctx.record.decision_id}" in text
    assert "bukan oleh sistem" in text
