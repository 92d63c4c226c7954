"""What a running portal needs: the store, the session secret, where uploads go, the clock."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from audit.policy import Policy
from mutasi.errors import UsageError
from reports.fmt import ZONES, office_zone

SECRET_ENV = "MUTASI_SECRET"


def office_tz() -> ZoneInfo:
    """Deadlines are dates in the office's time, the zone every time is shown in."""
    return ZONES[office_zone()]


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "mutasi"


def data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "mutasi"


def load_secret(path: Path | None = None) -> bytes:
    """The session-signing secret: $MUTASI_SECRET, else a file created on first start with
    mode 0600, outside the repository (default ~/.config/mutasi/portal-secret)."""
    env = os.environ.get(SECRET_ENV)
    if env:
        if len(env) < 32:
            raise UsageError(f"{SECRET_ENV} must be at least 32 characters")
        return env.encode("utf-8")
    path = path or config_dir() / "portal-secret"
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise UsageError(f"cannot read or create the session secret {path}: {exc.strerror}") from None
    if len(text) < 32:
        raise UsageError(f"session secret {path} is too short; delete it to make a new one")
    return text.encode("utf-8")


def _default_pack() -> Path:
    from mutasi.paths import DEFAULT_PACK

    return DEFAULT_PACK


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class PortalConfig:
    engine: Engine
    secret: bytes
    uploads: Path
    https: bool = False  # cookies get Secure; HSTS is sent
    clock: Callable[[], datetime] = field(default=_utcnow)
    max_upload: int = 5 * 1024 * 1024
    trust: Policy | None = None  # the trust policy the public letter check uses (serve --trust)
    pack: Path = field(default_factory=lambda: _default_pack())  # the rule pack the committee's runs use

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.now().astimezone(office_tz()).date()
