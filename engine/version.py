"""The mutasi release, at the bottom of the import graph: the audit writes it into every run
header (which engine decided), and mutasi/__init__.py re-exports it."""

__version__ = "0.1.0"
