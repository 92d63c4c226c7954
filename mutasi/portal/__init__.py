"""The portal's own logic, without HTTP: accounts, sign-in, sessions, rounds, responses.

mutasi/web/ (the HTTP layer) calls these functions; the CLI (`mutasi users`, `mutasi portal`)
calls the same ones. Every function takes an Engine and an explicit `now` (the portal reads
the clock once per request, in mutasi/web), so tests can fix the time.
"""
