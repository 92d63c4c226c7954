"""Rule-pack errors. The codes themselves (MUT-Rnnn and every other family) are registered in
engine/problems.py; the names below stay importable from here for older callers."""

from __future__ import annotations

from engine.problems import CODES, MutasiError, Problem, problem, suggest

__all__ = ["CODES", "PackError", "Problem", "problem", "suggest"]


class PackError(MutasiError):
    """A pack that cannot be loaded or used; carries every problem found, sorted."""
