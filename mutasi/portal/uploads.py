"""Documents employees attach: type decided from the bytes (PDF, JPEG, PNG), size-limited,
stored by content hash in a folder the web server never serves; read back only through a
route that checks whose it is."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mutasi.errors import UsageError

KINDS = ((b"%PDF-", "application/pdf", ".pdf"), (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
         (b"\xff\xd8\xff", "image/jpeg", ".jpg"))


@dataclass(frozen=True)
class Checked:
    data: bytes
    filename: str
    content_type: str
    sha256: str


def check(data: bytes, filename: str, max_bytes: int) -> Checked:
    """Raise UsageError("err_too_large" / "err_file_type") when not acceptable."""
    if len(data) > max_bytes:
        raise UsageError("err_too_large")
    kind = next((k for k in KINDS if data.startswith(k[0])), None)
    if kind is None or len(data) < 16:
        raise UsageError("err_file_type")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(filename or "dokumen").stem)[:80] or "dokumen"
    return Checked(data, stem + kind[2], kind[1], hashlib.sha256(data).hexdigest())


def path_of(folder: Path, sha256: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError("not a content hash")
    return folder / sha256[:2] / sha256


def store(folder: Path, checked: Checked) -> None:
    """Write the bytes (atomically; the same content twice is one file)."""
    target = path_of(folder, checked.sha256)
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = target.with_name(f".{target.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(checked.data)
    os.replace(tmp, target)
