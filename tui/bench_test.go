package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
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
