package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/charmbracelet/x/ansi"
)

// driver feeds key presses to a model and runs the commands it returns, as
// the Bubble Tea runtime would, so a test reads like a person's keystrokes.
// A command that answers within a few milliseconds is handled at once; a
// slower one (a timer, or a save under -race) delivers its message when it
// finishes, before the next key or while expect waits. Long timers (idle,
// thank-you) do not fire within a test; a test that needs one sends its
// message itself.
type driver struct {
	t    *testing.T
	m    tea.Model
	quit bool // the model returned tea.Quit
	raw  []string
	late chan tea.Msg
	// pasting: keys come in one burst (pasteKeys), not typed.
	pasting bool
}

func newDriver(t *testing.T, m tea.Model, width, height int) *driver {
	t.Helper()
	d := &driver{t: t, m: m, late: make(chan tea.Msg, 1024)}
	if k, ok := m.(*Kiosk); ok {
		// Keys are typed a tenth of a second apart, unless pasted.
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		k.keyClock = func() time.Time {
			if !d.pasting {
				at = at.Add(100 * time.Millisecond)
			}
			return at
		}
	}
	d.run(m.Init())
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	return d
}

var cmdSliceType = reflect.TypeOf([]tea.Cmd(nil))

// send delivers msg and every message its commands produce, after any
// message of a slow command that has finished meanwhile.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	d.pump()
	d.deliver(msg)
}

func (d *driver) deliver(msg tea.Msg) {
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	d.run(cmd)
}

// pump delivers the messages of slow commands that have finished.
func (d *driver) pump() {
	for {
		select {
		case msg := <-d.late:
			d.handle(msg)
		default:
			return
		}
	}
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Millisecond):
		go func() { d.late <- <-done }() // delivered by pump when it comes
		return
	}
	d.handle(msg)
}

// quitSoon says whether the program asks to quit, waiting (at most 5 s)
// for commands still running: on a loaded machine tea.Quit itself can
// take longer than run waits before it hands a command to pump.
func (d *driver) quitSoon() bool {
	deadline := time.After(5 * time.Second)
	for !d.quit {
		select {
		case msg := <-d.late:
			d.handle(msg)
		case <-deadline:
			return false
		}
	}
	return true
}

// handle delivers a command's message, expanding batches and sequences.
func (d *driver) handle(msg tea.Msg) {
	if msg == nil {
		return
	}
	// tea.Batch and tea.Sequence hand back slices of commands.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdSliceType) {
		for _, c := range v.Convert(cmdSliceType).Interface().([]tea.Cmd) {
			d.run(c)
		}
		return
	}
	if _, quit := msg.(tea.QuitMsg); quit {
		d.quit = true
		return
	}
	if raw, ok := msg.(tea.RawMsg); ok {
		d.raw = append(d.raw, fmt.Sprint(raw.Msg)) // what would be written to the terminal
		return
	}
	d.deliver(msg)
}

// key sends one key press given as text ("a", "1") or a name ("enter", "down").
func (d *driver) key(k string) {
	d.t.Helper()
	d.send(keyMsg(k))
}

func (d *driver) keys(ks ...string) {
	d.t.Helper()
	for _, k := range ks {
		d.key(k)
	}
}

// pasteKeys sends keys as a paste that is not bracketed delivers them: all
// at once, no time between them.
func (d *driver) pasteKeys(ks ...string) {
	d.t.Helper()
	d.key(ks[0])
	d.pasting = true
	defer func() { d.pasting = false }()
	d.keys(ks[1:]...)
}

// keyMsg is the key press for a key name (testkit's names).
func keyMsg(k string) tea.KeyPressMsg { return testkit.Press(k) }

// screen is the current view without colours or styles.
func (d *driver) screen() string {
	return ansi.Strip(d.m.View().Content)
}

// waitUntil waits (up to 5 s, delivering slow commands' messages) until
// cond holds, and fails if it does not.
func (d *driver) waitUntil(what string, cond func() bool) {
	d.t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			d.t.Fatalf("%s did not happen; the screen shows:\n%s", what, d.screen())
		}
		d.pump()
	}
}

// expect waits (up to 5 s, delivering slow commands' messages) until the
// screen shows every one of texts, and fails if it does not.
func (d *driver) expect(texts ...string) {
	d.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		d.pump()
		s := d.screen()
		missing := ""
		for _, txt := range texts {
			if !strings.Contains(s, txt) {
				missing = txt
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("screen lacks %q; it shows:\n%s", missing, s)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
