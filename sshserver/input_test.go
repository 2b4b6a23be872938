package sshserver

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/berakhlak/berakhlak/internal/testkit"
	gossh "golang.org/x/crypto/ssh"
)

// slow takes a millisecond per key, as a busy survey page might: a paste
// piles up behind it.
type slow struct{}

func (slow) Init() tea.Cmd { return nil }
func (slow) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		time.Sleep(time.Millisecond)
	}
	return slow{}, nil
}
func (slow) View() tea.View { return tea.NewView("ready") }

func settledGoroutines(want int, within time.Duration) int {
	deadline := time.Now().Add(within)
	for {
		runtime.GC()
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}

// pasteSession connects, waits for the first screen, pastes size bytes and
// returns the open session and client.
func pasteSession(t *testing.T, s *Server, size int) (*gossh.Session, *gossh.Client) {
	t.Helper()
	c, err := dialFrom(t, s, "127.0.0.1", UserRespondent, noPassword())
	if err != nil {
		t.Fatal(err)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{})
	in, _ := sess.StdinPipe()
	out := &testkit.LockedBuffer{}
	sess.Stdout = out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(out.String(), "ready"); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no first screen")
		}
	}
	if _, err := in.Write(bytes.Repeat([]byte("x"), size)); err != nil {
		t.Fatal(err)
	}
	return sess, c
}

// TestPastesAreBoundedAndFreed: 100 sessions each paste 1 MB into a program
// that takes a millisecond per key and leave; afterwards no goroutine of
// theirs is left. One 10 MB paste costs a bounded amount of heap while the
// session runs, and nothing once it has ended.
func TestPastesAreBoundedAndFreed(t *testing.T) {
	s, _ := testServer(t, Config{PerAddress: 200})
	s.cfg.Respondent = func(ssh.Session) tea.Model { return slow{} }
	base := settledGoroutines(0, 0)
	heapBase := heapInUse()

	for range 100 {
		sess, c := pasteSession(t, s, 1<<20)
		sess.Close()
		c.Close()
	}
	if n := settledGoroutines(base+5, 10*time.Second); n > base+5 {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines after 100 pasting sessions ended, %d before:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}

	sess, c := pasteSession(t, s, 10<<20)
	during := heapInUse() - heapBase
	sess.Close()
	c.Close()
	settledGoroutines(base+5, 10*time.Second)
	after := heapInUse() - heapBase
	t.Logf("heap beyond the start: %.1f MB during a 10 MB paste, %.1f MB after the session", float64(during)/(1<<20), float64(after)/(1<<20))
	if during > 16<<20 {
		t.Errorf("a 10 MB paste held %.1f MB of heap", float64(during)/(1<<20))
	}
	if after > 4<<20 {
		t.Errorf("%.1f MB of heap stayed after the pasting session ended", float64(after)/(1<<20))
	}
}

// TestBoundedBufferDropsWhatDoesNotFit: writes beyond the bound are dropped,
// not kept; reads see what fitted, then EOF once closed.
func TestBoundedBufferDropsWhatDoesNotFit(t *testing.T) {
	b := newBoundedBuffer(8)
	if n, err := b.Write([]byte("0123456789abcdef")); n != 16 || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	b.Write([]byte("more"))
	b.Close()
	var got bytes.Buffer
	got.ReadFrom(b)
	if got.String() != "01234567" {
		t.Fatalf("read %q, want the first 8 bytes", got.String())
	}
}
