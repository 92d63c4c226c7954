"""Write a `rules impact` report (.html or .pdf) through reports/ (whatif.html.j2)."""

from __future__ import annotations

from pathlib import Path

from engine.impact import ImpactResult
from reports.build import encode, write_atomic
from reports.factmeta import from_engine
from reports.whatif import impact_context


def write_impact_report(result: ImpactResult, out: Path, lang: str) -> None:
    fmt = out.suffix.lower().lstrip(".")
    write_atomic(out, encode(impact_context(result, lang, from_engine()), "whatif.html.j2", fmt))
