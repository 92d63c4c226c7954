"""Canonical JSON: the one byte encoding of an audit entry that is hashed.

Rules (docs/audit-format.md): UTF-8, keys sorted by code point, no insignificant
whitespace, non-ASCII characters written as themselves, integers in decimal, floats as
Python's shortest round-trip repr, no NaN or Infinity. Only dict (string keys), list,
str, int, float, bool and None are accepted: anything else is a programming error.
"""

from __future__ import annotations

import json
from typing import Any


def _check(value: Any, path: str) -> None:
    # json.dumps would silently turn tuples into lists and call default=; refuse instead.
    if value is None or isinstance(value, (str, bool, int)):
        return
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{path}: NaN/Infinity cannot be recorded")
        return
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"{path}: key {k!r} is not a string")
            _check(v, f"{path}.{k}")
        return
    if isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _check(v, f"{path}[{i}]")
        return
    raise TypeError(f"{path}: {type(value).__name__} is not JSON data")


def canonical_text(value: Any) -> str:
    """The canonical JSON text of `value` (a str; its UTF-8 bytes are what is hashed)."""
    _check(value, "$")
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)


def canonical_bytes(value: Any) -> bytes:
    return canonical_text(value).encode("utf-8")


def normalise(value: Any) -> Any:
    """The value as it reads back from its canonical text (tuples become lists, etc.)."""
    return json.loads(canonical_text(value))
