"""The inspector's workspace: read-only (every state-changing route refused, nothing
written), verification against an uploaded checkpoint with findings in words, a seeded
replay recorded before it runs (the documented draw), overrides, the access log, the masked
export; every page without machine codes."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient
from test_import import dump

from audit import AuditLog
from audit.access import accesses
from audit.schema import audit_entry as T
from mutasi.cli.app import main
from mutasi.portal import replay_jobs
from mutasi.web.deps import ROUTES
from mutasi.web.permissions import Permission, allowed
from tests.portal_helpers import NOW, STAFF, Region, client, csrf_of, sign_in

PAGES = ["/inspektur", "/inspektur/verifikasi", "/inspektur/sampel", "/inspektur/keadilan", "/inspektur/keadilan/2",
         "/inspektur/perubahan", "/inspektur/akses", "/inspektur/ekspor"]
# machine words that must never reach a reader (verdicts, actions, run kinds, roles)
CODES = re.compile(r"\b[a-z]+_[a-z_]+\b")  # snake_case: a verdict, an action, a text key
ENGLISH = re.compile(r"\b(evaluate|committee|inspector|identical|different|eligible)\b")  # on Indonesian pages


def _visible(html: str) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)  # attribute values (paths, names) are not read
    return re.sub(r"\s+", " ", body)


def _inspector(region: Region, tmp_path: Path) -> TestClient:
    c = client(region, tmp_path)
    sign_in(c, STAFF["inspector"])
    return c


def _with_override_and_view(region: Region) -> str:
    did = AuditLog(region.engine).decisions(1)[0]
    AuditLog(region.engine).add_override(did.decision_id, "eligible" if did.verdict != "eligible" else "not_eligible",
                                         STAFF["committee"], "Rapat TPK 25-11-2026: dokumen SKP diterima", NOW.isoformat())
    from audit.access import append_access

    append_access(region.engine, STAFF["committee"], "committee", "view", region.me, NOW, {"page": "data"})
    return did.decision_id


def test_every_page_in_both_languages_without_codes(region: Region, tmp_path: Path) -> None:
    _with_override_and_view(region)
    c = _inspector(region, tmp_path)
    for lang in ("id", "en"):
        c.get(f"/bahasa/{lang}")
        for path in PAGES:
            r = c.get(path)
            assert r.status_code == 200, (path, r.status_code)
            if path.startswith("/inspektur/keadilan/"):
                continue  # the fairness report itself: tested in tests/test_reports_fairness.py
            text = _visible(r.text)
            assert not CODES.search(text), (path, lang, CODES.search(text))
            assert lang == "en" or not ENGLISH.search(text), (path, ENGLISH.search(text))
    home = c.get("/staf").text
    assert 'href="/inspektur"' in home


def test_pages_refused_to_other_roles(region: Region, tmp_path: Path) -> None:
    for role in ("committee", "admin"):
        c = client(region, tmp_path)
        sign_in(c, STAFF[role])
        for path in PAGES:
            assert c.get(path).status_code == 403, (role, path)
    anon = client(region, tmp_path)
    assert anon.get("/inspektur").status_code == 303


def _state_changing(spec_permission: Permission) -> bool:
    return spec_permission not in (Permission.PUBLIC, Permission.SIGNED_IN)


def test_inspector_cannot_change_anything(region: Region, tmp_path: Path) -> None:
    """Every POST route (also those added later by other areas): refused with 403 and nothing
    written, unless it is the inspector's own read-only POST or session machinery (sign in,
    sign out, activation, the public letter check), which act on the visitor, not on data."""
    import mutasi.web.routes  # noqa: F401
    from mutasi.portal.accounts import find_account

    c = _inspector(region, tmp_path)
    user = find_account(region.engine, STAFF["inspector"])
    token = csrf_of(c.get("/inspektur/verifikasi").text)
    before = dump(region.url)
    posts = [s for s in ROUTES if "POST" in s.methods]
    assert len(posts) >= 8
    checked = 0
    for spec in posts:
        if not _state_changing(spec.permission):
            continue
        if allowed(user, spec.permission):
            assert spec.read_only, f"POST {spec.path} is open to inspectors and may change data"
            continue
        path = re.sub(r"\{[a-z_]+\}", "1", spec.path)
        for data in ({"csrf": token}, {"csrf": token, "verdict": "eligible", "justification": "x", "text": "x"}):
            r = c.post(path, data=data)
            assert r.status_code == 403, (spec.path, r.status_code)
        checked += 1
    assert checked >= 5
    assert dump(region.url) == before


def test_read_only_posts_only_append_to_the_audit_log(region: Region, tmp_path: Path) -> None:
    c = _inspector(region, tmp_path)
    cp = tmp_path / "cp.txt"
    assert main(["audit", "checkpoint", "--db", region.url, "--out", str(cp)]) == 0
    before = dump(region.url)
    token = csrf_of(c.get("/inspektur/verifikasi").text)
    assert c.post("/inspektur/verifikasi", data={"csrf": token},
                  files={"checkpoint": ("cp.txt", cp.read_bytes(), "text/plain")}).status_code == 200
    r = c.post("/inspektur/sampel", data={"csrf": token, "size": "3", "seed": "5", "run": ""})
    assert r.status_code == 303
    job = replay_jobs.get(r.headers["location"].rsplit("/", 1)[1], _account_id(region))
    assert job is not None and replay_jobs.wait(job)
    after = dump(region.url)
    for table in after:
        if table != "audit_entry":
            assert after[table] == before[table], table
    new = [json.loads(row[5]) for row in after["audit_entry"] if row not in before["audit_entry"]]
    assert sorted({b["kind"] for b in new}) == ["access", "checkpoint"]
    assert sorted(b["action"] for b in new if b["kind"] == "access") == ["replay_sample", "verify"]


def _account_id(region: Region) -> int:
    from mutasi.portal.accounts import find_account

    acc = find_account(region.engine, STAFF["inspector"])
    assert acc is not None
    return acc.id


def test_verify_against_the_inspectors_checkpoint(region: Region, tmp_path: Path) -> None:
    cp = tmp_path / "cp.txt"
    assert main(["audit", "checkpoint", "--db", region.url, "--out", str(cp)]) == 0
    c = _inspector(region, tmp_path)
    token = csrf_of(c.get("/inspektur/verifikasi").text)

    def send(data: bytes) -> str:
        return c.post("/inspektur/verifikasi", data={"csrf": token},
                      files={"checkpoint": ("cp.txt", data, "text/plain")}).text

    ok = send(cp.read_bytes())
    assert "Jejak audit UTUH" in ok and "kelanjutan dari titik periksa Anda" in ok
    assert "bukan titik periksa" in send(b"halo, ini bukan titik periksa\n")
    # an insider rewrites one decision's snapshot: the hashes no longer match
    region.engine.dispose()
    con = sqlite3.connect(region.url.removeprefix("sqlite:///"))
    con.execute("DROP TRIGGER audit_entry_no_update")
    con.execute("UPDATE audit_entry SET body = replace(body, '\"status\":\"PNS\"', '\"status\":\"CPNS\"') "
                "WHERE seq = (SELECT min(seq) FROM audit_entry WHERE kind = 'snapshot')")
    con.commit()
    con.close()
    bad = send(cp.read_bytes())
    assert "TIDAK UTUH" in bad
    assert "hash daun tidak sesuai dengan isi entri (isi diubah) (MUT-A013)" in bad
    assert "Penjaga hanya-tambah (trigger) hilang" in bad
    c.get("/bahasa/en")
    assert "the leaf hash does not match the body" in send(cp.read_bytes())
    assert [a.detail.get("intact") for a in accesses(region.engine, actor=STAFF["inspector"])
            if a.action == "verify"] == [True, False, False, False]


def test_replay_a_seeded_sample_recorded_first(region: Region, tmp_path: Path) -> None:
    c = _inspector(region, tmp_path)
    form = c.get("/inspektur/sampel").text
    assert 'name="seed" inputmode="numeric" value="' in form
    token = csrf_of(form)
    assert c.post("/inspektur/sampel", data={"csrf": token, "size": "0", "seed": "5"}).status_code == 400
    assert c.post("/inspektur/sampel", data={"csrf": token, "size": "3", "seed": "x"}).status_code == 400
    assert c.post("/inspektur/sampel", data={"csrf": token, "size": "3", "seed": "5", "run": "99"}).status_code == 400
    r = c.post("/inspektur/sampel", data={"csrf": token, "size": "6", "seed": "424242", "run": "1"})
    assert r.status_code == 303
    rec = [a for a in accesses(region.engine, actor=STAFF["inspector"]) if a.action == "replay_sample"]
    assert len(rec) == 1 and (rec[0].detail["size"], rec[0].detail["seed"], rec[0].detail["run"]) == (6, 424242, 1)
    job = replay_jobs.get(r.headers["location"].rsplit("/", 1)[1], _account_id(region))
    assert job is not None and replay_jobs.wait(job)
    page = c.get(r.headers["location"]).text
    assert 'http-equiv="refresh"' not in page and "<progress" in page
    assert "Selesai: 6 sama persis, 0 berbeda" in page
    with region.engine.connect() as conn:
        ids = [str(x) for x in conn.execute(select(T.c.entry_key).where(T.c.kind == "decision", T.c.run_seq == 1)
                                            .order_by(T.c.seq)).scalars()]
    key = {d: hashlib.sha256(f"mutasi-sample/v1\n424242\n{d}".encode()).hexdigest() for d in ids}
    expected = [d for d in ids if d in sorted(ids, key=key.__getitem__)[:6]]
    assert re.findall(r"<tr><td>(\d+-\d+)</td>", page) == expected
    # another inspector's (or nobody's) job is not found
    assert c.get("/inspektur/sampel/nope").status_code == 404


def test_running_job_page_refreshes_and_shows_progress(region: Region, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    gate = threading.Event()
    real = replay_jobs.replay_each

    def slow(log, ids, factory=None, progress=None):  # type: ignore[no-untyped-def]
        gate.wait(30)
        return real(log, ids, factory, progress)

    monkeypatch.setattr(replay_jobs, "replay_each", slow)
    c = _inspector(region, tmp_path)
    token = csrf_of(c.get("/inspektur/sampel").text)
    r = c.post("/inspektur/sampel", data={"csrf": token, "size": "2", "seed": "1"})
    page = c.get(r.headers["location"]).text
    assert '<meta http-equiv="refresh" content="2">' in page and 'value="0"' in page
    gate.set()
    job = replay_jobs.get(r.headers["location"].rsplit("/", 1)[1], _account_id(region))
    assert job is not None and replay_jobs.wait(job)


def test_overrides_access_log_and_masked_export(region: Region, tmp_path: Path) -> None:
    did = _with_override_and_view(region)
    c = _inspector(region, tmp_path)
    page = c.get("/inspektur/perubahan").text
    assert did in page and "Rapat TPK 25-11-2026: dokumen SKP diterima" in page and STAFF["committee"] in page
    log = c.get("/inspektur/akses").text
    assert "melihat data pegawai" in log and region.me in log and "anggota tim" in log
    # the inspector's own look at the overrides is in the log too
    assert any(a.action == "view" and a.detail.get("page") == "overrides"
               for a in accesses(region.engine, actor=STAFF["inspector"]))
    only = c.get(f"/inspektur/akses?nip={region.me}").text
    listed = only.split('<ol class="log">')[1]
    assert "melihat data pegawai" in listed and "masuk ke portal" not in listed  # only entries about that NIP
    r = c.get("/inspektur/ekspor/audit-tersamar.jsonl")
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
    lines = r.text.splitlines()
    assert json.loads(lines[0])["masked"] and len(lines) > 10
    assert region.me not in r.text and region.other not in r.text
    assert [a.action for a in accesses(region.engine, actor=STAFF["inspector"])][-1] == "export_masked"


def test_every_recorded_action_has_words() -> None:
    """A new action recorded by any route (auditing.record) must read as words in the access log."""
    from mutasi.portal.inspector_words import ACTION, WORDS

    routes = Path(__file__).resolve().parent.parent / "mutasi" / "web" / "routes"
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(routes.glob("*.py")))
    actions = set(re.findall(r'record\(\s*ctx,\s*"([a-z_]+)"', source))
    assert {"view", "sign_in", "verify", "export_masked"} <= actions
    assert actions <= set(ACTION), sorted(actions - set(ACTION))
    pages = set(re.findall(r'"page":\s*"([a-z_]+)"', source))
    assert {f"page_{p}" for p in pages} <= set(WORDS), sorted({f"page_{p}" for p in pages} - set(WORDS))
