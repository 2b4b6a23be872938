package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// With the admin screen open on the database (no kiosk or server holds
// it), the other commands still run, through the screen's process, and
// what they change is there when it ends; its socket goes with it.
func TestCommandsRunBesideTheAdminScreen(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "a.db"))
	keys, typed := io.Pipe()
	defer typed.Close()
	ended := make(chan int, 1)
	go func() { ended <- Main([]string{"admin", "--db", dbPath}, keys, io.Discard, io.Discard) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(controlSocket(dbPath)); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the admin screen opened no control socket in 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	out, stderr, code := run(t, "targets", "set", "implementation=60", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "implementation") {
		t.Fatalf("targets set beside the admin screen: exit %d\n%s%s", code, out, stderr)
	}
	typed.Write([]byte("q"))
	select {
	case code := <-ended:
		if code != 0 {
			t.Fatalf("admin ended with %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the admin screen did not end on q")
	}
	if _, err := os.Stat(controlSocket(dbPath)); !os.IsNotExist(err) {
		t.Errorf("the control socket outlived the admin screen: %v", err)
	}
	if sv := surveyJSON(t, dbPath, "2026"); sv["targets"].(map[string]any)["implementation"] != 60.0 {
		t.Errorf("the target set beside the screen: %v", sv["targets"])
	}
}
