"""CLI verbs (placeholder until this group lands)."""

from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    """Add this module's verbs to the command group."""
