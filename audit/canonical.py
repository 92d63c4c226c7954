"""Canonical JSON: the one byte encoding of an audit entry that is hashed.

Rules (docs/audit-format.md): UTF-8, keys sorted by code point, no insignificant
whitespace, non-ASCII characters written as themselves, integers in decimal, floats as
Python's shortest round-trip repr, no NaN or Infinity. Only dict (string keys), list (or
tuple, written as a list), str, int, float, bool and None: anything else is refused.
"""

from __future__ import annotations

import json
from typing import Any

# The C encoder is the type check: it refuses sets, bytes, objects (no `default`) and
# NaN/Infinity (allow_nan=False); tuples are written as lists, as they read back. A Python walk
# over every value cost the audit writer 60% of its time (bench/, docs/scale.md). The one thing
# json would coerce silently is a non-string dict key: every record mutasi writes has str keys.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                            allow_nan=False)


def canonical_text(value: Any) -> str:
    """The canonical JSON text of `value` (a str; its UTF-8 bytes are what is hashed)."""
    try:
        return _ENCODER.encode(value)
    except (TypeError, ValueError) as exc:
        where = _first_bad(value, "$")
        raise type(exc)(f"{where}: {exc}" if where else str(exc)) from None


def _first_bad(value: Any, path: str) -> str | None:
    """Where the first value json refuses is (only walked once encoding has failed)."""
    if isinstance(value, float):
        return path if value != value or value in (float("inf"), float("-inf")) else None
    if value is None or isinstance(value, str | bool | int):
        return None
    if isinstance(value, dict):
        return next((p for k, v in value.items() if (p := _first_bad(v, f"{path}.{k}"))), None)
    if isinstance(value, list | tuple):
        return next((p for i, v in enumerate(value) if (p := _first_bad(v, f"{path}[{i}]"))), None)
    return path


_MARK = "\x00payload\x00"  # stands for the payload while the envelope is encoded
_MARK_TEXT = _ENCODER.encode(_MARK)


def splice(envelope: dict[str, Any], key: str, payload_text: str) -> str:
    """canonical_text({**envelope, key: payload}) given the payload's canonical text, so a
    large payload is serialised once. Keys are sorted, so its place is known: the envelope
    is encoded once with a marker there, replaced by the payload's text."""
    text = _ENCODER.encode({**envelope, key: _MARK})
    head, mark, tail = text.partition(_MARK_TEXT)
    if mark and _MARK_TEXT not in tail:
        return head + payload_text + tail
    # the marker's text occurs in the envelope itself: encode key by key
    parts = [f"{_ENCODER.encode(k)}:{payload_text if k == key else _ENCODER.encode(envelope[k])}"
             for k in sorted([*envelope, key])]
    return "{" + ",".join(parts) + "}"


def canonical_bytes(value: Any) -> bytes:
    return canonical_text(value).encode("utf-8")


def normalise(value: Any) -> Any:
    """The value as it reads back from its canonical text (tuples become lists, etc.)."""
    return json.loads(canonical_text(value))
