"""The public letter check, without HTTP: a letter file or a typed verification code,
checked against the server's trust policy and database (mutasi/letter_check.py). The answer
says only "valid, decision of <date>, run <n>" or, in words, why not: nothing about anyone."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from audit import errors as codes
from audit.errors import AuditError, AuditUsageError
from audit.policy import Policy
from mutasi.letter_check import check_code, check_letter_against_log


@dataclass(frozen=True)
class PublicCheck:
    ok: bool
    as_of: str = ""  # ISO date of the decision
    run: int | None = None
    why: str = ""  # a text key: check_why_format / _altered / _unsigned / _other


def _why(code: str) -> str:
    if code in (codes.BAD_RECEIPT, codes.BAD_NOTE):
        return "check_why_format"
    if code in (codes.RECEIPT_INVALID, codes.NOT_VERIFIED, codes.BAD_SIGNATURE):
        return "check_why_altered"
    if code in (codes.NOT_SIGNED, codes.NOT_WITNESSED, codes.UNCOVERED, codes.NO_LOG):
        return "check_why_unsigned"
    return "check_why_other"


def check(engine: Engine, policy: Policy, data: bytes | None, name: str, code: str) -> PublicCheck:
    try:
        result = (check_letter_against_log(data, name or "surat", policy, engine) if data
                  else check_code(engine, code, policy))
    except (AuditUsageError, AuditError) as exc:
        return PublicCheck(False, why=_why(exc.code))
    if not result.ok or result.as_of is None or result.run is None:
        return PublicCheck(False, why=_why(result.code) if not result.ok else "check_why_other")
    return PublicCheck(True, result.as_of, result.run)
