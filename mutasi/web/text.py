"""Every sentence the portal shows, Bahasa Indonesia first, English second. Keys are never
shown to a reader: a missing key is an error in tests (tests/test_portal_routes.py)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "app_name": ("Portal Mutasi ASN", "ASN Transfer Portal"),
    "lang_switch": ("English", "Bahasa Indonesia"),
    "skip": ("Langsung ke isi", "Skip to content"),
    "signin": ("Masuk", "Sign in"),
    "signout": ("Keluar", "Sign out"),
    "signin_title": ("Masuk ke portal", "Sign in to the portal"),
    "signin_intro": ("Pegawai masuk dengan NIP dan kata sandi. Belum punya kata sandi? Aktifkan akun "
                     "dengan kode aktivasi dari BKPSDM.",
                     "Employees sign in with their NIP and password. No password yet? Activate your "
                     "account with the activation code from BKPSDM."),
    "username": ("NIP atau nama pengguna", "NIP or user name"),
    "password": ("Kata sandi", "Password"),
    "password_again": ("Ulangi kata sandi", "Password again"),
    "totp": ("Kode autentikator, 6 angka (bila Anda memakainya)", "Authenticator code, 6 digits (if you use one)"),
    "totp_hint": ("Wajib untuk tim, inspektur dan admin; untuk pegawai hanya bila diaktifkan.",
                  "Required for committee, inspector and admin; for employees only if turned on."),
    "activate": ("Aktifkan akun", "Activate your account"),
    "activate_intro": ("Masukkan NIP Anda dan kode aktivasi dari BKPSDM, lalu buat kata sandi "
                       "(paling sedikit 10 karakter). Kode hanya berlaku satu kali.",
                       "Enter your NIP and the activation code from BKPSDM, then choose a password "
                       "(at least 10 characters). The code works once."),
    "nip": ("NIP", "NIP"),
    "code": ("Kode aktivasi", "Activation code"),
    "activated": ("Akun Anda sudah aktif. Silakan masuk dengan NIP dan kata sandi baru Anda.",
                  "Your account is active. Sign in with your NIP and your new password."),
    "err_signin": ("NIP/nama pengguna atau kata sandi salah.", "Wrong NIP/user name or password."),
    "err_signin_totp": ("Kode autentikator salah atau sudah kedaluwarsa. Periksa jam di ponsel Anda dan "
                        "coba kode yang baru.",
                        "Wrong or expired authenticator code. Check your phone's clock and try the "
                        "new code."),
    "err_locked": ("Terlalu banyak percobaan masuk yang gagal. Demi keamanan, coba lagi setelah {minutes} "
                   "menit, atau hubungi BKPSDM.",
                   "Too many failed sign-in attempts. For your safety, try again in {minutes} minutes, "
                   "or contact BKPSDM."),
    "err_activation": ("Kode aktivasi tidak cocok dengan NIP ini, sudah dipakai, atau sudah kedaluwarsa. "
                       "Minta kode baru ke BKPSDM.",
                       "The activation code does not match this NIP, was already used, or has expired. "
                       "Ask BKPSDM for a new code."),
    "err_password_short": ("Kata sandi paling sedikit 10 karakter.", "The password needs at least 10 characters."),
    "err_password_mismatch": ("Kedua kata sandi tidak sama.", "The two passwords differ."),
    "err_csrf": ("Formulir ini sudah kedaluwarsa atau tidak berasal dari portal ini. Muat ulang halaman "
                 "dan kirim lagi; tidak ada yang disimpan.",
                 "This form has expired or did not come from this portal. Reload the page and send it "
                 "again; nothing was saved."),
    "err_forbidden": ("Anda tidak berhak membuka halaman ini.", "You may not open this page."),
    "err_not_found": ("Halaman atau dokumen ini tidak ditemukan.", "This page or document was not found."),
    "err_internal": ("Terjadi kesalahan pada portal. Tidak ada yang disimpan. Coba lagi nanti atau "
                     "hubungi BKPSDM.",
                     "Something went wrong in the portal. Nothing was saved. Try again later or "
                     "contact BKPSDM."),
    "err_too_large": ("Berkas terlalu besar: paling besar {mb} MB. Tidak ada yang disimpan.",
                      "The file is too large: at most {mb} MB. Nothing was saved."),
    "err_file_type": ("Jenis berkas tidak diterima: kirim PDF, JPG atau PNG. Tidak ada yang disimpan.",
                      "File type not accepted: send a PDF, JPG or PNG. Nothing was saved."),
    "err_required": ("Isian ini wajib diisi: {field}. Tidak ada yang disimpan.",
                     "This field is required: {field}. Nothing was saved."),
    "err_bad_form": ("Isian formulir tidak dapat dibaca. Tidak ada yang disimpan.",
                     "The form could not be read. Nothing was saved."),
    "back_home": ("Kembali ke beranda", "Back to the home page"),
    "home": ("Beranda", "Home"),
    "hello": ("Selamat datang, {name}", "Welcome, {name}"),
    "staff_home_intro": ("Anda masuk sebagai {role}. Ruang kerja tim dan inspektur sedang disiapkan "
                         "(bagian 2); untuk sekarang Anda dapat membuka data seorang pegawai.",
                         "You are signed in as {role}. The committee and inspector workspaces are "
                         "being built (part 2); for now you can open an employee's data."),
    "role_employee": ("pegawai", "employee"),
    "role_committee": ("anggota tim", "committee member"),
    "role_inspector": ("inspektur", "inspector"),
    "role_admin": ("admin", "admin"),
    "demo_banner": ("Akun demo: hanya untuk mencoba, jangan dipakai untuk data sungguhan.",
                    "Demo account: for trying out only, never for real data."),
    "session_expired": ("Sesi Anda berakhir. Silakan masuk lagi.", "Your session ended. Please sign in again."),
    "signed_out": ("Anda sudah keluar.", "You are signed out."),
    "open_person": ("Buka data pegawai (NIP)", "Open an employee's data (NIP)"),
    "open": ("Buka", "Open"),
    "viewed_logged": ("Setiap kali Anda membuka data seseorang, hal itu dicatat dalam jejak audit.",
                      "Every time you open a person's data, it is recorded in the audit trail."),
    "tab_decisions": ("Keputusan saya", "My decisions"),
    "tab_data": ("Data saya", "My data"),
    "tab_preferences": ("Pilihan unit", "Preferences"),
    "tab_responses": ("Tanggapan", "Responses"),
    "home_decisions": ("hasil pertimbangan mutasi tentang Anda dan suratnya",
                       "the transfer decisions about you and their letters"),
    "home_data": ("data kepegawaian Anda seperti yang dibaca sistem; laporkan bila ada yang salah",
                  "your personnel data as the system read it; report anything wrong"),
    "home_preferences": ("unit tujuan yang Anda inginkan, selama masa pemilihan dibuka",
                         "the units you would like to move to, while a round is open"),
    "home_responses": ("tanggapan atau keberatan atas keputusan, dengan tanda terima",
                       "a response or objection to a decision, with a receipt"),
    "data_title": ("Data saya", "My data"),
    "data_title_staff": ("Data pegawai: {name}", "Employee data: {name}"),
    "data_intro": ("Inilah data yang dipakai sistem untuk menilai Anda. Bila ada yang salah, laporkan di "
                   "bawah; BKPSDM akan memeriksanya.",
                   "This is the data the system used to assess you. If something is wrong, report it "
                   "below; BKPSDM will check it."),
    "report_error": ("Laporkan kesalahan data", "Report an error in your data"),
    "report_intro": ("Pilih bagian yang salah, tulis apa yang benar, dan bila ada lampirkan bukti (PDF, "
                     "JPG atau PNG, paling besar {mb} MB).",
                     "Choose the item that is wrong, write what is correct and, if you have one, attach "
                     "proof (PDF, JPG or PNG, at most {mb} MB)."),
    "report_item": ("Bagian data", "Item"),
    "item_other": ("Lainnya", "Something else"),
    "report_message": ("Apa yang salah dan apa yang benar", "What is wrong and what is correct"),
    "attachment": ("Lampiran (tidak wajib)", "Attachment (optional)"),
    "send_report": ("Kirim laporan", "Send report"),
    "my_reports": ("Laporan saya", "My reports"),
    "receipt": ("Nomor tanda terima", "Receipt number"),
    "status": ("Status", "Status"),
    "no_decisions": ("Belum ada keputusan tentang Anda yang diumumkan di portal.",
                     "No decision about you has been published in the portal yet."),
    "run_evaluate": ("Penilaian syarat mutasi", "Eligibility assessment"),
    "run_plan": ("Rencana mutasi", "Transfer plan"),
    "run_review": ("Pemeriksaan rancangan SK", "Review of a draft SK"),
    "as_of_date": ("per {day}", "as of {day}"),
    "verdict": ("Hasil", "Outcome"),
    "sk_line": ("SK Nomor {number}, diumumkan {day}", "SK number {number}, announced {day}"),
    "read_letter": ("Baca surat", "Read the letter"),
    "download_pdf": ("Unduh PDF", "Download PDF"),
    "send_tanggapan": ("Kirim tanggapan", "Send a response"),
    "send_keberatan": ("Ajukan keberatan", "File an objection"),
    "kind_tanggapan": ("tanggapan", "response"),
    "kind_keberatan": ("keberatan", "objection"),
    "kind_data": ("laporan data", "data report"),
    "deadline_line": ("Batas waktu {kind}: {day} ({days} hari kerja sejak {start}; {basis}).",
                      "Deadline for a {kind}: {day} ({days} working days from {start}; {basis})."),
    "deadline_provisional": ("Tanggal ini sementara: hari libur tahun berikutnya belum ditetapkan.",
                             "This date is provisional: next year's holidays are not set yet."),
    "decision_number": ("Nomor keputusan dalam jejak audit:", "Decision number in the audit trail:"),
    "until_day": ("sampai {day}", "until {day}"),
    "no_round": ("Saat ini tidak ada masa pemilihan unit tujuan. BKPSDM akan mengumumkan bila dibuka.",
                 "No preference round is open now. BKPSDM announces when one opens."),
    "round_line": ("{title}: dibuka {opens} sampai dengan {closes}.", "{title}: open from {opens} to {closes}."),
    "choices_saved_at": ("Pilihan Anda terakhir disimpan pada {when}.", "Your choices were last saved on {when}."),
    "pref_intro": ("Urutkan paling banyak {n} unit kerja yang Anda inginkan, mulai dari yang paling Anda "
                   "inginkan. Pilihan ini menjadi bahan pertimbangan, bukan jaminan. Anda dapat mengubahnya "
                   "sampai masa pemilihan ditutup.",
                   "Rank up to {n} units you would like to work in, most wanted first. Your choices are "
                   "considered, not guaranteed. You can change them until the round closes."),
    "choice_n": ("Pilihan ke-{n}", "Choice {n}"),
    "no_choice": ("(tidak memilih)", "(no choice)"),
    "save_choices": ("Simpan pilihan", "Save choices"),
    "choices_saved": ("Pilihan Anda sudah disimpan.", "Your choices were saved."),
    "round_closed": ("Masa pemilihan sudah ditutup pada {day}; pilihan tidak dapat diubah lagi.",
                     "The round closed on {day}; choices can no longer be changed."),
    "err_round_closed": ("Masa pemilihan sudah ditutup; pilihan Anda tidak diubah.",
                         "The round has closed; your choices were not changed."),
    "err_no_choice": ("Pilih paling sedikit satu unit. Tidak ada yang disimpan.",
                      "Choose at least one unit. Nothing was saved."),
    "err_choice_twice": ("Satu unit dipilih lebih dari sekali. Tidak ada yang disimpan.",
                         "A unit was chosen more than once. Nothing was saved."),
    "err_too_many_choices": ("Terlalu banyak pilihan. Tidak ada yang disimpan.", "Too many choices. Nothing was saved."),
    "responses_title": ("Tanggapan dan keberatan", "Responses and objections"),
    "responses_intro": ("Sebelum SK ditetapkan Anda dapat mengirim tanggapan; sesudah SK diumumkan Anda dapat "
                        "mengajukan keberatan. Setiap kiriman mendapat nomor tanda terima.",
                        "Before an SK is signed you can send a response; after an SK is announced you can "
                        "file an objection. Each gets a receipt number."),
    "about_decision": ("Tentang keputusan", "About the decision"),
    "response_text": ("Isi tanggapan atau keberatan Anda", "Your response or objection"),
    "attachment_hint": ("PDF, JPG atau PNG, paling besar {mb} MB.", "PDF, JPG or PNG, at most {mb} MB."),
    "send_response": ("Kirim", "Send"),
    "response_received": ("{kind} Anda sudah diterima. Nomor tanda terima: {receipt}. Simpan nomor ini.",
                          "Your {kind} was received. Receipt number: {receipt}. Keep this number."),
    "report_received": ("Laporan Anda sudah diterima. Nomor tanda terima: {receipt}. BKPSDM akan memeriksanya.",
                        "Your report was received. Receipt number: {receipt}. BKPSDM will check it."),
    "err_deadline_passed": ("Batas waktu untuk keputusan ini sudah lewat ({day}). Tidak ada yang disimpan; "
                            "hubungi BKPSDM bila ada alasan yang sah.",
                            "The deadline for this decision has passed ({day}). Nothing was saved; "
                            "contact BKPSDM if you have a valid reason."),
    "my_responses": ("Kiriman saya", "What I sent"),
    "status_received": ("diterima", "received"),
    "status_under_review": ("sedang diperiksa", "under review"),
    "status_answered": ("sudah dijawab", "answered"),
    "sent_on": ("dikirim {day}", "sent {day}"),
    "attached_document": ("Dokumen lampiran", "Attached document"),
    "answer": ("Jawaban", "Answer"),
    "field_report_message": ("apa yang salah", "what is wrong"),
    "field_response_text": ("isi tanggapan", "your text"),
    "back_to_decisions": ("Kembali ke keputusan saya", "Back to my decisions"),
    "accounts": ("Akun portal", "Portal accounts"),
    "account_created": ("Akun {username} sudah dibuat. Serahkan kata sandi awal dan kunci autentikator ini "
                        "kepada pemiliknya secara langsung; keduanya hanya ditampilkan sekali.",
                        "Account {username} was created. Hand this first password and authenticator key to "
                        "its owner in person; they are shown only once."),
    "totp_secret": ("Kunci autentikator", "Authenticator key"),
    "new_staff_account": ("Akun staf baru", "New staff account"),
    "new_username": ("Nama pengguna (huruf kecil, angka, titik)", "User name (lower-case letters, digits, dots)"),
    "display_name": ("Nama lengkap", "Full name"),
    "role": ("Peran", "Role"),
    "create_account": ("Buat akun", "Create account"),
    "all_accounts": ("Akun staf", "Staff accounts"),
    "employee_accounts": ("Akun pegawai yang sudah aktif: {n}.", "Employee accounts activated: {n}."),
    "demo": ("demo", "demo"),
    "err_account": ("Akun tidak dapat dibuat: nama pengguna tidak sah atau sudah dipakai, atau nama kosong. "
                    "Tidak ada yang disimpan.",
                    "The account could not be created: the user name is not valid or already taken, or the "
                    "name is empty. Nothing was saved."),
    "security": ("Keamanan akun", "Account security"),
    "home_security": ("tambahkan kode autentikator dari ponsel saat masuk (tidak wajib)",
                      "add an authenticator code from your phone at sign-in (optional)"),
    "totp_on": ("Verifikasi dua langkah sudah aktif: setiap kali masuk, masukkan juga kode dari aplikasi "
                "autentikator Anda.",
                "Two-step verification is on: each time you sign in, also enter the code from your "
                "authenticator app."),
    "totp_offer": ("Anda dapat menambah pengaman: masukkan kunci di bawah ke aplikasi autentikator di ponsel "
                   "(misalnya Google Authenticator), lalu ketik kode 6 angka yang muncul.",
                   "You can add protection: enter the key below in an authenticator app on your phone "
                   "(for example Google Authenticator), then type the 6-digit code it shows."),
    "totp_turn_on": ("Aktifkan", "Turn on"),
    "totp_enabled_done": ("Verifikasi dua langkah sudah aktif.", "Two-step verification is on."),
    "news": ("Yang perlu Anda ketahui", "What you need to know"),
    "news_decisions": ("Ada {n} keputusan tentang Anda. Batas waktu terdekat untuk menanggapi: {day}.",
                       "There are {n} decisions about you. The nearest deadline to respond: {day}."),
    "news_no_deadline": ("Ada {n} keputusan tentang Anda; batas waktu menanggapinya sudah lewat.",
                         "There are {n} decisions about you; the time to respond has passed."),
    "news_round": ("Masa pemilihan unit tujuan dibuka sampai {day}.", "The preference round is open until {day}."),
    "footer": ("Hasil sistem ini adalah bahan pertimbangan. Keputusan mutasi diambil oleh pejabat "
               "yang berwenang, bukan oleh sistem.",
               "What this system shows is input for a decision. Transfers are decided by the "
               "competent official, not by the system."),
}


def tr(key: str, lang: str, **values: object) -> str:
    pair = TEXT[key]
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text
