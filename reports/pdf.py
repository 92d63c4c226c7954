"""HTML -> PDF with WeasyPrint (print CSS in templates/print.css).

Many documents (letters to everyone) are rendered by worker processes, one per core: each
PDF is made by the same call as a single one (``html_to_pdf``), so a letter is the same bytes
whether it is rendered alone or among thousands (tests/test_reports_pdf_batch.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

WINDOW = 8  # documents in flight per worker: bounds the memory whatever the number of letters
_PARALLEL_FROM = 4  # fewer documents than this: the workers' start-up (about 1 s each) costs more


_FONTS: list[Any] = []  # this process's WeasyPrint font configuration, made once


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango only when a PDF is asked for
    from weasyprint.text.fonts import FontConfiguration

    # WeasyPrint logs every unsupported CSS property at WARNING; those are not user errors.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    if not _FONTS:  # shared by every document: the same bytes, without loading fonts each time
        _FONTS.append(FontConfiguration())
    pdf = HTML(string=html, base_url=".").write_pdf(font_config=_FONTS[0])
    assert pdf is not None
    return bytes(pdf)


def pdf_workers() -> int | None:
    """Processes asked for by MUTASI_PDF_WORKERS (1 = in this process); None: not set."""
    raw = os.environ.get("MUTASI_PDF_WORKERS", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def htmls_to_pdfs(htmls: Iterable[str], count: int, workers: int | None = None,
                  done: Callable[[], None] | None = None) -> Iterator[bytes]:
    """The PDF of each HTML, in order; ``count`` is how many there are. Rendered by worker
    processes, one per core unless ``workers`` or MUTASI_PDF_WORKERS say otherwise, when
    there are several documents; else in this process."""
    asked = workers or pdf_workers()
    if asked is None and count < _PARALLEL_FROM:
        asked = 1
    n = min(asked or os.cpu_count() or 1, count)
    if n <= 1:
        for html in htmls:
            yield html_to_pdf(html)
            if done:
                done()
        return
    # spawn, not fork: the caller may run threads (a progress bar) and hold database handles
    with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending: list[Future[bytes]] = []
        for html in htmls:
            pending.append(pool.submit(html_to_pdf, html))
            if len(pending) >= n * WINDOW:
                yield pending.pop(0).result()
                if done:
                    done()
        for f in pending:
            yield f.result()
            if done:
                done()
