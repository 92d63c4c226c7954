"""Every sentence of a voluntary round's letter and committee report, Bahasa Indonesia
first, English second. Reason codes (engine.round.RoundReason) never reach a reader: each
has its sentence here (tests/test_round_reports.py fails when one is missing)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "letter_title": ("Pemberitahuan hasil putaran mutasi sukarela",
                     "Notice of the voluntary transfer round result"),
    "report_title": ("Laporan putaran mutasi sukarela: batas nilai per jabatan",
                     "Voluntary transfer round report: cut-off per position"),
    "to": ("Kepada", "To"),
    "round": ("Putaran", "Round"),
    "as_of": ("Per tanggal", "As of"),
    "opening": ("Dengan hormat, berikut hasil putaran mutasi sukarela untuk Anda. Nilai prioritas "
                "Anda di setiap jabatan yang Anda pilih dihitung dengan butir nilai yang diumumkan "
                "dalam paket aturan {pack}.",
                "Here is the result of the voluntary transfer round for you. Your priority points "
                "at each position you ranked were computed with the points items published in "
                "rule pack {pack}."),
    "head_moved": ("Anda diterima di jabatan {position} ({unit}), pilihan ke-{rank} Anda.",
                   "You were admitted to the position {position} ({unit}), your choice number {rank}."),
    "head_kept_current": ("Anda tidak diterima di jabatan yang Anda pilih; Anda tetap di jabatan Anda "
                          "sekarang.",
                          "You were not admitted to a position you ranked; you keep your current post."),
    "head_no_post": ("Anda tidak diterima di jabatan yang Anda pilih. Penempatan Anda selanjutnya "
                     "diputuskan tim melalui rencana mutasi.",
                     "You were not admitted to a position you ranked. Where you go next is decided "
                     "by the committee through the transfer plan."),
    "head_placed_by_plan": ("Anda sudah ditempatkan oleh rencana mutasi sebelum putaran ini; pilihan "
                            "Anda tidak dipakai.",
                            "The transfer plan before this round already placed you; your ranking "
                            "was not used."),
    "choices": ("Pilihan Anda, nilai Anda dan batas nilai", "Your choices, your points and the cut-offs"),
    "choice_n": ("Pilihan ke-{rank}", "Choice {rank}"),
    "col_choice": ("Pilihan", "Choice"),
    "col_position": ("Jabatan", "Position"),
    "col_points": ("Nilai Anda", "Your points"),
    "col_cutoff": ("Batas terendah", "Cut-off"),
    "col_result": ("Hasil", "Result"),
    "no_cutoff": ("tidak ada (formasi tidak terisi penuh)", "none (the slots were not all filled)"),
    "not_counted": ("tidak dihitung", "not computed"),
    "breakdown": ("Rincian nilai", "Points in detail"),
    "item_line": ("{title}: {points} × bobot {weight} = {value}", "{title}: {points} × weight {weight} = {value}"),
    "item_missing": ("{title}: data belum lengkap", "{title}: data missing"),
    "item_missing_why": ("{title}: data belum lengkap: {why}", "{title}: data missing: {why}"),
    "item_read": ("{title} ({value}): {points} × bobot {weight} = {value_pts}",
                  "{title} ({value}): {points} × weight {weight} = {value_pts}"),
    "total": ("Jumlah", "Total"),
    # what became of one ranked position (engine.round.RoundReason)
    "admitted": ("Anda diterima di jabatan ini.", "You were admitted to this position."),
    "below_cutoff": ("Nilai Anda di jabatan ini {points}; batas terendah {cutoff}. Semua formasi diisi "
                     "pegawai dengan nilai lebih tinggi.",
                     "Your points at this position were {points}; the cut-off was {cutoff}. Every slot "
                     "went to someone with more points there."),
    "tie_lottery": ("Nilai Anda {points} sama dengan batas terendah; di antara nilai yang sama, undian "
                    "yang diumumkan menentukan (nomor undian Anda {lottery}).",
                    "Your points, {points}, equal the cut-off; between equal points the published "
                    "lottery decided (your lottery number {lottery})."),
    "higher_choice_admitted": ("Tidak dipertimbangkan lagi: Anda diterima di pilihan yang lebih tinggi.",
                               "Not needed: you were admitted to a choice you ranked higher."),
    "not_eligible": ("Anda belum memenuhi syarat jabatan ini: {criteria}.",
                     "You do not meet the requirements of this position: {criteria}."),
    "needs_approval": ("Pilihan ini memerlukan persetujuan yang belum ada: {criteria}.",
                       "This choice needs an approval that is not on file: {criteria}."),
    "data_missing": ("Data Anda belum lengkap untuk menilai syarat jabatan ini: {criteria}. Lengkapi "
                     "data Anda melalui BKPSDM.",
                     "Your data are incomplete for the requirements of this position: {criteria}. "
                     "Complete your data with BKPSDM."),
    "points_missing": ("Nilai prioritas tidak dapat dihitung karena data belum lengkap: {items}. "
                       "Lengkapi data Anda melalui BKPSDM.",
                       "Your priority points could not be computed because data are missing: "
                       "{items}. Complete your data with BKPSDM."),
    "points_missing_claim": ("Nilai prioritas belum dapat dihitung: klaim Anda untuk {items} belum diverifikasi "
                             "tim. Bila dokumen pendukungnya belum Anda serahkan, serahkan kepada BKPSDM.",
                             "Your priority points cannot be computed yet: your claim for {items} is not yet "
                             "verified by the committee. If you have not handed in its supporting document, "
                             "hand it in to BKPSDM."),
    "kept_current": ("Tetap di jabatan sekarang", "Keeps the current post"),
    "no_post": ("Belum mendapat jabatan dari putaran", "No post from the round"),
    "moved": ("Pindah", "Moves"),
    "placed_by_plan": ("Ditempatkan oleh rencana mutasi", "Placed by the transfer plan"),
    "guarantee": ("Dalam putaran ini tidak ada pegawai dengan nilai lebih rendah yang diterima di jabatan "
                  "yang Anda pilih lebih tinggi daripada hasil Anda, dan memilih sesuai keinginan Anda "
                  "yang sebenarnya selalu merupakan cara terbaik: urutan lain tidak dapat memberi Anda "
                  "hasil yang lebih baik.",
                  "In this round nobody with fewer points was admitted to a position you ranked above "
                  "your result, and ranking as you really wish is always your best choice: no other "
                  "order could have given you a better result."),
    "guarantee_capped": ("Dalam putaran ini tidak ada pegawai dengan nilai lebih rendah yang diterima di "
                         "jabatan yang Anda pilih lebih tinggi daripada hasil Anda.",
                         "In this round nobody with fewer points was admitted to a position you ranked "
                         "above your result."),
    "how_cutoff": ("Batas terendah suatu jabatan adalah nilai pegawai terakhir yang diterima di jabatan "
                   "itu. Nilai yang sama diurutkan dengan undian yang diumumkan (benih {seed}), yang tidak "
                   "membaca data pribadi apa pun.",
                   "The cut-off of a position is the points of the last person admitted there. Equal "
                   "points are ordered by the published lottery (seed {seed}), which reads no personal "
                   "data."),
    "closing": ("Hasil ini adalah bahan keputusan; mutasi ditetapkan oleh pejabat yang berwenang. Bila "
                "Anda berpendapat nilai Anda keliru, sampaikan kepada BKPSDM dengan menyebut nomor "
                "proses {run}.",
                "This result is input for a decision; transfers are decided by the competent official. "
                "If you think your points are wrong, tell BKPSDM and quote run number {run}."),
    # short labels of the CLI's round table (mutasi round run)
    "bid_admitted": ("diterima", "admitted"),
    "bid_below_cutoff": ("di bawah batas", "below the cut-off"),
    "bid_tie_lottery": ("sama dengan batas, undian", "equal to the cut-off, lottery"),
    "bid_higher_choice_admitted": ("diterima di pilihan lebih tinggi", "admitted higher up"),
    "bid_not_eligible": ("tidak memenuhi syarat", "not eligible"),
    "bid_needs_approval": ("perlu persetujuan", "needs approval"),
    "bid_data_missing": ("data belum lengkap", "data missing"),
    "bid_points_missing": ("nilai tidak dapat dihitung", "points missing"),
    "order_before_plan_short": ("putaran lebih dahulu", "the round first"),
    "order_after_plan_short": ("rencana lebih dahulu", "the plan first"),
    # committee report
    "report_intro": ("Putaran mutasi sukarela, proses {run}, per tanggal {date}. Penempatan dengan "
                     "penerimaan tertunda (usulan dari pegawai); nilai sama diurutkan dengan undian "
                     "yang diumumkan (benih {seed}). Tabel ini tidak memuat nama.",
                     "Voluntary transfer round, run {run}, as of {date}. Assignment by deferred "
                     "acceptance (employees propose); equal points ordered by the published lottery "
                     "(seed {seed}). This table names nobody."),
    "col_unit": ("Unit kerja", "Unit"),
    "col_slots": ("Formasi", "Slots"),
    "col_applicants": ("Peminat", "Applicants"),
    "col_eligible": ("Memenuhi syarat", "Eligible"),
    "col_admitted": ("Diterima", "Admitted"),
    "col_left": ("Sisa formasi", "Slots left"),
    "by_lottery": ("(ditentukan undian)", "(decided by lottery)"),
    "summary": ("Ringkasan", "Summary"),
    "sum_participants": ("Peserta", "Participants"),
    "sum_moved": ("Pindah", "Moved"),
    "sum_kept": ("Tetap di jabatan sekarang", "Keep their post"),
    "sum_no_post": ("Belum mendapat jabatan", "Without a post from the round"),
    "sum_passes": ("Putaran usulan", "Proposal passes"),
    "variant": ("Pilihan tim untuk putaran ini", "The committee's choices for this round"),
    "fallback_on": ("Pegawai yang tidak diterima di mana pun tetap di jabatannya sekarang.",
                    "A person admitted nowhere keeps their current post."),
    "fallback_off": ("Pegawai yang tidak diterima di mana pun belum mendapat jabatan; tim memutuskan "
                     "melalui rencana mutasi.",
                     "A person admitted nowhere has no post from the round; the committee decides "
                     "through the transfer plan."),
    "order_before_plan": ("Putaran ini lebih dahulu; rencana mutasi kemudian mengisi {n} formasi yang "
                          "tersisa, tanpa memindahkan lagi {m} pegawai yang pindah di putaran ini.",
                          "This round comes first; the transfer plan then fills the {n} slots left, "
                          "without moving again the {m} people this round moved."),
    "order_after_plan": ("Rencana mutasi (proses {plan}) lebih dahulu; putaran ini menawarkan formasi "
                         "yang tidak diisinya.",
                         "The transfer plan (run {plan}) came first; this round offered the slots it "
                         "left open."),
    "no_applicant": ("{n} jabatan lain ditawarkan tanpa peminat ({slots} formasi).",
                     "{n} other offered positions had no applicant ({slots} slots)."),
    "plan_after_round": ("Rencana ini disusun setelah putaran mutasi sukarela (proses {run}, per tanggal "
                         "{date}): {n} pegawai yang pindah di putaran itu tidak diikutkan lagi, dan "
                         "formasi yang sudah diisi putaran itu tidak ditawarkan lagi. Jabatan yang "
                         "mereka tinggalkan dihitung kembali.",
                         "This plan was built after the voluntary transfer round (run {run}, as of "
                         "{date}): the {n} people that round moved take no part, and the slots it "
                         "filled are not offered again. The posts they left are counted again."),
    "generated": ("Dibuat dari jejak audit; putar ulang dengan perintah: mutasi audit replay {run}.",
                  "Generated from the audit trail; replay with: mutasi audit replay {run}."),
}


def w(key: str, lang: str, **values: object) -> str:
    pair = TEXT[key]
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text
