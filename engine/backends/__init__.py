"""Evaluation backends: given compiled criteria and a subject's facts, the three-valued
truth of each criterion's conditions. The Evaluator turns truths into reasons.

"durable" (durable_rules, the production path) and "reference" (plain Python, for tests and
differential checks) answer identically; each is loaded only when asked for, so loading or
loading a pack never loads durable_rules (`rules check` loads the durable adapter only to
compile the conditions, engine/check_engine.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from engine.compile import CompiledCriterion
from engine.problems import UnknownChoiceError

Truths = dict[str, list[bool | None]]  # criterion id -> truth of each of its conditions


class Backend(Protocol):
    name: str
    uncompilable: tuple[str, ...]  # criteria this backend cannot decide (MUT-R032)

    def truths_many(self, scope_ids: Sequence[str],
                    many: Sequence[Mapping[str, Any]]) -> list[Truths]: ...

    def close(self) -> None: ...


_BACKENDS = {"durable": ("engine.backends.durable", "DurableBackend"),
             "reference": ("engine.backends.reference", "ReferenceBackend")}


def make_backend(name: str, compiled: Sequence[CompiledCriterion]) -> Backend:
    """The backend called ``name`` over ``compiled``; UnknownChoiceError for another name."""
    if name not in _BACKENDS:
        raise UnknownChoiceError("backend", name, _BACKENDS)
    module, cls = _BACKENDS[name]
    made: Backend = getattr(importlib.import_module(module), cls)(compiled)
    return made
