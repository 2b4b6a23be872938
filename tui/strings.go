package tui

import "github.com/berakhlak/berakhlak/questionnaire"

// ui holds the kiosk's own texts; the survey's texts come from the instrument.
var ui = struct {
	Welcome, ChooseLanguage, Audience, AudienceASN, AudiencePublic, Consent questionnaire.Text
	Step, Review, ReviewHelp, Saving, SaveFailed, Thanks, ThanksDetail      questionnaire.Text
	PickExactly, PickBetween, PreferNot, ValuesHint, NumberHint             questionnaire.Text
	Enlarge, AgeQuestion, AgeYes, AgeNo, MinorThanks, WhichPage             questionnaire.Text
	Stored, StoredIntro, StoredHelp, Countdown, LanguageHint                questionnaire.Text
	CodeQuestion, CodeHint, CodeTypo, CodeShape, CodeRefused, CodeWait      questionnaire.Text
	CodeFailed                                                              questionnaire.Text
}{
	Welcome:        questionnaire.Text{ID: "Selamat datang", EN: "Welcome"},
	ChooseLanguage: questionnaire.Text{ID: "Pilih bahasa · Choose a language", EN: "Pilih bahasa · Choose a language"},
	Audience:       questionnaire.Text{ID: "Anda mengisi sebagai", EN: "You are answering as"},
	AudienceASN:    questionnaire.Text{ID: "ASN (PNS atau PPPK)", EN: "A civil servant (PNS or PPPK)"},
	AudiencePublic: questionnaire.Text{ID: "Bukan ASN: mahasiswa, pencari kerja, masyarakat umum (18 tahun ke atas)", EN: "Not a civil servant: student, job seeker, member of the public (18 or over)"},
	Consent:        questionnaire.Text{ID: "Dengan melanjutkan, Anda menyetujui pemberitahuan di atas.", EN: "By continuing you agree to the notice above."},
	Step:           questionnaire.Text{ID: "Langkah %d dari %d", EN: "Step %d of %d"},
	Review:         questionnaire.Text{ID: "Periksa jawaban Anda", EN: "Review your answers"},
	ReviewHelp:     questionnaire.Text{ID: "enter lanjut · e ubah jawaban · ↑/↓ gulir", EN: "enter continue · e change an answer · ↑/↓ scroll"},
	Saving:         questionnaire.Text{ID: "Menyimpan…", EN: "Saving…"},
	SaveFailed:     questionnaire.Text{ID: "Jawaban BELUM tersimpan: %v. Jawaban Anda masih ada; tekan enter untuk mencoba lagi.", EN: "Your answers were NOT saved: %v. They are kept; press enter to try again."},
	Thanks:         questionnaire.Text{ID: "Terima kasih! Jawaban Anda telah tersimpan.", EN: "Thank you! Your answers have been saved."},
	ThanksDetail:   questionnaire.Text{ID: "Layar akan kembali ke awal untuk responden berikutnya. Tekan tombol apa saja.", EN: "The screen will return to the start for the next person. Press any key."},
	PickExactly:    questionnaire.Text{ID: "Pilih tepat %d (sekarang %d)", EN: "Pick exactly %d (now %d)"},
	PickBetween:    questionnaire.Text{ID: "Pilih %d sampai %d (sekarang %d)", EN: "Pick %d to %d (now %d)"},
	PreferNot:      questionnaire.Text{ID: "Tidak ingin menjawab", EN: "Prefer not to say"},
	ValuesHint:     questionnaire.Text{ID: "ketik nomor atau / lalu kata untuk mencari · spasi atau x pilih · enter lanjut", EN: "type a number, or / and a word, to search · space or x pick · enter next"},
	NumberHint:     questionnaire.Text{ID: "Tekan angka untuk menjawab, atau ↑/↓ lalu enter.", EN: "Press a number to answer, or ↑/↓ then enter."},
	Enlarge:        questionnaire.Text{ID: "Perbesar jendela terminal (paling kecil 80×24).", EN: "Please enlarge the window (at least 80×24)."},
	AgeQuestion:    questionnaire.Text{ID: "Apakah Anda berusia 18 tahun atau lebih?", EN: "Are you 18 years of age or older?"},
	AgeYes:         questionnaire.Text{ID: "Ya, 18 tahun atau lebih", EN: "Yes, 18 or older"},
	AgeNo:          questionnaire.Text{ID: "Tidak, di bawah 18 tahun", EN: "No, under 18"},
	MinorThanks:    questionnaire.Text{ID: "Terima kasih atas minat Anda. Survei ini untuk usia 18 tahun ke atas; tidak ada yang disimpan.", EN: "Thank you for your interest. This survey is for people aged 18 or over; nothing was stored."},
	WhichPage:      questionnaire.Text{ID: "Bagian mana yang ingin Anda ubah?", EN: "Which part do you want to change?"},
	Stored:         questionnaire.Text{ID: "Yang akan disimpan", EN: "What will be stored"},
	StoredIntro:    questionnaire.Text{ID: "Inilah persis catatan yang akan disimpan. Tidak ada nama, jam, alamat, atau data sesi; catatan hanya diberi nomor acak.", EN: "This is exactly the record that will be stored. There is no name, time, address or session data; the record only gets a random number."},
	StoredHelp:     questionnaire.Text{ID: "enter simpan · b kembali · ↑/↓ gulir", EN: "enter save · b back · ↑/↓ scroll"},
	Countdown:      questionnaire.Text{ID: "Tidak ada aktivitas: jawaban akan dihapus dalam %d detik. Tekan tombol apa saja untuk melanjutkan.", EN: "No activity: the answers will be discarded in %d seconds. Press any key to continue."},
	LanguageHint:   questionnaire.Text{ID: "F2 English", EN: "F2 Bahasa Indonesia"},
	CodeQuestion:   questionnaire.Text{ID: "Kode partisipasi", EN: "Participation code"},
	CodeHint:       questionnaire.Text{ID: "8 karakter dari kertas yang Anda terima, misalnya ABCD-EFGH. Kode tidak terhubung dengan jawaban Anda.", EN: "The 8 characters on the slip you received, e.g. ABCD-EFGH. The code is not linked to your answers."},
	CodeTypo:       questionnaire.Text{ID: "Ada salah ketik pada kode: periksa setiap karakter.", EN: "The code has a typing error: check each character."},
	CodeShape:      questionnaire.Text{ID: "Kode terdiri dari 8 huruf dan angka seperti tercetak pada kertas.", EN: "A code has 8 letters and digits as printed on the slip."},
	// One text for a code that is not known and one already used: a
	// difference would tell a guesser which codes exist.
	CodeRefused: questionnaire.Text{ID: "Kode ini tidak dapat dipakai. Periksa kembali, atau minta kode baru kepada panitia.", EN: "This code cannot be used. Check it again, or ask the survey team for a new one."},
	CodeWait:    questionnaire.Text{ID: "Terlalu banyak kode yang salah. Coba lagi dalam %d detik.", EN: "Too many wrong codes. Try again in %d seconds."},
	CodeFailed:  questionnaire.Text{ID: "Kode tidak dapat diperiksa saat ini. Coba lagi.", EN: "The code cannot be checked right now. Try again."},
}
