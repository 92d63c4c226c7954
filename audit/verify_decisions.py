"""The decisions an `audit verify` override may name, found again by index (issue 18)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Lookup = Callable[[str, int], list[tuple[int, str]]]  # (decision id, before seq) -> [(seq, body)]


class Decisions:
    """The decisions an override may name, without keeping them all (issue 18: a national log
    has millions). A decision whose indexed columns copy its body is found again through the
    (kind, entry_key) index and its body re-read; only the rare others (columns that disagree
    with the body, an id that is not text) are kept here, and decision rows that registered
    nothing (a rare, tampered log) are remembered so that the index does not find them. Same answers as one dict
    from every decision id to its (verdict, subject), the last registered winning."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self.kept: dict[int, tuple[str, tuple[str, Any]]] = {}  # seq -> (id as text, value)
        self.unregistered: set[int] = set()

    def add(self, seq: int, did: Any, value: tuple[str, Any], cols_ok: bool) -> None:
        self.unregistered.discard(seq)
        if not (cols_ok and isinstance(did, str)):
            self.kept[seq] = (str(did), value)

    def get(self, did: Any, before: int) -> tuple[str, Any] | None:
        hash(did)  # an unhashable id fails as a dict look-up would (a body of the wrong shape)
        if not isinstance(did, str):
            return None  # every registered id is text
        found = {s: value for s, (k, value) in self.kept.items() if k == did and s < before}
        for s, text in self.lookup(did, before):
            if s not in self.kept and s not in self.unregistered:
                d = json.loads(text).get("decision") or {}
                found[s] = (str(d.get("verdict")), d.get("subject"))
        return found[max(found)] if found else None  # the last registered before `before`
