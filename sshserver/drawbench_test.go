package sshserver

import (
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/internal/testkit"
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

// BenchmarkRespondentDrawn: a whole ASN respondent as an SSH session runs
// one, but for the network: each of the ~103 keys goes through the kiosk's
// Update, its view and the drawer, which writes the lines that changed.
func BenchmarkRespondentDrawn(b *testing.B) {
	keys := testkit.Presses(testkit.ASN(questionnaire.Default()))
	cfg := tui.Config{Instrument: questionnaire.Default(), Survey: "2026", Unit: "root", Store: discardSaver{},
		Modules: map[string][]string{"asn": {"implementation", "values", "engagement", "demographics"}, "public": {"branding", "demographics"}},
		Now:     time.Now, ThanksFor: time.Second, IdleAfter: time.Hour, CountdownFor: time.Minute}
	respond := func(out io.Writer) {
		d := newDrawer(out, []string{"TERM=xterm-256color"}, 100, 30)
		d.minFrame = 0
		var m tea.Model = drawnModel{Model: tui.New(cfg), d: d, width: 100, height: 30}
		m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		for _, key := range keys {
			m, _ = m.Update(key)
		}
	}
	var first strings.Builder
	if respond(&first); !strings.Contains(first.String(), "Yang akan disimpan") {
		b.Fatalf("the keys did not reach the stored record:\n%s", first.String())
	}
	out := &countingWriter{}
	for b.Loop() {
		respond(out)
	}
	b.ReportMetric(float64(len(keys)), "keys/op")
	b.ReportMetric(float64(out.n)/float64(b.N), "B-written/op")
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }
