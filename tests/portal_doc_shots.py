"""Screenshots for docs/portal-committee.md and docs/portal-employee.md (not a test).

    python -m tests.portal_doc_shots --db sqlite:///wilayah.db   # a `mutasi demo` database

Signs in as a committee member (an account made for the purpose) and as the demo employee,
opens each page at desktop and phone width, and writes small PNGs (top of the page, fewer
colours) to docs/img/portal/.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "img" / "portal"
NOW = datetime.now(UTC).replace(microsecond=0)
TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "sandi-dokumentasi-1"
# the images docs/portal-committee.md and docs/portal-employee.md show
WANTED = {f"tim-{n}-desktop" for n in ("beranda", "proses", "rencana", "telaah", "antrean", "keputusan", "putaran")} | \
    {f"tim-{n}-hp" for n in ("antrean", "keputusan", "rencana")} | \
    {f"pegawai-{n}-hp" for n in ("beranda", "keputusan", "data", "pilihan", "tanggapan")} | {"pegawai-tanggapan-desktop"}


def _small(src: Path, dst: Path, height: int) -> None:
    from PIL import Image

    im = Image.open(src)
    im = im.crop((0, 0, im.width, min(im.height, height)))
    if im.width > 1000:
        im = im.resize((im.width * 3 // 4, im.height * 3 // 4))
    im.convert("RGB").quantize(colors=96).save(dst, optimize=True)


def cfg_today(now: datetime):  # type: ignore[no-untyped-def]
    from mutasi.web.config import office_tz

    return now.astimezone(office_tz()).date()


def _decision_of(eng, nip: str) -> str:  # type: ignore[no-untyped-def]
    from mutasi.portal import decisions

    return decisions.my_decisions(eng, nip, "id")[0].decision_id


def _queue_items(eng, nip: str, uploads, today) -> None:  # type: ignore[no-untyped-def]
    """A tanggapan and a data-error report waiting in the committee's queue."""
    from mutasi.portal import decisions, requests

    if requests.responses(eng, nip):
        return
    d = decisions.my_decisions(eng, nip, "id")[0]
    requests.file_response(eng, uploads, nip, d.run_seq, d.decision_id, d.deadline,
                           "Saya mohon dipertimbangkan penempatan di unit yang lebih dekat dengan domisili.",
                           None, NOW, today)
    requests.report_error(eng, uploads, nip, "rank", "Golongan saya III/c sejak 1 April 2026 (SK terlampir).",
                          None, NOW, today)


def _answer(eng, nip: str) -> None:  # type: ignore[no-untyped-def]
    from mutasi.portal import queue, requests

    for q in queue.items(eng):
        if q.nip != nip:
            continue
        if q.kind == "data":
            queue.accept_report(eng, q.receipt, "Golongan Anda sudah dibetulkan menjadi III/c sesuai SK terlampir.",
                                "golongan", "III/c", "SK Wali Kota 800/112/BKPSDM/2026 tanggal 1 April 2026",
                                "rina.tpk", NOW)
        else:
            queue.answer_response(eng, q.receipt, "Terima kasih. Permohonan Anda kami catat; penempatan "
                                  "ditetapkan menurut kebutuhan jabatan (ABK) pada rencana ini.", "rina.tpk", NOW)
    assert requests.responses(eng, nip)[0].answer is not None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--employee", required=True, help="NIP of an employee with decisions in published runs")
    ap.add_argument("--employee-password", default=PASSWORD, help="when the employee already has an account")
    args = ap.parse_args()
    import pyotp
    import uvicorn
    from playwright.sync_api import sync_playwright

    from mutasi.portal.accounts import create_account, find_account
    from mutasi.portal.roles import Role
    from mutasi.store.db import open_store
    from mutasi.web.app import create_app
    from mutasi.web.config import PortalConfig

    eng = open_store(args.db)
    if find_account(eng, "rina.tpk") is None:
        create_account(eng, "rina.tpk", Role.COMMITTEE, "Rina Wulandari", NOW, password=PASSWORD, totp_secret=TOTP)
    if find_account(eng, args.employee) is None:
        create_account(eng, args.employee, Role.EMPLOYEE, "Pegawai", NOW, nip=args.employee, password=PASSWORD)
    tmp = Path("/tmp/mutasi-doc-shots")
    _queue_items(eng, args.employee, tmp / "uploads", cfg_today(NOW))
    cfg = PortalConfig(engine=eng, secret=b"d" * 64, uploads=tmp / "uploads", clock=lambda: NOW)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(cfg), log_level="warning"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    OUT.mkdir(parents=True, exist_ok=True)
    committee = [("tim-beranda", "/tim"), ("tim-proses", "/tim/proses"), ("tim-rencana", "/tim/proses/2"),
                 ("tim-telaah", "/tim/proses/3"), ("tim-antrean", "/tim/antrean"),
                 ("tim-keputusan", f"/tim/keputusan/{_decision_of(eng, args.employee)}"), ("tim-putaran", "/tim/putaran"), ("tim-unggah-sk", "/tim/telaah")]
    employee = [("pegawai-beranda", "/saya"), ("pegawai-keputusan", "/saya/keputusan"), ("pegawai-data", "/saya/data"),
                ("pegawai-pilihan", "/saya/pilihan"), ("pegawai-tanggapan", "/saya/tanggapan")]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for who, pages, user, otp in (("tim", committee, "rina.tpk", True), ("pegawai", employee, args.employee, False)):
            if who == "pegawai":  # the committee has answered by now: the employee reads it
                _answer(eng, args.employee)
            for view, width in (("desktop", 1280), ("hp", 360)):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.set_default_timeout(180_000)
                page.goto(base + "/masuk")
                page.fill("#username", user)
                page.fill("#password", PASSWORD if otp else args.employee_password)
                if otp:
                    page.fill("#totp", pyotp.TOTP(TOTP).at(NOW))
                page.click("main form button[type=submit]")
                for name, path in pages:
                    if f"{name}-{view}" not in WANTED:
                        continue
                    page.goto(base + path)
                    raw = tmp / f"{name}-{view}.png"
                    page.screenshot(path=str(raw), full_page=True)
                    _small(raw, OUT / f"{name}-{view}.png", 1500 if view == "desktop" else 1400)
                if who == "tim" and view == "desktop":  # English is one click away
                    page.goto(base + f"/bahasa/en?kembali={pages[2][1]}")
                    raw = tmp / "tim-rencana-en.png"
                    page.screenshot(path=str(raw), full_page=True)
                    _small(raw, OUT / "tim-rencana-en-desktop.png", 1100)
                page.close()
        browser.close()
    server.should_exit = True
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT}")


if __name__ == "__main__":
    main()
