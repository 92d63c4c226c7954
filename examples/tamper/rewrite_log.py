"""An insider's tool, for the README's tamper demonstration and the tests: rewrite an entry
of a SQLite audit log and recompute every leaf hash, chain hash and checkpoint entry, so that
`mutasi audit verify` without a trust policy finds nothing wrong.

    python examples/tamper/rewrite_log.py copy.db SEQ OLD_TEXT NEW_TEXT

Only the signed and witnessed checkpoints (docs/audit-format.md sections 10-12) catch it.
"""

from __future__ import annotations

import json
import sqlite3
import sys

from audit.canonical import canonical_text
from audit.hashing import CHAIN_GENESIS, Frontier, chain_hash, leaf_hash

TRIGGERS = ("audit_entry_no_update", "audit_entry_no_delete", "audit_note_no_update", "audit_note_no_delete")


def unprotect(con: sqlite3.Connection) -> None:
    for name in TRIGGERS:  # the file's owner can: SQLite has no users
        con.execute(f"DROP TRIGGER IF EXISTS {name}")


def rewrite(con: sqlite3.Connection, change: dict[int, tuple[str, str]]) -> None:
    rows = con.execute("SELECT seq, body FROM audit_entry ORDER BY seq").fetchall()
    f, prev = Frontier(), CHAIN_GENESIS
    for seq, body in rows:
        if seq in change:
            body = body.replace(*change[seq])
        b = json.loads(body)
        if b["kind"] == "checkpoint":
            b["root"] = f.root().hex()
            body = canonical_text(b)
        lh = leaf_hash(body.encode("utf-8"))
        prev = chain_hash(prev, lh)
        f.append(lh)
        con.execute("UPDATE audit_entry SET body = ?, leaf_hash = ?, chain_hash = ? WHERE seq = ?",
                    (body, lh.hex(), prev.hex(), seq))
    con.commit()


if __name__ == "__main__":
    path, seq, old, new = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    con = sqlite3.connect(path)
    unprotect(con)
    rewrite(con, {seq: (old, new)})
    con.close()
