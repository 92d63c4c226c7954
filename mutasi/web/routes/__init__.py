"""One module per area; importing this package registers every page in deps.ROUTES."""

import mutasi.web.routes.committee_runs  # noqa: F401  (issue 14: the committee's workspace)
import mutasi.web.routes.committee_work  # noqa: F401
from mutasi.web.routes import admin, auth, check, employee, inspector, staff, voluntary, whatif  # noqa: F401
