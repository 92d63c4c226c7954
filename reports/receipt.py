"""The receipt block of a letter: checks the decision's audit entry against the latest
signed checkpoint (refusing to render it otherwise, exit 3) and gives the QR code, the
printed verification code and the full receipt text (docs/audit-format.md section 13)."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from audit.notes import parse_tree_head
from audit.policy import Policy
from audit.receipts import ReceiptBuilder


@dataclass(frozen=True)
class ReceiptView:
    decision_id: str
    code: str  # short verification code printed under the QR
    index: int  # entry index of the decision
    size: int  # size of the signed checkpoint
    origin: str  # who signed (the log's key name)
    witnesses: list[str]  # key names of the witnesses that cosigned
    qr: str  # data: URI of the QR code (PNG) holding the short receipt
    text: str  # the full receipt (with the decision's entry), embedded for verify-letter
    attachment: str  # data: URI of `text`, attached to the PDF


@lru_cache(maxsize=8192)  # the id and en letters of one person share it (about 3 kB each)
def _qr(short_text: str) -> str:
    import segno

    # A fixed mask (choosing the best of eight costs four times as long) and one pixel per
    # module, scaled up crisply by CSS: a few milliseconds and kilobytes per letter.
    q = segno.make(short_text, error="m", micro=False, mask=0)
    return str(q.png_data_uri(scale=1, border=4))


def checker(source: Any, policy: Policy | None) -> ReceiptBuilder | None:
    """The receipt builder for a report source backed by a database (None for --sample)."""
    engine = getattr(source, "engine", None)
    if engine is None:
        return None
    from audit.signed import signer_from_env

    key = policy.logs[0] if policy is not None else None
    if key is None:
        signer = signer_from_env()
        key = signer.verifier if signer is not None else None
    builder = ReceiptBuilder(engine, key, policy)
    if policy is not None and not builder.signed and builder.pins[0][0].size > 0:
        from audit import errors
        from audit.errors import AuditIntegrityError

        raise AuditIntegrityError(errors.NOT_SIGNED, "the trust policy expects a signed audit trail, but no "
                                  f"checkpoint is signed by {key.name if key else 'its log key'}: nothing is rendered")
    return builder


def load_trust(path: str | None) -> Policy | None:
    path = path or os.environ.get("MUTASI_TRUST") or None
    if not path:
        return None
    from audit.policy import parse_policy
    from engine.problems import UsageError

    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        raise UsageError(f"--trust: cannot read '{path}': {exc.strerror}") from None
    return parse_policy(text, path)


def with_receipt(ctx: Any, builder: ReceiptBuilder | None) -> Any:
    """The letter context with its receipt; raises IntegrityError (exit 3) when the
    decision's entry does not verify."""
    if builder is None:
        return ctx
    rec = builder.check(ctx.record.decision_id)
    if rec is None:
        return ctx
    head = parse_tree_head(rec.note.text)
    witnesses = [s.name for s in rec.note.signatures if s.name != head.origin]
    full = rec.text()
    view = ReceiptView(
        decision_id=ctx.record.decision_id, code=rec.code, index=rec.index, size=head.size, origin=head.origin,
        witnesses=witnesses, qr=_qr(rec.text(with_entry=False)), text=full,
        attachment="data:text/plain;base64," + base64.b64encode(full.encode("utf-8")).decode("ascii"),
    )
    return replace(ctx, receipt=view)
