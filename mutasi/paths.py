"""Where the shipped rule packs and examples are (an editable install keeps them beside the code)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REPO_RULES = REPO / "rules"
DEFAULT_PACK = REPO_RULES / "nasional"
EXAMPLES = REPO / "examples"
