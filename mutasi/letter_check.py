"""Check a letter's receipt: from the file (PDF, HTML or the receipt text of its QR code),
offline; or from the short verification code printed on it, against the database. Used by
`mutasi verify-letter` and the portal's public page (docs/audit-format.md section 13)."""

from __future__ import annotations

import html
import io
import re

from sqlalchemy import Engine, select

from audit import entries as E
from audit import errors
from audit.errors import AuditError, AuditUsageError
from audit.hashing import leaf_hash
from audit.policy import Policy
from audit.receipts import (
    MAGIC,
    ReceiptBuilder,
    ReceiptCheck,
    check_receipt,
    parse_receipt,
    verification_code,
)
from audit.schema import audit_entry as T

CODE = re.compile(r"\s*(\d{1,12})-([A-Z2-7]{4})-?([A-Z2-7]{4})-?([A-Z2-7]{4})\s*")


def receipt_of(data: bytes, name: str) -> tuple[str, str, str | None]:
    """(receipt text, the decision id an HTML letter shows or '', a PDF's page text or None)."""
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(io.BytesIO(data))
            # WeasyPrint names a data: attachment "attachment.bin": find it by its content.
            found = [b for blobs in reader.attachments.values() for b in blobs if b.startswith(MAGIC.encode())]
            shown = "\n".join(p.extract_text() or "" for p in reader.pages)
        except (PdfReadError, ValueError, KeyError, TypeError) as exc:
            raise AuditUsageError(errors.BAD_RECEIPT, f"{name}: not a readable PDF ({exc})") from None
        if not found:
            raise AuditUsageError(errors.BAD_RECEIPT, f"{name}: this PDF carries no mutasi receipt")
        return found[0].decode("utf-8", "replace"), "", shown
    text = data.decode("utf-8", "replace")
    if "<html" in text[:2000].lower():
        m = re.search(r'<pre id="mutasi-receipt"[^>]*>(.*?)</pre>', text, re.S)
        if not m:
            raise AuditUsageError(errors.BAD_RECEIPT, f"{name}: this letter carries no mutasi receipt")
        did = re.search(r'data-decision-id="([^"]*)"', text)
        return html.unescape(m.group(1)), html.unescape(did.group(1)) if did else "", None
    return text, "", None


def check_letter(data: bytes, name: str, policy: Policy) -> ReceiptCheck:
    """Offline: the receipt verifies and the letter shows the decision it is for."""
    text, shown, page_text = receipt_of(data, name)
    result = check_receipt(parse_receipt(text, name), policy)
    did = result.decision_id
    if result.ok and did is not None and ((shown and shown != did) or (
            page_text is not None and not re.search(rf"(?<![\w-]){re.escape(did)}(?![\w-])", page_text))):
        result.ok, result.code = False, errors.RECEIPT_INVALID
        result.problem = f"the letter does not show decision {did}, the one its receipt is for"
    return result


def check_letter_against_log(data: bytes, name: str, policy: Policy, engine: Engine) -> ReceiptCheck:
    """check_letter, then the decision recorded in the database must still be the one the
    letter's receipt holds (else it was altered after the letter was issued)."""
    result = check_letter(data, name, policy)
    if not result.ok or result.index is None:
        return result
    text, _, _ = receipt_of(data, name)
    rec = parse_receipt(text, name)
    with engine.connect() as conn:
        body = conn.execute(select(T.c.body).where(T.c.seq == rec.index)).scalar()
    if body is None or leaf_hash(str(body).encode("utf-8")) != rec.leaf:
        result.ok, result.code = False, errors.RECEIPT_INVALID
        result.problem = (f"the decision recorded in this database at entry #{rec.index} is not the one in the "
                          "letter: it was altered (or removed) after the letter was issued")
    return result


def check_code(engine: Engine, code: str, policy: Policy) -> ReceiptCheck:
    """The printed verification code, against the database: the entry at that index is a
    decision whose hash starts as the code says, included in a witnessed checkpoint."""
    m = CODE.fullmatch(code.upper())
    if not m:
        return ReceiptCheck(problem="not a verification code (it looks like 9267-ABCD-EFGH-JKLM)",
                            code=errors.BAD_RECEIPT)
    index = int(m.group(1))
    with engine.connect() as conn:
        row = conn.execute(select(T.c.kind, T.c.entry_key, T.c.body).where(T.c.seq == index)).first()
    if row is None or row.kind != E.DECISION:
        return ReceiptCheck(index=index, problem="no decision with this code in the audit trail",
                            code=errors.RECEIPT_INVALID)
    if verification_code(index, leaf_hash(row.body.encode("utf-8"))) != f"{index}-{m.group(2)}-{m.group(3)}-{m.group(4)}":
        return ReceiptCheck(index=index, problem="the recorded decision does not match this code (altered, or "
                            "the code was mistyped)", code=errors.RECEIPT_INVALID)
    try:
        rec = ReceiptBuilder(engine, policy.logs[0], policy).check(str(row.entry_key))
    except AuditError as exc:
        return ReceiptCheck(index=index, problem=str(exc).removeprefix(f"{exc.code} "), code=exc.code)
    if rec is None:
        return ReceiptCheck(index=index, problem="the audit trail is not signed", code=errors.NOT_SIGNED)
    return check_receipt(rec, policy)
