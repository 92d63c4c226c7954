"""`audit export`: the log as JSON Lines, optionally with personal fields masked.

Line 1 is a header: format, size and root of the exported entries, and (with masking)
which fields were masked and why. Then one line per entry in index order:
{"seq", "kind", "leaf_hash", "chain_hash", "entry": <body>} (+ "masked_paths").
Leaf hashes are those of the unmasked bodies, so a masked export is for reading, not for
re-hashing; an unmasked export can be re-hashed (docs/audit-format.md).

Masking also pseudonymises every NIP (its digits hold birth date and gender) with a keyed
hash, HMAC-SHA256 under a key kept outside the log, and bands age facts so no birth date
can be read back; a masked line carries no hashes, which would let a reader test guessed
NIPs against the original body.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from audit.hashing import Frontier
from audit.schema import audit_entry as T
from engine.facts import FACTS
from engine.problems import UsageError

FORMAT = "mutasi-audit-export v1"
MASK = "[disamarkan/masked]"
# Keys treated as personal data wherever they occur in an entry (facts, subjects, reasons).
PERSONAL_FIELDS = (
    "address", "agama", "alamat", "birth_date", "date_of_birth", "email", "gender",
    "jenis_kelamin", "nama", "name", "nik", "phone", "place_of_birth", "religion",
    "tanggal_lahir", "telepon", "tempat_lahir", "tgl_lahir",
)
WHY = ("Data pribadi (nama, tanggal lahir, NIK, jenis kelamin, agama, kontak) disamarkan untuk "
       "pembaca di luar BKPSDM; nilai asli tetap di log dan dilindungi hash. / Personal data "
       "(name, birth date, NIK, gender, religion, contact) masked for readers outside the HR "
       "office; the original values stay in the log, protected by its hashes.")


KEY_ENV = "MUTASI_MASK_KEY_FILE"  # path of the pseudonym key file (docs/audit-format.md)
NIP_RE = re.compile(r"(?<!\d)\d{18}(?!\d)")
# Protected facts (engine/facts.py) derive from the birth date: shown only as a band.
BAND_WIDTH = {"years": 10, "months": 60}


@dataclass(frozen=True)
class MaskKey:
    secret: bytes
    source: str  # "file" (a key file, the same pseudonyms in every export) or "ephemeral"

    @property
    def key_id(self) -> str:
        """Names the key without revealing it: two exports with one key_id share pseudonyms."""
        return hashlib.sha256(b"mutasi-mask-key-id\x00" + self.secret).hexdigest()[:16]

    def pseudonym(self, nip: str) -> str:
        return "nip-" + hmac.new(self.secret, nip.encode("ascii"), hashlib.sha256).hexdigest()[:24]


def load_mask_key(path: str | None = None) -> MaskKey:
    """The key from ``path``, else from the file named by $MUTASI_MASK_KEY_FILE, else a fresh
    random key for this export only (pseudonyms then link entries within this export, never
    across exports). The key file is never inside the log; keep it with the HR office."""
    path = path or os.environ.get(KEY_ENV) or None
    if path is None:
        return MaskKey(secrets.token_bytes(32), "ephemeral")
    try:
        secret = Path(path).read_bytes().strip()
    except OSError as exc:
        raise UsageError(f"mask key file {path}: {exc.strerror or exc}") from None
    if len(secret) < 16:
        raise UsageError(f"mask key file {path}: the key is {len(secret)} bytes; use at least 16 "
                         "random bytes (e.g. `head -c 32 /dev/urandom | base64 > key`)")
    return MaskKey(secret, "file")


def _band(name: str, value: Any) -> Any:
    width = BAND_WIDTH.get(FACTS[name].unit)
    if width is None or not isinstance(value, int) or isinstance(value, bool):
        return MASK
    if value < 0:
        return f"<0 {FACTS[name].unit}"
    low = value // width * width
    return f"{low}-{low + width - 1} {FACTS[name].unit}"


def _protected(key: str) -> bool:
    spec = FACTS.get(key)
    return spec is not None and spec.protected


def mask_value(value: Any, path: str, hits: list[str], key: MaskKey | None = None) -> Any:
    """`value` with personal keys replaced by MASK, protected facts banded and (with a key)
    NIPs pseudonymised, in values and in object keys; appends the changed JSON paths to `hits`."""
    if isinstance(value, dict):
        out = {}
        reads_protected = isinstance(value.get("facts_read"), dict) and any(
            _protected(k) for k in value["facts_read"])
        for k in sorted(value):
            name = NIP_RE.sub(lambda m: key.pseudonym(m.group()), k) if key else k
            sub = f"{path}.{name}"  # never the NIP itself, not even in a path
            if k.lower() in PERSONAL_FIELDS:
                out[name] = MASK
                hits.append(sub)
            elif _protected(k) and value[k] is not None:
                out[name] = _band(k, value[k])
                hits.append(sub)
            elif k == "counterfactual" and reads_protected and value[k] is not None:
                out[name] = MASK  # a date a fact on the birth date changes on gives it away
                hits.append(sub)
            else:
                out[name] = mask_value(value[k], sub, hits, key)
                if name != k:
                    hits.append(sub)
        return out
    if isinstance(value, list):
        return [mask_value(v, f"{path}[{i}]", hits, key) for i, v in enumerate(value)]
    if key is not None and isinstance(value, str) and NIP_RE.search(value):
        hits.append(path)
        return NIP_RE.sub(lambda m: key.pseudonym(m.group()), value)
    return value


def _dump(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def export_lines(engine: Engine, mask: bool = False, key: MaskKey | None = None) -> Iterator[str]:
    """Yield the export, one JSON text per line (without newline). With ``mask``, NIPs are
    pseudonymised under ``key`` (default: load_mask_key())."""
    if mask and key is None:
        key = load_mask_key()
    with engine.connect() as conn:
        last = conn.execute(select(func.max(T.c.seq))).scalar()
        n = 0 if last is None else int(last) + 1  # later appends are not part of this export
        frontier = Frontier()
        for (h,) in conn.execute(select(T.c.leaf_hash).where(T.c.seq < n).order_by(T.c.seq)):
            frontier.append(bytes.fromhex(h))
        header: dict[str, Any] = {"format": FORMAT, "size": n, "root": frontier.root().hex(),
                                  "masked": None}
        if mask:
            assert key is not None
            header["masked"] = {
                "fields": list(PERSONAL_FIELDS), "marker": MASK, "why": WHY,
                "nip": {"method": "HMAC-SHA256", "form": "nip-<first 24 hex digits>",
                        "key": key.source, "key_id": key.key_id},
                "banded": {n: f"bands of {BAND_WIDTH[FACTS[n].unit]} {FACTS[n].unit}"
                           if FACTS[n].unit in BAND_WIDTH else "masked"
                           for n in sorted(FACTS) if FACTS[n].protected},
            }
        yield _dump(header)
        q = select(T.c.seq, T.c.kind, T.c.body, T.c.leaf_hash, T.c.chain_hash).where(T.c.seq < n).order_by(T.c.seq)
        for row in conn.execution_options(yield_per=1000).execute(q):
            line: dict[str, Any] = {"seq": int(row.seq), "kind": row.kind, "leaf_hash": row.leaf_hash,
                                    "chain_hash": row.chain_hash}
            body = json.loads(row.body)
            if mask:
                hits: list[str] = []
                body = mask_value(body, "$.entry", hits, key)
                line["masked_paths"] = hits
                if hits:  # the hashes of the original body would let guessed NIPs be tested
                    line["leaf_hash"] = line["chain_hash"] = None
            line["entry"] = body
            yield _dump(line)
