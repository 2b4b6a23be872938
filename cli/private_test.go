package cli

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFilesWithResponsesOrCodesArePrivate: with a umask that lets anyone
// read new files, every file holding responses, codes or keys is still
// created 0600 — and one that existed with a wider mode is narrowed.
func TestFilesWithResponsesOrCodesArePrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "p.db"))
	file, _ := sampleJSONL(t, 9, map[string]int{"root": 6}, "asn")
	if _, stderr, code := run(t, "import", file, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	csvPath := filepath.Join(dir, "out.csv")
	os.WriteFile(csvPath, []byte("old"), 0o666) // an earlier export left open to all
	commands := [][]string{
		{"export", "--format", "csv", "--out", csvPath},
		{"export", "--format", "jsonl", "--out", filepath.Join(dir, "out.jsonl")},
		{"export", "--bundle", filepath.Join(dir, "kiosk.bundle")},
		{"codes", "generate", "--unit", "root", "--count", "5", "--out", filepath.Join(dir, "codes.csv")},
		{"backup", filepath.Join(dir, "copy.db")},
		{"keys", "init", "--out", filepath.Join(dir, "agency.key")},
	}
	for _, args := range commands {
		if _, stderr, code := run(t, append(args, "--db", dbPath)...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	_, first, err := loadOrCreateTransitKey(dbPath) // as serve --nats… does
	if err != nil {
		t.Fatal(err)
	}
	if _, again, _ := loadOrCreateTransitKey(dbPath); again != first {
		t.Errorf("a restart changed the transit key: %s, then %s", first, again)
	}
	for _, name := range []string{"p.db", "out.csv", "out.codebook.csv", "out.jsonl", "kiosk.bundle", "codes.csv", "codes.sheet.txt", "copy.db", "agency.key", "p.db.transit.key"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if mode := info.Mode().Perm(); mode != 0o600 {
			t.Errorf("%s is %#o, want 0600", name, mode)
		}
	}
}

// TestControlSocketIsPrivateFromTheStart: with a umask that leaves new files
// open to all, the control socket is still created 0600.
func TestControlSocketIsPrivateFromTheStart(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	sock := filepath.Join(t.TempDir(), "s.db.ctl")
	ln, err := listenPrivate(sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	info, err := os.Stat(sock)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Fatalf("control socket is %#o, want 0600", mode)
	}
}
