package tui

import "github.com/berakhlak/berakhlak/questionnaire"

// ui holds the kiosk's own texts; the survey's texts come from the instrument.
var ui = struct {
	Welcome, ChooseLanguage, Audience, AudienceASN, AudiencePublic, Consent questionnaire.Text
	Step, Review, ReviewHelp, Saving, SaveFailed, Thanks, ThanksDetail      questionnaire.Text
	PickExactly, PickBetween, PreferNot, ValuesHint, NumberHint, Resetting  questionnaire.Text
}{
	Welcome:        questionnaire.Text{ID: "Selamat datang", EN: "Welcome"},
	ChooseLanguage: questionnaire.Text{ID: "Pilih bahasa · Choose a language", EN: "Pilih bahasa · Choose a language"},
	Audience:       questionnaire.Text{ID: "Anda mengisi sebagai", EN: "You are answering as"},
	AudienceASN:    questionnaire.Text{ID: "ASN (PNS atau PPPK)", EN: "A civil servant (PNS or PPPK)"},
	AudiencePublic: questionnaire.Text{ID: "Bukan ASN: mahasiswa, pencari kerja, masyarakat umum (18 tahun ke atas)", EN: "Not a civil servant: student, job seeker, member of the public (18 or over)"},
	Consent:        questionnaire.Text{ID: "Dengan melanjutkan, Anda menyetujui pemberitahuan di atas.", EN: "By continuing you agree to the notice above."},
	Step:           questionnaire.Text{ID: "Langkah %d dari %d", EN: "Step %d of %d"},
	Review:         questionnaire.Text{ID: "Periksa jawaban Anda", EN: "Review your answers"},
	ReviewHelp:     questionnaire.Text{ID: "enter kirim · e ubah jawaban · ↑/↓ gulir", EN: "enter submit · e change answers · ↑/↓ scroll"},
	Saving:         questionnaire.Text{ID: "Menyimpan…", EN: "Saving…"},
	SaveFailed:     questionnaire.Text{ID: "Jawaban BELUM tersimpan: %v. Jawaban Anda masih ada; tekan enter untuk mencoba lagi.", EN: "Your answers were NOT saved: %v. They are kept; press enter to try again."},
	Thanks:         questionnaire.Text{ID: "Terima kasih! Jawaban Anda telah tersimpan.", EN: "Thank you! Your answers have been saved."},
	ThanksDetail:   questionnaire.Text{ID: "Layar akan kembali ke awal untuk responden berikutnya. Tekan tombol apa saja.", EN: "The screen will return to the start for the next person. Press any key."},
	PickExactly:    questionnaire.Text{ID: "Pilih tepat %d (sekarang %d)", EN: "Pick exactly %d (now %d)"},
	PickBetween:    questionnaire.Text{ID: "Pilih %d sampai %d (sekarang %d)", EN: "Pick %d to %d (now %d)"},
	PreferNot:      questionnaire.Text{ID: "Tidak ingin menjawab", EN: "Prefer not to say"},
	ValuesHint:     questionnaire.Text{ID: "/ cari · spasi atau x pilih · enter lanjut", EN: "/ search · space or x pick · enter next"},
	NumberHint:     questionnaire.Text{ID: "Tekan angka untuk menjawab, atau ↑/↓ lalu enter.", EN: "Press a number to answer, or ↑/↓ then enter."},
	Resetting:      questionnaire.Text{ID: "Kembali ke awal…", EN: "Returning to the start…"},
}
