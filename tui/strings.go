package tui

import "github.com/berakhlak/berakhlak/questionnaire"

// ui holds the kiosk's own texts; the survey's texts come from the instrument.
var ui = struct {
	Welcome, ChooseLanguage, Audience, AudienceASN, AudiencePublic, Consent questionnaire.Text
	ButtonContinue, ButtonChange, ButtonSave, ButtonBack                    questionnaire.Text
	Step, Review, ReviewHelp, Saving, SaveFailed, Thanks, ThanksDetail      questionnaire.Text
	PickExactly, PickBetween, PreferNot, ValuesHint, NumberHint             questionnaire.Text
	Enlarge, AgeQuestion, AgeYes, AgeNo, MinorThanks, WhichPage             questionnaire.Text
	Stored, StoredIntro, StoredHelp, Countdown, LanguageHint                questionnaire.Text
	StoredWords, StoredWordsHelp, StoredEnvelope                            questionnaire.Text
	AudienceNames                                                           map[string]questionnaire.Text
	CodeQuestion, CodeHint, CodeTypo, CodeShape, CodeRefused, CodeWait      questionnaire.Text
	CodeFailed, OtherLanguage, Leave, HowToLeave, AgeFinal, PINTitle        questionnaire.Text
	PINCheck, PINCancel, PINTriesLeft, PINLocked, LeaveAgain, WrongKey      questionnaire.Text
	ThanksDetailSSH                                                         questionnaire.Text
	NothingAsked, SurveyClosed, ClosedWhileAnswering, Stop, StopAgain       questionnaire.Text
}{
	NothingAsked:   questionnaire.Text{Indonesian: "Survei ini belum berisi pertanyaan untuk siapa pun. Mohon beri tahu petugas.", English: "This survey asks no one anything yet. Please tell the staff."},
	Welcome:        questionnaire.Text{Indonesian: "Selamat datang", English: "Welcome"},
	ChooseLanguage: questionnaire.Text{Indonesian: "Pilih bahasa · Choose a language", English: "Pilih bahasa · Choose a language"},
	Audience:       questionnaire.Text{Indonesian: "Anda mengisi sebagai", English: "You are answering as"},
	AudienceASN:    questionnaire.Text{Indonesian: "ASN (PNS atau PPPK)", English: "A civil servant (PNS or PPPK)"},
	AudiencePublic: questionnaire.Text{Indonesian: "Bukan ASN: mahasiswa, pencari kerja, masyarakat umum (18 tahun ke atas)", English: "Not a civil servant: student, job seeker, member of the public (18 or over)"},
	Consent:        questionnaire.Text{Indonesian: "Dengan melanjutkan, Anda menyetujui pemberitahuan di atas.", English: "By continuing you agree to the notice above."},
	Step:           questionnaire.Text{Indonesian: "Langkah %d dari %d", English: "Step %d of %d"},
	Review:         questionnaire.Text{Indonesian: "Periksa jawaban Anda", English: "Review your answers"},
	ButtonContinue: questionnaire.Text{Indonesian: "[ Lanjut ]", English: "[ Continue ]"},
	ButtonChange:   questionnaire.Text{Indonesian: "[ Ubah jawaban ]", English: "[ Change an answer ]"},
	ButtonSave:     questionnaire.Text{Indonesian: "[ Simpan ]", English: "[ Save ]"},
	ButtonBack:     questionnaire.Text{Indonesian: "[ Kembali ]", English: "[ Back ]"},
	ReviewHelp:     questionnaire.Text{Indonesian: "enter lanjut · e/shift+tab ubah jawaban · ↑/↓ pgup/pgdn gulir · F10 berhenti", English: "enter continue · e/shift+tab change an answer · ↑/↓ pgup/pgdn scroll · F10 stop"},
	Saving:         questionnaire.Text{Indonesian: "Menyimpan…", English: "Saving…"},
	SaveFailed:     questionnaire.Text{Indonesian: "Jawaban BELUM tersimpan. Jawaban Anda masih ada; tekan enter untuk mencoba lagi.", English: "Your answers were NOT saved. They are kept; press enter to try again."},
	Thanks:         questionnaire.Text{Indonesian: "Terima kasih! Jawaban Anda telah tersimpan.", English: "Thank you! Your answers have been saved."},
	ThanksDetail:   questionnaire.Text{Indonesian: "Layar akan kembali ke awal untuk responden berikutnya. Tekan tombol apa saja.", English: "The screen will return to the start for the next person. Press any key."},
	PickExactly:    questionnaire.Text{Indonesian: "Pilih tepat %d (sekarang %d)", English: "Pick exactly %d (now %d)"},
	PickBetween:    questionnaire.Text{Indonesian: "Pilih %d sampai %d (sekarang %d)", English: "Pick %d to %d (now %d)"},
	PreferNot:      questionnaire.Text{Indonesian: "Tidak ingin menjawab", English: "Prefer not to say"},
	ValuesHint:     questionnaire.Text{Indonesian: "Ketik nomornya untuk memilih, / lalu kata untuk mencari, spasi untuk memilih yang ditunjuk", English: "Type its number to tick it, / and a word to search, space to tick the one pointed at"},
	NumberHint:     questionnaire.Text{Indonesian: "Tekan angka untuk menjawab, atau ↑/↓ lalu enter", English: "Press a number to answer, or ↑/↓ then enter"},
	Enlarge:        questionnaire.Text{Indonesian: "Perbesar jendela terminal: paling kecil %d×%d, sekarang %d×%d.", English: "Please enlarge the window: at least %d×%d, now %d×%d."},
	AgeQuestion:    questionnaire.Text{Indonesian: "Apakah Anda berusia 18 tahun atau lebih?", English: "Are you 18 years of age or older?"},
	AgeYes:         questionnaire.Text{Indonesian: "Ya, 18 tahun atau lebih", English: "Yes, 18 or older"},
	AgeNo:          questionnaire.Text{Indonesian: "Tidak, di bawah 18 tahun", English: "No, under 18"},
	Stop:           questionnaire.Text{Indonesian: "berhenti", English: "stop"},
	StopAgain:      questionnaire.Text{Indonesian: "Tekan F10 sekali lagi untuk berhenti: jawaban Anda akan dihapus, tidak disimpan. Tombol lain: lanjut mengisi.", English: "Press F10 once more to stop: your answers will be deleted, not stored. Any other key: go on answering."},
	SurveyClosed:   questionnaire.Text{Indonesian: "Survei ini sudah ditutup: tidak ada jawaban baru yang diterima. Terima kasih.", English: "This survey is closed: it takes no new answers. Thank you."},
	ClosedWhileAnswering: questionnaire.Text{Indonesian: "Survei ditutup ketika Anda mengisi: jawaban Anda TIDAK disimpan dan sudah dihapus dari layar ini. Terima kasih atas waktu Anda.",
		English: "The survey closed while you were answering: your answers were NOT stored and have been cleared from this screen. Thank you for your time."},
	MinorThanks: questionnaire.Text{Indonesian: "Terima kasih atas minat Anda. Survei ini untuk usia 18 tahun ke atas; tidak ada yang disimpan.", English: "Thank you for your interest. This survey is for people aged 18 or over; nothing was stored."},
	WhichPage:   questionnaire.Text{Indonesian: "Bagian mana yang ingin Anda ubah?", English: "Which part do you want to change?"},
	Stored:      questionnaire.Text{Indonesian: "Yang akan disimpan", English: "What will be stored"},
	StoredIntro: questionnaire.Text{Indonesian: "Inilah persis catatan yang akan disimpan. Tidak ada nama, jam, alamat, atau data sesi; catatan hanya diberi nomor acak.", English: "This is exactly the record that will be stored. There is no name, time, address or session data; the record only gets a random number."},
	StoredHelp:  questionnaire.Text{Indonesian: "enter simpan · r kata-kata · b/shift+tab/esc kembali · ↑/↓ pgup/pgdn gulir · F10 berhenti", English: "enter save · r in words · b/shift+tab/esc back · ↑/↓ pgup/pgdn scroll · F10 stop"},
	StoredWords: questionnaire.Text{Indonesian: "Inilah yang akan disimpan, dalam kata-kata. Tidak ada nama, jam, alamat, atau data sesi; catatan hanya diberi nomor acak. Tekan r untuk melihat catatan persis seperti ditulis.",
		English: "This is what will be stored, in words. There is no name, time, address or session data; the record only gets a random number. Press r to see the record exactly as it is written."},
	StoredWordsHelp: questionnaire.Text{Indonesian: "enter simpan · r catatan persis · b/shift+tab/esc kembali · ↑/↓ pgup/pgdn gulir · F10 berhenti", English: "enter save · r exact record · b/shift+tab/esc back · ↑/↓ pgup/pgdn scroll · F10 stop"},
	StoredEnvelope: questionnaire.Text{Indonesian: "Survei %s · unit %s · responden %s · tanggal %s (tanpa jam) · instrumen %s",
		English: "Survey %s · unit %s · respondent %s · date %s (no time) · instrument %s"},
	AudienceNames: map[string]questionnaire.Text{
		questionnaire.AudienceASN:    {Indonesian: "ASN", English: "ASN"},
		questionnaire.AudiencePublic: {Indonesian: "umum (non-ASN)", English: "public (non-ASN)"},
	},
	Countdown:    questionnaire.Text{Indonesian: "Tidak ada aktivitas: jawaban dihapus dalam %d detik. Tekan tombol apa saja.", English: "No activity: the answers are discarded in %d seconds. Press any key."},
	LanguageHint: questionnaire.Text{Indonesian: "F2 English", English: "F2 Bahasa Indonesia"},
	CodeQuestion: questionnaire.Text{Indonesian: "Kode partisipasi", English: "Participation code"},
	CodeHint:     questionnaire.Text{Indonesian: "8 karakter dari kertas yang Anda terima, misalnya ABCD-EFGH. Kode tidak terhubung dengan jawaban Anda.", English: "The 8 characters on the slip you received, e.g. ABCD-EFGH. The code is not linked to your answers."},
	CodeTypo:     questionnaire.Text{Indonesian: "Ada salah ketik pada kode: periksa setiap karakter.", English: "The code has a typing error: check each character."},
	CodeShape:    questionnaire.Text{Indonesian: "Kode terdiri dari 8 huruf dan angka seperti tercetak pada kertas.", English: "A code has 8 letters and digits as printed on the slip."},
	// One text for a code that is not known and one already used: a
	// difference would tell a guesser which codes exist.
	CodeRefused: questionnaire.Text{Indonesian: "Kode ini tidak dapat dipakai. Periksa kembali, atau minta kode baru kepada panitia.", English: "This code cannot be used. Check it again, or ask the survey team for a new one."},
	CodeWait:    questionnaire.Text{Indonesian: "Terlalu banyak kode yang salah. Coba lagi dalam %d detik.", English: "Too many wrong codes. Try again in %d seconds."},
	CodeFailed:  questionnaire.Text{Indonesian: "Kode tidak dapat diperiksa saat ini. Coba lagi.", English: "The code cannot be checked right now. Try again."},
	// The key help names the other language in that language, so a person
	// who reads only it can find it.
	OtherLanguage:   questionnaire.Text{Indonesian: "English", English: "Bahasa Indonesia"},
	Leave:           questionnaire.Text{Indonesian: "keluar", English: "leave"},
	HowToLeave:      questionnaire.Text{Indonesian: "Tekan ctrl+c kapan saja untuk keluar; tidak ada yang disimpan sebelum Anda menyimpannya.", English: "Press ctrl+c at any time to leave; nothing is stored until you save it."},
	AgeFinal:        questionnaire.Text{Indonesian: "Survei ini hanya untuk usia 18 tahun ke atas, jadi survei akan berakhir.", English: "This survey is for people aged 18 or over, so it will end here."},
	PINTitle:        questionnaire.Text{Indonesian: "PIN administrator", English: "Administrator PIN"},
	PINCheck:        questionnaire.Text{Indonesian: "periksa", English: "check"},
	PINCancel:       questionnaire.Text{Indonesian: "batal", English: "cancel"},
	PINTriesLeft:    questionnaire.Text{Indonesian: "PIN salah; sisa %d percobaan.", English: "Wrong PIN; %d tries left."},
	PINLocked:       questionnaire.Text{Indonesian: "admin: terkunci satu menit; semua tombol diabaikan sampai %s", English: "admin: locked for a minute; every key is ignored until %s"},
	ThanksDetailSSH: questionnaire.Text{Indonesian: "Sesi akan ditutup. Tekan tombol apa saja untuk menutupnya sekarang.", English: "The session will close. Press any key to close it now."},
	LeaveAgain:      questionnaire.Text{Indonesian: "Keluar? Jawaban yang belum disimpan dihapus. Tekan ctrl+c lagi untuk keluar.", English: "Leave? Unsaved answers are discarded. Press ctrl+c again to leave."},
	WrongKey:        questionnaire.Text{Indonesian: "Tombol %s tidak dipakai di sini; tombol yang dipakai tertulis di atas.", English: "The %s key does nothing here; the keys that do are listed above."},
}
