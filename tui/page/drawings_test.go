package page

import (
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestSessionsShareDrawingsSafely: every program of the same looks shares
// the drawings (each SSH respondent is a new program), the plain and the
// coloured looks do not share theirs, and sessions drawing side by side
// each see their own page in their own language (run with -race).
func TestSessionsShareDrawingsSafely(t *testing.T) {
	coloured, colouredAgain := NewStyles(true), NewStyles(true)
	plain, plainAgain := NewStyles(false), NewStyles(false)
	if coloured.drawn != colouredAgain.drawn || plain.drawn != plainAgain.drawn {
		t.Fatal("two programs of the same looks keep drawings apart")
	}
	if coloured.drawn == plain.drawn {
		t.Fatal("the plain and the coloured looks share drawings")
	}
	labels := []string{"Tidak pernah", "Jarang", "Kadang", "Sering", "Selalu"}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for session := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lang, want, wrong := "id", "pindah", "move" // in the key help
			if session%2 == 1 {
				lang, want, wrong = "en", "move", "pindah"
			}
			var values []string
			a, b := 0, 0
			p := New("", NewKeyMap(lang), NewStyles(session%4 < 2), NewScale("a", "Pertanyaan A?", labels, 1, &a),
				NewScale("b", "Pertanyaan B?", labels, 1, &b), catalogue66(&values))
			p.SetSize(80, 24)
			for _, k := range press("3", "4", "down", "space", "down", "space") {
				p.Update(k)
				view := ansi.Strip(p.View())
				if help := view[strings.LastIndex(view, "]"):]; !strings.Contains(help, want) || strings.Contains(help, wrong) {
					errs <- "a " + lang + " page lacks its own language's key help:\n" + view
					return
				}
			}
			if a != 3 || b != 4 || len(values) != 2 {
				errs <- "answers lost"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// TestWhatARespondentTypesIsNeverKept: a search typed into a values list
// is drawn, but never kept among the drawings every session shares.
func TestWhatARespondentTypesIsNeverKept(t *testing.T) {
	var values []string
	st := NewStyles(true)
	p := New("", NewKeyMap("id"), st, catalogue66(&values))
	p.SetSize(80, 24)
	for _, k := range press("/", "q", "z", "x") {
		p.Update(k)
		p.View()
	}
	if !strings.Contains(ansi.Strip(p.View()), "/qzx") {
		t.Fatalf("the search is not on the screen:\n%s", ansi.Strip(p.View()))
	}
	for _, kept := range st.drawn.muted.Keys() {
		if strings.Contains(kept, "qzx") || strings.Contains(kept, "/q") {
			t.Fatalf("a typed search is kept for every session: %q", kept)
		}
	}
}
