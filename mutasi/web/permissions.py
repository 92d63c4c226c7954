"""THE access rule of the portal: every route names one Permission and asks `allowed`.

Precedence, written once (datasette-style):
1. No account (not signed in): only PUBLIC.
2. An employee: PUBLIC, SIGNED_IN and OWN_DATA. OWN_DATA pages never take a NIP from the
   request: they read the signed-in account's own NIP, so another person's data cannot be
   asked for. Objects named in a URL (a decision, a document) are looked up together with
   that NIP and are "not found" when they belong to someone else.
3. Committee, inspector, admin: PUBLIC, SIGNED_IN, STAFF (read a person's data; every such
   read is written to the audit log by the route). ADMIN only for admins.
   COMMITTEE (the committee's workspace, including every state-changing staff action) only
   for the committee; INSPECTOR (read-only verification pages) only for inspectors.
4. Anything not listed is denied. Staff have no OWN_DATA pages (they are not employees here).
"""

from __future__ import annotations

from enum import StrEnum

from mutasi.portal.accounts import AccountView
from mutasi.portal.roles import STAFF, Role


class Permission(StrEnum):
    PUBLIC = "public"
    SIGNED_IN = "signed_in"
    OWN_DATA = "own_data"
    STAFF = "staff"
    ADMIN = "admin"
    COMMITTEE = "committee"
    INSPECTOR = "inspector"


def allowed(user: AccountView | None, perm: Permission) -> bool:
    if perm is Permission.PUBLIC:
        return True
    if user is None:
        return False
    if perm is Permission.SIGNED_IN:
        return True
    if perm is Permission.OWN_DATA:
        return user.role is Role.EMPLOYEE and user.nip is not None
    if perm is Permission.STAFF:
        return user.role in STAFF
    if perm is Permission.ADMIN:
        return user.role is Role.ADMIN
    if perm is Permission.COMMITTEE:
        return user.role is Role.COMMITTEE
    if perm is Permission.INSPECTOR:
        return user.role is Role.INSPECTOR
    return False
