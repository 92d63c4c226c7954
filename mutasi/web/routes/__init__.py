"""One module per area; importing this package registers every page in deps.ROUTES."""

from mutasi.web.routes import admin, auth, check, employee, inspector, staff, whatif  # noqa: F401
