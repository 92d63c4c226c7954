"""HTML -> PDF with WeasyPrint (print CSS in templates/print.css)."""

from __future__ import annotations

import logging


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango only when a PDF is asked for

    # WeasyPrint logs every unsupported CSS property at WARNING; those are not user errors.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = HTML(string=html, base_url=".").write_pdf()
    assert pdf is not None
    return bytes(pdf)
