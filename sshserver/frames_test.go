package sshserver

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// recorder is a terminal that keeps what it was sent.
type recorder struct {
	mu     sync.Mutex
	writes []string
}

func (r *recorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writes = append(r.writes, string(p))
	return len(p), nil
}

func (r *recorder) all() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.writes, "")
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.writes)
}

func newTestDrawer() (*drawer, *recorder) {
	out := &recorder{}
	return newDrawer(out, []string{"TERM=xterm-256color"}, 40, 5), out
}

// TestDrawerDrawsOnChangeOnly: the first view enters the alternate screen
// and is drawn at once; the same view again writes nothing; a view shown
// before the next frame is due is drawn by the timer, the latest one only.
func TestDrawerDrawsOnChangeOnly(t *testing.T) {
	d, out := newTestDrawer()
	d.show("eins", 40, 5)
	first := out.all()
	if !strings.Contains(first, ansi.SetModeAltScreenSaveCursor) || !strings.Contains(first, "eins") {
		t.Fatalf("the first view was not drawn at once in the alternate screen: %q", first)
	}
	writes := out.count()
	d.show("eins", 40, 5)
	time.Sleep(3 * minFrame)
	if out.count() != writes {
		t.Fatalf("an unchanged view was written again: %q", out.all()[len(first):])
	}
	d.show("xxxx", 40, 5) // a frame is due: drawn at once
	if !strings.Contains(out.all(), "xxxx") {
		t.Fatalf("a changed view was not drawn at once: %q", out.all())
	}
	d.mu.Lock()
	d.minFrame = 300 * time.Millisecond // long enough that the next two views surely fall within it
	d.mu.Unlock()
	d.show("yyyy", 40, 5) // within minFrame: waits…
	d.show("zzzz", 40, 5) // …and is replaced before its frame
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(out.all(), "zzzz") {
		if time.Now().After(deadline) {
			t.Fatalf("the latest view was never drawn: %q", out.all())
		}
		time.Sleep(time.Millisecond)
	}
	if strings.Contains(out.all(), "yyyy") {
		t.Fatalf("a view replaced before its frame was drawn: %q", out.all())
	}
}

// TestDrawerGivesTheTerminalBack: closing leaves the alternate screen, shows
// the cursor and ends bracketed paste; nothing is drawn after.
func TestDrawerGivesTheTerminalBack(t *testing.T) {
	d, out := newTestDrawer()
	d.show("frage", 40, 5)
	d.close()
	tail := out.all()
	for _, seq := range []string{ansi.ResetModeAltScreenSaveCursor, ansi.ShowCursor, ansi.ResetModeBracketedPaste} {
		if !strings.Contains(tail, seq) {
			t.Fatalf("closing did not write %q: %q", seq, tail)
		}
	}
	n := out.count()
	d.show("danach", 40, 5)
	time.Sleep(3 * minFrame)
	if out.count() != n {
		t.Fatal("a closed drawer drew again")
	}
}
