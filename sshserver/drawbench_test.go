package sshserver

import (
	"io"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui"
)

type discardSaver struct{}

func (discardSaver) SaveResponse(*questionnaire.Response) error { return nil }

// surveyViews are the kiosk's screens, key after key, as a respondent at
// 80×24 answers the first pages.
func surveyViews() []string {
	k := tui.New(tui.Config{Instrument: questionnaire.Default(), Survey: "2026", Unit: "root", Store: discardSaver{},
		Modules: map[string][]string{"asn": {"implementation", "values", "engagement", "demographics"}, "public": {"branding", "demographics"}},
		Now:     time.Now, ThanksFor: time.Second, IdleAfter: time.Hour, CountdownFor: time.Minute})
	var m tea.Model = k
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	var views []string
	for _, key := range []string{"1", "1", "4", "3", "4", "5", "4", "3", "2", "4", "4", "3", "4", "5", "4", "3", "2", "4", "4", "3", "4", "5", "4"} {
		m, _ = m.Update(tea.KeyPressMsg{Code: rune(key[0]), Text: key})
		views = append(views, m.View().Content)
	}
	return views
}

// BenchmarkDrawKey: one key's frame drawn over SSH — the view's lines
// compared with those on the terminal, the changed ones written.
func BenchmarkDrawKey(b *testing.B) {
	views := surveyViews()
	d := newDrawer(io.Discard, []string{"TERM=xterm-256color"}, 80, 24)
	d.minFrame = 0
	i := 0
	for b.Loop() {
		d.show(views[i%len(views)], 80, 24)
		i++
	}
}
