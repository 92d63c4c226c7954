"""The committee's workspace (issue 14) through the HTTP layer: runs and background jobs,
the plan and decision pages, overrides, the queue (answers, data corrections), documents,
rounds, the SK-draft review upload and the report downloads. Each bad input is refused with
a message and leaves nothing half-written."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from audit.access import accesses
from audit.log import AuditLog
from mutasi.cli.app import main
from mutasi.portal import jobs, requests, rounds, uploads
from mutasi.store.models import Employee, SkpEntry, table_of
from mutasi.store.portal_models import Correction, Job
from tests.portal_helpers import NOW, REPO, STAFF, Region, client, csrf_of, sign_in, wait_job

TODAY = date(2026, 11, 25)


@pytest.fixture
def tim(region: Region, tmp_path: Path) -> TestClient:
    c = client(region, tmp_path)
    sign_in(c, STAFF["committee"])
    return c


def _post(c: TestClient, page: str, action: str, data: dict[str, str], files: dict | None = None):  # type: ignore[no-untyped-def,type-arg]
    token = csrf_of(c.get(page).text)
    return c.post(action, data={"csrf": token, **data}, files=files)


def _count(region: Region, model: type) -> int:
    with region.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table_of(model))).scalar_one())




def _visible(html: str) -> str:
    """The text a reader sees (tags, attributes and option values left out)."""
    import html as h
    import re

    return h.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)))


def _codes(html: str) -> list[str]:
    """snake_case codes or enum names visible on a page (never allowed)."""
    import re

    return re.findall(r"\b[a-z]+_[a-z_]+\b|\b[A-Z]+_[A-Z_]+\b", _visible(html))


def _tanggapan(region: Region, tmp_path: Path, nip: str | None = None) -> str:
    """A tanggapan about the employee's decision in run 2 (published before an SK)."""
    from mutasi.portal import decisions

    nip = nip or region.me
    d = next(x for x in decisions.my_decisions(region.engine, nip, "id") if x.run_seq == 2)
    return requests.file_response(region.engine, tmp_path / "uploads", nip, d.run_seq, d.decision_id, d.deadline,
                                  "Mohon ditinjau: golongan saya sudah III/c.", None, NOW, TODAY)


# ---- runs -----------------------------------------------------------------------------------

def test_runs_page_lists_every_run_with_who_when_pack_and_counts(region: Region, tim: TestClient) -> None:
    page = tim.get("/tim/proses")
    assert page.status_code == 200
    log = AuditLog(region.engine)
    for h in log.list_runs():
        assert f'href="/tim/proses/{h.run_seq}"' in page.text
        assert h.actor in page.text and h.pack["version"] in page.text
    n = len(log.decisions(1))
    assert f"{n} keputusan" in page.text
    assert "memenuhi syarat" in page.text  # verdicts in words, never codes
    assert not _codes(page.text)
    # when each run started: in words and in the office's time (recorded in UTC; WIB = UTC+7)
    started = datetime.fromisoformat(log.run_header(1).started_at)
    wib = started.astimezone(timezone(timedelta(hours=7)))
    assert f"pukul {wib.hour:02d}.{wib.minute:02d} WIB" in _visible(page.text)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", _visible(page.text))  # no ISO date reaches a reader


def test_evaluation_started_in_the_portal_is_the_run_the_cli_records(region: Region, tim: TestClient) -> None:
    r = _post(tim, "/tim/proses", "/tim/proses", {"kind": "evaluate", "as_of": "2026-11-25"})
    assert r.status_code == 303 and r.headers["location"].startswith("/tim/tugas/")
    done = wait_job(tim, r.headers["location"])
    assert "sebagai proses 3" in done
    assert main(["evaluate", "--db", region.url, "--as-of", "2026-11-25", "--actor", STAFF["committee"]]) in (0, 1)
    log = AuditLog(region.engine)
    web, cli = log.run_header(3), log.run_header(4)
    assert web is not None and cli is not None
    assert (web.kind, web.as_of, web.actor, web.pack, web.input_hash) == \
           (cli.kind, cli.as_of, cli.actor, cli.pack, cli.input_hash)
    a = [(d.decision["subject"], d.decision["verdict"], d.decision["reasons"]) for d in log.decisions(3)]
    b = [(d.decision["subject"], d.decision["verdict"], d.decision["reasons"]) for d in log.decisions(4)]
    assert a == b and len(a) == len(region.nips)
    assert any(e.action == "start_run" for e in accesses(region.engine, actor=STAFF["committee"]))


def test_plan_job_records_a_plan_run(region: Region, tim: TestClient) -> None:
    r = _post(tim, "/tim/proses", "/tim/proses", {"kind": "plan", "as_of": "2026-11-25"})
    done = wait_job(tim, r.headers["location"])
    assert "sebagai proses 3" in done
    assert main(["plan", "--db", region.url, "--as-of", "2026-11-25", "--actor", STAFF["committee"]]) == 0
    log = AuditLog(region.engine)
    web, cli = log.run_header(3), log.run_header(4)
    assert web is not None and cli is not None and web.kind == "plan" and web.input_hash == cli.input_hash
    a, b = log.plan(3), log.plan(4)
    assert a is not None and b is not None
    for key in ("open_positions", "unplaced", "workload", "summary", "inputs"):
        assert a[key] == b[key], key
    assert [(p["nip"], p["position_id"], p["score"]) for p in a["placements"]] == \
           [(p["nip"], p["position_id"], p["score"]) for p in b["placements"]]
    page = tim.get("/tim/proses/3")
    assert page.status_code == 200 and 'src="/tim/proses/3/beban-kerja.png"' in page.text


@pytest.mark.parametrize(("form", "status"), [
    ({"kind": "evaluate", "as_of": "25-13-2026"}, 400),
    ({"kind": "evaluate", "as_of": ""}, 400),
    ({"kind": "drop_table", "as_of": "2026-11-25"}, 400),
])
def test_a_bad_run_request_starts_nothing(region: Region, tim: TestClient, form: dict[str, str], status: int) -> None:
    r = _post(tim, "/tim/proses", "/tim/proses", form)
    assert r.status_code == status
    assert "Tidak ada yang dimulai" in r.text or "tidak dapat dibaca" in r.text
    assert _count(region, Job) == 0 and len(AuditLog(region.engine).list_runs()) == 2


def test_job_page_shows_progress_and_refreshes_itself_while_running(region: Region, tim: TestClient) -> None:
    job = jobs.start(region.engine, "evaluate", TODAY, "tim.mutasi", NOW, REPO / "rules" / "nasional",
                     runner=lambda task: None)  # queued, not worked: as if still running
    try:
        page = tim.get(f"/tim/tugas/{job}")
        assert '<meta http-equiv="refresh" content="2">' in page.text and "<progress" in page.text
        assert "<script" not in page.text
        jobs._live[job] = (1, 4, "pasangan")  # a plan's second stage of four, as the worker notes it
        page = tim.get(f"/tim/tugas/{job}")
        assert 'max="4" value="1"' in page.text and "25%" in page.text
    finally:
        jobs._live.pop(job, None)
    page = tim.get(f"/tim/tugas/{job}")  # the worker is gone (a restarted server): said so, no refresh
    assert "terhenti" in page.text and 'http-equiv="refresh"' not in page.text


def test_a_failed_job_says_so_and_records_nothing(region: Region, tim: TestClient, tmp_path: Path) -> None:
    broken = tmp_path / "no-pack"
    broken.mkdir()
    job = jobs.start(region.engine, "evaluate", TODAY, "tim.mutasi", NOW, broken, runner=lambda task: task())
    page = tim.get(f"/tim/tugas/{job}")
    assert "gagal" in page.text and len(AuditLog(region.engine).list_runs()) == 2


# ---- plan, chart, reports ------------------------------------------------------------------

def test_plan_page_uses_the_committee_report_words_and_serves_the_chart(region: Region, tim: TestClient) -> None:
    from reports.i18n import t

    page = tim.get("/tim/proses/2")
    assert page.status_code == 200
    for key in ("plan", "open_positions", "unplaced", "workload", "ranking", "unplaced_summary"):
        assert t(key, "id") in page.text, key
    png = tim.get("/tim/proses/2/beban-kerja.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    assert "data:image" not in page.text  # the CSP allows images from the portal only
    assert tim.get("/tim/proses/1/beban-kerja.png").status_code == 404  # an evaluation has no workload


def test_committee_report_downloads_are_the_cli_report(region: Region, tim: TestClient, tmp_path: Path) -> None:
    csv = tim.get("/tim/proses/2/laporan.csv")
    assert csv.status_code == 200 and "attachment" in csv.headers["content-disposition"]
    out = tmp_path / "out"
    assert main(["report", "committee", "--db", region.url, "--run", "2", "--format", "csv", "--out", str(out)]) == 0
    assert csv.content == (out / "committee-2-id.csv").read_bytes()
    pdf = tim.get("/tim/proses/2/laporan.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert tim.get("/tim/proses/99/laporan.pdf").status_code == 404


# ---- one decision, overrides ---------------------------------------------------------------

def test_decision_page_shows_reasons_facts_replay_and_records_the_view(region: Region, tim: TestClient) -> None:
    log = AuditLog(region.engine)
    rec = log.decisions(1)[0]
    page = tim.get(f"/tim/keputusan/{rec.decision_id}")
    assert page.status_code == 200
    assert "sama persis dengan yang tercatat" in page.text  # replayed identical
    assert "Masa dalam jabatan" in page.text or "Pangkat" in page.text  # facts in words
    assert not _codes(page.text)
    # the education level in words, not also the engine's ordinal of it ("Jenjang pendidikan 9")
    snap = log.snapshot(rec.decision_id) or {}
    assert snap.get("education_level") and snap.get("education_ordinal")
    assert "Pendidikan terakhir" in page.text and "Jenjang pendidikan" not in page.text
    nip = rec.decision["subject"]["nip"]
    seen = [a for a in accesses(region.engine, nip=nip) if a.action == "view"]
    assert seen and seen[-1].actor == STAFF["committee"] and seen[-1].detail["decision_id"] == rec.decision_id
    assert tim.get("/tim/keputusan/99-1").status_code == 404


@pytest.mark.parametrize(("form", "words"), [
    ({"verdict": "eligible", "justification": "   "}, "alasan"),
    ({"verdict": "", "justification": "Rapat TPK 25-11-2026"}, "Pilih hasil baru"),
    ({"verdict": "maybe", "justification": "Rapat TPK 25-11-2026"}, "Pilih hasil baru"),
])
def test_a_bad_override_records_nothing(region: Region, tim: TestClient, form: dict[str, str], words: str) -> None:
    rec = AuditLog(region.engine).decisions(1)[0]
    url = f"/tim/keputusan/{rec.decision_id}"
    r = _post(tim, url, url + "/override", form)
    assert r.status_code == 400 and words in r.text
    assert AuditLog(region.engine).overrides() == []


def test_override_is_recorded_as_the_cli_records_it(region: Region, tim: TestClient) -> None:
    log = AuditLog(region.engine)
    rec = next(d for d in log.decisions(1) if d.decision["verdict"] != "eligible")
    url = f"/tim/keputusan/{rec.decision_id}"
    r = _post(tim, url, url + "/override", {"verdict": "eligible", "justification": "Rapat TPK 25-11-2026: SK pangkat baru"})
    assert r.status_code == 303
    [o] = log.overrides(rec.decision_id)
    assert (o.new_verdict, o.original_verdict, o.actor, o.justification) == \
           ("eligible", rec.decision["verdict"], STAFF["committee"], "Rapat TPK 25-11-2026: SK pangkat baru")
    assert o.at == NOW.isoformat()
    assert log.verify().ok
    page = tim.get(url + "?diubah=1")
    assert "Perubahan hasil sudah dicatat" in page.text and "SK pangkat baru" in page.text
    same = _post(tim, url, url + "/override", {"verdict": "eligible", "justification": "lagi"})
    assert same.status_code == 400 and "sudah berlaku" in same.text and len(log.overrides(rec.decision_id)) == 1


# ---- the queue -----------------------------------------------------------------------------

def test_queue_answer_reaches_the_employee(region: Region, tim: TestClient, tmp_path: Path) -> None:
    receipt = _tanggapan(region, tmp_path)
    page = tim.get("/tim/antrean")
    assert receipt in page.text and "Mohon ditinjau" in page.text and "Hasil yang berlaku" in page.text
    assert any(a.action == "view" and a.detail.get("page") == "queue" for a in accesses(region.engine, nip=region.me))
    empty = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/jawab", {"answer": "  "})
    assert empty.status_code == 400 and requests.responses(region.engine, region.me)[0].answer is None
    ok = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/jawab", {"answer": "Data golongan akan diperiksa ulang."})
    assert ok.status_code == 303
    sent = requests.responses(region.engine, region.me)[0]
    assert (sent.status, sent.answer) == ("answered", "Data golongan akan diperiksa ulang.")
    assert receipt not in tim.get("/tim/antrean").text  # answered: out of the waiting queue
    me = client(region, tmp_path)
    sign_in(me, region.me, totp="")
    mine = me.get("/saya/tanggapan").text
    assert "Data golongan akan diperiksa ulang." in mine and "sudah dijawab" in mine


def test_an_answer_that_changes_the_outcome_is_an_override(region: Region, tim: TestClient, tmp_path: Path) -> None:
    receipt = _tanggapan(region, tmp_path)
    sent = requests.responses(region.engine, region.me)[0]
    log = AuditLog(region.engine)
    before = log.decision(sent.subject)
    assert before is not None
    new = "eligible" if before.decision["verdict"] != "eligible" else "not_eligible"
    bad = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/jawab", {"answer": "Diterima.", "verdict": "perhaps"})
    assert bad.status_code == 400 and log.overrides() == [] and requests.responses(region.engine, region.me)[0].answer is None
    r = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/jawab", {"answer": "Tanggapan diterima; hasil diubah.", "verdict": new})
    assert r.status_code == 303
    [o] = log.overrides(sent.subject)
    assert (o.new_verdict, o.justification, o.actor) == (new, "Tanggapan diterima; hasil diubah.", STAFF["committee"])
    assert requests.responses(region.engine, region.me)[0].status == "answered"
    from reports.i18n import verdict_label

    me = client(region, tmp_path)
    sign_in(me, region.me, totp="")
    cards = me.get("/saya/keputusan").text
    assert f"Hasil: {verdict_label(new, 'id')}" in cards  # the employee sees the result in force


def _report(region: Region, tmp_path: Path, doc: bool = True) -> str:
    pdf = uploads.check(b"%PDF-1.4\nSK kenaikan pangkat\n%%EOF", "sk.pdf", 10000) if doc else None
    return requests.report_error(region.engine, tmp_path / "uploads", region.me, "rank",
                                 "Golongan saya III/c sejak 1 April 2026.", pdf, NOW, TODAY)


def _golongan(region: Region, nip: str) -> str | None:
    emp = table_of(Employee)
    with region.engine.connect() as conn:
        return conn.execute(select(emp.c.golongan).where(emp.c.nip == nip)).scalar()


@pytest.mark.parametrize(("form", "words"), [
    ({"field": "golongan", "value": "V/z", "source": "SK 1", "answer": "Dibetulkan."}, "tidak dapat dibaca"),
    ({"field": "golongan", "value": "III/c", "source": " ", "answer": "Dibetulkan."}, "sumber"),
    ({"field": "golongan", "value": "III/c", "source": "SK 1", "answer": ""}, "jawaban"),
    ({"field": "nik", "value": "1", "source": "SK 1", "answer": "Dibetulkan."}, "tidak dapat dibaca"),
    ({"field": "tmt_jabatan", "value": "31-02-2026", "source": "SK 1", "answer": "Dibetulkan."}, "tidak dapat dibaca"),
])
def test_a_bad_correction_changes_nothing(region: Region, tim: TestClient, tmp_path: Path, form: dict[str, str],
                                          words: str) -> None:
    receipt = _report(region, tmp_path)
    before = _golongan(region, region.me)
    r = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/terima", form)
    assert r.status_code == 400 and words in r.text
    assert _golongan(region, region.me) == before and _count(region, Correction) == 0
    assert requests.reports(region.engine, region.me)[0].status == "received"


def test_accepted_correction_is_recorded_and_the_next_run_reads_it(region: Region, tim: TestClient,
                                                                   tmp_path: Path) -> None:
    receipt = _report(region, tmp_path)
    before = _golongan(region, region.me)
    assert before != "III/c"
    page = tim.get("/tim/antrean")
    upload = requests.reports(region.engine, region.me)[0].upload_id
    assert f'href="/tim/berkas/{upload}"' in page.text
    doc = tim.get(f"/tim/berkas/{upload}")
    assert doc.status_code == 200 and doc.content.startswith(b"%PDF")
    seen = [a for a in accesses(region.engine, nip=region.me) if a.detail.get("page") == "document"]
    assert seen and seen[-1].actor == STAFF["committee"]
    r = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/terima",
              {"field": "golongan", "value": "iii-c", "source": "SK Bupati 800/12/2026 tanggal 1 April 2026",
               "answer": "Golongan Anda sudah dibetulkan menjadi III/c."})
    assert r.status_code == 303
    assert _golongan(region, region.me) == "III/c"
    from mutasi.portal.queue import corrections

    [c] = corrections(region.engine, region.me)
    assert (c.field, c.old_value, c.new_value, c.by) == ("golongan", before, "III/c", STAFF["committee"])
    assert c.source.startswith("SK Bupati 800/12/2026")
    entry = [a for a in accesses(region.engine, nip=region.me) if a.action == "data_correction"]
    assert entry and entry[0].detail["new"] == "III/c" and entry[0].detail["source"] == c.source
    again = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/tolak", {"reason": "x"})
    assert again.status_code == 400 and "sudah ditangani" in again.text
    # re-evaluated in a new run: its snapshot reads the corrected rank
    assert main(["evaluate", "--db", region.url, "--as-of", "2026-11-25", "--actor", "t"]) in (0, 1)
    log = AuditLog(region.engine)
    mine = next(d for d in log.decisions(3) if d.decision["subject"]["nip"] == region.me)
    snap = log.snapshot(mine.decision_id) or {}
    assert snap["golongan"] == "III/c" and snap["rank_ordinal"] == 11  # III/c is the 11th rank (I/a = 1)
    me = client(region, tmp_path)
    sign_in(me, region.me, totp="")
    data = me.get("/saya/data").text
    assert "Golongan Anda sudah dibetulkan menjadi III/c." in data and "diterima dan dibetulkan" in data


def _skp(region: Region, nip: str, year: int) -> str | None:
    skp = table_of(SkpEntry)
    with region.engine.connect() as conn:
        return conn.execute(select(skp.c.predicate).where(skp.c.nip == nip, skp.c.year == year)).scalar()


def test_an_skp_rating_can_be_corrected_and_the_next_run_reads_it(region: Region, tim: TestClient,
                                                                   tmp_path: Path) -> None:
    """An SKP year is a row of the history, not a field of the record: the committee sets
    its rating from the report (read as an import reads it), with the source."""
    receipt = requests.report_error(region.engine, tmp_path / "uploads", region.me, "skp",
                                    "Predikat SKP 2025 saya Sangat Baik, bukan Baik.", None, NOW, TODAY)
    card = tim.get("/tim/antrean").text
    assert 'value="skp_predicate"' in card and "Predikat SKP satu tahun" in card
    before = _skp(region, region.me, 2025)
    new = "Baik" if before == "Sangat Baik" else "Sangat Baik"
    for bad in ("2025 Luar Biasa", "tahun lalu Baik", "1850 Baik", ""):
        r = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/terima",
                  {"field": "skp_predicate", "value": bad, "source": "Dokumen SKP 2025", "answer": "Dibetulkan."})
        assert r.status_code == 400 and _skp(region, region.me, 2025) == before, bad
    assert _count(region, Correction) == 0
    r = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/terima",
              {"field": "skp_predicate", "value": f"2025: {new.lower()}", "source": "Dokumen SKP 2025 ditandatangani 5 Januari 2026",
               "answer": f"Predikat SKP 2025 Anda sudah dibetulkan menjadi {new}."})
    assert r.status_code == 303
    assert _skp(region, region.me, 2025) == new
    from mutasi.portal.queue import corrections

    [c] = corrections(region.engine, region.me)
    assert (c.field, c.new_value) == ("skp_predicate", f"2025: {new}")
    assert c.old_value == (f"2025: {before}" if before else None)
    # the next evaluation at 25 November 2026 reads 2025 as "last year"
    assert main(["evaluate", "--db", region.url, "--as-of", "2026-11-25", "--actor", "t"]) in (0, 1)
    log = AuditLog(region.engine)
    mine = next(d for d in log.decisions(3) if d.decision["subject"]["nip"] == region.me)
    assert (log.snapshot(mine.decision_id) or {})["skp_predicate_last_year"] == new


def test_rejected_report_needs_a_reason_and_the_employee_reads_it(region: Region, tim: TestClient,
                                                                  tmp_path: Path) -> None:
    receipt = _report(region, tmp_path, doc=False)
    empty = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/tolak", {"reason": ""})
    assert empty.status_code == 400 and requests.reports(region.engine, region.me)[0].status == "received"
    ok = _post(tim, "/tim/antrean", f"/tim/antrean/{receipt}/tolak", {"reason": "SK yang dilampirkan belum ditetapkan."})
    assert ok.status_code == 303 and requests.reports(region.engine, region.me)[0].status == "rejected"
    me = client(region, tmp_path)
    sign_in(me, region.me, totp="")
    assert "SK yang dilampirkan belum ditetapkan." in me.get("/saya/data").text


def test_queue_is_sorted_by_deadline(region: Region, tim: TestClient, tmp_path: Path) -> None:
    from mutasi.portal import decisions, queue

    data = _report(region, tmp_path, doc=False)
    later = _tanggapan(region, tmp_path)  # run 2: tanggapan, 10 working days from 24 Nov
    d1 = next(x for x in decisions.my_decisions(region.engine, region.other, "id") if x.run_seq == 1)
    sooner = requests.file_response(region.engine, tmp_path / "uploads", region.other, 1, d1.decision_id, d1.deadline,
                                    "Keberatan.", None, NOW, TODAY)
    order = [q.receipt for q in queue.items(region.engine)]
    deadlines = [q.deadline for q in queue.items(region.engine)]
    assert order.index(data) == 2  # no deadline: after both
    assert deadlines[0] is not None and deadlines[1] is not None and deadlines[0] <= deadlines[1]
    assert {order[0], order[1]} == {later, sooner}
    page = tim.get("/tim/antrean").text
    assert page.index(order[0]) < page.index(order[1]) < page.index(data)


# ---- rounds ---------------------------------------------------------------------------------

def test_rounds_open_close_and_who_responded(region: Region, tim: TestClient) -> None:
    rnd = rounds.latest_round(region.engine, TODAY)
    assert rnd is not None
    units = rounds.units(region.engine)
    rounds.submit(region.engine, rnd, region.me, [units[0][0]], NOW, TODAY)
    page = tim.get("/tim/putaran").text
    assert "Sudah memilih: 1 pegawai" in page and region.me in page and units[0][1] in page
    for form in ({"title": "", "opens": "2027-01-04", "closes": "2027-01-15"},
                 {"title": "Tahap 2", "opens": "2027-01-15", "closes": "2027-01-04"},
                 {"title": "Tahap 2", "opens": "besok", "closes": "2027-01-04"}):
        bad = _post(tim, "/tim/putaran", "/tim/putaran", form)
        assert bad.status_code == 400
    assert len(rounds.all_rounds(region.engine)) == 1
    ok = _post(tim, "/tim/putaran", "/tim/putaran", {"title": "Mutasi 2027 tahap 2", "opens": "2027-01-04",
                                                     "closes": "2027-01-15"})
    assert ok.status_code == 303 and rounds.all_rounds(region.engine)[0].title == "Mutasi 2027 tahap 2"
    early = _post(tim, "/tim/putaran", f"/tim/putaran/{rnd.id}/tutup", {"on": "2026-11-20"})  # before it opened
    assert early.status_code == 400
    shut = _post(tim, "/tim/putaran", f"/tim/putaran/{rnd.id}/tutup", {"on": "2026-11-25"})
    assert shut.status_code == 303
    closed = next(r for r in rounds.all_rounds(region.engine) if r.id == rnd.id)
    assert closed.closes_on == TODAY and not closed.is_open(date(2026, 11, 26))
    actions = [a.action for a in accesses(region.engine, actor=STAFF["committee"])]
    assert "open_round" in actions and "close_round" in actions


# ---- SK-draft review -----------------------------------------------------------------------

def test_review_upload_records_a_review_run_with_each_move(region: Region, tim: TestClient, tmp_path: Path) -> None:
    moves, context = _review_files(region, tmp_path)
    r = _post(tim, "/tim/telaah", "/tim/telaah", {}, files={
        "moves": ("sk_draft.csv", moves.encode(), "text/csv"),
        "context": ("context.yaml", context.encode(), "application/yaml")})
    assert r.status_code == 303, r.text
    run = int(r.headers["location"].rsplit("/", 1)[1])
    head = AuditLog(region.engine).run_header(run)
    assert head is not None and head.kind == "review" and head.actor == STAFF["committee"]
    page = tim.get(r.headers["location"]).text
    payload = AuditLog(region.engine).decisions(run)
    assert payload and all(f'href="/tim/keputusan/{d.decision_id}"' in page for d in payload)
    assert "Usulan M01" in page and "allowed_through_exception" not in page and "persetujuan_mendagri" not in page
    assert "100.2.2.6/7421/OTDA" in page  # the document that covered an approval


def test_a_bad_review_upload_names_file_row_and_field_and_records_nothing(region: Region, tim: TestClient,
                                                                         tmp_path: Path) -> None:
    moves, context = _review_files(region, tmp_path)
    broken = moves.replace("197706052004051001", "12345", 1)  # a NIP that is not 18 digits, on data row 1
    r = _post(tim, "/tim/telaah", "/tim/telaah", {}, files={
        "moves": ("rancangan.csv", broken.encode(), "text/csv"),
        "context": ("konteks.yaml", context.encode(), "application/yaml")})
    assert r.status_code == 400
    assert "rancangan.csv, baris 2, kolom nip:" in r.text and "(kode MUT-V006)" in r.text
    assert "/tmp" not in r.text and "mutasi-review-" not in r.text
    assert len(AuditLog(region.engine).list_runs()) == 2
    missing = _post(tim, "/tim/telaah", "/tim/telaah", {}, files={"moves": ("a.csv", moves.encode(), "text/csv")})
    assert missing.status_code == 400 and "kedua berkas" in missing.text


def _review_files(region: Region, tmp_path: Path) -> tuple[str, str]:
    """The example SK draft and its context (docs/plan-and-review.md)."""
    folder = REPO / "examples" / "review"
    return (folder / "sk_draft.csv").read_text(encoding="utf-8"), (folder / "context.yaml").read_text(encoding="utf-8")


@pytest.mark.postgres
def test_evaluation_job_on_postgresql(tmp_path: Path) -> None:
    from tests.conftest import _pg_database
    from tests.portal_helpers import build_region

    gen = _pg_database()
    region = build_region(next(gen))
    try:
        c = client(region, tmp_path)
        sign_in(c, STAFF["committee"])
        r = _post(c, "/tim/proses", "/tim/proses", {"kind": "evaluate", "as_of": "2026-11-25"})
        assert "sebagai proses 3" in wait_job(c, r.headers["location"])
        head = AuditLog(region.engine).run_header(3)
        assert head is not None and head.actor == STAFF["committee"] and head.as_of == "2026-11-25"
        assert len(AuditLog(region.engine).decisions(3)) == len(region.nips)
    finally:
        region.engine.dispose()
        gen.close()
