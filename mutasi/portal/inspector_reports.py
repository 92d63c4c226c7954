"""Reports the inspector reads in the portal, rendered exactly as `mutasi report` renders them."""

from __future__ import annotations

from sqlalchemy import Engine

from mutasi.errors import MutasiError


def fairness_html(engine: Engine, run: int, lang: str) -> str | None:
    """The fairness report of plan run `run` (None when there is no such plan run)."""
    from mutasi.report_source import AuditStoreSource
    from reports.build import contexts
    from reports.config import load_config
    from reports.factmeta import from_engine
    from reports.render import render

    try:
        docs = contexts("fairness", AuditStoreSource(engine), str(run), lang, from_engine(), load_config(None))
    except MutasiError:
        return None
    return render(docs[0][1], docs[0][2]) if docs else None
