package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// driver feeds key presses to a model and runs the commands it returns
// synchronously, as the Bubble Tea runtime would, so a test reads like a
// person's keystrokes. Commands that block (timers) are dropped after a short
// wait; a test that needs a timer delivers its message itself.
type driver struct {
	t    *testing.T
	m    tea.Model
	quit bool // the model returned tea.Quit
	raw  []string
}

func newDriver(t *testing.T, m tea.Model, width, height int) *driver {
	t.Helper()
	d := &driver{t: t, m: m}
	d.run(m.Init())
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	return d
}

var cmdSliceType = reflect.TypeOf([]tea.Cmd(nil))

// send delivers msg and every message its commands produce.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	d.run(cmd)
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
	case <-time.After(20 * time.Millisecond):
		return // a timer: its goroutine ends when it fires
	}
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
	d.send(msg)
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

func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "down": tea.KeyDown, "up": tea.KeyUp, "home": tea.KeyHome,
		"esc": tea.KeyEscape, "space": tea.KeySpace, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	}
	if code, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: code}
	}
	if strings.HasPrefix(k, "ctrl+") {
		return tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl}
	}
	if k == "f2" {
		return tea.KeyPressMsg{Code: tea.KeyF2}
	}
	if k == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the current view without colours or styles.
func (d *driver) screen() string {
	return ansi.Strip(d.m.View().Content)
}

// expect fails unless the screen shows every one of texts.
func (d *driver) expect(texts ...string) {
	d.t.Helper()
	s := d.screen()
	for _, txt := range texts {
		if !strings.Contains(s, txt) {
			d.t.Fatalf("screen lacks %q; it shows:\n%s", txt, s)
		}
	}
}
