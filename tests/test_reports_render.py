"""Formatting, strict templates, and every report in both languages to HTML and PDF."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
from jinja2 import UndefinedError
from pypdf import PdfReader

from reports.build import contexts, encode
from reports.config import ReportConfig
from reports.fmt import fdate, fdatetime, fmonths, fnum, fvalue, golongan
from reports.render import environment
from reports.sample import SAMPLE_META, sample_source


def test_indonesian_formats() -> None:
    assert fdate("2027-03-01", "id") == "1 Maret 2027"
    assert fdate("2027-03-01", "en") == "1 March 2027"
    assert fnum(2.256, "id") == "2,256"
    assert fnum(1250.5, "id") == "1.250,5"
    assert fnum(2.256, "en") == "2.256"
    assert fmonths(19, "id") == "1 tahun 7 bulan"  # 19 = 12 + 7
    assert fmonths(24, "id") == "2 tahun"
    assert fmonths(7, "id") == "7 bulan"
    assert fmonths(13, "en") == "1 year 1 month"
    assert golongan(9) == "III/a" and golongan(17) == "IV/e" and golongan(1) == "I/a"
    assert fvalue(None, "months", "id") == "tidak tercatat"
    assert fvalue(True, "flag", "id") == "ya"
    assert fvalue(0.75, "ratio", "id") == "75%"


def test_times_in_words_with_their_zone() -> None:
    # Regression: the inspector report showed "Waktu mulai 2026-12-02T07:55:08+00:00".
    # recorded in UTC, shown in the office's time: WIB = UTC+7 (no daylight saving)
    assert fdatetime("2026-12-02T07:55:08+00:00", "id") == "2 Desember 2026 pukul 14.55 WIB"
    assert fdatetime("2026-12-02T07:55:08+00:00", "en") == "2 December 2026 at 14:55 WIB"
    assert fdatetime("2026-11-22T08:00:00Z", "id") == "22 November 2026 pukul 15.00 WIB"
    assert fdatetime("2026-12-02T14:05:00+07:00", "id") == "2 Desember 2026 pukul 14.05 WIB"
    assert fdatetime("2026-12-02T07:55:08", "en") == "2 December 2026 at 14:55 WIB"  # naive = UTC
    assert fdatetime("2026-12-31T17:30:00Z", "id") == "1 Januari 2027 pukul 00.30 WIB"  # next day
    # the other two zones, and UTC when asked
    assert fdatetime("2026-12-02T07:55:08Z", "id", "WITA") == "2 Desember 2026 pukul 15.55 WITA"
    assert fdatetime("2026-12-02T07:55:08Z", "en", "WIT") == "2 December 2026 at 16:55 WIT"
    assert fdatetime("2026-12-02T07:55:08Z", "en", "UTC") == "2 December 2026 at 07:55 UTC"
    assert fdatetime(None) == "-" and fdatetime("kemarin") == "kemarin"


def test_strict_undefined_refuses_a_missing_value() -> None:
    with pytest.raises(UndefinedError):
        environment().from_string("Kepada {{ name }}").render({})


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@dataclass(frozen=True)
class Expect:
    kind: str
    id_phrase: str
    en_phrase: str


EXPECTED = [
    Expect("letters", "bukan oleh sistem", "not by the system"),
    Expect("committee", "Peringkat calon per jabatan", "Candidates ranked per position"),
    Expect("inspector", "Cakupan kriteria", "Criteria coverage"),
    Expect("fairness", "Rasio dampak", "Impact ratio"),
    Expect("monitoring", "Predikat SKP sesudah", "SKP rating after"),
]


@pytest.mark.parametrize("exp", EXPECTED, ids=lambda e: e.kind)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_report_renders_to_html_and_pdf(exp: Expect, lang: str) -> None:
    src = sample_source()
    docs = contexts(exp.kind, src, None, lang, SAMPLE_META, ReportConfig())
    assert docs
    phrase = exp.id_phrase if lang == "id" else exp.en_phrase
    stem, template, ctx = docs[0]
    html = encode(ctx, template, "html").decode("utf-8")
    assert phrase in html and f'<html lang="{lang}">' in html and "@page" in html
    pdf = encode(ctx, template, "pdf")
    assert pdf.startswith(b"%PDF")
    assert phrase in _pdf_text(pdf)
    for fmt in ("md", "csv"):
        assert encode(ctx, template, fmt)


def test_letter_pdf_reads_correctly() -> None:
    src = sample_source()
    docs = contexts("letters", src, "1", "id", SAMPLE_META, ReportConfig(), ("199001152018012002",))
    text = _pdf_text(encode(docs[0][2], docs[0][1], "pdf"))
    # Line breaks in the PDF are spaces after the join above.
    assert "Masa dalam jabatan Anda 1 tahun 7 bulan; syarat paling singkat 2 tahun" in text
    assert "Syarat ini terpenuhi pada 1 April 2027." in text
    assert "Siti Aminah" in text and "Nomor keputusan 1-3" in text


def test_charts_are_embedded_png() -> None:
    src = sample_source()
    _, template, ctx = contexts("committee", src, "1", "id", SAMPLE_META, ReportConfig())[0]
    html = encode(ctx, template, "html").decode("utf-8")
    assert '<img class="chart tall" alt="Beban kerja per unit" src="data:image/png;base64,iVBOR' in html


def test_print_css_is_inlined_unescaped() -> None:
    # Regression: autoescape turned the CSS quotes into &#34; and WeasyPrint dropped the
    # font family and the page-number footer.
    src = sample_source()
    _, template, ctx = contexts("inspector", src, "1", "id", SAMPLE_META, ReportConfig())[0]
    html = encode(ctx, template, "html").decode("utf-8")
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert 'font-family: "DejaVu Sans"' in style and 'counter(page) " / " counter(pages)' in style
    assert "&#34;" not in style
    pdf_text = _pdf_text(encode(ctx, template, "pdf"))
    assert re.search(r"\b1 / [1-9]\b", pdf_text)  # the page-number footer is there


def test_every_run_kind_the_log_records_has_words() -> None:
    """A run's kind is shown in words in every report header ("4 (proses)" was shown for a
    voluntary round before it had its own)."""
    from audit.entries import RUN_KINDS
    from reports.i18n import RUN_KIND, run_kind

    for kind in RUN_KINDS:
        assert kind in RUN_KIND, kind
    assert run_kind("round", "id") == "putaran mutasi sukarela"
    assert run_kind("round", "en") == "voluntary transfer round"
