"""The voluntary round in the portal (TestClient): the committee opens a round, employees
rank offered positions, the committee closes, runs and publishes it; each participant reads
a letter with their points, the cut-offs and why; the committee page shows cut-offs without
names. Also: the CLI's store commands (open, import, close, run, publish) on the same path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from audit import AuditLog
from audit.access import accesses
from audit.round_replay import replay_round
from mutasi.cli.app import main
from mutasi.portal import voluntary as V
from mutasi.store.db import open_store
from mutasi.web.app import create_app
from mutasi.web.config import PortalConfig
from tests.portal_helpers import NOW, PASSWORD, csrf_of, sign_in, wait_job
from tests.round_helpers import OFFERED, RoundRegion, copy_round_region

TEAM = "/tim/putaran-sukarela"
MINE = "/saya/putaran-sukarela"


@pytest.fixture
def region(round_template: RoundRegion, tmp_path: Path) -> RoundRegion:
    return copy_round_region(round_template, tmp_path)


def _client(engine, tmp: Path) -> TestClient:  # type: ignore[no-untyped-def]
    cfg = PortalConfig(engine=engine, secret=b"r" * 64, uploads=tmp / "uploads", clock=lambda: NOW)
    return TestClient(create_app(cfg), raise_server_exceptions=False, follow_redirects=False)


def _post(c: TestClient, path: str, data: dict[str, str] | list[tuple[str, str]]) -> object:
    page = c.get(path if not path.endswith(("/tutup", "/jalankan", "/umumkan")) else path.rsplit("/", 1)[0])
    items = list(data.items()) if isinstance(data, dict) else list(data)
    form: dict[str, list[str]] = {"csrf": [csrf_of(page.text)]}
    for k, v in items:
        form.setdefault(k, []).append(v)
    return c.post(path, data=form)




def _text(html: str) -> str:
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_round_from_the_portal_end_to_end(region: RoundRegion, tmp_path: Path) -> None:
    engine = open_store(region.url)
    try:
        team = _client(engine, tmp_path)
        sign_in(team, "tim.mutasi")
        r = _post(team, TEAM, [("title", "Putaran sukarela 2027"), ("opens_on", "2026-11-23"),
                               ("closes_on", "2026-12-04"), ("pack", "kota-dumai"), ("keep_current", "1"),
                               ("order", "before_plan"), ("seed", "7"), ("max_choices", "3"),
                               *[("positions", p) for p in OFFERED]])
        assert r.status_code == 303, _text(r.text)  # type: ignore[attr-defined]
        rid = V.list_rounds(engine)[0].id
        assert sorted(o.position_id for o in V.offers(engine, rid)) == sorted(OFFERED)

        # each participant ranks their eligible positions in reverse order of OFFERED
        for nip in region.people:
            c = _client(engine, tmp_path)
            sign_in(c, nip, PASSWORD, totp="")
            page = c.get(MINE)
            assert page.status_code == 200 and "Pilihan ke-1" in page.text
            choice = sorted(region.eligible[nip], reverse=True)
            r = c.post(MINE, data={"csrf": csrf_of(page.text),
                                   **{f"choice_{i}": p for i, p in enumerate(choice, 1)}})
            assert r.status_code == 200 and "Pilihan Anda tersimpan" in r.text
            assert V.ranking(engine, rid, nip)[0] == choice
        # a refused ranking says why, nothing saved
        c = _client(engine, tmp_path)
        sign_in(c, region.people[0], PASSWORD, totp="")
        page = c.get(MINE)
        r = c.post(MINE, data={"csrf": csrf_of(page.text), "choice_1": OFFERED[0], "choice_2": OFFERED[0]})
        assert r.status_code == 400 and "dipilih dua kali" in r.text

        # a letter before publication: not found
        assert c.get(f"{MINE}/{rid}/surat").status_code == 404
        assert _post(team, f"{TEAM}/{rid}/jalankan", {}).status_code == 400  # type: ignore[attr-defined]
        for step in ("tutup", "jalankan", "umumkan"):
            r = _post(team, f"{TEAM}/{rid}/{step}", {})
            assert r.status_code == 303, (step, _text(r.text))  # type: ignore[attr-defined]
            if step == "jalankan":  # a background job with a progress page, as a plan
                job = r.headers["location"]  # type: ignore[attr-defined]
                assert job.startswith("/tim/tugas/")
                done = wait_job(team, job)
                assert "Putaran mutasi sukarela" in done and f'href="{TEAM}/{rid}?selesai=jalankan"' in done, _text(done)
                assert _post(team, f"{TEAM}/{rid}/jalankan", {}).status_code == 400  # type: ignore[attr-defined]
        rnd = V.get_round(engine, rid)
        assert rnd is not None and rnd.state == "published" and rnd.run_seq is not None
        log = AuditLog(engine)
        assert replay_round(log, rnd.run_seq).identical
        payload = log.plan(rnd.run_seq) or {}
        assert payload["inputs"]["settings"] == {"seed": 7, "keep_current": True, "order": "before_plan",
                                                 "plan_run": None}

        # the committee page: cut-offs per position, no names
        page = _text(team.get(f"{TEAM}/{rid}").text)
        assert "Batas terendah" in page and "Formasi" in page
        for person in payload["people"]:
            assert f"Pegawai {person['nip'][-4:]}" not in page and person["nip"] not in page
        for pos in payload["positions"]:
            if pos["applicants"] and pos["cutoff"] is not None:
                assert f"{pos['cutoff']:g}".replace(".", ",") in page
        report = team.get(f"{TEAM}/{rid}/laporan")
        assert report.status_code == 200 and "snake" not in report.text

        # each participant's letter: their points at each choice, the cut-off, the reason
        for person in payload["people"]:
            c = _client(engine, tmp_path)
            sign_in(c, person["nip"], PASSWORD, totp="")
            letter = c.get(f"{MINE}/{rid}/surat")
            assert letter.status_code == 200
            text = _text(letter.text)
            assert "Pilihan ke-1" in text and "Rincian nilai" in text
            for b in person["bids"]:
                if b["points"] is not None:
                    assert f"{b['points']:g}".replace(".", ",") in text
                if b["reason"] == "below_cutoff":
                    assert "batas terendah" in text
            assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), "a machine code reached the reader"
            en = c.get("/bahasa/en?kembali=/saya").status_code
            assert en in (302, 303)
            text_en = _text(c.get(f"{MINE}/{rid}/surat").text)
            assert "Choice 1" in text_en and "Your points" in text_en
        # nobody reads another person's letter; an outsider has none
        c = _client(engine, tmp_path)
        sign_in(c, region.outsider, PASSWORD, totp="")
        assert c.get(f"{MINE}/{rid}/surat").status_code == 404
        assert "Anda tidak mengikuti putaran ini" in c.get(MINE).text
        actions = [a.action for a in accesses(engine, nip=region.people[0])]
        assert "submit_voluntary_ranking" in actions
    finally:
        engine.dispose()


def test_round_store_commands_from_the_cli(region: RoundRegion, tmp_path: Path) -> None:
    rows = ["nip,rank,position_id"] + [f"{nip},{i},{p}" for nip in region.people
                                       for i, p in enumerate(region.eligible[nip], 1)]
    f = tmp_path / "pilihan.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = ["--db", region.url]
    assert main(["round", "open", "--title", "Putaran", "--opens", "2026-11-01", "--closes", "2026-11-20",
                 "--actor", "Tim", *[a for p in OFFERED for a in ("--position", p)], *db]) == 0
    assert main(["round", "run", "1", "--actor", "Tim", *db]) == 2  # still open: usage error
    assert main(["round", "import", "1", str(f), *db]) == 0
    assert main(["round", "close", "1", *db]) == 0
    assert main(["round", "run", "1", "--actor", "Tim", "--json", *db]) == 0
    assert main(["round", "publish", "1", *db]) == 0
    assert main(["round", "list", *db]) == 0
    engine = open_store(region.url)
    try:
        rnd = V.get_round(engine, 1)
        assert rnd is not None and rnd.state == "published" and rnd.run_seq is not None
        header = AuditLog(engine).run_header(rnd.run_seq)
        assert header is not None and header.kind == "round" and header.as_of == "2026-11-20"
    finally:
        engine.dispose()
    assert main(["audit", "replay", str(rnd.run_seq), *db]) == 0
    out = tmp_path / "out"
    assert main(["report", "round-letters", "--out", str(out), *db]) == 0
    assert main(["report", "round-report", "--out", str(out), *db]) == 0
    assert main(["report", "fairness", "--run", str(rnd.run_seq), "--out", str(out), *db]) == 0
    assert len(list(out.glob("surat-putaran-*"))) == len(region.people)
