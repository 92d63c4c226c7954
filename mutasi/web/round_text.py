"""The portal sentences of the voluntary round pages, Bahasa Indonesia first; merged into
mutasi.web.text.TEXT by mutasi/web/routes/voluntary.py (kept apart so the round's pages stay
one self-contained piece)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "tab_voluntary": ("Putaran sukarela", "Voluntary round"),
    "vr_title": ("Putaran mutasi sukarela", "Voluntary transfer round"),
    "vr_none": ("Saat ini tidak ada putaran mutasi sukarela.", "There is no voluntary transfer round now."),
    "vr_line": ("{title}: pilihan diterima {opens} sampai {closes}.",
                "{title}: rankings accepted from {opens} to {closes}."),
    "vr_intro": ("Pilih paling banyak {n} jabatan yang Anda inginkan, urut dari yang paling Anda "
                 "inginkan. Pilih hanya jabatan yang benar-benar Anda inginkan daripada tetap di "
                 "jabatan sekarang. Urutan yang jujur selalu yang terbaik bagi Anda: urutan lain "
                 "tidak dapat memberi hasil yang lebih baik.",
                 "Rank at most {n} positions you want, the one you want most first. Rank only "
                 "positions you really prefer to staying where you are. An honest order is always "
                 "best for you: no other order can give you a better result."),
    "vr_intro_capped": ("Pilih paling banyak {n} jabatan yang Anda inginkan, urut dari yang paling Anda "
                        "inginkan. Pilih hanya jabatan yang benar-benar Anda inginkan daripada tetap di "
                        "jabatan sekarang.",
                        "Rank at most {n} positions you want, the one you want most first. Rank only "
                        "positions you really prefer to staying where you are."),
    "vr_points_note": ("Nilai prioritas Anda di setiap jabatan dihitung dengan butir nilai yang "
                       "diumumkan (masa dalam jabatan, masa kerja, pangkat, kinerja). Jabatan yang "
                       "syaratnya belum Anda penuhi tidak dipertimbangkan.",
                       "Your priority points at each position are computed with the published points "
                       "items (time in post, length of service, rank, performance). A position whose "
                       "requirements you do not meet is not considered."),
    "vr_choice_n": ("Pilihan ke-{n}", "Choice {n}"),
    "vr_no_choice": ("(tidak memilih)", "(no choice)"),
    "vr_slots": ("{n} formasi", "{n} slots"),
    "vr_save": ("Simpan pilihan", "Save my ranking"),
    "vr_saved": ("Pilihan Anda tersimpan. Anda masih dapat mengubahnya sampai {day}.",
                 "Your ranking is saved. You can still change it until {day}."),
    "vr_saved_at": ("Pilihan terakhir disimpan {when}.", "Last saved {when}."),
    "vr_closed": ("Putaran ini sudah ditutup. Hasilnya diumumkan setelah tim menjalankannya.",
                  "This round is closed. Results are published after the committee runs it."),
    "vr_your_choices": ("Pilihan Anda", "Your ranking"),
    "vr_published": ("Hasil putaran sudah diumumkan.", "The round's results are published."),
    "vr_read_letter": ("Baca surat hasil putaran Anda", "Read your round result letter"),
    "vr_not_participant": ("Anda tidak mengikuti putaran ini.", "You took no part in this round."),
    "vr_err_closed": ("Putaran ini tidak menerima pilihan saat ini. Tidak ada yang disimpan.",
                         "This round does not accept rankings now. Nothing was saved."),
    "vr_err_no_choice": ("Pilih sedikitnya satu jabatan. Tidak ada yang disimpan.",
                      "Choose at least one position. Nothing was saved."),
    "vr_err_twice": ("Satu jabatan dipilih dua kali. Tidak ada yang disimpan.",
                         "A position was chosen twice. Nothing was saved."),
    "vr_err_too_many": ("Terlalu banyak pilihan. Tidak ada yang disimpan.",
                             "Too many choices. Nothing was saved."),
    "vr_err_own_post": ("Jabatan Anda sendiri tidak dapat dipilih; tetap di jabatan sekarang sudah "
                           "menjadi pilihan bila Anda tidak diterima. Tidak ada yang disimpan.",
                           "Your own post cannot be ranked; staying is what happens if you are not "
                           "admitted. Nothing was saved."),
    # committee
    "vrc_title": ("Putaran mutasi sukarela (tim)", "Voluntary transfer rounds (committee)"),
    "vrc_open_new": ("Buka putaran baru", "Open a new round"),
    "vrc_field_title": ("Judul putaran", "Round title"),
    "vrc_opens": ("Tanggal dibuka", "Opens on"),
    "vrc_closes": ("Tanggal ditutup (hari terakhir memilih)", "Closes on (last day to rank)"),
    "vrc_pack": ("Paket aturan (dengan butir nilai putaran)", "Rule pack (with round points items)"),
    "vrc_fallback": ("Pegawai yang tidak diterima tetap di jabatannya sekarang", "A person not admitted keeps their current post"),
    "vrc_order": ("Urutan dengan rencana mutasi", "Order with the transfer plan"),
    "vrc_order_before": ("Putaran lebih dahulu, lalu rencana mutasi", "The round first, then the plan"),
    "vrc_order_after": ("Rencana mutasi lebih dahulu (nomor proses di bawah)", "The plan first (run number below)"),
    "vrc_plan_run": ("Nomor proses rencana mutasi (bila rencana lebih dahulu)", "Plan run number (when the plan comes first)"),
    "vrc_seed": ("Benih undian (diumumkan)", "Lottery seed (published)"),
    "vrc_max": ("Pilihan paling banyak per pegawai (kosong = sebanyak jabatan yang ditawarkan; disarankan)",
                "Most choices per person (empty = as many as positions offered; recommended)"),
    "vrc_positions": ("Jabatan yang ditawarkan (kosong = semua jabatan yang kurang pegawai)",
                      "Positions offered (none ticked = every position short of staff)"),
    "vrc_open": ("Buka putaran", "Open the round"),
    "vrc_list": ("Putaran yang ada", "Rounds"),
    "vrc_state_open": ("dibuka", "open"),
    "vrc_state_closed": ("ditutup", "closed"),
    "vrc_state_run": ("sudah dijalankan", "run"),
    "vrc_state_published": ("diumumkan", "published"),
    "vrc_participants": ("{n} pegawai sudah memilih", "{n} people have ranked"),
    "vrc_offers": ("Jabatan yang ditawarkan", "Positions offered"),
    "vrc_close": ("Tutup putaran", "Close the round"),
    "vrc_run": ("Jalankan putaran", "Run the round"),
    "vrc_publish": ("Umumkan hasil kepada pegawai", "Publish the results to employees"),
    "vrc_report": ("Laporan batas nilai per jabatan", "Cut-off report per position"),
    "vrc_fairness": ("Laporan keadilan", "Fairness report"),
    "vrc_done_open": ("Putaran dibuka.", "The round is open."),
    "vrc_done_close": ("Putaran ditutup.", "The round is closed."),
    "vrc_done_run": ("Putaran dijalankan dan dicatat dalam jejak audit (proses {run}).",
                     "The round ran and is recorded in the audit trail (run {run})."),
    "vrc_done_publish": ("Hasil diumumkan; pegawai dapat membaca suratnya.",
                         "Results published; employees can read their letters."),
    "vrc_run_line": ("Proses {run} dalam jejak audit; putar ulang: mutasi audit replay {run}.",
                     "Run {run} in the audit trail; replay: mutasi audit replay {run}."),
    "vrc_state": ("Status", "State"),
    "vr_err_title": ("Putaran memerlukan judul. Tidak ada yang disimpan.", "A round needs a title. Nothing was saved."),
    "vr_err_dates": ("Tanggal ditutup sebelum tanggal dibuka. Tidak ada yang disimpan.",
                        "The closing day is before the opening day. Nothing was saved."),
    "vr_err_pack": ("Paket aturan ini tidak memuat butir nilai putaran. Tidak ada yang disimpan.",
                       "This rule pack declares no round points items. Nothing was saved."),
    "vr_err_positions": ("Jabatan yang dipilih tidak kekurangan pegawai, atau tidak ada jabatan yang "
                            "ditawarkan. Tidak ada yang disimpan.",
                            "A chosen position is not short of staff, or no position is offered. "
                            "Nothing was saved."),
    "vr_err_state": ("Langkah ini tidak dapat dilakukan pada status putaran sekarang.",
                        "This step cannot be taken in the round's current state."),
    "vr_err_nobody": ("Belum ada pegawai yang memilih; putaran tidak dapat dijalankan.",
                      "Nobody has ranked a position; the round cannot run."),
    "vr_err_input": ("Putaran tidak dapat dijalankan: {detail}", "The round cannot run: {detail}"),
}
