"""Roles of portal accounts."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    EMPLOYEE = "employee"
    COMMITTEE = "committee"
    INSPECTOR = "inspector"
    ADMIN = "admin"


STAFF = frozenset({Role.COMMITTEE, Role.INSPECTOR, Role.ADMIN})
# A second factor (TOTP) is required for every staff role, optional for employees.
TOTP_REQUIRED = STAFF
