package page

import "github.com/berakhlak/berakhlak/questionnaire"

type text = questionnaire.Text

// Texts are the words the page model itself says; questions and options come
// from the caller, already in the respondent's language. They are exported so
// a caller's tests can tell the languages' words apart on its screens.
var Texts = struct {
	Move, Ends, Pages, Answer, Next, Choose, Back, Pick, Search, ClearSearch, EndSearch text
	Type, Confirm                                                                       text
	Cancel, ToTen, TwoDigits, Showing, ButtonNext, ButtonBack                           text
	WrongKey, WrongKeyTyping, ChooseOne, Picked, PickedRange, PickExactly, PickBetween  text
	TooMany, NoMatch, ConfirmFinal, More, Earlier, SpaceKey                             text
}{
	Move:           text{Indonesian: "pindah", English: "move"},
	Ends:           text{Indonesian: "awal/akhir", English: "first/last"},
	Pages:          text{Indonesian: "sehalaman", English: "a page"},
	Answer:         text{Indonesian: "jawab", English: "answer"},
	Next:           text{Indonesian: "lanjut", English: "next"},
	Choose:         text{Indonesian: "pilih", English: "choose"},
	Back:           text{Indonesian: "kembali", English: "back"},
	Pick:           text{Indonesian: "pilih/batal", English: "tick/untick"},
	Search:         text{Indonesian: "cari", English: "search"},
	ClearSearch:    text{Indonesian: "hapus pencarian", English: "clear search"},
	EndSearch:      text{Indonesian: "selesai mencari", English: "end search"},
	Type:           text{Indonesian: "ketik", English: "type"},
	Confirm:        text{Indonesian: "ya, yakin", English: "yes, sure"},
	Cancel:         text{Indonesian: "batal", English: "cancel"},
	ToTen:          text{Indonesian: "tunjuk (10: ketik 1 lalu 0)", English: "point (10: type 1 then 0)"},
	ButtonNext:     text{Indonesian: "[ Lanjut ]", English: "[ Next ]"},
	ButtonBack:     text{Indonesian: "[ Kembali ]", English: "[ Back ]"},
	Showing:        text{Indonesian: "%d–%d dari %d", English: "%d–%d of %d"},
	TwoDigits:      text{Indonesian: "pilih (%[1]s: lalu enter)", English: "choose (%[1]s: then enter)"},
	WrongKey:       text{Indonesian: "Tombol %s tidak dipakai di sini. %s", English: "The %s key does nothing here. %s"},
	WrongKeyTyping: text{Indonesian: "Gunakan tombol yang tertulis di baris bawah.", English: "Use the keys listed on the bottom line."},
	ChooseOne:      text{Indonesian: "Pilih salah satu: tekan nomornya, atau ↑/↓ lalu enter.", English: "Choose one: press its number, or ↑/↓ then enter."},
	Picked:         text{Indonesian: "%d dari %d dipilih", English: "%d of %d ticked"},
	PickedRange:    text{Indonesian: "%d dipilih (%d sampai %d)", English: "%d ticked (%d to %d)"},
	PickExactly:    text{Indonesian: "Pilih tepat %d; sekarang %d dipilih.", English: "Tick exactly %d; %d are ticked now."},
	PickBetween:    text{Indonesian: "Pilih %d sampai %d; sekarang %d dipilih.", English: "Tick %d to %d; %d are ticked now."},
	TooMany:        text{Indonesian: "Sudah %d dipilih, batasnya. Batalkan satu dulu (spasi pada yang bertanda).", English: "%d are ticked, the limit. Untick one first (space on a ticked one)."},
	NoMatch:        text{Indonesian: "Tidak ada yang cocok dengan “%s”. Hapus dengan backspace, atau esc.", English: "Nothing matches “%s”. Delete with backspace, or esc."},
	ConfirmFinal:   text{Indonesian: "%s Tekan enter sekali lagi untuk memastikan, atau esc untuk batal.", English: "%s Press enter once more to be sure, or esc to cancel."},
	More:           text{Indonesian: "↓ masih ada di bawah", English: "↓ more below"},
	SpaceKey:       text{Indonesian: "spasi", English: "space"},
	Earlier:        text{Indonesian: "↑ masih ada di atas", English: "↑ more above"},
}
