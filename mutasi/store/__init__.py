"""The store: SQLModel tables, database open + migrations, import, conversion to engine records."""

from mutasi.store.convert import get_employee, iter_employees, load_world
from mutasi.store.db import open_store
from mutasi.store.importer import DataImportError, ImportSummary, import_paths

__all__ = [
    "DataImportError",
    "ImportSummary",
    "get_employee",
    "import_paths",
    "iter_employees",
    "load_world",
    "open_store",
]
