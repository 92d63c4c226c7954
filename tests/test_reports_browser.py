"""The HTML letter as a real browser renders it: headless Chromium prints it to PDF and the
text read back holds the sentences an employee must see.

Runs when Chromium is installed (.ci/run installs it and sets MUTASI_REQUIRE_BROWSER=1, so in
CI a missing browser is a failure, not a skip).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from mutasi.cli.app import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# the sample region's employee in post since 1 April 2025: 19 months on 22 November 2026
NIP = "199001152018012002"


def _browser() -> str:
    if CHROMIUM is None:
        if os.environ.get("MUTASI_REQUIRE_BROWSER") == "1":
            pytest.fail("MUTASI_REQUIRE_BROWSER=1 but no chromium on PATH")
        pytest.skip("chromium not installed")
    return CHROMIUM


@pytest.mark.parametrize(("lang", "sentences"), [
    ("id", ["Pemberitahuan Hasil Pertimbangan Mutasi",
            "Masa dalam jabatan Anda 1 tahun 7 bulan; syarat paling singkat 2 tahun",
            "Syarat ini terpenuhi pada 1 April 2027"]),
    ("en", ["1 year 7 months", "This requirement will be met on 1 April 2027"]),
])
def test_letter_reads_correctly_in_a_browser(lang: str, sentences: list[str], tmp_path: Path) -> None:
    browser = _browser()
    assert main(["report", "letters", "--sample", "--lang", lang, "--nip", NIP, "--out", str(tmp_path)]) == 0
    html = tmp_path / f"surat-{NIP}-{lang}.html"
    pdf = tmp_path / "browser.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    for sentence in sentences:
        assert sentence in text, sentence
    assert "{{" not in text and "Undefined" not in text
