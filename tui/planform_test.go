package tui

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// planningSource is fakeAdminSource that keeps plans.
type planningSource struct {
	fakeAdminSource
	areas []PlanArea
	saved []PlanArea
	news  []bool
}

func (p *planningSource) Plan(string) ([]PlanArea, []scoring.Suggestion, error) {
	return p.areas, []scoring.Suggestion{{Focus: "adaptif", Reason: scoring.ReasonFixFirst, Index: 52.5}}, nil
}

func (p *planningSource) SavePlan(unit string, area PlanArea, isNew bool) error {
	p.saved, p.news = append(p.saved, area), append(p.news, isNew)
	return nil
}

// englishHelp are huh's own help words, which an Indonesian form must not show.
var englishHelp = regexp.MustCompile(`\b(next|back|submit|select|filter|new line|open editor|page up|page down|go to)\b`)

// indonesianOnForm are Indonesian words the form's English screen must not
// show (the values' Indonesian names were shown there once).
var indonesianOnForm = regexp.MustCompile(`\b(Adaptif|Berorientasi|Pelayanan|Akuntabel|Kompeten|Harmonis|Kolaboratif|perilaku|baru|ubah|pilih)\b`)

// The admin plans the unit in view with the huh form, in the screen's
// language, at 80×24: the suggestion comes first with its reason, and the
// plan is handed to the source; esc cancels, saving nothing.
func TestAdminPlansWithTheForm(t *testing.T) {
	for _, lang := range []string{"id", "en"} {
		src := &planningSource{fakeAdminSource: fakeAdminSource{events: make(chan struct{})}}
		d := newDriver(t, NewAdmin(src, ""), 80, 24)
		d.expect("Instansi (root)")
		d.key("?") // every key, the plan's among them
		d.expect("a rencana aksi")
		if lang == "en" {
			d.key("f2")
			d.expect("a action plan")
		}
		d.key("a")
		// Choosing the area saves nothing: enter opens the plan's step.
		want := map[string][]string{"id": {"Rencana aksi Instansi: pilih area fokus", "baru Adaptif — perbaiki dulu", "enter pilih"},
			"en": {"Action plan of Instansi: choose a focus area", "new Adaptive — fix first", "enter select"}}[lang]
		d.expect(want...)
		screen := d.screen()
		if strings.Contains(screen, "enter simpan") || strings.Contains(screen, "enter save") {
			t.Errorf("%s: choosing an area says enter saves:\n%s", lang, screen)
		}
		if lang == "id" && englishHelp.MatchString(screen) {
			t.Errorf("English on the Indonesian form:\n%s", screen)
		}
		if lang == "en" && indonesianOnForm.MatchString(screen) {
			t.Errorf("Indonesian on the English form:\n%s", screen)
		}
		if lines := strings.Split(screen, "\n"); len(lines) > 24 {
			t.Errorf("%s: the form takes %d lines at 80×24", lang, len(lines))
		}
		d.key("enter") // the suggestion, first
		d.expect(map[string]string{"id": "Tindakan (apa yang akan dilakukan) · Adaptif", "en": "Actions (what will be done) · Adaptive"}[lang])
		if screen := d.screen(); lang == "id" && englishHelp.MatchString(screen) {
			t.Errorf("English on the Indonesian plan step:\n%s", screen)
		}
		// huh moves between fields by commands of its own: each move is
		// waited for (the field's mark, ┃), as a person sees it, before typing.
		focused := func(title map[string]string) { d.expect("┃ " + title[lang]) }
		d.keys(strings.Split("Pelatihan", "")...)
		d.key("tab")
		focused(map[string]string{"id": "Penanggung jawab", "en": "Owner"})
		d.keys(strings.Split("Kepala Biro", "")...)
		d.key("enter")
		focused(map[string]string{"id": "Tenggat (TTTT-BB)", "en": "Due (YYYY-MM)"})
		d.keys(strings.Split("2027-3", "")...) // not a month: refused
		d.key("enter")
		d.expect(map[string]string{"id": "tulis bulan sebagai TTTT-BB", "en": "write the month as YYYY-MM"}[lang])
		// A month the store would refuse is refused here, in words, not on saving.
		d.keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
		d.keys(strings.Split("1999-0", "")...)
		d.keys("3", "enter")
		d.expect(map[string]string{"id": "dari 2000-01 sampai 2099-12", "en": "from 2000-01 to 2099-12"}[lang])
		d.keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
		d.keys(strings.Split("2027-0", "")...)
		d.keys("3", "enter")
		focused(map[string]string{"id": "Status", "en": "Status"})
		d.key("enter") // the status: planned
		d.expect(map[string]string{"id": "Rencana aksi Instansi disimpan: Adaptif", "en": "Action plan of Instansi saved: Adaptive"}[lang])
		if len(src.saved) != 1 || !src.news[0] || src.saved[0] != (PlanArea{Focus: "adaptif", Reason: scoring.ReasonFixFirst, Actions: "Pelatihan", Owner: "Kepala Biro", Due: "2027-03", Status: "planned"}) {
			t.Fatalf("%s: saved %+v (new %v)", lang, src.saved, src.news)
		}
		d.key("a")
		d.expect(want[0])
		d.key("esc")
		d.expect("BerAKHLAK · Admin")
		if len(src.saved) != 1 || strings.Contains(d.screen(), want[0]) {
			t.Fatalf("%s: esc did not cancel: %d saved", lang, len(src.saved))
		}
	}
}

// The national admin screen says how many units work on each value.
func TestFocusCountsInWords(t *testing.T) {
	counts := map[string]map[string]int64{"adaptif": {"planned": 2, "done": 1}, "loyal": {"dropped": 1}}
	if got := FocusCountsText(counts, "id"); got != "Unit yang menggarap tiap nilai: Loyal 1 (selesai 0) · Adaptif 3 (selesai 1)" {
		t.Errorf("id: %q", got)
	}
	if got := FocusCountsText(counts, "en"); got != "Units working on each value: Loyal 1 (done 0) · Adaptive 3 (done 1)" {
		t.Errorf("en: %q", got)
	}
	if FocusCountsText(nil, "id") != "" {
		t.Error("no counts, yet a line")
	}
}

// followingSource is fakeAdminSource whose readings carry follow-ups.
type followingSource struct {
	fakeAdminSource
	followUps []scoring.FocusFollowUp
}

func (f *followingSource) Load() (AdminData, error) {
	data, err := f.fakeAdminSource.Load()
	data.FollowUps = f.followUps
	return data, err
}

// The admin screen reads the previous survey's focus areas again under the
// unit in view, with the adjusted call, and no figure for a hidden one.
func TestAdminShowsTheFollowUp(t *testing.T) {
	p := 1e-9
	rose := scoring.FocusFollowUp{Unit: "root", Focus: "adaptif", Value: "adaptif", Status: "done",
		Then: &scoring.Stat{Index: 37.5}, Now: &scoring.Stat{Index: 87.5}, Change: &scoring.Change{Delta: 50, Tested: true, P: &p}}
	hidden := scoring.FocusFollowUp{Unit: "root", Focus: "impl.loyal.2", Value: "loyal", Status: "planned", Call: scoring.CallHidden}
	src := &followingSource{fakeAdminSource: fakeAdminSource{events: make(chan struct{})}, followUps: []scoring.FocusFollowUp{rose, hidden}}
	d := newDriver(t, NewAdmin(src, ""), 120, 40)
	d.expect("Tindak lanjut area fokus survei sebelumnya", "Adaptif: 37.5 → 87.5, naik · selesai", "Loyal · perilaku 2: tidak ditampilkan (kelompok terlalu kecil) · direncanakan")
}

// trendingSource is fakeAdminSource with two earlier surveys of the same
// figures (the fake's own reading), joined with this one.
type trendingSource struct{ fakeAdminSource }

func (f *trendingSource) Load() (AdminData, error) {
	data, err := f.fakeAdminSource.Load()
	for _, year := range []string{"2024", "2025"} {
		set := data.Settings
		set.Survey = year
		data.Earlier = append(data.Earlier, EarlierSurvey{Settings: set, Instrument: "2026.1", Groups: data.Groups})
	}
	data.TrendBrokenBy = &scoring.TrendSurvey{Survey: "2023"}
	return data, err
}

// t shows the unit's indices over the joined surveys, and why an earlier
// one is not joined; t again goes back to the table.
func TestAdminTrendView(t *testing.T) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(9, 9))
	src := &trendingSource{fakeAdminSource{events: make(chan struct{})}}
	for range 10 {
		src.rs = append(src.rs, in.SampleResponse(rng, "asn", "2026", "root", "2026-11-27", 0))
	}
	d := newDriver(t, NewAdmin(src, ""), 120, 40)
	d.expect("│unit")
	d.key("t")
	d.expect("Tren seluruh survei", "Indeks BerAKHLAK", "2024 ", " → 2025 ", " → 2026 ", "  Kolaboratif", "survei 2023 dan sebelumnya memakai instrumen lain")
	if strings.Contains(d.screen(), "—") && !strings.Contains(d.screen(), "—: unit tidak diberi angka") {
		t.Error("a figure missing from a trend of shown figures")
	}
	d.key("t")
	d.expect("│unit")
	if strings.Contains(d.screen(), "Tren seluruh survei") {
		t.Error("t did not go back to the table")
	}
}
