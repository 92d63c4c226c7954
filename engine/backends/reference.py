"""Plain-Python evaluator of a compiled pack: for tests and differential checks only.

It returns, per criterion, the three-valued truth of each of its conditions, exactly what
the durable_rules backend infers from the rules that fire.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from engine.condition_tree import eval3

if TYPE_CHECKING:
    from engine.compile import CompiledCriterion


class ReferenceBackend:
    name = "reference"
    uncompilable: tuple[str, ...] = ()

    def __init__(self, compiled: Sequence[CompiledCriterion]) -> None:
        self.compiled = list(compiled)

    def truths_many(self, scope_ids: Sequence[str],
                    many: Sequence[Mapping[str, Any]]) -> list[dict[str, list[bool | None]]]:
        wanted = [c for c in self.compiled if c.criterion.id in set(scope_ids)]
        return [{c.criterion.id: [eval3(cond, facts) for cond in c.conds] for c in wanted}
                for facts in many]

    def close(self) -> None:
        pass
