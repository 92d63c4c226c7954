"""The office's time zone (MUTASI_OFFICE_ZONE): Indonesia has three, and a reader sees the
recorded UTC time in their office's, named. Expected times worked out by hand: WIB = UTC+7,
WITA = UTC+8, WIT = UTC+9."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from engine.problems import EXIT_USAGE, UsageError
from mutasi.cli.app import main
from mutasi.web.config import PortalConfig
from reports.fmt import fdatetime

RECORDED = "2026-12-02T07:55:00Z"


@pytest.mark.parametrize(("zone", "id_text", "en_text"), [
    (None, "2 Desember 2026 pukul 14.55 WIB", "2 December 2026 at 14:55 WIB"),
    ("WITA", "2 Desember 2026 pukul 15.55 WITA", "2 December 2026 at 15:55 WITA"),
    ("wit", "2 Desember 2026 pukul 16.55 WIT", "2 December 2026 at 16:55 WIT"),
])
def test_times_are_shown_in_the_offices_zone(monkeypatch: pytest.MonkeyPatch, zone: str | None,
                                             id_text: str, en_text: str) -> None:
    if zone is None:
        monkeypatch.delenv("MUTASI_OFFICE_ZONE", raising=False)
    else:
        monkeypatch.setenv("MUTASI_OFFICE_ZONE", zone)
    assert fdatetime(RECORDED, "id") == id_text
    assert fdatetime(RECORDED, "en") == en_text


def test_a_deadline_date_is_the_offices_date(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # 16:30 UTC is 23:30 on 2 December in WIB but 01:30 on 3 December in WIT
    cfg = PortalConfig(engine=create_engine("sqlite://"), secret=b"x" * 32, uploads=tmp_path,
                       clock=lambda: datetime(2026, 12, 2, 16, 30, tzinfo=UTC))
    monkeypatch.setenv("MUTASI_OFFICE_ZONE", "WIB")
    assert cfg.today().isoformat() == "2026-12-02"
    monkeypatch.setenv("MUTASI_OFFICE_ZONE", "WIT")
    assert cfg.today().isoformat() == "2026-12-03"


def test_a_mistyped_zone_is_refused_with_a_suggestion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUTASI_OFFICE_ZONE", "WITT")
    with pytest.raises(UsageError) as e:
        fdatetime(RECORDED, "id")
    assert str(e.value).startswith("MUTASI_OFFICE_ZONE=WITT: not an Indonesian time zone (did you mean WIT")


def test_serve_stops_at_start_on_a_mistyped_zone(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("MUTASI_OFFICE_ZONE", "GMT+7")
    assert main(["serve", "--db", f"sqlite:///{tmp_path / 'm.db'}"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "MUTASI_OFFICE_ZONE=GMT+7" in err and "one of WIB, WITA, WIT" in err and "Traceback" not in err
