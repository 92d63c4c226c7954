"""`audit export`: the log as JSON Lines, optionally with personal fields masked.

Line 1 is a header: format, size and root of the exported entries, and (with masking)
which fields were masked and why. Then one line per entry in index order:
{"seq", "kind", "leaf_hash", "chain_hash", "entry": <body>} (+ "masked_paths").
Leaf hashes are those of the unmasked bodies, so a masked export is for reading, not for
re-hashing; an unmasked export can be re-hashed (docs/audit-format.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, func, select

from audit.hashing import Frontier
from audit.schema import audit_entry as T

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


def mask_value(value: Any, path: str, hits: list[str]) -> Any:
    """`value` with personal keys replaced by MASK; appends the masked JSON paths to `hits`."""
    if isinstance(value, dict):
        out = {}
        for k in sorted(value):
            sub = f"{path}.{k}"
            if k.lower() in PERSONAL_FIELDS:
                out[k] = MASK
                hits.append(sub)
            else:
                out[k] = mask_value(value[k], sub, hits)
        return out
    if isinstance(value, list):
        return [mask_value(v, f"{path}[{i}]", hits) for i, v in enumerate(value)]
    return value


def _dump(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def export_lines(engine: Engine, mask: bool = False) -> Iterator[str]:
    """Yield the export, one JSON text per line (without newline)."""
    with engine.connect() as conn:
        last = conn.execute(select(func.max(T.c.seq))).scalar()
        n = 0 if last is None else int(last) + 1  # later appends are not part of this export
        frontier = Frontier()
        for (h,) in conn.execute(select(T.c.leaf_hash).where(T.c.seq < n).order_by(T.c.seq)):
            frontier.append(bytes.fromhex(h))
        header: dict[str, Any] = {"format": FORMAT, "size": n, "root": frontier.root().hex(),
                                  "masked": None}
        if mask:
            header["masked"] = {"fields": list(PERSONAL_FIELDS), "marker": MASK, "why": WHY}
        yield _dump(header)
        q = select(T.c.seq, T.c.kind, T.c.body, T.c.leaf_hash, T.c.chain_hash).where(T.c.seq < n).order_by(T.c.seq)
        for row in conn.execution_options(yield_per=1000).execute(q):
            line: dict[str, Any] = {"seq": int(row.seq), "kind": row.kind, "leaf_hash": row.leaf_hash,
                                    "chain_hash": row.chain_hash}
            body = json.loads(row.body)
            if mask:
                hits: list[str] = []
                body = mask_value(body, "$.entry", hits)
                line["masked_paths"] = hits
            line["entry"] = body
            yield _dump(line)
