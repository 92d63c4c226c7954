"""Problems reach a civil servant in words, Bahasa Indonesia first (mutasi/web/problem_text.py):
where (file, row, column), the code's title, the code only as a small reference beside its
words, the English message folded under "Rincian (English)". A failed job never shows a
class name; an unexpected one says so in a sentence and names the job's number."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

from starlette.testclient import TestClient

from engine.problems import MutasiError, Problem
from mutasi.portal import jobs
from tests.portal_helpers import NOW, REPO, STAFF, Region, client, csrf_of, sign_in, wait_job

CODE = re.compile(r"MUT-[A-Z]\d{3}")
CLASS_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception)\b")


def _visible(page: str) -> str:
    """The text a reader sees (tags left out)."""
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _alert(page: str) -> str:
    found = re.search(r'role="alert">(.*?)</div>', page, flags=re.S)
    assert found, page
    return found.group(1)


def _items(page: str) -> list[str]:
    """Each listed problem as visible text (its <li>)."""
    return [" ".join(_visible(li).split()) for li in re.findall(r"<li>(.*?)</li>", _alert(page), flags=re.S)]


def _each_code_has_its_words(text: str, words: dict[str, str]) -> None:
    for code in CODE.findall(text):
        assert f"kode {code}" in text or f"code {code}" in text, (code, text)
        assert words[code] in text, (code, text)


def _review(tim: TestClient) -> str:
    """Upload the example SK draft with a NIP of 5 digits on data row 1 (spreadsheet row 2),
    and its context with a decision date of 31 February (line 4); both are refused."""
    folder = REPO / "examples" / "review"
    moves = (folder / "sk_draft.csv").read_text(encoding="utf-8").replace("197706052004051001", "12345", 1)
    context = (folder / "context.yaml").read_text(encoding="utf-8")
    assert "decision_date: 2026-11-22\n" in context.splitlines(keepends=True)[3]
    context = context.replace("decision_date: 2026-11-22", "decision_date: 2026-02-31", 1)
    r = tim.post("/tim/telaah", data={"csrf": csrf_of(tim.get("/tim/telaah").text)}, files={
        "moves": ("rancangan.csv", moves.encode(), "text/csv"),
        "context": ("konteks.yaml", context.encode(), "application/yaml")})
    assert r.status_code == 400, r.text
    return r.text


def test_a_failing_review_upload_lists_each_problem_in_indonesian_with_row_and_column(
        region: Region, tmp_path: Path) -> None:
    tim = client(region, tmp_path)
    sign_in(tim, STAFF["committee"])
    page = _review(tim)
    items = _items(page)
    assert len(items) == 2, _alert(page)
    nip_item, date_item = items  # in upload order: the moves, then the context
    assert nip_item.startswith("rancangan.csv, baris 2, kolom nip: nilai tidak dapat diterima (kode MUT-V006) "
                               "Rincian (English)"), nip_item
    # the YAML loader refuses the date before any field is read: the line is the place
    assert date_item.startswith("konteks.yaml, baris 4: tanggal tidak dapat dibaca atau tidak ada (kode MUT-V005) "
                                "Rincian (English)"), date_item
    assert "NIP '12345' is not 18 digits" in nip_item and "2026-02-31" in date_item
    _each_code_has_its_words(" ".join(items), {"MUT-V006": "nilai tidak dapat diterima",
                                               "MUT-V005": "tanggal tidak dapat dibaca atau tidak ada"})
    assert "/tmp" not in page and "mutasi-review-" not in page
    # the English portal: the English title first, the same places and codes
    tim.cookies.set("mutasi_lang", "en")
    nip_en = _items(_review(tim))[0]
    assert nip_en.startswith("rancangan.csv, row 2, column nip: a value is not acceptable (code MUT-V006) "
                             "Details"), nip_en


def _failed_plan_job(region: Region, tim: TestClient) -> str:
    """A plan job that builds on a 'round' whose run is no round (MUT-V257), run to its end."""
    from mutasi.portal import voluntary as V

    with region.engine.begin() as conn:  # published and "run" as run 1, an evaluation, not a round
        rid = conn.execute(V.R.insert().values(
            title="Putaran uji", opens_on=date(2026, 11, 1), closes_on=date(2026, 11, 20), pack="kota-dumai",
            seed=1, keep_current=False, run_order="before_plan", plan_run=None, max_choices=3,
            state="published", run_seq=1, created_by="t", created_at=NOW)).inserted_primary_key[0]
    page = tim.get("/tim/proses")
    r = tim.post("/tim/proses", data={"csrf": csrf_of(page.text), "kind": "plan", "as_of": "2026-11-25",
                                      "after_round": str(rid)})
    assert r.status_code == 303, r.text
    return wait_job(tim, r.headers["location"])


def test_a_failed_plan_job_says_why_in_indonesian_and_names_no_class(region: Region, tmp_path: Path) -> None:
    tim = client(region, tmp_path)
    sign_in(tim, STAFF["committee"])
    page = _failed_plan_job(region, tim)
    text = " ".join(_visible(_alert(page)).split())
    assert text.startswith("Proses gagal; tidak ada yang dicatat."), text
    assert ("rencana tidak dapat dibangun di atas proses ini: bukan putaran, atau putaran yang dicatat "
            "sesudah rencana (kode MUT-V257)") in text, text
    assert "run 1 is not a recorded voluntary round" in text  # the English detail, folded
    _each_code_has_its_words(text, {"MUT-V257": "rencana tidak dapat dibangun"})
    assert not CLASS_NAME.search(_visible(page)), CLASS_NAME.search(_visible(page))
    assert "--after-round" not in text and "after_round" not in text  # a CLI option is no place


def test_an_unexpected_failure_shows_a_sentence_with_the_job_number_and_logs_the_traceback(
        region: Region, tmp_path: Path, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    import mutasi.runs.evaluate_run as ev

    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("grade_code")

    monkeypatch.setattr(ev, "run_evaluate", broken)
    tim = client(region, tmp_path)
    sign_in(tim, STAFF["committee"])
    page = tim.get("/tim/proses")
    r = tim.post("/tim/proses", data={"csrf": csrf_of(page.text), "kind": "evaluate", "as_of": "2026-11-25"})
    assert r.status_code == 303, r.text
    job = int(r.headers["location"].rsplit("/", 1)[1])
    with caplog.at_level("ERROR", logger="mutasi.portal.jobs"):
        done = wait_job(tim, r.headers["location"])
    text = " ".join(_visible(_alert(done)).split())
    assert text == ("Proses gagal karena kesalahan yang tidak terduga; tidak ada yang dicatat. Hubungi admin "
                    f"BKPSDM dan sebutkan nomor pekerjaan {job}."), text
    assert "KeyError" not in done and "grade_code" not in done
    assert any(rec.exc_info and rec.exc_info[0] is KeyError for rec in caplog.records)  # the traceback, logged


def test_what_a_failed_job_stores_keeps_codes_and_places_within_the_column() -> None:
    many = [Problem("a.csv", i, 0, "MUT-D021", "tmt_cpns", "x" * 290, "y" * 190) for i in range(2, 40)]
    stored = json.loads(jobs.record(MutasiError("bad", many)))
    assert len(jobs.record(MutasiError("bad", many))) <= jobs.MAX_ERROR
    kept = len(stored["problems"])
    assert kept >= 3 and stored["more"] == 38 - kept
    assert stored["problems"][0] == {"file": "a.csv", "line": 2, "col": 0, "code": "MUT-D021",
                                     "field": "tmt_cpns", "message": "x" * 290, "hint": "y" * 190}
    coded = json.loads(jobs.record(MutasiError("MUT-A004 decision 9-9 is not in the log")))
    assert coded["problems"][0]["code"] == "MUT-A004"
    assert coded["problems"][0]["message"] == "decision 9-9 is not in the log"
    assert json.loads(jobs.record(MutasiError("no code here"))) == {"message": "no code here"}
    assert json.loads(jobs.record(None)) == {"unexpected": True}


def test_one_line_of_problems_for_a_page_with_one_message() -> None:
    from mutasi.web.problem_text import sentence

    exc = MutasiError("2 problems", [
        Problem("/srv/up/peringkat.csv", 3, 2, "MUT-V254", "nip", "NIP 1 is not in the store"),
        Problem("round 4", 0, 0, "MUT-V255", "rankings", "nobody ranked a position")])
    assert sentence(exc, "id") == ("peringkat.csv, baris 3, kolom nip: peringkat tidak cocok dengan data atau "
                                   "penawaran (NIP, jabatan yang ditawarkan, jabatan sendiri) (kode MUT-V254); "
                                   "putaran tidak dapat dibuka, diubah atau dijalankan seperti diminta (tanggal, "
                                   "tahap, jabatan) (kode MUT-V255)")
    assert sentence(MutasiError("MUT-A009 already in force"), "en") == \
        "override to the verdict already in force (code MUT-A009)"
    assert sentence(MutasiError("the store is empty"), "id") == "permintaan tidak dapat dijalankan (the store is empty)"


def test_a_job_row_of_an_older_release_is_read_without_showing_a_class_name() -> None:
    from mutasi.web.problem_text import failure

    assert failure("KeyError", "id").unexpected and failure(None, "id").unexpected
    old = failure("MUT-V257 run 1 is not a recorded voluntary round", "id")
    assert not old.unexpected and [(v.title[:34], v.code, v.detail) for v in old.problems] == [
        ("rencana tidak dapat dibangun di at", "kode MUT-V257", "run 1 is not a recorded voluntary round")]
    stored = failure(jobs.record(MutasiError("x", [Problem("data.csv", 7, 0, "MUT-D021", "tmt_cpns", "bad")])), "en")
    assert [(v.where, v.title, v.code) for v in stored.problems] == [
        ("data.csv, row 7, column tmt_cpns", "not a date, or a date that does not exist", "code MUT-D021")]
    assert stored.more == ""
