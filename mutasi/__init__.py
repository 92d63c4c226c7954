"""mutasi: rule-based decisions, with an audit trail, for transfers of civil servants."""

from engine.version import __version__

__all__ = ["__version__"]
