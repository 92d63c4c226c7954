"""Errors a user can act on, and the exit codes the CLI maps them to.

They live at the bottom of the import graph (engine/problems.py) so that every layer can
raise them; this module keeps the app's import path.
"""

from engine.problems import (
    EXIT_FINDINGS,
    EXIT_INTEGRITY,
    EXIT_OK,
    EXIT_USAGE,
    IntegrityError,
    MutasiError,
    Problem,
    UsageError,
)

__all__ = ["EXIT_FINDINGS", "EXIT_INTEGRITY", "EXIT_OK", "EXIT_USAGE", "IntegrityError",
           "MutasiError", "Problem", "UsageError"]
