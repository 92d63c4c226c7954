"""The employee's pages through the ASGI test client: decisions and letters (the same text
as reports/ renders), data in words with error reports and documents, preferences in an open
round, responses with receipts and deadlines; the bad inputs the issue lists."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from audit.access import accesses
from mutasi.portal import decisions, requests, rounds
from mutasi.store.convert import get_employee
from tests.portal_helpers import (
    NOW,
    STAFF,
    Region,
    client,
    csrf_of,
    sign_in,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _me(region: Region, tmp: Path, **kw):  # type: ignore[no-untyped-def]
    c = client(region, tmp, **kw)
    sign_in(c, region.me, totp="")
    return c


def _csrf(c, path: str) -> str:  # type: ignore[no-untyped-def]
    return csrf_of(c.get(path).text)


def test_decisions_newest_first_with_letters_as_reports_render_them(region: Region, tmp_path: Path) -> None:
    from reports.render import render

    c = _me(region, tmp_path)
    page = c.get("/saya/keputusan").text
    mine = decisions.my_decisions(region.engine, region.me, "id")
    assert [d.run_seq for d in mine] == [2, 1]  # newest first
    assert page.index("Rencana mutasi") < page.index("Penilaian syarat mutasi")
    assert "8 Desember 2026" in page and "22 Desember 2026" in page  # tanggapan / keberatan deadlines
    assert "UU 30/2014 Pasal 77 ayat (1)" in page
    r = c.get("/saya/keputusan/1/surat")
    expected = render("letter.html.j2", decisions.letter_context(region.engine, region.me, 1, "id"))
    assert r.status_code == 200 and r.text == expected  # byte for byte what reports/ renders
    csp = r.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp and "script-src" not in csp and "sha256-" in csp
    pdf = c.get("/saya/keputusan/1/surat.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and "attachment" in pdf.headers["content-disposition"]
    assert c.get("/saya/keputusan/99/surat").status_code == 404
    assert c.get("/saya/keputusan/x/surat.pdf").status_code == 404


def test_unpublished_run_is_not_shown(region: Region, tmp_path: Path) -> None:
    from sqlalchemy import delete

    from mutasi.store.models import table_of
    from mutasi.store.portal_models import Publication

    with region.engine.begin() as conn:
        conn.execute(delete(table_of(Publication)).where(table_of(Publication).c.run_seq == 2))
    c = _me(region, tmp_path)
    assert c.get("/saya/keputusan/2/surat").status_code == 404
    assert "Rencana mutasi" not in c.get("/saya/keputusan").text


def test_data_in_words_and_a_report_with_a_document(region: Region, tmp_path: Path) -> None:
    c = _me(region, tmp_path)
    page = c.get("/saya/data").text
    for label in ("Jabatan dan unit kerja", "Masa dalam jabatan", "Pangkat/golongan", "Penilaian kinerja (SKP)",
                  "Pendidikan", "Pelatihan (diklat)", "Hukuman disiplin"):
        assert label in page
    assert "_" not in page.split("<dl")[1].split("</dl>")[0]  # no codes in the words
    r = c.post("/saya/data/laporan", data={"csrf": _csrf(c, "/saya/data"), "item": "rank",
                                           "message": "Golongan saya III/c"},
               files={"document": ("sk.pdf", PDF, "application/pdf")})
    assert r.status_code == 303
    receipt = r.headers["location"].split("terima=")[1].split("#")[0]
    assert receipt.startswith("LD-20261125-")
    assert receipt in c.get(r.headers["location"]).text
    sent = requests.reports(region.engine, region.me)
    assert [(s.receipt, s.subject) for s in sent] == [(receipt, "rank")]
    doc = c.get(f"/saya/berkas/{sent[0].upload_id}")
    assert doc.status_code == 200 and doc.content == PDF and doc.headers["content-type"] == "application/pdf"
    other = client(region, tmp_path)
    sign_in(other, region.other, totp="")
    assert other.get(f"/saya/berkas/{sent[0].upload_id}").status_code == 404  # another's document
    assert [a.action for a in accesses(region.engine, nip=region.me)][-1] == "report_error"


@pytest.mark.parametrize(("name", "data", "status", "message"), [
    ("big.pdf", PDF + b"0" * (5 * 1024 * 1024), 413, "Berkas terlalu besar"),
    ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100, 400, "Jenis berkas tidak diterima"),
    ("fake.pdf", b"<html><script>alert(1)</script></html>", 400, "Jenis berkas tidak diterima"),
])
def test_bad_upload_is_refused_and_nothing_is_written(region: Region, tmp_path: Path, name: str, data: bytes,
                                                      status: int, message: str) -> None:
    c = _me(region, tmp_path)
    r = c.post("/saya/data/laporan", data={"csrf": _csrf(c, "/saya/data"), "item": "rank", "message": "x"},
               files={"document": (name, data, "application/pdf")})
    assert r.status_code == status and message in r.text and "Traceback" not in r.text
    assert requests.reports(region.engine, region.me) == []
    assert not (tmp_path / "uploads").exists() or not any((tmp_path / "uploads").rglob("*"))


def test_report_needs_a_message(region: Region, tmp_path: Path) -> None:
    c = _me(region, tmp_path)
    r = c.post("/saya/data/laporan", data={"csrf": _csrf(c, "/saya/data"), "item": "rank", "message": "  "})
    assert r.status_code == 400 and "wajib diisi: apa yang salah" in r.text
    assert requests.reports(region.engine, region.me) == []


def test_preferences_in_an_open_round_reach_the_plan(region: Region, tmp_path: Path) -> None:
    c = _me(region, tmp_path)
    page = c.get("/saya/pilihan").text
    assert "Pilihan ke-3" in page and "Pilihan ke-4" not in page  # N = 3 from the pack
    units = [u for u, _ in rounds.units(region.engine)]
    r = c.post("/saya/pilihan", data={"csrf": csrf_of(page), "choice_1": units[2], "choice_2": units[0],
                                      "choice_3": ""})
    assert r.status_code == 303
    assert rounds.choices(region.engine, 1, region.me)[0] == [units[2], units[0]]
    emp = get_employee(region.engine, region.me)
    assert emp is not None and emp.preferences == (units[2], units[0])  # what the plan reads
    r = c.post("/saya/pilihan", data={"csrf": csrf_of(page), "choice_1": units[1]})  # a change replaces
    assert rounds.choices(region.engine, 1, region.me)[0] == [units[1]]


@pytest.mark.parametrize(("form", "message"), [
    ({"choice_1": "A", "choice_2": "A"}, "lebih dari sekali"),
    ({"choice_1": ""}, "paling sedikit satu"),
    ({"choice_1": "NOPE"}, "tidak dapat dibaca"),
    ({"choice_1": "A", "choice_4": "B"}, "Terlalu banyak pilihan"),
])
def test_bad_preferences_are_refused(region: Region, tmp_path: Path, form: dict[str, str], message: str) -> None:
    units = [u for u, _ in rounds.units(region.engine)]
    form = {k: {"A": units[0], "B": units[1]}.get(v, v) for k, v in form.items()}
    c = _me(region, tmp_path)
    r = c.post("/saya/pilihan", data={"csrf": _csrf(c, "/saya/pilihan"), **form})
    assert r.status_code == 400 and message in r.text
    assert rounds.choices(region.engine, 1, region.me)[0] == []


def test_preferences_after_the_round_closed_are_refused(region: Region, tmp_path: Path) -> None:
    units = [u for u, _ in rounds.units(region.engine)]
    c = _me(region, tmp_path, now=NOW + timedelta(days=10))  # 5 December: closed on the 4th
    page = c.get("/saya/pilihan").text
    assert "sudah ditutup pada 4 Desember 2026" in page and "<select" not in page
    r = c.post("/saya/pilihan", data={"csrf": csrf_of(page), "choice_1": units[0]})
    assert r.status_code == 400 and "sudah ditutup" in r.text
    assert rounds.choices(region.engine, 1, region.me)[0] == []


def test_response_gets_a_receipt_and_keberatan_after_an_sk(region: Region, tmp_path: Path) -> None:
    c = _me(region, tmp_path)
    token = _csrf(c, "/saya/tanggapan")
    r = c.post("/saya/tanggapan", data={"csrf": token, "keputusan": "2", "text": "Mohon ditinjau."})
    assert r.status_code == 303
    r2 = c.post("/saya/tanggapan", data={"csrf": token, "keputusan": "1", "text": "Saya keberatan."},
                files={"document": ("bukti.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png")})
    assert r2.status_code == 303
    sent = requests.responses(region.engine, region.me)
    assert sorted((s.kind, s.subject[:2], str(s.deadline)) for s in sent) == [
        ("keberatan", "1-", "2026-12-22"), ("tanggapan", "2-", "2026-12-08")]
    page = c.get(r2.headers["location"]).text
    assert "Keberatan Anda sudah diterima. Nomor tanda terima: KB-" in page and "diterima" in page
    requests.answer(region.engine, sent[0].receipt, "Data sudah diperbaiki.", "tim.mutasi", NOW)
    assert "Data sudah diperbaiki." in c.get("/saya/tanggapan").text and "sudah dijawab" in c.get("/saya/tanggapan").text


def test_response_after_the_deadline_is_refused(region: Region, tmp_path: Path) -> None:
    c = _me(region, tmp_path, now=NOW + timedelta(days=14))  # 9 December: the tanggapan ended on the 8th
    r = c.post("/saya/tanggapan", data={"csrf": _csrf(c, "/saya/tanggapan"), "keputusan": "2", "text": "Terlambat"})
    assert r.status_code == 400 and "Batas waktu untuk keputusan ini sudah lewat (8 Desember 2026)" in r.text
    assert requests.responses(region.engine, region.me) == []
    r = c.post("/saya/tanggapan", data={"csrf": _csrf(c, "/saya/tanggapan"), "keputusan": "1", "text": "Masih"})
    assert r.status_code == 303  # the keberatan period (until 22 December) is still open


def test_response_about_a_run_without_my_decision_is_not_found(region: Region, tmp_path: Path) -> None:
    c = _me(region, tmp_path)
    r = c.post("/saya/tanggapan", data={"csrf": _csrf(c, "/saya/tanggapan"), "keputusan": "7", "text": "x"})
    assert r.status_code == 404 and requests.responses(region.engine, region.me) == []


def test_staff_view_of_a_person_is_recorded(region: Region, tmp_path: Path) -> None:
    c = client(region, tmp_path)
    sign_in(c, STAFF["inspector"])
    r = c.get(f"/staf/pegawai?nip={region.other}")
    assert r.status_code == 200 and "Masa dalam jabatan" in r.text
    seen = accesses(region.engine, nip=region.other)
    assert [(a.actor, a.role, a.action, a.detail.get("page")) for a in seen] == [
        ("inspektur", "inspector", "view", "data")]
    assert c.get("/staf/pegawai?nip=123").status_code == 404


def test_english_pages(region: Region, tmp_path: Path) -> None:
    c = _me(region, tmp_path)
    c.get("/bahasa/en")
    page = c.get("/saya/keputusan").text
    assert "My decisions" in page and "Deadline for a response: 8 December 2026" in page
