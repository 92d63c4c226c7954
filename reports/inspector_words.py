"""Fixed phrases of the inspector report and audit verify's finding codes in words (merged
into reports.i18n.CATALOG)."""

from __future__ import annotations

INSPECTOR: dict[str, dict[str, str]] = {
    "findings": {"id": "Temuan verifikasi", "en": "Verification findings"},
    "warnings": {"id": "Peringatan", "en": "Warnings"},
    "runs_overview": {"id": "Seluruh proses dalam jejak audit", "en": "Every run in the audit trail"},
    "approvals_used": {"id": "Dokumen persetujuan untuk tiap usulan", "en": "Approval documents per proposed move"},
    "approval_by": {"id": "dari", "en": "from"},
    "replay_title": {"id": "Pengulangan (replay) sampel acak keputusan", "en": "Replay of a random sample of decisions"},
    "replay_note": {
        "id": "{n} dari {total} keputusan proses ini, dipilih acak dengan benih {seed}, dihitung ulang dari paket aturan dan data yang tercatat lalu dibandingkan dengan keputusan tercatat. Siapa pun dapat menarik sampel yang sama dengan perintah di bawah ini, atau tanpa mutasi dengan SHA-256 seperti dijelaskan di docs/audit-format.md.",
        "en": "{n} of this run's {total} decisions, drawn at random with seed {seed}, recomputed from the recorded pack and data and compared with the recorded decision. Anyone can draw the same sample with the command below, or without mutasi with SHA-256 as docs/audit-format.md explains.",
    },
    "replay_command": {
        "id": "mutasi audit replay --run {run} --sample {n} --seed {seed} --actor \"<nama Anda>\"",
        "en": "mutasi audit replay --run {run} --sample {n} --seed {seed} --actor \"<your name>\"",
    },
    "replay_identical": {"id": "sama persis", "en": "identical"},
    "replay_different": {"id": "BERBEDA", "en": "DIFFERENT"},
    "replay_unavailable": {"id": "tidak dapat diulang", "en": "could not be replayed"},
    "replay_result": {"id": "Hasil pengulangan", "en": "Replay result"},
    "not_intact_count": {"id": "{n} temuan.", "en": "{n} finding(s)."},
    "finding_unknown": {"id": "Jejak audit tidak utuh.", "en": "The audit trail is not intact."},
    "trigger_missing": {
        "id": "{n} pemicu (trigger) penjaga hanya-tambah hilang dari basis data: basis data tidak lagi menolak perubahan atau penghapusan catatan audit.",
        "en": "{n} append-only trigger(s) missing from the database: it no longer refuses changes to or deletions from the audit log.",
    },
    "checked_against": {"id": "Diperiksa terhadap titik periksa yang diserahkan (ukuran, akar): {cp}.", "en": "Checked against the checkpoint given (size, root): {cp}."},
    "entry": {"id": "Entri", "en": "Entry"},
    "whole_log": {"id": "Seluruh log", "en": "The whole log"},
}

# audit verify's finding codes (audit/errors.py), in words.
FINDING: dict[str, dict[str, str]] = {
    "MUT-A010": {"id": "entri hilang, disisipkan atau tidak berurutan", "en": "an entry is missing, inserted or out of order"},
    "MUT-A011": {"id": "isi entri bukan JSON kanonik", "en": "the entry's body is not canonical JSON"},
    "MUT-A012": {"id": "kolom indeks tidak sesuai dengan isi yang di-hash", "en": "an indexed column disagrees with the hashed body"},
    "MUT-A013": {"id": "hash daun tidak sesuai dengan isi entri (isi diubah)", "en": "the leaf hash does not match the body (the body was changed)"},
    "MUT-A014": {"id": "hash rantai tidak mengikuti entri sebelumnya", "en": "the chain hash does not follow from the previous entry"},
    "MUT-A015": {"id": "titik periksa tidak sesuai dengan entri sebelumnya", "en": "a checkpoint disagrees with the entries before it"},
    "MUT-A016": {"id": "susunan proses tidak lengkap (proses tidak ditutup, entri di luar proses)", "en": "runs are not well formed (unclosed run, entry outside a run)"},
    "MUT-A017": {"id": "teks paket aturan tidak sesuai dengan hash-nya", "en": "a stored pack text does not match its hash"},
    "MUT-A018": {"id": "log lebih pendek daripada titik periksa yang diserahkan (entri dihapus)", "en": "the log is shorter than the checkpoint given (entries deleted)"},
    "MUT-A019": {"id": "log bukan kelanjutan dari titik periksa yang diserahkan (riwayat ditulis ulang)", "en": "the log does not extend the checkpoint given (history rewritten)"},
    "MUT-A020": {"id": "berkas titik periksa rusak", "en": "the checkpoint file is malformed"},
    "MUT-A021": {"id": "keputusan atau perubahan merujuk ke sesuatu yang tidak ada di log", "en": "a decision or override refers to something not in the log"},
}


def finding_text(seq: int | None, code: str, lang: str) -> str:
    where = f"{INSPECTOR['entry'][lang]} #{seq}" if seq is not None else INSPECTOR["whole_log"][lang]
    words = FINDING.get(code, {}).get(lang) or ("masalah integritas" if lang == "id" else "an integrity problem")
    return f"{where}: {words} ({code})"
