"""Sentences of the inspector's pages and of the public letter check, Bahasa Indonesia
first, English second; merged into mutasi.web.text.TEXT when the routes load."""

from __future__ import annotations

from mutasi.web.text import TEXT

INSPECTOR_TEXT: dict[str, tuple[str, str]] = {
    "insp_workspace": ("Ruang kerja inspektur", "Inspector's workspace"),
    "insp_readonly": ("Semua halaman ini hanya membaca: tidak ada data yang dapat diubah dari sini. Setiap "
                      "halaman yang Anda buka dicatat dalam jejak audit.",
                      "Every page here only reads: no data can be changed from here. Each page you open is "
                      "recorded in the audit trail."),
    "insp_tab_runs": ("Proses", "Runs"),
    "insp_tab_verify": ("Verifikasi", "Verify"),
    "insp_tab_sample": ("Ulang sampel", "Replay a sample"),
    "insp_tab_fairness": ("Keadilan", "Fairness"),
    "insp_tab_overrides": ("Perubahan hasil", "Overrides"),
    "insp_tab_access": ("Log akses", "Access log"),
    "insp_tab_export": ("Ekspor tersamar", "Masked export"),
    "insp_runs_title": ("Seluruh proses dalam jejak audit", "Every run in the audit trail"),
    "insp_runs_none": ("Belum ada proses yang tercatat.", "No run has been recorded yet."),
    "col_run": ("Proses", "Run"),
    "col_kind": ("Jenis", "Kind"),
    "col_as_of": ("Per tanggal", "As of"),
    "col_pack": ("Paket aturan", "Rule pack"),
    "col_by": ("Oleh", "By"),
    "col_started": ("Dimulai", "Started"),
    "col_decisions": ("Keputusan", "Decisions"),
    "col_verdicts": ("Hasil", "Outcomes"),
    "col_overrides": ("Perubahan hasil", "Overrides"),
    "col_decision": ("Keputusan", "Decision"),
    "col_result": ("Hasil pengulangan", "Replay result"),
    "col_when": ("Waktu", "When"),
    "col_who": ("Siapa", "Who"),
    "col_role": ("Peran", "Role"),
    "col_action": ("Tindakan", "Action"),
    "col_about": ("tentang NIP", "about NIP"),
    "col_detail": ("Keterangan", "Detail"),
    "col_from_to": ("Hasil semula → baru", "Original → new outcome"),
    "col_justification": ("Alasan", "Justification"),
    "verify_title": ("Verifikasi jejak audit terhadap titik periksa Anda",
                     "Verify the audit trail against your checkpoint"),
    "verify_intro": ("Unggah berkas titik periksa yang Anda simpan di luar kantor ini (dari mutasi audit "
                     "checkpoint, atau berkas status saksi). Portal menghitung ulang setiap hash dan "
                     "membuktikan bahwa log saat ini adalah kelanjutan dari titik periksa itu.",
                     "Upload the checkpoint file you kept outside this office (from mutasi audit "
                     "checkpoint, or a witness's state file). The portal recomputes every hash and proves "
                     "that today's log extends that checkpoint."),
    "verify_file": ("Berkas titik periksa", "Checkpoint file"),
    "verify_send": ("Verifikasi", "Verify"),
    "verify_intact": ("Jejak audit UTUH.", "The audit trail is INTACT."),
    "verify_broken": ("Jejak audit TIDAK UTUH: {n} temuan.", "The audit trail is NOT intact: {n} finding(s)."),
    "verify_findings": ("Temuan", "Findings"),
    "verify_warnings": ("Peringatan", "Warnings"),
    "verify_trust_on": ("Server ini juga memeriksa tanda tangan instansi dan saksi menurut kebijakan "
                        "kepercayaannya.",
                        "This server also checks the agency's and witnesses' signatures under its trust "
                        "policy."),
    "verify_need_file": ("Pilih berkas titik periksa terlebih dahulu.", "Choose a checkpoint file first."),
    "sample_title": ("Ulang (replay) sampel acak keputusan", "Replay a random sample of decisions"),
    "sample_intro": ("Pilih ukuran sampel dan benih (seed). Sampel ditarik dari benih itu dengan cara yang "
                     "terdokumentasi, sehingga siapa pun dapat menarik sampel yang sama dan memeriksanya "
                     "dengan mutasi audit replay --sample. Ukuran dan benih dicatat dalam jejak audit "
                     "sebelum pengulangan dimulai.",
                     "Choose the sample size and the seed. The sample is drawn from that seed in a "
                     "documented way, so anyone can draw the same sample and check it with mutasi audit "
                     "replay --sample. The size and seed are recorded in the audit trail before the "
                     "replay starts."),
    "sample_size": ("Ukuran sampel (1 sampai {max})", "Sample size (1 to {max})"),
    "sample_seed": ("Benih (bilangan bulat; usulan acak sudah diisi)", "Seed (a whole number; a random one is filled in)"),
    "sample_run": ("Dari proses", "From run"),
    "sample_all_runs": ("Semua proses", "All runs"),
    "sample_start": ("Mulai pengulangan", "Start the replay"),
    "sample_bad": ("Ukuran sampel harus 1 sampai {max} dan benih bilangan bulat 0 sampai 999999999999999999.",
                   "The sample size must be 1 to {max} and the seed a whole number from 0 to "
                   "999999999999999999."),
    "sample_no_run": ("Proses itu tidak ada dalam jejak audit.", "That run is not in the audit trail."),
    "sample_progress": ("Sudah diulang {done} dari {total} keputusan.", "{done} of {total} decisions replayed."),
    "sample_running": ("Halaman ini memuat ulang sendiri sampai selesai.",
                       "This page reloads itself until it is done."),
    "sample_done": ("Selesai: {same} sama persis, {diff} berbeda, {na} tidak dapat diulang.",
                    "Done: {same} identical, {diff} different, {na} could not be replayed."),
    "sample_what": ("Sampel {n} dari {population} keputusan ({run}), benih {seed}, dicatat dalam jejak audit.",
                    "Sample of {n} of {population} decisions ({run}), seed {seed}, recorded in the audit trail."),
    "sample_run_n": ("proses {run}", "run {run}"),
    "sample_all": ("semua proses", "all runs"),
    "sample_failed": ("Pengulangan terhenti karena kesalahan server. Mulai lagi dengan ukuran dan benih yang "
                      "sama: sampelnya akan sama.",
                      "The replay stopped on a server error. Start again with the same size and seed: the "
                      "sample will be the same."),
    "sample_again": ("Tarik sampel lain", "Draw another sample"),
    "replay_identical": ("sama persis", "identical"),
    "replay_different": ("BERBEDA", "DIFFERENT"),
    "replay_unavailable": ("tidak dapat diulang", "could not be replayed"),
    "replay_differs_at": ("berbeda pada {n} bagian", "differs in {n} places"),
    "fairness_title": ("Laporan keadilan", "Fairness report"),
    "fairness_intro": ("Laporan keadilan dihitung dari keputusan yang tercatat untuk satu proses rencana "
                       "(sama dengan mutasi report fairness). Pilih prosesnya:",
                       "The fairness report is computed from the decisions recorded for one plan run (the "
                       "same as mutasi report fairness). Choose the run:"),
    "fairness_none": ("Belum ada proses rencana.", "No plan run yet."),
    "fairness_open": ("Buka laporan proses {run} ({as_of})", "Open the report of run {run} ({as_of})"),
    "overrides_title": ("Perubahan hasil keputusan beserta alasannya", "Overrides with their justifications"),
    "overrides_none": ("Belum ada perubahan hasil.", "No override yet."),
    "access_title": ("Log akses: siapa melihat atau mengubah data siapa", "Access log: who viewed or changed whose data"),
    "access_filter_nip": ("NIP yang dilihat", "NIP viewed"),
    "access_filter_actor": ("Oleh (nama pengguna)", "By (user name)"),
    "access_filter": ("Saring", "Filter"),
    "access_shown": ("{shown} entri terbaru dari {total}.", "The newest {shown} of {total} entries."),
    "access_none": ("Tidak ada entri akses.", "No access entry."),
    "export_title": ("Ekspor jejak audit tersamar", "Masked export of the audit trail"),
    "export_intro": ("Seluruh jejak audit sebagai JSON Lines, dengan nama, tanggal lahir dan data pribadi lain "
                     "disamarkan dan setiap NIP diganti nama samaran (sama dengan mutasi audit export --mask). "
                     "Unduhan ini dicatat dalam jejak audit.",
                     "The whole audit trail as JSON Lines, with names, birth dates and other personal data "
                     "masked and every NIP replaced by a pseudonym (the same as mutasi audit export --mask). "
                     "The download is recorded in the audit trail."),
    "export_download": ("Unduh ekspor tersamar", "Download the masked export"),
    "insp_open": ("Buka ruang kerja inspektur", "Open the inspector's workspace"),
    # the public letter check
    "check_title": ("Periksa keaslian surat", "Check a letter"),
    "check_intro": ("Unggah surat keputusan mutasi (PDF atau HTML) atau ketik kode verifikasi yang tercetak "
                    "pada surat. Halaman ini hanya menjawab apakah surat itu sah; tidak ada data pribadi yang "
                    "ditampilkan.",
                    "Upload a transfer decision letter (PDF or HTML) or type the verification code printed "
                    "on it. This page only says whether the letter is valid; it shows no personal data."),
    "check_file": ("Berkas surat (PDF atau HTML, paling besar {mb} MB)", "Letter file (PDF or HTML, at most {mb} MB)"),
    "check_code": ("atau kode verifikasi (contoh 9267-ABCD-EFGH-JKLM)", "or the verification code (e.g. 9267-ABCD-EFGH-JKLM)"),
    "check_send": ("Periksa", "Check"),
    "check_valid": ("SAH: keputusan tanggal {day}, proses {run}.", "VALID: decision of {day}, run {run}."),
    "check_invalid": ("TIDAK SAH.", "NOT VALID."),
    "check_why_format": ("Berkas ini bukan surat mutasi yang memuat tanda terima, atau kode verifikasi tidak "
                         "berbentuk benar.",
                         "This file is not a transfer letter carrying a receipt, or the verification code "
                         "is not well formed."),
    "check_why_altered": ("Surat atau kode ini tidak cocok dengan keputusan yang tercatat: surat atau "
                          "keputusannya telah diubah, atau kode salah ketik.",
                          "This letter or code does not match the recorded decision: the letter or the "
                          "decision was altered, or the code was mistyped."),
    "check_why_unsigned": ("Jejak audit instansi belum ditandatangani dan disaksikan, sehingga keabsahan belum "
                           "dapat dipastikan. Hubungi BKPSDM.",
                           "The agency's audit trail is not yet signed and witnessed, so validity cannot be "
                           "established. Contact BKPSDM."),
    "check_why_other": ("Surat ini tidak dapat dipastikan keabsahannya.", "This letter's validity cannot be established."),
    "check_unavailable": ("Pemeriksaan surat belum diaktifkan di portal ini. Hubungi BKPSDM.",
                          "Letter checking is not turned on in this portal. Contact BKPSDM."),
    "check_need_input": ("Unggah berkas surat atau ketik kode verifikasinya.", "Upload the letter or type its code."),
    "check_locked": ("Terlalu banyak pemeriksaan yang gagal dari alamat ini. Coba lagi setelah {minutes} menit.",
                     "Too many failed checks from this address. Try again in {minutes} minutes."),
}

TEXT.update(INSPECTOR_TEXT)
