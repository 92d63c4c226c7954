"""PDF letters rendered by worker processes (reports/pdf.py) are the letters rendered one by
one: the same bytes, so the same text, pages and embedded receipt that `mutasi verify-letter`
and the public check page read."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_audit_support import NIPS
from trust_support import trusted_log

from audit.receipts import MAGIC
from mutasi.cli.app import main


def _letters(t, out: Path, workers: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MUTASI_PDF_WORKERS", workers)
    assert main(["report", "letters", "--db", t.url, "--run", "1", "--trust", str(t.policy), "--format", "pdf",
                 "--all", "--out", str(out)]) == 0
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.pdf"))}


def _unstamped(pdf: bytes) -> bytes:
    out = re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}Z\)", rb"/\1 (D:00000000000000Z)", pdf)
    assert out.count(b"(D:00000000000000Z)") == 2  # the embedded file's two dates only
    return out


def _content(pdf: bytes) -> tuple[int, list[str], list[bytes], dict[str, str]]:
    r = PdfReader(io.BytesIO(pdf))
    receipts = [b for blobs in r.attachments.values() for b in blobs if b.startswith(MAGIC.encode())]
    meta = {k: str(v) for k, v in (r.metadata or {}).items()}
    return len(r.pages), [p.extract_text() for p in r.pages], receipts, meta


def test_letters_made_by_two_processes_are_the_letters_made_one_by_one(
        sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    alone = _letters(t, tmp_path / "alone", "1", monkeypatch)
    batch = _letters(t, tmp_path / "batch", "2", monkeypatch)
    # the log of trust_support holds three people (A, B, C): one letter each
    assert sorted(alone) == sorted(f"surat-{n}-id.pdf" for n in NIPS.values())
    assert sorted(batch) == sorted(alone)
    for name, pdf in alone.items():
        pages, text, receipts, meta = _content(pdf)
        assert pages >= 1 and len(receipts) == 1 and meta.get("/Title")
        assert _content(batch[name]) == (pages, text, receipts, meta), name
        # one render call per letter, whichever process: the same bytes but for the time
        # WeasyPrint stamps on the embedded receipt file (its clock, not ours)
        assert _unstamped(batch[name]) == _unstamped(pdf), name
    # a letter from the workers verifies as the public check page checks it
    capsys.readouterr()
    path = tmp_path / "batch" / f"surat-{NIPS['C']}-id.pdf"
    assert main(["verify-letter", str(path), "--trust", str(t.policy), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["decision_id"] == "1-3"
