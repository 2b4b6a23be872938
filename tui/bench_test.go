package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// BenchmarkKioskFirstFrame builds a kiosk and draws its first screen, as a
// new SSH session or a restarted kiosk does.
func BenchmarkKioskFirstFrame(b *testing.B) {
	cfg := testConfig(&memSaver{})
	for b.Loop() {
		k := New(cfg)
		k.Update(tea.WindowSizeMsg{Width: minWidth, Height: minHeight})
		_ = k.View()
	}
}

// BenchmarkKeyOnSurveyPage is one number key on a survey page: answer,
// move on (every third key to a new page), redraw.
func BenchmarkKeyOnSurveyPage(b *testing.B) {
	k := New(testConfig(&memSaver{}))
	k.Update(keyMsg("1"))
	k.Update(keyMsg("1"))
	for i := 0; b.Loop(); i++ {
		if i%21 == 20 { // stay on the implementation pages
			b.StopTimer()
			k = New(testConfig(&memSaver{}))
			k.Update(keyMsg("1"))
			k.Update(keyMsg("1"))
			b.StartTimer()
		}
		k.Update(keyMsg("3"))
		_ = k.View()
	}
}

// BenchmarkKeyOnValuesPage: a key on a values list (66 entries, 10 to
// pick), where most of a survey's keys are pressed: move, pick, unpick.
func BenchmarkKeyOnValuesPage(b *testing.B) {
	k := New(testConfig(&memSaver{}))
	k.Update(keyMsg("1"))
	k.Update(keyMsg("1"))
	for range 21 {
		k.Update(keyMsg("3"))
	}
	if !strings.Contains(k.View().Content, "10") {
		b.Fatal("not on the values page")
	}
	keys := []string{"down", "space", "space"}
	for i := 0; b.Loop(); i++ {
		k.Update(keyMsg(keys[i%len(keys)]))
		_ = k.View()
	}
}

// BenchmarkPageChange is the key that answers a page's last question: the
// next page is built and drawn.
func BenchmarkPageChange(b *testing.B) {
	k := New(testConfig(&memSaver{}))
	k.Update(keyMsg("1"))
	k.Update(keyMsg("1"))
	k.Update(keyMsg("3"))
	k.Update(keyMsg("3"))
	for b.Loop() {
		k.Update(keyMsg("3")) // the last question of page 1: page 2 opens
		_ = k.View()
		b.StopTimer()
		k.Update(keyMsg("shift+tab")) // back to page 1's last question
		_ = k.View()
		b.StartTimer()
	}
}

// BenchmarkRespondent is one respondent on a new kiosk, as each SSH
// respondent is: the first screen, then every key of the ASN survey up to
// the confirmation of the stored record, each drawn. It is what the server
// spends on a respondent besides SSH and the save (issue 35).
func BenchmarkRespondent(b *testing.B) {
	cfg := testConfig(&memSaver{})
	keys := append(append([]string{"1", "1"}, testkit.Survey(questionnaire.Default(), questionnaire.AudienceASN, nil)...), "enter", "enter")
	respond := func(check bool) {
		k := New(cfg)
		k.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		_ = k.View()
		for i, key := range keys {
			if check && i == len(keys)-1 && !strings.Contains(k.View().Content, "Yang akan disimpan") {
				b.Fatalf("the keys did not reach the stored record:\n%s", k.View().Content)
			}
			k.Update(keyMsg(key))
			_ = k.View()
		}
	}
	respond(true)
	for b.Loop() {
		respond(false)
	}
	b.ReportMetric(float64(len(keys)), "keys/op")
}

// BenchmarkReviewAndStored is the review and the stored record of a
// finished survey, drawn on a new kiosk: the question list every respondent
// sees twice, wrapped to the screen.
func BenchmarkReviewAndStored(b *testing.B) {
	cfg := testConfig(&memSaver{})
	keys := append([]string{"1", "1"}, testkit.Survey(questionnaire.Default(), questionnaire.AudienceASN, nil)...)
	last := len(keys) - 1
	for b.Loop() {
		b.StopTimer()
		k := New(cfg)
		k.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		for _, key := range keys[:last] {
			k.Update(keyMsg(key))
		}
		b.StartTimer()
		k.Update(keyMsg(keys[last])) // the last answer opens the review
		_ = k.View()
		k.Update(keyMsg("enter")) // the stored record, in words
		if !strings.Contains(k.View().Content, "Yang akan disimpan") {
			b.Fatal("not on the stored record")
		}
	}
}
