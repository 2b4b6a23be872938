package sshserver

import (
	"io"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// A session's screen is drawn by a drawer, not by Bubble Tea's renderer.
// Bubble Tea v2.1.1 redraws each program on a 60 Hz ticker whether or not
// its view changed, so every idle session cost CPU every second and a key's
// screen waited for the next tick. A drawer draws when the view changed,
// right away in the Update that changed it, at most once per minFrame (a
// view that changes sooner is drawn by a timer when the frame is due, with
// whatever changed meanwhile); nothing runs while nothing changes. It diffs
// frames with ultraviolet's terminal renderer, the one Bubble Tea's renderer
// uses.

// minFrame is the shortest time between two frames: keys typed faster (a
// paste, a burst) are drawn together. At 1/120 s most keys of a quick typist
// waited for a timer; 2 ms draws nearly every key at once and still folds a
// burst into one frame (BENCHMARKS.md, issue 18).
const minFrame = 2 * time.Millisecond

// drawer draws one session's frames.
type drawer struct {
	mu            sync.Mutex // guards what follows and every write to out
	out           io.Writer
	scr           *uv.TerminalRenderer
	content       string // the latest view
	width, height int
	drawn         string // the content on the terminal
	drawnW        int
	drawnH        int
	lastFrame     time.Time
	minFrame      time.Duration // minFrame, but for tests
	due           *time.Timer   // a frame waiting for minFrame to pass; nil when none
	started       bool
	closed        bool
}

// sessionDrawer returns the drawer of a session with a terminal.
func sessionDrawer(sess ssh.Session) *drawer {
	pty, _, _ := sess.Pty()
	return newDrawer(sess, append(sess.Environ(), "TERM="+pty.Term), pty.Window.Width, pty.Window.Height)
}

// newDrawer returns a drawer writing to out, a terminal described by env.
func newDrawer(out io.Writer, env []string, width, height int) *drawer {
	d := &drawer{out: out, width: width, height: height, minFrame: minFrame}
	d.scr = uv.NewTerminalRenderer(out, env) // it writes only while mu is held
	d.scr.SetColorProfile(colorprofile.Env(env))
	d.scr.SetMapNewline(true) // the session's terminal is emulated: no line discipline maps \n
	return d
}

// output is the session's output as Bubble Tea writes to it (the escape
// sequences it sends itself): it takes the drawer's lock, so those writes and
// the drawer's frames never interleave.
func (d *drawer) output() io.Writer { return lockedWriter{d} }

type lockedWriter struct{ d *drawer }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.d.mu.Lock()
	defer w.d.mu.Unlock()
	return w.d.out.Write(p)
}

// show takes the latest view and size and draws them, now or when the next
// frame is due.
func (d *drawer) show(content string, width, height int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.content, d.width, d.height = content, width, height
	if d.closed || d.due != nil || !d.changed() {
		return // unchanged, or a frame is already waiting and will draw this
	}
	if wait := d.minFrame - time.Since(d.lastFrame); wait > 0 {
		d.due = time.AfterFunc(wait, d.drawDue)
		return
	}
	d.draw()
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
	return !d.started || d.content != d.drawn || d.width != d.drawnW || d.height != d.drawnH
}

// draw puts the latest view on the terminal, writing only what changed;
// mu is held.
func (d *drawer) draw() {
	if !d.started {
		d.scr.EnterAltScreen()
		d.scr.WriteString(ansi.HideCursor + ansi.SetModeBracketedPaste)
		d.started = true
	}
	if d.width != d.drawnW || d.height != d.drawnH {
		d.scr.Resize(d.width, d.height)
		d.scr.Erase()
	}
	frame := scratchFrame(d.width, d.height)
	uv.NewStyledString(d.content).Draw(frame, frame.Bounds())
	d.scr.Render(frame.RenderBuffer) // the renderer keeps its own copy of the screen
	frames.Put(frame.RenderBuffer)
	d.scr.Flush() // a closed session fails the write; the program is ending then
	d.drawn, d.drawnW, d.drawnH = d.content, d.width, d.height
	d.lastFrame = time.Now()
}

// frames are the scratch buffers a frame is drawn into before the renderer
// diffs it: shared by all sessions (a frame lives only inside draw), rather
// than one per session, which held ~360 KB per idle session at 100×30.
var frames sync.Pool

// scratchFrame returns an empty frame of width × height.
func scratchFrame(width, height int) uv.ScreenBuffer {
	kept, ok := frames.Get().(*uv.RenderBuffer)
	if !ok {
		return uv.NewScreenBuffer(width, height)
	}
	frame := uv.ScreenBuffer{RenderBuffer: kept, Method: ansi.WcWidth} // as NewScreenBuffer makes it
	if frame.Width() != width || frame.Height() != height {
		frame.Resize(width, height)
	}
	frame.Touched = nil
	frame.Clear()
	return frame
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
		d.scr.ExitAltScreen()
		d.scr.WriteString(ansi.ShowCursor + ansi.ResetModeBracketedPaste)
		d.scr.Flush()
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
	m.d.show(m.Model.View().Content, m.width, m.height)
	return m, cmd
}

// View implements tea.Model: the drawer has the view already.
func (m drawnModel) View() tea.View { return tea.View{} }
