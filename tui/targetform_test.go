package tui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/scoring"
)

// targetingSource is fakeAdminSource that keeps targets: engagement held
// to the survey's 70 from a baseline of 61.3, entropy (lower is better)
// with none, from 33.9.
type targetingSource struct {
	fakeAdminSource
	saved  []string // "unit key value", value "-" for a removal
	closed bool
}

// Load is the fake's reading with a unit under its root, Biro Umum (biro),
// whose targets may be its own.
func (s *targetingSource) Load() (AdminData, error) {
	data, err := s.fakeAdminSource.Load()
	data.Nodes = append(data.Nodes, scoring.Node{ID: "biro", Parent: "root", Name: "Biro Umum"})
	data.Groups = scoring.NewGroups(data.Nodes, nil, nil)
	data.Closed = s.closed
	return data, err
}

func (s *targetingSource) Targets(unit, lang string) ([]TargetRow, error) {
	seventy, engagement, entropy := 70.0, 61.3, 33.9
	name := map[string][2]string{"id": {"keterikatan", "entropi budaya"}, "en": {"engagement", "cultural entropy"}}[lang]
	return []TargetRow{
		{Key: "engagement", Name: name[0], Target: &seventy, Own: unit == "", Baseline: &engagement},
		{Key: "entropy", Name: name[1], Baseline: &entropy},
	}, nil
}

func (s *targetingSource) SaveTarget(unit, key string, value *float64) error {
	v := "-"
	if value != nil {
		v = strconv.FormatFloat(*value, 'f', -1, 64)
	}
	s.saved = append(s.saved, unit+" "+key+" "+v)
	return nil
}

// A unit's head sets the unit's own targets with the form (g), in the
// screen's language at 80×24: the baseline and the proposal are said, a
// decimal comma is read, a target on the worse side of a shown baseline is
// refused in words (for entropy, where lower is better, above it), and esc
// saves nothing.
func TestAdminSetsTargetsWithTheForm(t *testing.T) {
	for _, lang := range []string{"id", "en"} {
		src := &targetingSource{fakeAdminSource: fakeAdminSource{events: make(chan struct{})}}
		d := newDriver(t, NewAdmin(src, "biro"), 80, 24)
		d.expect("Biro Umum")
		d.key("?")
		d.expect("g target •")
		if lang == "en" {
			d.key("f2")
			d.expect("g targets")
		}
		say := func(id, en string) string { return map[string]string{"id": id, "en": en}[lang] }
		d.key("g")
		d.expect(say("Target Biro Umum: pilih indeks", "Targets of Biro Umum: choose an index"),
			say("keterikatan · 70.0 (dari survei) · angka dasar 61.3", "engagement · 70.0 (the survey's) · baseline 61.3"),
			say("entropi budaya · belum ada target · angka dasar 33.9", "cultural entropy · no target · baseline 33.9"),
			say("enter pilih", "enter select")) // choosing an index saves nothing
		if screen := d.screen(); lang == "id" && englishHelp.MatchString(screen) || len(strings.Split(screen, "\n")) > 24 {
			t.Errorf("%s: the form at 80×24:\n%s", lang, screen)
		}
		d.key("enter")
		// 61.3 + (100 − 61.3) / 10 = 65.17
		d.expect(say("Target Biro Umum · keterikatan", "Target of Biro Umum · engagement"), say("usulan 65.2", "proposed 65.2"),
			say("kosongkan: ikut target survei", "leave empty: held to the survey's"), say("enter simpan", "enter save"))
		if screen := d.screen(); lang == "id" && englishHelp.MatchString(screen) {
			t.Errorf("English on the Indonesian value step:\n%s", screen)
		}
		d.keys("6", "0", "enter")
		d.expect(say("di sisi yang lebih buruk dari angka dasar 61.3", "on the worse side of the baseline 61.3"))
		d.keys("backspace", "backspace", "1", "0", "1", "enter")
		d.expect(say("tulis angka dari 0 sampai 100", "write a number from 0 to 100"))
		d.keys("backspace", "backspace", "backspace", "6", "6", ",", "5", "enter")
		d.expect(say("Target Biro Umum disimpan: keterikatan 66.5", "Target of Biro Umum saved: engagement 66.5"))

		d.key("g")
		d.expect(say("pilih indeks", "choose an index"))
		d.keys("down", "enter")
		d.expect(say("Target Biro Umum · entropi budaya", "Target of Biro Umum · cultural entropy"), say("usulan 30.5", "proposed 30.5"))
		d.keys("4", "0", "enter")
		d.expect(say("di sisi yang lebih buruk dari angka dasar 33.9", "on the worse side of the baseline 33.9"))
		d.keys("backspace", "backspace", "3", "0", "enter")
		d.expect(say("Target Biro Umum disimpan: entropi budaya 30", "Target of Biro Umum saved: cultural entropy 30"))

		d.key("g")
		d.expect(say("pilih indeks", "choose an index"))
		d.key("esc")
		d.expect("BerAKHLAK · Admin")
		if got := strings.Join(src.saved, "; "); got != "biro engagement 66.5; biro entropy 30" {
			t.Fatalf("%s: saved %q", lang, got)
		}
	}
}

// On the whole survey (here its only root) the form sets the survey's
// targets: its own target is typed in already, given back unchanged it
// saves nothing, and emptying it removes it.
func TestAdminRemovesTheSurveysTarget(t *testing.T) {
	src := &targetingSource{fakeAdminSource: fakeAdminSource{events: make(chan struct{})}}
	d := newDriver(t, NewAdmin(src, ""), 80, 24)
	d.expect("Instansi")
	d.key("g")
	d.expect("Target Instansi: pilih indeks")
	d.key("enter")
	d.expect("kosongkan: tanpa target")
	d.key("enter")
	d.expect("BerAKHLAK · Admin · survei 2026")
	if len(src.saved) != 0 {
		t.Fatalf("an unchanged target was saved: %q", src.saved)
	}
	d.key("g")
	d.expect("Target Instansi: pilih indeks", "keterikatan · 70.0 · angka dasar 61.3")
	d.key("enter")
	d.expect("kosongkan: tanpa target", "70")
	d.keys("backspace", "backspace", "enter")
	d.expect("Target Instansi dihapus: keterikatan")
	if got := strings.Join(src.saved, "; "); got != " engagement -" {
		t.Fatalf("saved %q", got)
	}
}

// A closed survey's targets are not the form's to change: g says so.
func TestAdminLeavesAClosedSurveysTargets(t *testing.T) {
	src := &targetingSource{fakeAdminSource: fakeAdminSource{events: make(chan struct{})}, closed: true}
	d := newDriver(t, NewAdmin(src, "root"), 80, 24)
	d.expect("Instansi")
	d.key("g")
	d.expect("Survei 2026 sudah ditutup", "(p, admin seluruh instansi).") // wrapped, its end in view too
	if strings.Contains(d.screen(), "pilih indeks") {
		t.Fatalf("the form opened on a closed survey:\n%s", d.screen())
	}
}
