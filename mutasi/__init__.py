"""mutasi: rule-based decisions, with an audit trail, for transfers of civil servants."""

__version__ = "0.1.0"
