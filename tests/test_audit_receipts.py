"""Receipts on letters: inclusion proofs against a pinned signed checkpoint, verified offline
by `mutasi verify-letter` (HTML, PDF, the QR text); letters refuse an altered decision."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import event
from test_audit_support import NIPS, record_run
from trust_support import trusted_log, unprotect

from audit import errors
from audit.errors import AuditIntegrityError
from audit.hashing import leaf_hash
from audit.policy import parse_policy
from audit.proofs import verify_inclusion
from audit.receipts import ReceiptBuilder, check_receipt, parse_receipt
from mutasi.cli.app import main

SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def _builder(t):  # type: ignore[no-untyped-def]
    return ReceiptBuilder(t.engine, t.agency.verifier, parse_policy(t.policy.read_text()))


def test_receipt_proves_inclusion_and_reveals_no_one_else(sqlite_url, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    rec = _builder(t).check("1-2")
    assert rec is not None and rec.index == 5
    text = rec.text()
    check = check_receipt(parse_receipt(text), parse_policy(t.policy.read_text()))
    assert (check.ok, check.decision_id, check.run, check.as_of, check.size) == (True, "1-2", 1, "2026-11-22", 17)
    # the entry inside is the stored body, whose hash is the leaf
    extra = base64.b64decode(text.split("\n")[1].removeprefix("extra "))
    assert leaf_hash(extra.removeprefix(b"mutasi-entry\n")) == rec.leaf
    # nothing about anyone else: only B's NIP; the proof is ceil(log2(17)) = 5 sibling hashes
    assert NIPS["B"] in extra.decode()
    assert NIPS["A"] not in text and NIPS["C"] not in text and NIPS["A"] not in extra.decode()
    assert len(rec.proof) == 5
    # C2SP tlog-proof layout: magic, extra, index, hashes, blank line, the checkpoint
    lines = text.split("\n")
    assert lines[0] == "c2sp.org/tlog-proof@v1" and lines[2] == "index 5" and lines[8] == ""
    assert lines[9] == "bkpsdm.contoh.go.id/mutasi" and lines[10] == "17"


def test_altered_receipt_or_untrusted_checkpoint_fails(sqlite_url, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    rec = _builder(t).check("1-2")
    assert rec is not None
    policy = parse_policy(t.policy.read_text())
    forged = rec.entry.replace('"verdict":"not_eligible"', '"verdict":"eligible"')  # type: ignore[union-attr]
    assert forged != rec.entry
    bad = parse_receipt(rec.text().replace(
        rec.text().split("\n")[1], "extra " + base64.b64encode(b"mutasi-entry\n" + forged.encode()).decode()))
    assert not check_receipt(bad, policy).ok
    short = parse_receipt(rec.text(with_entry=False))
    assert check_receipt(short, policy).ok and short.entry is None
    strict = parse_policy(t.policy.read_text().replace("quorum insp", "witness other " + __import__(
        "audit.notes", fromlist=["x"]).new_signer("o.example", witness=True).verifier.vkey()
        + "\ngroup both all insp other\nquorum both"))
    res = check_receipt(short, strict)
    assert not res.ok and "cosignatures" in res.problem


def test_proof_is_pinned_while_the_log_grows(sqlite_url, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A run is appended after the builder read the checkpoint (its size) and before it reads
    the leaves: the proof is still against the pinned size and verifies."""
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    grew: list[int] = []

    def after(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if not grew:  # the first statement of check(): the decision's row, before the leaves
            grew.append(1)
            record_run(t.log, "evaluate", "2026-12-09", ["A", "C"])

    builder = _builder(t)
    event.listen(t.engine, "after_cursor_execute", after)
    try:
        rec = builder.check("1-3")
    finally:
        event.remove(t.engine, "after_cursor_execute", after)
    assert rec is not None and grew
    assert t.log.verify().size == 17 + 6  # the log did grow
    assert builder.pins[0][0].size == 17 and rec.index == 7
    assert verify_inclusion(7, 17, rec.leaf, rec.proof, builder.pins[0][0].root)
    assert check_receipt(parse_receipt(rec.text()), parse_policy(t.policy.read_text())).ok
    # a decision of the new run: signed but not yet witnessed, so its receipt is against the
    # latest signed checkpoint and does not (yet) satisfy the policy
    fresh = _builder(t).check("3-1")
    assert fresh is not None and parse_receipt(fresh.text()).index == 19  # #17 run, #18 snapshot
    assert not check_receipt(parse_receipt(fresh.text()), parse_policy(t.policy.read_text())).ok
    t.cosign()
    fresh = _builder(t).check("3-1")
    assert fresh is not None and check_receipt(parse_receipt(fresh.text()), parse_policy(t.policy.read_text())).ok


def _letters(t, out: Path, fmt: str = "html", lang: str = "id") -> int:  # type: ignore[no-untyped-def]
    return main(["report", "letters", "--all", "--db", t.url, "--run", "1", "--trust", str(t.policy), "--format", fmt,
                 "--lang", lang, "--out", str(out)])


def test_demo_letter_receipt_verifies_offline_html_pdf_and_qr(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    out = tmp_path / "letters"
    assert _letters(t, out) == 0
    html = out / f"surat-{NIPS['B']}-id.html"
    page = html.read_text(encoding="utf-8")
    code = re.search(r'class="receipt-code">([^<]+)<', page)
    assert code and re.fullmatch(r"5-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", code.group(1))
    monkeypatch.delenv("MUTASI_SIGNING_KEY")  # verification needs no key and no database
    t.engine.dispose()
    Path(t.path).rename(tmp_path / "gone.db")
    capsys.readouterr()
    assert main(["verify-letter", str(html), "--trust", str(t.policy)]) == 0
    assert "decision 1-2 of 2026-11-22, run 1" in capsys.readouterr().out
    # the QR code holds the short receipt; that text alone verifies too
    rec = parse_receipt(re.search(r'<pre id="mutasi-receipt"[^>]*>(.*?)</pre>', page, re.S).group(1)  # type: ignore[union-attr]
                        .replace("&#43;", "+").replace("&#61;", "="))
    qr_text = tmp_path / "qr.txt"
    qr_text.write_text(rec.text(with_entry=False))
    import segno

    from reports.receipt import _qr

    assert _qr(rec.text(with_entry=False)) == segno.make(rec.text(with_entry=False), error="m", micro=False,
                                                         mask=0).png_data_uri(scale=1, border=4)
    assert _qr(rec.text(with_entry=False)) in page
    assert main(["verify-letter", str(qr_text), "--trust", str(t.policy)]) == 0


def test_pdf_letter_carries_the_receipt(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    out = tmp_path / "pdf"
    assert main(["report", "letters", "--db", t.url, "--run", "1", "--trust", str(t.policy), "--format", "pdf",
                 "--nip", NIPS["C"], "--out", str(out)]) == 0
    pdf = out / f"surat-{NIPS['C']}-id.pdf"
    capsys.readouterr()
    assert main(["verify-letter", str(pdf), "--trust", str(t.policy), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["decision_id"] == "1-3"
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "letter-with-receipt.pdf").write_bytes(pdf.read_bytes())


def test_tampered_letter_fails_verification(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    out = tmp_path / "letters"
    assert _letters(t, out) == 0
    html = out / f"surat-{NIPS['B']}-id.html"
    page = html.read_text(encoding="utf-8")
    rec = parse_receipt(re.search(r'<pre id="mutasi-receipt"[^>]*>(.*?)</pre>', page, re.S).group(1))  # type: ignore[union-attr]
    assert rec.entry is not None
    forged_entry = rec.entry.replace('"verdict":"not_eligible"', '"verdict":"eligible"')
    forged = page.replace(rec.text(), rec.text().replace(rec.text().split("\n")[1], "extra " + base64.b64encode(
        b"mutasi-entry\n" + forged_entry.encode()).decode()))
    assert forged != page
    html.write_text(forged, encoding="utf-8")
    assert main(["verify-letter", str(html), "--trust", str(t.policy)]) == 3
    # another person's receipt pasted into this letter: the decision shown does not match
    other = (out / f"surat-{NIPS['A']}-id.html").read_text(encoding="utf-8")
    mine = re.search(r'<pre id="mutasi-receipt"[^>]*>.*?</pre>', page, re.S).group(0)  # type: ignore[union-attr]
    theirs = re.search(r'<pre id="mutasi-receipt"[^>]*>.*?</pre>', other, re.S).group(0)  # type: ignore[union-attr]
    html.write_text(page.replace(mine, theirs), encoding="utf-8")
    capsys.readouterr()
    assert main(["verify-letter", str(html), "--trust", str(t.policy)]) == 3
    assert "does not show decision 1-1" in capsys.readouterr().err
    plain = tmp_path / "plain.html"
    plain.write_text("<html><body>Surat</body></html>")
    assert main(["verify-letter", str(plain), "--trust", str(t.policy)]) == 2


def test_letters_and_reports_refuse_a_decision_altered_in_the_database(sqlite_url, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    t.engine.dispose()
    con = unprotect(t.path)
    con.execute("UPDATE audit_entry SET body = replace(body, '\"months_in_post\":19', '\"months_in_post\":29') "
                "WHERE seq = 5")
    con.commit()
    con.close()
    capsys.readouterr()
    assert _letters(t, tmp_path / "out") == 3
    err = capsys.readouterr().err
    assert "MUT-A034" in err and "decision 1-2" in err and "altered" in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())  # nothing half-written
    assert main(["explain", NIPS["B"], "--db", t.url, "--run", "1", "--trust", str(t.policy)]) == 3
    assert main(["report", "committee", "--db", t.url, "--run", "1", "--trust", str(t.policy),
                 "--out", str(tmp_path / "c")]) == 3
    # other people's letters built from the same log are refused too: the log is not trustworthy
    assert main(["explain", NIPS["A"], "--db", t.url, "--run", "1", "--trust", str(t.policy)]) == 0
    with pytest.raises(AuditIntegrityError) as exc:
        _builder(t).check_all()
    assert exc.value.code == errors.NOT_VERIFIED


def test_unsigned_log_still_checks_each_decision(sqlite_url, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Without any key the letters render (no receipt) but an altered decision is still refused
    against the log's own last checkpoint."""
    from test_audit_support import build_log
    from trust_support import _people_on_file

    build_log(sqlite_url)[1].dispose()
    _people_on_file(sqlite_url)
    out = tmp_path / "out"
    assert main(["report", "letters", "--db", sqlite_url, "--run", "1", "--out", str(out)]) == 0
    assert 'class="receipt-code"' not in (out / f"surat-{NIPS['B']}-id.html").read_text(encoding="utf-8")
    con = unprotect(Path(sqlite_url.removeprefix("sqlite:///")))
    con.execute("UPDATE audit_entry SET body = replace(body, '\"not_eligible\"', '\"eligible\"') WHERE seq = 5")
    con.commit()
    con.close()
    assert main(["report", "letters", "--db", sqlite_url, "--run", "1", "--out", str(tmp_path / "o2")]) == 3


def test_verification_code_checked_against_the_database(sqlite_url, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The portal's typed-code check: valid, mistyped, and after the decision was altered."""
    from mutasi.letter_check import check_code

    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    policy = parse_policy(t.policy.read_text())
    rec = _builder(t).check("1-2")
    assert rec is not None
    ok = check_code(t.engine, rec.code.lower(), policy)
    assert (ok.ok, ok.decision_id, ok.as_of, ok.run) == (True, "1-2", "2026-11-22", 1)
    wrong = rec.code[:-1] + ("A" if rec.code[-1] != "A" else "B")
    assert not check_code(t.engine, wrong, policy).ok
    assert not check_code(t.engine, "3-AAAA-AAAA-AAAA", policy).ok  # entry 3 is a decision of A, other hash
    assert "not a verification code" in check_code(t.engine, "hello", policy).problem
    t.engine.dispose()
    con = unprotect(t.path)
    con.execute("UPDATE audit_entry SET body = replace(body, '\"months_in_post\":19', '\"months_in_post\":29') "
                "WHERE seq = 5")
    con.commit()
    con.close()
    altered = check_code(t.engine, rec.code, policy)
    assert not altered.ok and "does not match this code" in altered.problem


def test_receipt_in_a_real_browser(sqlite_url, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Chromium prints the letter: the receipt's heading, code and words are on the page, the
    raw receipt text is not; a screenshot is kept to look at."""
    import os
    import shutil
    import subprocess

    from pypdf import PdfReader

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("MUTASI_REQUIRE_BROWSER") == "1":
            pytest.fail("MUTASI_REQUIRE_BROWSER=1 but no chromium on PATH")
        pytest.skip("chromium not installed")
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    out = tmp_path / "letters"
    assert _letters(t, out, lang="id") == 0
    html = out / f"surat-{NIPS['B']}-id.html"
    code = re.search(r'class="receipt-code">([^<]+)<', html.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
              "--disable-background-networking", "--disable-component-update", f"--user-data-dir={tmp_path / 'p'}"]
    pdf = tmp_path / "browser.pdf"
    subprocess.run([*common, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
                   check=True, capture_output=True, timeout=120)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)
    assert "Tanda terima jejak audit" in text and code in text and "disaksikan oleh" in text
    assert "c2sp.org/tlog-proof" not in text and "mutasi-entry" not in text
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run([*common, f"--screenshot={SHOTS / 'letter-receipt-id.png'}", "--window-size=800,1300",
                    html.as_uri()], check=True, capture_output=True, timeout=120)
    assert (SHOTS / "letter-receipt-id.png").stat().st_size > 10_000


def test_letter_checked_against_a_database_whose_decision_was_altered(sqlite_url, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = trusted_log(sqlite_url, tmp_path, monkeypatch)
    out = tmp_path / "letters"
    assert _letters(t, out) == 0
    letter = str(out / f"surat-{NIPS['B']}-id.html")
    assert main(["verify-letter", letter, "--trust", str(t.policy), "--db", t.url]) == 0
    t.engine.dispose()
    con = unprotect(t.path)
    con.execute("UPDATE audit_entry SET body = replace(body, '\"months_in_post\":19', '\"months_in_post\":29') "
                "WHERE seq = 5")
    con.commit()
    con.close()
    assert main(["verify-letter", letter, "--trust", str(t.policy)]) == 0  # the letter itself is authentic
    assert main(["verify-letter", letter, "--trust", str(t.policy), "--db", t.url]) == 3  # the log was altered


def test_a_trust_policy_without_any_signed_checkpoint_refuses_letters(sqlite_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from test_audit_support import build_log

    from audit.notes import new_signer

    build_log(sqlite_url)[1].dispose()
    policy = tmp_path / "p.txt"
    policy.write_text(f"log {new_signer('lain.go.id/mutasi').verifier.vkey()}\nquorum none\n")
    assert main(["report", "letters", "--db", sqlite_url, "--run", "1", "--trust", str(policy),
                 "--out", str(tmp_path / "o")]) == 3
