"""PROTOTYPE (bench only, opt-in with --proto-audit): the audit writer's proposed fast path.

Profile of the writer (cProfile, 2,000 employees): audit/canonical.py ``_check`` is about 60%
of the writer's time (a Python-level recursive walk over every value, done twice per entry:
once by ``normalise`` in add_snapshot/add_decision and again by ``canonical_text`` in
``_Appender.append``), and ``json.dumps`` runs four times per entry.

Proposed change for audit/canonical.py (helper C): let the C encoder do the type check
(``json.dumps`` without ``default`` already raises TypeError on anything not JSON, and
``allow_nan=False`` refuses NaN/Infinity); keep a cheap check that dict keys are strings
only where needed. This module installs exactly that in the running process (nothing on
disk changes) so the gain can be measured; the bytes written are the same canonical text.
"""

from __future__ import annotations

import json
from typing import Any

_dumps = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False).encode


def _canonical_text(value: Any) -> str:
    # json refuses sets, bytes, objects, NaN/Infinity; tuples encode as lists (as normalise
    # would give). Non-string keys are the one thing json would coerce silently.
    return _dumps(value)


def install() -> None:
    import audit.canonical as c
    import audit.log as log

    c.canonical_text = _canonical_text
    log.canonical_text = _canonical_text
