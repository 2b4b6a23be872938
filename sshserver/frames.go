package sshserver

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// A session's screen is drawn by a drawer, not by Bubble Tea's renderer.
// Bubble Tea v2.1.1 redraws each program on a 60 Hz ticker whether or not
// its view changed, so every idle session cost CPU every second and a key's
// screen waited for the next tick. A drawer draws when the view changed,
// right away in the Update that changed it, at most once per minFrame (a
// view that changes sooner is drawn by a timer when the frame is due, with
// whatever changed meanwhile); nothing runs while nothing changes.
//
// It draws line by line, as Bubble Tea's renderer did before v2: a line that
// differs from the one on the terminal is written whole, each line placed
// with its own cursor move and erased first. The cell-by-cell diff of
// ultraviolet's terminal renderer (which Bubble Tea v2 uses) cost more than
// everything else a key does, and a survey page scrolls with every answer,
// so almost every line changes anyway (BENCHMARKS.md, issue 18).

// minFrame is the shortest time between two frames: keys typed faster (a
// paste, a burst) are drawn together. At 1/120 s most keys of a quick typist
// waited for a timer; 2 ms draws nearly every key at once and still folds a
// burst into one frame (BENCHMARKS.md, issue 18).
const minFrame = 2 * time.Millisecond

// drawer draws one session's frames.
type drawer struct {
	mu      sync.Mutex // guards what follows and every write to out
	out     io.Writer
	colours *colorprofile.Writer // out, with colours the terminal lacks brought down to what it has
	content []string             // the latest view, line by line: the drawer's own copy
	width   int
	height  int
	// lines are the view last drawn (nil: the screen is to be drawn whole),
	// at drawnW × drawnH: the terminal shows as many of them as fit.
	lines          []string
	drawnW, drawnH int
	frame          []byte // the frame being written, reused
	lastFrame      time.Time
	minFrame       time.Duration // minFrame, but for tests
	due            *time.Timer   // a frame waiting for minFrame to pass; nil when none
	started        bool
	closed         bool
	// mouse is whether the view asks for taps (mouse clicks, as a touch
	// screen's terminal reports them); drawnMouse whether the terminal was
	// told to send them.
	mouse, drawnMouse bool
}

// mouseOn has the terminal report clicks (button events, in SGR form:
// any column); mouseOff stops it.
const (
	mouseOn  = ansi.SetModeMouseButtonEvent + ansi.SetModeMouseExtSgr
	mouseOff = ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseExtSgr
)

// sessionDrawer returns the drawer of a session with a terminal.
func sessionDrawer(sess ssh.Session) *drawer {
	pty, _, _ := sess.Pty()
	return newDrawer(sess, append(sess.Environ(), "TERM="+pty.Term), pty.Window.Width, pty.Window.Height)
}

// newDrawer returns a drawer writing to out, a terminal described by env.
func newDrawer(out io.Writer, env []string, width, height int) *drawer {
	// Without a terminal type a session still gets cursor moves: colours
	// stripped, as on a terminal without colour, never every sequence.
	profile := max(colorprofile.Env(env), colorprofile.ASCII)
	return &drawer{out: out, colours: &colorprofile.Writer{Forward: out, Profile: profile},
		width: width, height: height, minFrame: minFrame}
}

// output is the session's output as Bubble Tea writes to it (the escape
// sequences it sends itself): it takes the drawer's lock, so those writes and
// the drawer's frames never interleave.
func (d *drawer) output() io.Writer { return lockedWriter{d} }

type lockedWriter struct{ d *drawer }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.d.mu.Lock()
	defer w.d.mu.Unlock()
	n, err := w.d.out.Write(p)
	if erasesScreen(p) && w.d.started && !w.d.closed {
		// The program wiped the terminal (a kiosk terminal between two
		// people): the lines the drawer left there are gone, so the view
		// is drawn whole again at once, not line by line at the next key.
		w.d.lines = nil
		w.d.draw()
	}
	return n, err
}

// erasesScreen reports whether p wipes the terminal's screen or scrollback.
func erasesScreen(p []byte) bool {
	return bytes.Contains(p, []byte(ansi.EraseEntireScreen)) || bytes.Contains(p, []byte(ansi.EraseEntireDisplay))
}

// show takes the latest view and size and draws them, now or when the next
// frame is due.
func (d *drawer) show(content string, width, height int) {
	d.showLines(strings.Split(content, "\n"), width, height)
}

// showLines is show for a view given as its lines (its content split at its
// newlines); they are copied, so the caller may write them again after.
func (d *drawer) showLines(lines []string, width, height int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.content, d.width, d.height = copyLines(d.content, lines), width, height
	if d.closed || d.due != nil || !d.changed() {
		return // unchanged, or a frame is already waiting and will draw this
	}
	if wait := d.minFrame - time.Since(d.lastFrame); wait > 0 {
		d.due = time.AfterFunc(wait, d.drawDue)
		return
	}
	d.draw()
}

// copyLines copies lines into buf's array and clears the older lines past
// them, so that the array holds one view, never a line of an older one (on
// a kiosk terminal, the last respondent's answers).
func copyLines(buf, lines []string) []string {
	older := len(buf)
	buf = append(buf[:0], lines...)
	if older > len(buf) {
		clear(buf[len(buf):older])
	}
	return buf
}

// drawDue draws the frame that waited for minFrame.
func (d *drawer) drawDue() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.due = nil
	if !d.closed && d.changed() {
		d.draw()
	}
}

func (d *drawer) changed() bool {
	return !d.started || !slices.Equal(d.content, d.lines) || d.width != d.drawnW || d.height != d.drawnH || d.mouse != d.drawnMouse
}

// setMouse records whether the next views ask for taps.
func (d *drawer) setMouse(on bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.mouse = on
}

// draw puts the latest view on the terminal, writing only the lines that
// changed; mu is held.
func (d *drawer) draw() {
	f := d.frame[:0]
	if !d.started {
		f = append(f, ansi.SetModeAltScreenSaveCursor+ansi.HideCursor+ansi.SetModeBracketedPaste...)
		d.started = true
	}
	if d.mouse != d.drawnMouse {
		if d.mouse {
			f = append(f, mouseOn...)
		} else {
			f = append(f, mouseOff...)
		}
		d.drawnMouse = d.mouse
	}
	lines := d.content[:min(len(d.content), max(d.height, 0))]
	onScreen := d.lines[:min(len(d.lines), max(d.drawnH, 0))]
	if d.width != d.drawnW || d.height != d.drawnH || d.lines == nil {
		f = append(f, ansi.EraseEntireScreen...)
		onScreen = nil
	}
	for i, line := range lines {
		if i < len(onScreen) && onScreen[i] == line {
			continue
		}
		f = append(f, ansi.CursorPosition(1, i+1)+ansi.EraseEntireLine...)
		if len(line) > d.width && ansi.StringWidthWc(line) > d.width { // bytes ≥ cells: most lines need no count
			line = ansi.TruncateWc(line, d.width, "")
		}
		f = append(f, line...)
		f = append(f, ansi.ResetStyle...)
	}
	for i := len(lines); i < len(onScreen); i++ { // the view got shorter
		f = append(f, ansi.CursorPosition(1, i+1)+ansi.EraseEntireLine...)
	}
	d.write(f)
	d.frame = f
	d.lines = copyLines(d.lines, d.content)
	d.drawnW, d.drawnH = d.width, d.height
	d.lastFrame = time.Now()
}

// write sends a frame, its colours brought down to what the terminal has
// where it may lack them (the view's own are mostly the terminal's 16, so
// most frames go out as they are). A closed session fails the write; the
// program is ending then.
func (d *drawer) write(f []byte) {
	if needsDownsampling(f, d.colours.Profile) {
		d.colours.Write(f)
		return
	}
	d.out.Write(f)
}

// needsDownsampling reports whether a frame has colours a terminal of the
// profile lacks: true colour below it, 256 colours below those, any colour
// without colour.
func needsDownsampling(f []byte, p colorprofile.Profile) bool {
	switch {
	case p >= colorprofile.TrueColor:
		return false
	case p == colorprofile.ANSI256:
		return bytes.Contains(f, []byte("8;2;"))
	case p == colorprofile.ANSI:
		return bytes.Contains(f, []byte("8;2;")) || bytes.Contains(f, []byte("8;5;"))
	default:
		return true
	}
}

// close stops drawing and gives the terminal back: the main screen, the
// cursor, no bracketed paste.
func (d *drawer) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	d.closed = true
	if d.due != nil {
		d.due.Stop()
	}
	if d.started {
		reset := ansi.ResetModeAltScreenSaveCursor + ansi.ShowCursor + ansi.ResetModeBracketedPaste
		if d.drawnMouse {
			reset += mouseOff
		}
		d.out.Write([]byte(reset))
	}
}

// drawnModel runs a model whose screen a drawer draws: after every message
// the drawer gets the view, and Bubble Tea (started without its renderer)
// draws nothing itself.
type drawnModel struct {
	tea.Model
	d             *drawer
	width, height int
}

// Update implements tea.Model.
func (m drawnModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		m.width, m.height = size.Width, size.Height
	}
	var cmd tea.Cmd
	m.Model, cmd = m.Model.Update(msg)
	// The view's content and its mouse mode are drawn. Its other fields
	// are dropped: the drawer always takes the alternate screen, hides the
	// cursor and turns bracketed paste on (show), and the programs set no
	// cursor, window title or colours. A program that needs one must teach
	// the drawer first.
	if lm, ok := m.Model.(linesModel); ok {
		lines, taps := lm.ViewLines()
		m.d.setMouse(taps)
		m.d.showLines(lines, m.width, m.height)
		return m, cmd
	}
	v := m.Model.View()
	m.d.setMouse(v.MouseMode != tea.MouseModeNone)
	m.d.show(v.Content, m.width, m.height)
	return m, cmd
}

// linesModel is a model that gives its view as lines too (the kiosk): a
// key's frame is then compared line by line as the model drew it, never
// joined into one string by the model and split again here. Its lines must
// be View's content split at its newlines, and taps whether View asks for
// the mouse.
type linesModel interface {
	ViewLines() (lines []string, taps bool)
}

// View implements tea.Model: the drawer has the view already.
func (m drawnModel) View() tea.View { return tea.View{} }
