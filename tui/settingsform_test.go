package tui

import (
	"strings"
	"testing"
)

// settingSource is fakeAdminSource that keeps the survey's settings.
type settingSource struct {
	fakeAdminSource
	settings SurveySettings
	saved    []SurveySettings
	created  []string
}

func (s *settingSource) CreateSurvey(id string) (string, error) {
	s.created = append(s.created, id)
	return s.settings.Survey, nil
}

func (s *settingSource) SurveySettings() (SurveySettings, error) { return s.settings, nil }

func (s *settingSource) SaveSurveySettings(set SurveySettings) error {
	s.saved = append(s.saved, set)
	s.settings = set
	return nil
}

// An admin of the whole agency changes the survey's settings with the form
// (p), in the screen's language at 80×24: k below the methodology's
// smallest is refused in words; closing the survey waits for a yes, and a
// no keeps it open while the other changes are saved.
func TestAdminChangesSurveySettingsWithTheForm(t *testing.T) {
	for _, lang := range []string{"id", "en"} {
		src := &settingSource{fakeAdminSource: fakeAdminSource{events: make(chan struct{})},
			settings: SurveySettings{Survey: "2026", Open: true, K: 5, MinK: 3, MaxK: 999}}
		d := newDriver(t, NewAdmin(src, ""), 80, 24)
		d.expect("Instansi")
		say := func(id, en string) string { return map[string]string{"id": id, "en": en}[lang] }
		if lang == "en" {
			d.key("f2")
		}
		d.key("?")
		d.expect(say("p pengaturan", "p settings"))
		d.key("p")
		d.expect(say("Pengaturan survei 2026", "Settings of survey 2026"), say("terbuka: menerima respons", "open: takes responses"))
		if screen := d.screen(); lang == "id" && englishHelp.MatchString(screen) || len(strings.Split(screen, "\n")) > 24 {
			t.Errorf("%s: the form at 80×24:\n%s", lang, screen)
		}
		// huh moves between fields by commands of its own: each move is
		// waited for (the field's mark, ┃), as a person sees it, before
		// typing (under load a backspace had reached the status instead).
		focused := func(id, en string) { d.expect("┃ " + say(id, en)) }
		status := func() { focused("Status", "Status") }
		k := func() { focused("Ukuran kelompok minimum (k)", "Minimum group size (k)") }
		code := func() {
			focused("Responden ASN memerlukan kode partisipasi?", "Do ASN respondents need a participation code?")
		}
		status()
		d.keys("down", "enter") // closed
		k()
		d.keys("backspace", "2", "enter")
		d.expect(say("tulis bilangan bulat dari 3 sampai 999", "write a whole number from 3 to 999"))
		// Three digits at most, the store's largest k: a fourth is not taken.
		d.keys("backspace", "1", "0", "0", "0")
		if !strings.Contains(d.screen(), "> 100\n") && !strings.Contains(d.screen(), "> 100 ") {
			t.Errorf("%s: a fourth digit of k was taken:\n%s", lang, d.screen())
		}
		d.keys("backspace", "backspace", "backspace", "7", "enter")
		code()
		d.keys("left", "enter") // the code: yes
		focused("Tutup survei 2026?", "Close survey 2026?")
		d.key("enter") // no
		d.expect(say("Pengaturan survei 2026 disimpan: terbuka, k = 7, kode: ya", "Settings of survey 2026 saved: open, k = 7, code: yes"))

		d.key("p")
		status()
		d.keys("down", "enter")
		k()
		d.key("enter")
		code()
		d.key("enter")
		focused("Tutup survei 2026?", "Close survey 2026?")
		d.keys("left", "enter")
		d.expect(say("Pengaturan survei 2026 disimpan: ditutup, k = 7, kode: ya", "Settings of survey 2026 saved: closed, k = 7, code: yes"))

		d.key("p")
		d.expect(say("ditutup: tidak menerima respons", "closed: takes no responses"))
		d.key("esc")
		d.expect("BerAKHLAK · Admin")
		d.key("p")
		status()
		d.key("enter")
		k()
		d.key("enter")
		code()
		d.key("enter")
		d.expect(say("Pengaturan survei 2026 tidak diubah", "Settings of survey 2026 unchanged"))
		want := []SurveySettings{{Survey: "2026", Open: true, K: 7, RequireCode: true, MinK: 3, MaxK: 999}, {Survey: "2026", Open: false, K: 7, RequireCode: true, MinK: 3, MaxK: 999}}
		if len(src.saved) != 2 || src.saved[0] != want[0] || src.saved[1] != want[1] {
			t.Fatalf("%s: saved %+v, want %+v", lang, src.saved, want)
		}
	}
}

// The settings are the agency's: an admin limited to a unit is told so and
// the key is not in its help.
func TestAScopedAdminHasNoSettings(t *testing.T) {
	src := &settingSource{fakeAdminSource: fakeAdminSource{events: make(chan struct{})},
		settings: SurveySettings{Survey: "2026", Open: true, K: 5, MinK: 3, MaxK: 999}}
	d := newDriver(t, NewAdmin(src, "root"), 80, 24)
	d.expect("Instansi")
	d.key("?")
	if strings.Contains(d.screen(), "pengaturan") {
		t.Errorf("a scoped admin's help offers the settings:\n%s", d.screen())
	}
	d.key("p")
	d.expect("Pengaturan survei hanya untuk admin seluruh instansi")
	if strings.Contains(d.screen(), "Status") || len(src.saved) != 0 {
		t.Fatalf("a scoped admin opened the settings:\n%s", d.screen())
	}
}

// A closed year's settings form offers to start the next survey, with a
// no by default: a yes starts it (with the settings just saved) and says
// so; a no starts nothing; opening the closed survey again offers nothing
// to start.
func TestAdminStartsTheNextSurveyWithTheForm(t *testing.T) {
	for _, lang := range []string{"id", "en"} {
		say := func(id, en string) string { return map[string]string{"id": id, "en": en}[lang] }
		src := &settingSource{fakeAdminSource: fakeAdminSource{events: make(chan struct{})},
			settings: SurveySettings{Survey: "2026", Open: false, K: 5, MinK: 3, MaxK: 999, Next: "2027"}}
		d := newDriver(t, NewAdmin(src, ""), 80, 24)
		d.expect("Instansi")
		if lang == "en" {
			d.key("f2")
			d.expect("q quit")
		}
		focused := func(id, en string) { d.expect("┃ " + say(id, en)) }
		throughSettings := func(status ...string) {
			d.key("p")
			focused("Status", "Status")
			d.keys(append(status, "enter")...)
			focused("Ukuran kelompok minimum (k)", "Minimum group size (k)")
			d.key("enter")
			focused("Responden ASN memerlukan kode partisipasi?", "Do ASN respondents need a participation code?")
			d.key("enter")
		}

		throughSettings()
		focused("Mulai survei 2027 sekarang?", "Start survey 2027 now?")
		d.expect(say("dengan pengaturan survei 2026", "with the settings of survey 2026"))
		d.key("enter") // no, the default
		d.expect(say("Pengaturan survei 2026 tidak diubah", "Settings of survey 2026 unchanged"))
		if len(src.created) != 0 {
			t.Fatalf("%s: a no started %v", lang, src.created)
		}

		throughSettings()
		focused("Mulai survei 2027 sekarang?", "Start survey 2027 now?")
		d.keys("left", "enter")
		d.expect(say("Survei 2027 dimulai: terbuka, dengan pengaturan survei 2026", "Survey 2027 started: open, with the settings of survey 2026"))
		if len(src.created) != 1 || src.created[0] != "2027" || len(src.saved) != 0 {
			t.Fatalf("%s: created %v, saved %v; want 2027 created and nothing else saved", lang, src.created, src.saved)
		}

		throughSettings("up") // open 2026 again
		focused("Buka kembali survei 2026?", "Open survey 2026 again?")
		d.keys("left", "enter")
		d.expect(say("Pengaturan survei 2026 disimpan: terbuka", "Settings of survey 2026 saved: open"))
		if len(src.created) != 1 || len(src.saved) != 1 || !src.saved[0].Open {
			t.Fatalf("%s: opening 2026 again: created %v, saved %+v", lang, src.created, src.saved)
		}
	}
}
