"""One module per area; importing this package registers every page in deps.ROUTES."""

from mutasi.web.routes import admin, auth, employee, staff, voluntary  # noqa: F401
