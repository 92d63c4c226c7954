"""`audit export`: JSON Lines, with and without masking of personal fields."""

from __future__ import annotations

import hashlib
import json

from test_audit_support import build_log

from audit.export import MASK, export_lines


def test_unmasked_export_rehashes_to_the_stored_leaves(sqlite_url: str) -> None:
    log, engine = build_log(sqlite_url)
    lines = [json.loads(x) for x in export_lines(engine)]
    header, entries = lines[0], lines[1:]
    assert header["format"] == "mutasi-audit-export v1" and header["masked"] is None
    assert header["size"] == 17 == len(entries)
    assert header["root"] == log.verify().root
    assert [e["seq"] for e in entries] == list(range(17))
    for e in entries:
        body = json.dumps(e["entry"], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert hashlib.sha256(b"\x00" + body.encode()).hexdigest() == e["leaf_hash"]


def test_masked_export_hides_name_birth_date_and_nik_and_says_so(sqlite_url: str) -> None:
    _, engine = build_log(sqlite_url)
    lines = list(export_lines(engine, mask=True))
    header = json.loads(lines[0])
    assert {"name", "nama", "tgl_lahir", "birth_date", "nik"} <= set(header["masked"]["fields"])
    assert header["masked"]["marker"] == MASK and header["masked"]["why"]
    text = "\n".join(lines[1:])
    for secret in ("Pegawai A", "1986-09-26", "3201012609860001"):
        assert secret not in text
    snap = json.loads(lines[1 + 2])  # entry #2: snapshot of A
    assert snap["kind"] == "snapshot"
    assert snap["masked_paths"] == ["$.entry.facts.nama", "$.entry.facts.nik", "$.entry.facts.tgl_lahir"]
    assert snap["entry"]["facts"]["nik"] == MASK
    assert snap["entry"]["facts"]["months_in_post"] == 30  # not personal: kept
    dec = json.loads(lines[1 + 3])  # entry #3: decision 1-1 holds no personal field but the NIP
    assert dec["masked_paths"] == ["$.entry.decision.subject.nip"]
    # the NIP's digits give birth date and gender away: a keyed pseudonym stands in for it
    assert dec["entry"]["decision"]["subject"]["nip"].startswith("nip-")
    assert "198609262015051001" not in "\n".join(lines)
