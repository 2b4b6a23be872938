package tui

import (
	"io"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// memSaver keeps saved responses in memory; err, when set, fails every save.
type memSaver struct {
	mu    sync.Mutex
	saved []*questionnaire.Response
	err   error
}

func (m *memSaver) SaveResponse(r *questionnaire.Response) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	m.saved = append(m.saved, r)
	return nil
}

func (m *memSaver) responses() []*questionnaire.Response {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]*questionnaire.Response(nil), m.saved...)
}

// TestProgramTypedKeys runs the kiosk as a real Bubble Tea program reading raw
// terminal bytes, typed faster than any person types (keys queue up while a
// page is drawn), and checks
// that every number key lands on the question it was meant for.
func TestProgramTypedKeys(t *testing.T) {
	saver := &memSaver{}
	k := New(testConfig(saver))
	in, typer := io.Pipe()
	p := tea.NewProgram(k, tea.WithInput(in), tea.WithOutput(io.Discard), tea.WithWindowSize(100, 30), tea.WithoutSignalHandler())
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()

	typeKeys := func(keys ...string) {
		for _, key := range keys {
			if _, err := typer.Write([]byte(key)); err != nil {
				t.Fatalf("type %q: %v", key, err)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	const down, enter = "\x1b[B", "\r"
	typeKeys("1", "1") // Indonesian, ASN
	var impl []string
	for i := range 21 {
		impl = append(impl, string(rune('1'+i%5)))
	}
	typeKeys(impl...)
	for range 3 {
		for range 10 {
			typeKeys("x", down)
		}
		typeKeys(enter)
	}
	typeKeys("4", "4", "4", "4", "4", "4", "4", "4", "4", "5") // engagement, stay
	typeKeys("1", "0", enter, "1", "2", "0", enter)            // recommend 10, age, tenure, skip employment
	time.Sleep(100 * time.Millisecond)
	typeKeys(enter, enter) // review, then the stored record: save
	deadline := time.Now().Add(5 * time.Second)
	for len(saver.responses()) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	p.Quit()
	typer.Close()
	<-done

	got := saver.responses()
	if len(got) != 1 {
		t.Fatalf("saved %d responses, want 1", len(got))
	}
	a := got[0].Answers
	for i, v := range questionnaire.CoreValues {
		for n := 1; n <= 3; n++ {
			want := 1 + (i*3+n-1)%5
			if a.Scale[questionnaire.ImplItem(v, n)] != want {
				t.Errorf("%s = %d, want %d", questionnaire.ImplItem(v, n), a.Scale[questionnaire.ImplItem(v, n)], want)
			}
		}
	}
	if a.Scale["eng.stay"] != 5 || a.Scale["eng.recommend"] != 10 {
		t.Errorf("eng.stay = %d, eng.recommend = %d, want 5 and 10", a.Scale["eng.stay"], a.Scale["eng.recommend"])
	}
	if a.Choice["demo.age"] != "18-24" || a.Choice["demo.tenure"] != "3-10" || a.Choice["demo.employment"] != "" {
		t.Errorf("demographics = %v, want age 18-24, tenure 3-10, no employment", a.Choice)
	}
}

func testConfig(s Saver) Config {
	return Config{
		Instrument: questionnaire.Default(),
		Survey:     "2026",
		Unit:       "root",
		Modules:    map[string][]string{"asn": {"implementation", "values", "engagement", "demographics"}, "public": {"branding", "demographics"}},
		Store:      s,
		Now:        func() time.Time { return time.Date(2026, 11, 27, 14, 3, 0, 0, time.UTC) },
	}
}
