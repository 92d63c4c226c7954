"""What the real-browser tests share: Debian's chromium (driven by Playwright; nothing is
downloaded), the portal served by uvicorn on a free port in a thread, and a portal region on
SQLite (a private copy of a template) or on a fresh PostgreSQL database.

Browser tests run when /usr/bin/chromium exists; with MUTASI_REQUIRE_BROWSER=1 (CI) a missing
browser fails instead of skipping.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.portal_helpers import NOW, Region, build_region, copy_region

CHROMIUM = Path("/usr/bin/chromium")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 800}}


def need_browser() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("MUTASI_REQUIRE_BROWSER") == "1":
            pytest.fail("MUTASI_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing")
        pytest.skip("chromium not installed")
    pytest.importorskip("playwright.sync_api")


@contextmanager
def served(cfg: Any) -> Iterator[str]:
    """The portal for ``cfg`` (a PortalConfig) at http://127.0.0.1:PORT until the block ends."""
    import uvicorn

    from mutasi.web.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(cfg), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def region_config(engine: Any, tmp: Path) -> Any:
    """The portal's configuration for a test region's store, its clock stopped at NOW."""
    from mutasi.web.config import PortalConfig

    return PortalConfig(engine=engine, secret=b"b" * 64, uploads=tmp / "uploads", clock=lambda: NOW)


@contextmanager
def region_on(backend: str, template: Region, tmp: Path) -> Iterator[Region]:
    """A portal region on ``backend``: a private copy of ``template`` on SQLite, or the same
    region built in a fresh PostgreSQL database (dropped afterwards)."""
    gen = None
    if backend == "sqlite":
        region = copy_region(template, tmp)
    else:
        from tests.conftest import _pg_database

        gen = _pg_database()
        region = build_region(next(gen))
    try:
        yield region
    finally:
        region.engine.dispose()
        if gen is not None:
            gen.close()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium (Playwright's Browser), closed afterwards."""
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def shooter(page: Any, folder: Path, view: str,
            check: Callable[[str, Any], None] | None = None) -> Callable[[str], None]:
    """``shot(name)``: a numbered full-page screenshot in ``folder`` (01-name.png, ...), after
    ``check(name, page)`` when given; at phone width, nothing may scroll sideways."""
    folder.mkdir(parents=True, exist_ok=True)
    taken = [0]

    def shot(name: str) -> None:
        taken[0] += 1
        page.screenshot(path=str(folder / f"{taken[0]:02d}-{name}.png"), full_page=True)
        if check is not None:
            check(name, page)
        if view == "phone":
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    return shot
