"""Words of the inspector's pages that come from recorded data: what each access entry's
action means, verify's findings and warnings, the pages a view names. Bahasa Indonesia
first; English second. A code never reaches the page without its words."""

from __future__ import annotations

# access entries' `action` (docs/audit-format.md, section 4)
ACTION: dict[str, dict[str, str]] = {
    "sign_in": {"id": "masuk ke portal", "en": "signed in"},
    "sign_in_failed": {"id": "gagal masuk", "en": "failed to sign in"},
    "sign_out": {"id": "keluar dari portal", "en": "signed out"},
    "activate": {"id": "mengaktifkan akun", "en": "activated the account"},
    "view": {"id": "melihat data pegawai", "en": "viewed a person's data"},
    "download": {"id": "mengunduh dokumen", "en": "downloaded a document"},
    "report_error": {"id": "melaporkan kesalahan data", "en": "reported a data error"},
    "submit_preferences": {"id": "mengirim pilihan unit", "en": "sent unit preferences"},
    "file_response": {"id": "mengirim tanggapan atau keberatan", "en": "sent a response or objection"},
    "account_created": {"id": "membuat akun staf", "en": "created a staff account"},
    "totp_enabled": {"id": "mengaktifkan faktor kedua", "en": "turned on the second factor"},
    "override": {"id": "mengubah hasil keputusan (override)", "en": "overrode a decision"},
    "record_override": {"id": "mengubah hasil keputusan (override)", "en": "overrode a decision"},
    "answer_response": {"id": "menjawab tanggapan atau keberatan", "en": "answered a response or objection"},
    "replay_sample": {"id": "mengulang (replay) sampel keputusan", "en": "replayed a sample of decisions"},
    "verify": {"id": "memverifikasi jejak audit", "en": "verified the audit trail"},
    "export_masked": {"id": "mengunduh ekspor tersamar", "en": "downloaded a masked export"},
    "start_run": {"id": "memulai proses penilaian atau rencana", "en": "started an evaluation or plan run"},
    "review": {"id": "menelaah rancangan SK", "en": "reviewed an SK draft"},
    "data_correction": {"id": "menerima laporan kesalahan data (koreksi dicatat)", "en": "accepted a data error report (correction recorded)"},
    "reject_report": {"id": "menolak laporan kesalahan data", "en": "rejected a data error report"},
    "open_round": {"id": "membuka putaran pilihan", "en": "opened a preference round"},
    "close_round": {"id": "menutup putaran pilihan", "en": "closed a preference round"},
    "export": {"id": "mengunduh laporan", "en": "downloaded a report"},
    "voluntary_round_open": {"id": "membuka putaran mutasi sukarela", "en": "opened a voluntary transfer round"},
    "voluntary_round_close": {"id": "menutup putaran mutasi sukarela", "en": "closed a voluntary transfer round"},
    "voluntary_round_run": {"id": "menjalankan putaran mutasi sukarela", "en": "ran a voluntary transfer round"},
    "voluntary_round_publish": {"id": "mengumumkan hasil putaran mutasi sukarela",
                                "en": "published a voluntary transfer round's results"},
    "submit_voluntary_ranking": {"id": "mengirim urutan pilihan putaran sukarela", "en": "sent a voluntary round ranking"},
    "other": {"id": "tindakan lain di portal", "en": "another portal action"},
}

# audit verify --trust's finding codes not in reports.inspector_words.FINDING
FINDING_MORE: dict[str, dict[str, str]] = {
    "MUT-A022": {"id": "kunci dalam kebijakan kepercayaan rusak", "en": "a key of the trust policy is malformed"},
    "MUT-A023": {"id": "titik periksa bertanda tangan rusak", "en": "a signed checkpoint is malformed"},
    "MUT-A024": {"id": "tanda tangan pada titik periksa tidak sah (dipalsukan atau diubah)",
                 "en": "a signature on a checkpoint does not verify (forged or altered)"},
    "MUT-A025": {"id": "tidak ada titik periksa yang ditandatangani kunci instansi",
                 "en": "no checkpoint is signed by the agency's key"},
    "MUT-A026": {"id": "titik periksa belum ditandatangani bersama oleh saksi yang disyaratkan",
                 "en": "no signed checkpoint carries the witnesses' cosignatures required"},
    "MUT-A027": {"id": "ada entri sesudah titik periksa terakhir yang disaksikan",
                 "en": "entries after the last witnessed checkpoint"},
    "MUT-A028": {"id": "jejak audit kosong atau hilang", "en": "the audit trail is empty or missing"},
    "MUT-A029": {"id": "kebijakan kepercayaan server rusak", "en": "the server's trust policy is malformed"},
}

WARNING: dict[str, dict[str, str]] = {
    "trigger": {"id": "Penjaga hanya-tambah (trigger) hilang dari basis data: basis data tidak lagi menolak "
                      "perubahan atau penghapusan catatan audit.",
                "en": "An append-only trigger is missing from the database: it no longer refuses changes to "
                      "or deletions from the audit log."},
    "no_table": {"id": "Basis data ini belum memiliki jejak audit: belum ada yang dicatat.",
                 "en": "This database has no audit trail yet: nothing was recorded."},
    "unsigned": {"id": "Ada titik periksa yang tidak ditandatangani kunci instansi.",
                 "en": "A checkpoint is not signed by the agency's key."},
    "other": {"id": "Pemeriksaan memberi peringatan lain; jalankan mutasi audit verify untuk rinciannya.",
              "en": "The check gave another warning; run mutasi audit verify for the details."},
}

WORDS: dict[str, dict[str, str]] = {
    "finding_other": {"id": "masalah integritas", "en": "an integrity problem"},
    "cp_too_large": {"id": "Berkas ini terlalu besar untuk sebuah titik periksa.",
                     "en": "This file is too large to be a checkpoint."},
    "cp_not_text": {"id": "Berkas ini bukan teks: unggah berkas titik periksa yang Anda simpan.",
                    "en": "This file is not text: upload the checkpoint file you kept."},
    "cp_unreadable": {"id": "Berkas ini bukan titik periksa yang dapat dibaca (dibuat oleh mutasi audit "
                            "checkpoint atau oleh saksi).",
                      "en": "This file is not a readable checkpoint (made by mutasi audit checkpoint or by "
                            "a witness)."},
    "verify_counts": {"id": "{entries} entri, {runs} proses, {decisions} keputusan, {overrides} perubahan hasil, "
                            "{accesses} akses portal.",
                      "en": "{entries} entries, {runs} runs, {decisions} decisions, {overrides} overrides, "
                            "{accesses} portal accesses."},
    "verify_extends": {"id": "Log ini adalah kelanjutan dari titik periksa Anda ({size} entri): tidak ada yang "
                             "dihapus atau ditulis ulang sejak itu.",
                       "en": "The log extends your checkpoint ({size} entries): nothing was deleted or "
                             "rewritten since."},
    "page_data": {"id": "halaman data pegawai", "en": "the person's data page"},
    "page_decision": {"id": "halaman keputusan", "en": "a decision page"},
    "page_overrides": {"id": "daftar perubahan hasil", "en": "the list of overrides"},
    "page_responses": {"id": "antrean tanggapan", "en": "the response queue"},
    "page_letter": {"id": "surat keputusan", "en": "a decision letter"},
    "page_document": {"id": "dokumen lampiran", "en": "an attached document"},
    "page_rounds": {"id": "halaman putaran pilihan", "en": "the preference rounds page"},
    "page_run": {"id": "halaman proses", "en": "a run page"},
    "page_round_run": {"id": "laporan batas nilai putaran sukarela", "en": "a voluntary round's cut-off report"},
    "page_queue": {"id": "antrean tanggapan dan laporan", "en": "the queue of responses and reports"},
    "page_fairness": {"id": "laporan keadilan", "en": "the fairness report"},
    "page_whatif": {"id": "analisis dampak perubahan aturan", "en": "the rule-change impact analysis"},
    "what_sample": {"id": "sampel {size} keputusan, benih {seed}, proses {run}",
                    "en": "sample of {size} decisions, seed {seed}, run {run}"},
    "what_decision": {"id": "keputusan {id}", "en": "decision {id}"},
    "all": {"id": "semua", "en": "all"},
    "all_runs": {"id": "semua", "en": "all"},
    "role_employee": {"id": "pegawai", "en": "employee"},
    "role_committee": {"id": "anggota tim", "en": "committee member"},
    "role_inspector": {"id": "inspektur", "en": "inspector"},
    "role_admin": {"id": "admin", "en": "admin"},
    "role_anonymous": {"id": "tanpa akun", "en": "no account"},
    "role_cli": {"id": "baris perintah", "en": "command line"},
    "role_other": {"id": "lainnya", "en": "other"},
}


def words(key: str, lang: str) -> str:
    entry = WORDS.get(key) or (WORDS["role_other"] if key.startswith("role_") else None)
    if entry is None:
        raise KeyError(key)
    return entry["en" if lang == "en" else "id"]
