"""One module per area; importing this package registers every page in deps.ROUTES."""

from mutasi.web.routes import admin, auth, employee, staff, whatif  # noqa: F401
