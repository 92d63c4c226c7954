"""The checkpoint file an inspector keeps elsewhere: size and Merkle root of the log.

    mutasi-audit-checkpoint v1
    size 1234
    root 5dc9...(64 lowercase hex)
    last-run 7          (optional, informative)

Lines starting with '#' are comments. Any other line is an error. A signed checkpoint
(audit/notes.py) is accepted too: its size and root are used, its signatures are checked
only under a trust policy (audit/trust.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audit import errors
from audit.errors import AuditUsageError

MAGIC = "mutasi-audit-checkpoint v1"


@dataclass(frozen=True)
class Checkpoint:
    size: int
    root: str  # hex
    last_run: int | None = None

    def to_text(self) -> str:
        lines = [MAGIC, f"size {self.size}", f"root {self.root}"]
        if self.last_run is not None:
            lines.append(f"last-run {self.last_run}")
        return "\n".join(lines) + "\n"


def parse(text: str, source: str = "checkpoint") -> Checkpoint:
    """Parse a checkpoint file; errors name the line."""

    def bad(lineno: int, msg: str) -> AuditUsageError:
        return AuditUsageError(errors.BAD_CHECKPOINT_FILE, f"{source}:{lineno}: {msg}")

    lines = text.splitlines()
    if lines and lines[0].strip() != MAGIC and "\n\n" in text:
        # A signed checkpoint (docs/audit-format.md section 10): its size and root.
        from audit.notes import parse_note, parse_tree_head

        head = parse_tree_head(parse_note(text, source).text, source)
        return Checkpoint(size=head.size, root=head.root.hex())
    if not lines or lines[0].strip() != MAGIC:
        raise bad(1, f"first line must be '{MAGIC}' (or the file is a signed checkpoint)")
    fields: dict[str, tuple[int, str]] = {}
    for i, line in enumerate(lines[1:], start=2):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        key, _, value = s.partition(" ")
        if key not in ("size", "root", "last-run"):
            raise bad(i, f"unknown field '{key}'")
        if key in fields:
            raise bad(i, f"field '{key}' given twice")
        fields[key] = (i, value.strip())
    for key in ("size", "root"):
        if key not in fields:
            raise bad(len(lines) + 1, f"field '{key}' missing")
    line_no, size = fields["size"]
    if not size.isdigit():
        raise bad(line_no, f"size '{size}' is not a whole number")
    line_no, root = fields["root"]
    if not re.fullmatch(r"[0-9a-f]{64}", root):
        raise bad(line_no, "root must be 64 lowercase hex digits (a SHA-256)")
    last_run = None
    if "last-run" in fields:
        line_no, lr = fields["last-run"]
        if not lr.isdigit():
            raise bad(line_no, f"last-run '{lr}' is not a whole number")
        last_run = int(lr)
    return Checkpoint(size=int(size), root=root, last_run=last_run)
