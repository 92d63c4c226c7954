"""The staff side of the portal in a real browser (Debian's chromium via Playwright; nothing
downloaded), continuing the employee's path of test_portal_browser.py: an employee files a
tanggapan; a committee member finds it in the queue beside the decision, answers it and
records an override on that decision; the employee reads the answer.

The flow is one `StaffFlow` (browser page, server, region, screenshots, who is signed in)
passed from step to step, so the inspector's steps (upload the checkpoint, verify, replay
20 decisions, find the override and the committee member's views in the access log) append
to the same flow: see `test_staff_flow_in_a_real_browser`.

Desktop and phone width (360 px), SQLite and PostgreSQL. Screenshots:
build/screenshots/portal/committee/<backend>-<view>/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyotp
import pytest

from audit.access import accesses
from audit.log import AuditLog
from tests.browser import VIEWPORTS, chromium, need_browser, region_config, region_on, served
from tests.portal_helpers import NOW, PASSWORD, REPO, STAFF, TOTP, Region

SHOTS = REPO / "build" / "screenshots" / "portal"
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[A-Z]+_[A-Z_]+\b")  # snake_case codes, ENUM_NAMES


@dataclass
class StaffFlow:
    page: Any  # playwright.sync_api.Page
    base: str
    region: Region
    view: str
    shots: Path
    n: int = 0
    found: dict[str, str] = field(default_factory=dict)  # what a step leaves for the next ones

    def shot(self, name: str, folder: str = "committee") -> None:
        """Screenshot the page; on a phone nothing may be wider than the screen, and no
        machine code may be visible on any page."""
        self.n += 1
        where = self.shots / folder / self.view
        where.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(where / f"{self.n:02d}-{name}.png"), full_page=True)
        if self.view.endswith("phone"):
            assert self.page.evaluate("document.documentElement.scrollWidth") <= 360, name
        text = self.page.inner_text("body")
        assert not CODE.findall(text), (name, CODE.findall(text))

    def sign_in(self, username: str, staff: bool = True) -> None:
        self.page.goto(self.base + "/masuk")
        self.page.fill("#username", username)
        self.page.fill("#password", PASSWORD)
        if staff:
            self.page.fill("#totp", pyotp.TOTP(TOTP).at(NOW))
        self.page.click("main form button[type=submit]")

    def sign_out(self) -> None:
        self.page.click("header form button[type=submit]")
        assert "/masuk" in self.page.url

    def main_text(self) -> str:
        return " ".join(self.page.inner_text("main").split())


@contextmanager
def staff_flow(portal_template: Region, tmp_path: Path, backend: str, view: str) -> Iterator[StaffFlow]:
    """A served region (a copy on SQLite, a fresh one on PostgreSQL) and a browser page."""
    need_browser()
    with region_on(backend, portal_template, tmp_path) as region, \
            served(region_config(region.engine, tmp_path)) as base, chromium() as browser:
        page = browser.new_page(viewport=VIEWPORTS[view])  # type: ignore[arg-type]
        yield StaffFlow(page, base, region, f"{backend}-{view}", SHOTS)


def employee_files_a_tanggapan(flow: StaffFlow) -> None:
    page, region = flow.page, flow.region
    flow.sign_in(region.me, staff=False)
    page.click("nav.tabs >> text=Tanggapan")
    page.select_option("#keputusan", "2")  # the plan run, published before an SK: a tanggapan
    page.fill("#text", "Golongan saya sudah III/c sejak April 2026; mohon hasil ini ditinjau kembali.")
    page.click("main form button[type=submit]")
    text = flow.main_text()
    receipt = re.search(r"Nomor tanda terima: (TG-\d{8}-[A-Z0-9]{6})", text)
    assert receipt, text
    flow.found["receipt"] = receipt.group(1)
    flow.shot("pegawai-tanggapan-terkirim")
    flow.sign_out()


def committee_answers_and_overrides(flow: StaffFlow) -> None:
    page, region = flow.page, flow.region
    receipt = flow.found["receipt"]
    flow.sign_in(STAFF["committee"])
    page.goto(flow.base + "/tim")
    flow.shot("tim-beranda")
    page.click("nav.tabs >> text=Antrean")
    card = page.locator(f"section.card#{receipt}")
    assert "mohon hasil ini ditinjau kembali" in card.inner_text()
    assert "Hasil yang berlaku" in card.inner_text()  # beside the decision and its reasons
    flow.shot("tim-antrean")
    answer = "Terima kasih. Golongan III/c sudah kami periksa pada SK kenaikan pangkat; hasil ditinjau oleh tim."
    card.locator("textarea[name=answer]").fill(answer)
    card.locator("button[type=submit]").click()
    assert f"Jawaban untuk {receipt} sudah disimpan" in flow.main_text()
    flow.shot("tim-antrean-dijawab")

    sent = next(s for s in _responses(region) if s.receipt == receipt)
    page.goto(flow.base + f"/tim/keputusan/{sent.subject}")
    assert receipt in flow.main_text() and "sama persis dengan yang tercatat" in flow.main_text()
    flow.shot("tim-keputusan")
    log = AuditLog(region.engine)
    rec = log.decision(sent.subject)
    assert rec is not None
    new = "not_eligible" if rec.decision["verdict"] == "eligible" else "eligible"
    page.select_option("#verdict", new)
    justification = "Rapat TPK 25-11-2026: tanggapan pegawai diterima, data golongan dibetulkan."
    page.fill("#justification", justification)
    page.click("form[action$='/override'] button[type=submit]")
    assert "Perubahan hasil sudah dicatat" in flow.main_text() and justification in flow.main_text()
    flow.shot("tim-keputusan-diubah")
    [o] = log.overrides(sent.subject)
    assert (o.new_verdict, o.actor, o.justification) == (new, STAFF["committee"], justification)
    flow.found.update(answer=answer, decision_id=sent.subject, justification=justification)
    flow.sign_out()


def employee_reads_the_answer(flow: StaffFlow) -> None:
    flow.sign_in(flow.region.me, staff=False)
    flow.page.click("nav.tabs >> text=Tanggapan")
    text = flow.main_text()
    assert flow.found["answer"] in text and "sudah dijawab" in text
    flow.shot("pegawai-membaca-jawaban")
    flow.sign_out()


def committee_upload_is_refused(flow: StaffFlow) -> None:
    """An SK draft with a 5-digit NIP and a context dated 31 February: each problem in words,
    with its file and row, nothing recorded."""
    page = flow.page
    folder = REPO / "examples" / "review"
    moves = (folder / "sk_draft.csv").read_text(encoding="utf-8").replace("197706052004051001", "12345", 1)
    context = (folder / "context.yaml").read_text(encoding="utf-8").replace(
        "decision_date: 2026-11-22", "decision_date: 2026-02-31", 1)
    runs = len(AuditLog(flow.region.engine).list_runs())
    flow.sign_in(STAFF["committee"])
    page.goto(flow.base + "/tim/telaah")
    page.set_input_files("#moves", files=[{"name": "rancangan.csv", "mimeType": "text/csv",
                                           "buffer": moves.encode()}])
    page.set_input_files("#context", files=[{"name": "konteks.yaml", "mimeType": "application/yaml",
                                             "buffer": context.encode()}])
    page.click("main form button[type=submit]")
    items = [" ".join(t.split()) for t in page.locator("ul.problems > li").all_inner_texts()]
    assert items[0].startswith("rancangan.csv, baris 2, kolom nip: nilai tidak dapat diterima (kode MUT-V006)"), items
    assert items[1].startswith("konteks.yaml, baris 4: tanggal tidak dapat dibaca atau tidak ada (kode MUT-V005)")
    assert "not 18 digits" not in page.inner_text("main")  # the English detail stays folded
    page.locator("ul.problems details > summary").first.click()
    assert "NIP '12345' is not 18 digits" in page.inner_text("main")
    flow.shot("tim-telaah-ditolak")
    assert len(AuditLog(flow.region.engine).list_runs()) == runs
    flow.sign_out()


def _responses(region: Region) -> list[Any]:
    from mutasi.portal import requests

    return requests.responses(region.engine, region.me)


@pytest.mark.parametrize(("backend", "view"), [
    ("sqlite", "desktop"),
    pytest.param("postgresql", "phone", marks=pytest.mark.postgres),
])
def test_staff_flow_in_a_real_browser(portal_template: Region, tmp_path: Path, backend: str, view: str) -> None:
    from mutasi.cli.app import main
    from tests.test_portal_browser_inspector import inspector_steps

    with staff_flow(portal_template, tmp_path, backend, view) as flow:
        # the inspector keeps a checkpoint elsewhere before the committee's week
        checkpoint = tmp_path / "titik-periksa.txt"
        assert main(["audit", "checkpoint", "--db", flow.region.url, "--out", str(checkpoint)]) == 0
        employee_files_a_tanggapan(flow)
        committee_answers_and_overrides(flow)
        employee_reads_the_answer(flow)
        committee_upload_is_refused(flow)
        # the inspector's steps (issue 14, inspector half) append here, on the same flow
        views = [a for a in accesses(flow.region.engine, nip=flow.region.me)
                 if a.actor == STAFF["committee"] and a.action == "view"]
        assert {a.detail.get("page") for a in views} >= {"queue", "decision"}
        # the inspector: verify against the checkpoint, replay 20, find the override and the views
        inspector_steps(flow.page, flow.base, flow.region, checkpoint, lambda name: flow.shot(name, folder="inspector"),
                        (flow.found["decision_id"], flow.found["justification"]), flow.region.me)
