"""One module per area; importing this package registers every page in deps.ROUTES."""

from mutasi.web.routes import auth, employee, staff  # noqa: F401
