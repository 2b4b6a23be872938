package sshserver

import (
	"slices"
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

// TestDrawerWritesOnlyChangedLines: after the first frame, a view with one
// line changed writes that line alone, placed and erased first; a shorter
// view erases the lines it lost; a new size redraws the whole screen.
func TestDrawerWritesOnlyChangedLines(t *testing.T) {
	d, out := newTestDrawer()
	d.minFrame = 0
	d.show("eins\nzwei\ndrei", 40, 5)
	before := len(out.all())
	d.show("eins\nZWEI\ndrei", 40, 5)
	frame := out.all()[before:]
	if frame != ansi.CursorPosition(1, 2)+ansi.EraseEntireLine+"ZWEI"+ansi.ResetStyle {
		t.Fatalf("one changed line wrote %q", frame)
	}
	before = len(out.all())
	d.show("eins", 40, 5)
	frame = out.all()[before:]
	for _, row := range []int{2, 3} {
		if !strings.Contains(frame, ansi.CursorPosition(1, row)+ansi.EraseEntireLine) {
			t.Fatalf("line %d the view lost was not erased: %q", row, frame)
		}
	}
	if strings.Contains(frame, "eins") {
		t.Fatalf("an unchanged line was written again: %q", frame)
	}
	before = len(out.all())
	d.show("eins", 30, 5)
	if frame := out.all()[before:]; !strings.Contains(frame, ansi.EraseEntireScreen) || !strings.Contains(frame, "eins") {
		t.Fatalf("a new size did not redraw the screen: %q", frame)
	}
	before = len(out.all())
	d.show(strings.Repeat("x", 45), 30, 5) // wider than the terminal: cut, never wrapped onto the next line
	if frame := out.all()[before:]; strings.Contains(frame, strings.Repeat("x", 31)) || !strings.Contains(frame, strings.Repeat("x", 30)) {
		t.Fatalf("a line wider than the terminal was not cut to it: %q", frame)
	}
}

// TestDrawerKeepsItsOwnCopyOfTheLines: a model's lines are its own and
// are written again at its next key; a frame that waits for its time draws
// the lines as they were shown, not as the model wrote them after.
func TestDrawerKeepsItsOwnCopyOfTheLines(t *testing.T) {
	d, out := newTestDrawer()
	d.minFrame = time.Hour // the waiting frame is drawn by hand below, never by its timer
	d.showLines([]string{"eins", "zwei"}, 40, 5)
	before := len(out.all())
	lines := []string{"eins", "drei"}
	d.showLines(lines, 40, 5) // within minFrame: waits
	lines[1] = "vier"         // the model's next key, before the frame
	d.drawDue()
	if frame := out.all()[before:]; !strings.Contains(frame, "drei") || strings.Contains(frame, "vier") {
		t.Fatalf("the waiting frame drew %q, not the lines shown (eins, drei)", frame)
	}
}

// TestDrawerHoldsOneViewOnly: a shorter view leaves nothing of the longer
// one before it in the drawer (on a kiosk terminal the welcome follows the
// last respondent's answers, and is shorter where the screen is tall).
func TestDrawerHoldsOneViewOnly(t *testing.T) {
	d, _ := newTestDrawer()
	d.minFrame = 0
	d.show("kepuasan\njawaban 4\njawaban 5", 40, 5)
	d.show("Selamat datang", 40, 5)
	for _, buf := range [][]string{d.content, d.lines} {
		if held := slices.DeleteFunc(slices.Clone(buf[:cap(buf)]), func(l string) bool { return l == "" || l == "Selamat datang" }); len(held) > 0 {
			t.Fatalf("the drawer still holds %q of the view before", held)
		}
	}
}

// TestDrawerDrawsWhatFitsOfATallView: a view taller than the terminal is
// drawn down to its last row; the lines below are never written, and the
// rows come back when the terminal grows.
func TestDrawerDrawsWhatFitsOfATallView(t *testing.T) {
	d, out := newTestDrawer()
	d.minFrame = 0
	d.show("a\nb\nc\nd\ne\nf\ng", 40, 5)
	if all := out.all(); !strings.Contains(all, ansi.CursorPosition(1, 5)+ansi.EraseEntireLine+"e") || strings.Contains(all, "f") {
		t.Fatalf("a 7-line view on 5 rows wrote %q", all)
	}
	before := len(out.all())
	d.show("a\nb\nc\nd\ne\nF\ng", 40, 5)
	if frame := out.all()[before:]; frame != "" {
		t.Fatalf("a change below the last row wrote %q", frame)
	}
	d.show("a\nb\nc\nd\ne\nF\ng", 40, 7)
	if frame := out.all()[before:]; !strings.Contains(frame, ansi.CursorPosition(1, 6)+ansi.EraseEntireLine+"F") {
		t.Fatalf("the grown terminal did not get the rows below: %q", frame)
	}
}

// TestDrawerFitsColoursToTheTerminal: true colour goes out as it is to a
// terminal that has it, brought down to 256 colours for one that has those,
// and colour is dropped, cursor moves kept, for a terminal without any.
func TestDrawerFitsColoursToTheTerminal(t *testing.T) {
	view := "\x1b[38;2;117;113;249mbar\x1b[m \x1b[32mok\x1b[m"
	for env, want := range map[string][2]string{
		"TERM=xterm-256color COLORTERM=truecolor": {"38;2;117;113;249", ""},
		"TERM=xterm-256color":                     {"38;5;", "38;2;"},
		"TERM=dumb":                               {"bar", "\x1b[32m"},
	} {
		out := &recorder{}
		d := newDrawer(out, strings.Fields(env), 40, 5)
		d.show(view, 40, 5)
		got := out.all()
		if !strings.Contains(got, want[0]) || (want[1] != "" && strings.Contains(got, want[1])) {
			t.Errorf("%s: %q; want %q without %q", env, got, want[0], want[1])
		}
		if !strings.Contains(got, ansi.CursorPosition(1, 1)) {
			t.Errorf("%s: the line was not placed: %q", env, got)
		}
	}
}

// TestDrawerAsksForTapsWhileTheViewDoes: a view in mouse mode has the
// terminal report clicks (SGR), once; leaving the mode, or the session,
// turns it off again.
func TestDrawerAsksForTapsWhileTheViewDoes(t *testing.T) {
	d, out := newTestDrawer()
	d.minFrame = 0
	d.setMouse(true)
	d.show("seite", 40, 5)
	d.show("seite 2", 40, 5)
	if got := strings.Count(out.all(), mouseOn); got != 1 {
		t.Fatalf("mouse reporting turned on %d times: %q", got, out.all())
	}
	d.setMouse(false)
	d.show("seite 2", 40, 5)
	if !strings.Contains(out.all(), mouseOff) {
		t.Fatalf("leaving mouse mode did not turn reporting off: %q", out.all())
	}
	d.setMouse(true)
	d.show("seite 3", 40, 5)
	d.close()
	if all := out.all(); !strings.HasSuffix(all, ansi.ResetModeAltScreenSaveCursor+ansi.ShowCursor+ansi.ResetModeBracketedPaste+mouseOff) {
		t.Fatalf("closing left mouse reporting on: %q", all[max(0, len(all)-80):])
	}
}

// TestDrawerRedrawsWhenTheProgramWipesTheScreen: a kiosk terminal's program
// wipes the terminal between two people (through Bubble Tea's own output);
// the view is then drawn whole again at once, every line of it, where the
// drawer had left the wiped lines for gone only at the next change.
func TestDrawerRedrawsWhenTheProgramWipesTheScreen(t *testing.T) {
	d, out := newTestDrawer()
	d.minFrame = 0
	d.show("Survei BerAKHLAK\nSelamat datang", 40, 5)
	d.show("Survei BerAKHLAK\nTerima kasih", 40, 5)
	n := out.count()
	d.output().Write([]byte(ansi.EraseEntireScreen + ansi.EraseEntireDisplay))
	after := strings.Join(out.writes[n:], "")
	if !strings.Contains(after, "Survei BerAKHLAK") || !strings.Contains(after, "Terima kasih") {
		t.Fatalf("after the wipe the view was not drawn again whole: %q", after)
	}
}
