package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
)

// runIn runs a command line in dir (relative paths resolve there).
func runIn(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	t.Chdir(dir)
	return run(t, args...)
}

// TestEveryCommandWhileHeld runs the same command lines on two identical
// databases, one free and one held by a running process (its control
// socket, as a kiosk or server has): output, errors and exit codes are the
// same byte for byte, and so are the files written; what a command changes
// in the held database is there for the holder.
func TestEveryCommandWhileHeld(t *testing.T) {
	free, held := t.TempDir(), t.TempDir()
	responses, _ := sampleJSONL(t, 31, map[string]int{"setjen": 12, "itjen": 6}, "asn")
	more, _ := sampleJSONL(t, 32, map[string]int{"setjen": 5}, "asn")
	for _, dir := range []string{free, held} {
		os.WriteFile(filepath.Join(dir, "org.csv"), []byte(orgCSV), 0o600)
		os.WriteFile(filepath.Join(dir, "org2.csv"), []byte(orgCSV+"biro,setjen,Biro,12\n"), 0o600)
		data, _ := os.ReadFile(responses)
		os.WriteFile(filepath.Join(dir, "r.jsonl"), data, 0o600)
		data, _ = os.ReadFile(more)
		os.WriteFile(filepath.Join(dir, "more.jsonl"), data, 0o600)
		for _, setup := range [][]string{{"init"}, {"org", "import", "org.csv"}, {"import", "r.jsonl"}} {
			if _, stderr, code := runIn(t, dir, append(setup, "--db", "s.db")...); code != 0 {
				t.Fatalf("%v: %s", setup, stderr)
			}
		}
	}
	store := holdDB(t, filepath.Join(held, "s.db"))
	stop, err := serveControl(store, "a kiosk", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	commands := [][]string{
		{"scores", "--json"},
		{"scores", "--unit", "setjen"},
		{"scores", "--unit", "nowhere"},
		{"survey", "list", "--json"},
		{"survey", "create", "2027"},
		{"survey", "set", "2026", "--k", "6"},
		{"targets", "propose", "--from", "2026", "--to", "2027"},
		{"targets", "set", "--survey", "2027", "--unit", "setjen", "--allow-decline", "engagement=61.5"},
		{"targets", "unset", "--survey", "2027", "--unit", "setjen", "implementation"},
		{"targets", "show", "--survey", "2027", "--unit", "setjen", "--json"},
		{"org", "import", "org2.csv"},
		{"import", "more.jsonl"},
		{"import", "missing.jsonl"},
		{"export", "--format", "jsonl"},
		{"export", "--format", "csv", "--out", "out.csv"},
		{"verify"},
		{"report", "--out", "r.html", "--lang", "en"},
		{"codes", "generate", "--unit", "setjen", "--count", "3", "--out", "c.csv"},
		{"org", "export"},
		{"export", "--format", "plans-csv"},
		{"scores", "--json"},
	}
	for _, args := range commands {
		args = append(args, "--db", "s.db")
		outFree, errFree, codeFree := runIn(t, free, args...)
		outHeld, errHeld, codeHeld := runIn(t, held, args...)
		if outFree != outHeld || errFree != errHeld || codeFree != codeHeld {
			t.Errorf("%v differs when held:\nfree (exit %d): %s%s\nheld (exit %d): %s%s", args, codeFree, outFree, errFree, codeHeld, outHeld, errHeld)
		}
	}
	for _, file := range []string{"out.csv", "out.codebook.csv", "r.html"} {
		a, _ := os.ReadFile(filepath.Join(free, file))
		b, err := os.ReadFile(filepath.Join(held, file))
		if err != nil || string(a) != string(b) {
			t.Errorf("%s differs when written by the holding process (%v)", file, err)
		}
	}
	// The holder sees what the commands changed.
	if n, _ := store.CountResponses(); n != 23 {
		t.Errorf("the holder's store has %d responses, want 23", n)
	}
	if sv, ok, _ := store.Survey("2026"); !ok || sv.K != 6 {
		t.Errorf("the holder's survey 2026: %+v", sv)
	}
	// An organisation change made while held reaches open admin screens as
	// an event (their source subscribes to the store).
	events, unsubscribe := store.Subscribe()
	defer unsubscribe()
	if _, stderr, code := runIn(t, held, "org", "import", "org.csv", "--db", "s.db"); code != 0 {
		t.Fatalf("org import while held: %s", stderr) // biro, dropped again, holds no response
	}
	select {
	case <-events:
	case <-time.After(2 * time.Second):
		t.Error("an organisation change while held reached no admin screen")
	}
	// What only a stopped kiosk may do is refused, saying why.
	t.Chdir(held)
	var out, errb strings.Builder
	if code := Main([]string{"kiosk", "pin", "--db", "s.db"}, strings.NewReader("2468\n2468\n"), &out, &errb); code == 0 || !strings.Contains(errb.String(), "stop it, set the PIN") {
		t.Errorf("kiosk pin while held: exit %d, %s", code, errb.String())
	}
}

// TestTwoDatabasesInOneFolderShareNothing: the host key, admin key and log
// of each database carry its name; a host key of the former shared name is
// taken over by the first database (its fingerprint stays), not shared on.
func TestTwoDatabasesInOneFolderShareNothing(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, sharedHostKey)
	os.WriteFile(shared, []byte("old key"), 0o600)
	var log strings.Builder
	if err := adoptSharedHostKey(filepath.Join(dir, "a.db"), &log); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(hostKeyPath(filepath.Join(dir, "a.db"))); string(data) != "old key" || !strings.Contains(log.String(), "same fingerprint") {
		t.Fatalf("the shared host key was not taken over: %q, %q", data, log.String())
	}
	a, b := newDB(t, filepath.Join(dir, "a.db")), newDB(t, filepath.Join(dir, "b.db"))
	for _, name := range []func(string) string{logPath, hostKeyPath, adminKeyPath, controlSocket, db.CodeKeyPath, natsAuthDir, adminAddrFile} {
		if name(a) == name(b) || filepath.Dir(name(a)) != dir {
			t.Errorf("two databases share %s", name(a))
		}
	}
}

// holdDB opens the database at path as a kiosk or server holds it, until
// the test ends; meanwhile another opening finds it locked after 100 ms,
// not after the default wait.
func holdDB(t *testing.T, path string) *db.Store {
	t.Helper()
	old := db.LockTimeout
	db.LockTimeout = 100 * time.Millisecond
	t.Cleanup(func() { db.LockTimeout = old })
	store, err := db.Open(path, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// A process that finds the database held is told what holds it when the
// holder answers on its control socket, and the plain reason when it serves
// none.
func TestWhatHoldsTheDatabase(t *testing.T) {
	path := newDB(t, filepath.Join(t.TempDir(), "s.db"))
	store := holdDB(t, path)
	g := &globals{dbPath: path}
	if _, err := g.openStore(); !errors.Is(err, db.ErrLocked) || strings.Contains(err.Error(), "(process ") {
		t.Errorf("held by a process with no control socket: %v", err)
	}
	stop, err := serveControl(store, "berakhlak serve", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	want := "holds the database: berakhlak serve (process " + strconv.Itoa(os.Getpid()) + ")"
	if _, err := g.openStore(); !errors.Is(err, db.ErrLocked) || !strings.Contains(err.Error(), want) {
		t.Errorf("held by a server: %v", err)
	}
}
