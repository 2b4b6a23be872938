package cli

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/internal/testkit"
	gossh "golang.org/x/crypto/ssh"
)

// waitForFile waits (at most 10 s) until path exists.
func waitForFile(t *testing.T, path, what string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no %s in 10 s", what, path)
		}
	}
}

// waitForEnd waits (at most 10 s) for a command's exit code and wants 0.
func waitForEnd(t *testing.T, ended <-chan int, what string) {
	t.Helper()
	select {
	case code := <-ended:
		if code != 0 {
			t.Fatalf("%s ended with %d", what, code)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not end on q", what)
	}
}

// With the admin screen open on the database (no kiosk or server holds
// it), the other commands still run, through the screen's process, and
// what they change is there when it ends; its socket goes with it.
func TestCommandsRunBesideTheAdminScreen(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "a.db"))
	keys, typed := io.Pipe()
	defer typed.Close()
	ended := make(chan int, 1)
	go func() { ended <- Main([]string{"admin", "--db", dbPath}, keys, io.Discard, io.Discard) }()
	waitForFile(t, controlSocket(dbPath), "the admin screen's control socket")
	out, stderr, code := run(t, "targets", "set", "implementation=60", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "implementation") {
		t.Fatalf("targets set beside the admin screen: exit %d\n%s%s", code, out, stderr)
	}
	typed.Write([]byte("q"))
	waitForEnd(t, ended, "the admin screen")
	if _, err := os.Stat(controlSocket(dbPath)); !os.IsNotExist(err) {
		t.Errorf("the control socket outlived the admin screen: %v", err)
	}
	if sv := surveyJSON(t, dbPath, "2026"); sv["targets"].(map[string]any)["implementation"] != 60.0 {
		t.Errorf("the target set beside the screen: %v", sv["targets"])
	}
}

// A second admin screen joins the one that holds the database, over its
// loopback listener, and is drawn by it; that listener takes the local
// admin key only and serves no survey; a server started beside it is told
// what holds the database; the address it published goes when the first
// screen ends.
func TestASecondAdminScreenJoinsTheFirst(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "a.db"))
	firstKeys, typeFirst := io.Pipe()
	defer typeFirst.Close()
	firstEnded := make(chan int, 1)
	go func() { firstEnded <- Main([]string{"admin", "--db", dbPath}, firstKeys, io.Discard, io.Discard) }()
	waitForFile(t, adminAddrFile(dbPath), "the first admin screen's address")

	secondKeys, typeSecond := io.Pipe()
	defer typeSecond.Close()
	var second, secondErr testkit.LockedBuffer
	secondEnded := make(chan int, 1)
	go func() { secondEnded <- Main([]string{"admin", "--db", dbPath}, secondKeys, &second, &secondErr) }()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(second.String(), "BerAKHLAK · Admin"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the second admin screen showed no admin screen in 10 s:\n%q\n%s", second.String(), secondErr.String())
		}
	}

	addr := testkit.ReadText(t, adminAddrFile(dbPath))
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Errorf("the admin screen listens on %q, not on loopback", addr)
	}
	if c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{gossh.PublicKeys(newSigner(t))},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second}); err == nil {
		c.Close()
		t.Error("the admin screen's listener took an admin key other than the local one")
	}
	respondent, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "survei", Auth: []gossh.AuthMethod{noPassword()},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	told := refusal(respondent)
	respondent.Close()
	if !strings.Contains(told, "the survey is not served here") {
		t.Errorf("a respondent at the admin screen's listener was told %q", told)
	}

	// A kiosk or server started now is told what holds the database.
	if _, stderr, code := run(t, "serve", "--listen", "127.0.0.1:0", "--db", dbPath); code == 0 ||
		!strings.Contains(stderr, "holds the database: an admin screen (process "+strconv.Itoa(os.Getpid())+")") {
		t.Errorf("serve beside the admin screen: exit %d, %s", code, stderr)
	}

	typeSecond.Write([]byte("q"))
	waitForEnd(t, secondEnded, "the second admin screen")
	if _, err := os.Stat(adminAddrFile(dbPath)); err != nil {
		t.Errorf("the second screen's end took the first's address: %v", err)
	}
	typeFirst.Write([]byte("q"))
	waitForEnd(t, firstEnded, "the first admin screen")
	if _, err := os.Stat(adminAddrFile(dbPath)); !os.IsNotExist(err) {
		t.Errorf("the address outlived the admin screen that published it: %v", err)
	}
	if log := testkit.ReadText(t, logPath(dbPath)); !strings.Contains(log, "admin screen started") || !strings.Contains(log, "admin screen stopped") {
		t.Errorf("DB.log of the admin screen:\n%s", log)
	}
}

// An admin screen whose listener cannot start (its host key unreadable)
// still shows, says why in its log, and publishes no address.
func TestAnAdminScreenWithoutItsListener(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "a.db"))
	if err := os.Mkdir(hostKeyPath(dbPath), 0o700); err != nil {
		t.Fatal(err)
	}
	keys, typed := io.Pipe()
	defer typed.Close()
	ended := make(chan int, 1)
	go func() { ended <- Main([]string{"admin", "--db", dbPath}, keys, io.Discard, io.Discard) }()
	logged := func() string { text, _ := os.ReadFile(logPath(dbPath)); return string(text) } // none yet at first
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logged(), "no SSH listener for a second admin screen"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("DB.log does not say why there is no listener:\n%s", logged())
		}
	}
	typed.Write([]byte("q"))
	waitForEnd(t, ended, "the admin screen")
	if _, err := os.Stat(adminAddrFile(dbPath)); !os.IsNotExist(err) {
		t.Errorf("an address was published without a listener: %v", err)
	}
}
