package testkit

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
)

// Screen is a terminal emulator a program's output is written into, read as
// a person would see it. vt's emulator does not guard String; Screen does.
type Screen struct {
	mu   sync.Mutex
	term *vt.Emulator
}

// NewScreen is a width × height terminal. The emulator's replies to a
// program's queries are discarded.
func NewScreen(width, height int) *Screen {
	s := &Screen{term: vt.NewEmulator(width, height)}
	go io.Copy(io.Discard, s.term)
	return s
}

func (s *Screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.term.Write(p)
}

// Text is what the screen shows now.
func (s *Screen) Text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.term.String()
}

// WaitFor fails the test unless the screen shows text within the time.
func (s *Screen) WaitFor(t testing.TB, text string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if strings.Contains(s.Text(), text) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %q within %s; the screen shows:\n%s", text, within, s.Text())
}

// Resize makes the screen width × height, as a terminal window resized.
func (s *Screen) Resize(width, height int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.term.Resize(width, height)
}
